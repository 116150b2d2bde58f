#!/usr/bin/env python3
"""Writes the fmt_* export variants of data/sample/audits.csv: the same audits in the encodings,
separators, date-times and label spellings that case-management systems and Excel write.

Each variant loads to a set equal to the sample's (tests/cpp/io/test_export_formats.cpp and
tests/python/test_export_formats.py assert it), except where its name says it fails, and except
fmt_windows1252*, which carry a team and an auditor spelt with characters outside ASCII ('é',
'’'): they equal fmt_windows1252_expected.csv, the same change made in UTF-8.

Run from the repository root: python3 tests/data/exports/make_formats.py
"""
import csv
import io
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[3]
OUT = pathlib.Path(__file__).resolve().parent
SAMPLE = ROOT / "data" / "sample" / "audits.csv"


def rows():
    with SAMPLE.open(newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def text(table, delimiter=",", line_end="\n"):
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator=line_end).writerows(table)
    return out.getvalue()


def write(name, data):
    (OUT / name).write_bytes(data)


def with_dates(table, change):
    """The table with each audit_date (DD/MM/YYYY in the sample) rewritten by change(d, m, y)."""
    at = table[0].index("audit_date")
    out = [table[0]]
    for i, row in enumerate(table[1:]):
        row = list(row)
        d, m, y = row[at].split("/")
        row[at] = change(d, m, y, i)
        out.append(row)
    return out


def with_non_ascii(table):
    """A team and an auditor spelt as exports from Windows spell them."""
    team, auditor = table[0].index("team"), table[0].index("auditor")
    out = [table[0]]
    for row in table[1:]:
        row = list(row)
        if row[team] == "Brambles":
            row[team] = "Brambles Café"
        if row[auditor] == "J. Thornton":
            row[auditor] = "J. O’Thornton"
        out.append(row)
    return out


def main():
    table = rows()
    sample = text(table)
    # Encodings.
    write("fmt_utf8_bom.csv", b"\xef\xbb\xbf" + sample.encode("utf-8"))
    write("fmt_utf16le.csv", b"\xff\xfe" + text(table, line_end="\r\n").encode("utf-16-le"))
    write("fmt_utf16be.csv", b"\xfe\xff" + sample.encode("utf-16-be"))
    # Excel's "Unicode Text": UTF-16 LE with a byte-order mark, tab-separated, CRLF.
    write("fmt_utf16le_tab.txt",
          b"\xff\xfe" + text(table, "\t", "\r\n").encode("utf-16-le"))
    accented = text(with_non_ascii(table), line_end="\r\n")
    write("fmt_windows1252.csv", accented.encode("cp1252"))
    write("fmt_windows1252_expected.csv", accented.encode("utf-8"))
    # Separators.
    write("fmt_semicolon.csv", text(table, ";").encode("utf-8"))
    write("fmt_tab.csv", text(table, "\t").encode("utf-8"))
    # Date-times: the day as written, the time dropped.
    write("fmt_datetime_uk.csv", text(with_dates(
        table, lambda d, m, y, i: f"{d}/{m}/{y} {9 + i % 9:02d}:{(7 * i) % 60:02d}")).encode())
    write("fmt_datetime_uk_seconds.csv", text(with_dates(
        table, lambda d, m, y, i: f"{d}/{m}/{y} {i % 24}:{(7 * i) % 60:02d}:{i % 60:02d}")).encode())
    write("fmt_datetime_iso.csv", text(with_dates(
        table, lambda d, m, y, i: f"{y}-{m}-{d} {i % 24:02d}:{(7 * i) % 60:02d}:00")).encode())
    write("fmt_datetime_iso_t.csv", text(with_dates(
        table, lambda d, m, y, i: f"{y}-{m}-{d}T{i % 24:02d}:{(11 * i) % 60:02d}")).encode())
    write("fmt_datetime_iso_fraction.csv", text(with_dates(
        table, lambda d, m, y, i: f"{y}-{m}-{d} {i % 24:02d}:30:00.000")).encode())
    # Labels: grades followed by a no-break space (U+00A0), a figure space (U+2007) or a narrow
    # no-break space (U+202F), as HTML-to-CSV exports leave them.
    spaces = ["\u00a0", "\u2007", "\u202f"]
    grade_columns = [c for c, name in enumerate(table[0])
                     if name in ("grade", "moderated_grade") or name.startswith("domain:")]
    nbsp = [table[0]]
    for i, row in enumerate(table[1:]):
        row = list(row)
        for c in grade_columns:
            if row[c]:
                row[c] = row[c] + spaces[(i + c) % 3]
        nbsp.append(row)
    write("fmt_nbsp.csv", text(nbsp).encode("utf-8"))
    # A dash for not applicable: equal to the sample once the scale lists "-" as N/A.
    dash = [table[0]]
    for row in table[1:]:
        dash.append([("-" if (c in grade_columns and v == "N/A") else v)
                     for c, v in enumerate(row)])
    write("fmt_dash_na.csv", text(dash).encode("utf-8"))
    # Failures, each with its exact message asserted.
    bad_time = with_dates(table, lambda d, m, y, i: f"{d}/{m}/{y} {'25:00' if i == 4 else '10:15'}")
    write("fmt_bad_time.csv", text(bad_time).encode())
    two_digit = with_dates(table, lambda d, m, y, i: f"{d}/{m}/{y[2:]}")
    write("fmt_two_digit_year.csv", text(two_digit).encode())


if __name__ == "__main__":
    main()
