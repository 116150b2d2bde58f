"""The fmt_* export variants from Python: encodings and separators as arguments (or chosen, and
then noted), date-times, no-break spaces; the exact messages of what fails; the same sets as the
sample's, and the same frames as pandas reads from the same bytes."""
from pathlib import Path

import pandas as pd
import pytest

import qaframe

EXPORTS = Path(__file__).resolve().parents[1] / "data" / "exports"


def frame(audits):
    # Categories differ between chunks (each has its own levels): compared as values.
    return audits.to_frame().reset_index(drop=True).astype(object)


@pytest.mark.parametrize("name,notes", [
    ("fmt_utf8_bom.csv", []),
    ("fmt_utf16le.csv", ["read as UTF-16 (its byte-order mark says so)"]),
    ("fmt_utf16be.csv", ["read as UTF-16 (its byte-order mark says so)"]),
    ("fmt_utf16le_tab.txt", ["read as UTF-16 (its byte-order mark says so)",
                             "fields separated by tabs (chosen from the header line)"]),
    ("fmt_semicolon.csv", ["fields separated by semicolons (chosen from the header line)"]),
    ("fmt_tab.csv", ["fields separated by tabs (chosen from the header line)"]),
    ("fmt_datetime_uk.csv", []),
    ("fmt_datetime_uk_seconds.csv", []),
    ("fmt_datetime_iso.csv", []),
    ("fmt_datetime_iso_t.csv", []),
    ("fmt_datetime_iso_fraction.csv", []),
    ("fmt_nbsp.csv", []),
])
def test_each_variant_is_the_sample(sample, name, notes):
    path = EXPORTS / name
    audits = qaframe.read_audits(path)
    assert audits == sample
    assert audits.read_notes == [f"{path}: {n}" for n in notes]
    chunks = list(qaframe.read_audits_chunked(path, rows=25))
    assert [len(c) for c in chunks] == [25, 25, 25, 25, 18]
    assert chunks[0].read_notes == audits.read_notes
    pd.testing.assert_frame_equal(
        pd.concat([frame(c) for c in chunks], ignore_index=True), frame(sample))


def test_the_encoding_and_separator_given_are_used(sample):
    assert qaframe.read_audits(EXPORTS / "fmt_utf16be.csv", encoding="utf-16",
                               delimiter=",") == sample
    assert qaframe.read_audits(EXPORTS / "fmt_semicolon.csv", delimiter=";").read_notes == []
    with pytest.raises(qaframe.DataError):
        qaframe.read_audits(EXPORTS / "fmt_semicolon.csv", delimiter=",")
    with pytest.raises(ValueError, match=r"^encoding: unknown encoding 'latin-1' \(accepted: "
                                         r"auto, utf-8, windows-1252, utf-16\)$"):
        qaframe.read_audits(EXPORTS / "fmt_semicolon.csv", encoding="latin-1")
    with pytest.raises(ValueError, match=r"^delimiter: unknown delimiter '\|'"):
        qaframe.read_audits(EXPORTS / "fmt_semicolon.csv", delimiter="|")


def test_windows_1252_equals_the_same_names_in_utf8_and_pandas():
    path = EXPORTS / "fmt_windows1252.csv"
    audits = qaframe.read_audits(path, encoding="windows-1252")
    assert audits == qaframe.read_audits(EXPORTS / "fmt_windows1252_expected.csv")
    theirs = pd.read_csv(path, encoding="cp1252", dtype=str)
    ours = frame(audits)
    assert ours["team"].astype(str).tolist() == theirs["team"].tolist()
    assert ours["auditor"].astype(str).tolist() == theirs["auditor"].tolist()
    assert "Brambles Café" in set(theirs["team"]) and "J. O’Thornton" in set(theirs["auditor"])
    chunks = list(qaframe.read_audits_chunked(path, rows=50, encoding="windows-1252"))
    assert sum(len(c) for c in chunks) == len(audits)


def test_windows_1252_read_as_utf8_says_what_it_looks_like():
    path = EXPORTS / "fmt_windows1252.csv"
    with pytest.raises(qaframe.DataError) as caught:
        qaframe.read_audits(path)
    p = caught.value.problems[0]
    assert (p.line, p.column, p.value) == (2, "auditor", "J. O\\x92Thornton")
    assert p.reason == ("text that is not valid UTF-8 at byte 5 of the value; it looks like "
                        "Windows-1252 (0x92 is '’' there, what Excel's \"CSV (Comma delimited)\" "
                        "writes): read it with encoding = \"windows-1252\", or save the export as "
                        "UTF-8 CSV")


def test_failures_give_their_exact_messages(tmp_path):
    with pytest.raises(qaframe.DataError) as caught:
        qaframe.read_audits(EXPORTS / "fmt_bad_time.csv")
    assert [str(p) for p in caught.value.problems] == [
        f"{EXPORTS / 'fmt_bad_time.csv'}:6: column 'audit_date': value '09/10/2017 25:00': not a "
        "date: the time of day has no hour 25 (0-23)"]
    with pytest.raises(qaframe.DataError) as caught:
        qaframe.read_audits(EXPORTS / "fmt_dash_na.csv")
    assert caught.value.problems[0].reason == (
        "a dash, not a grade: if the export uses it for not applicable, list it under "
        "not_applicable in the profile")
    odd = tmp_path / "odd.csv"
    odd.write_bytes((EXPORTS / "fmt_utf16le.csv").read_bytes()[:-1])
    with pytest.raises(qaframe.DataError) as caught:
        qaframe.read_audits(odd)
    (p,) = caught.value.problems
    assert (p.line, p.column, p.reason) == (
        119, "", f"text that is not valid UTF-16 at byte {odd.stat().st_size - 1} (the file ends "
                 "inside a character: cut off?)")


def test_nbsp_labels_are_escaped_in_messages(write_csv):
    path = write_csv("audit_id,child_id,team,audit_date,grade\nA1,C1,T,01/02/2018,Goodish\u00a0x\n")
    with pytest.raises(qaframe.DataError) as caught:
        qaframe.read_audits(path)
    assert caught.value.problems[0].value == "Goodish\\u00A0x"


def test_workbook_date_times_are_their_days(tmp_path, sample_path, sample):
    """A workbook's audit dates as date-time cells (times of day through the day, 23:59:59 too),
    and as text cells holding date-times: the days written, as in the CSV variants."""
    import datetime as dt

    import openpyxl

    frame = pd.read_csv(sample_path, dtype=str, keep_default_na=False)
    header = list(frame.columns)
    for as_text in (False, True):
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "Audits"
        ws.append(header)
        for i, record in enumerate(frame.itertuples(index=False)):
            row = []
            for name, value in zip(header, record):
                if name == "audit_date":
                    day = dt.datetime.strptime(value, "%d/%m/%Y")
                    when = day + dt.timedelta(seconds=(i * 3607) % 86400 if i else 86399)
                    row.append(when.strftime("%d/%m/%Y %H:%M:%S") if as_text else when)
                else:
                    row.append(value if value != "" else None)
            ws.append(row)
        for row in ws.iter_rows(min_row=2):
            for c in row:
                if isinstance(c.value, dt.datetime):
                    c.number_format = "dd/mm/yyyy hh:mm:ss"
        path = tmp_path / f"datetimes_{as_text}.xlsx"
        wb.save(path)
        assert qaframe.read_audits(path) == sample
