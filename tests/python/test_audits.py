"""The AuditSet API: reading, validation errors, round trips, filters, tallies and display."""

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import qaframe

HEADER = "audit_id,child_id,team,audit_date,grade\n"


# -- grading scales ------------------------------------------------------------------------
def test_ofsted_scale_labels_and_aliases():
    s = qaframe.GradeScale.ofsted()
    assert s.labels == ["Inadequate", "Requires Improvement", "Good", "Outstanding"]
    assert s.parse("RI") == "Requires Improvement"
    assert s.parse("requires improvement to be good") == "Requires Improvement"
    assert s.parse("  requires-IMPROVEMENT ") == "Requires Improvement"
    assert s.parse("good") == "Good"
    for na in ["", "N/A", "NA", "n/a", "Not applicable", "not graded"]:
        assert s.parse(na) is None
    assert s.good_from == "Good"
    assert len(s) == 4


def test_unknown_label_names_it_and_lists_accepted():
    with pytest.raises(qaframe.DataError) as err:
        qaframe.GradeScale.ofsted().parse("Goodish")
    problem = err.value.problems[0]
    assert problem.value == "Goodish"
    # The accepted spellings are said once, after the problems (issue 19), not in each reason.
    (note,) = err.value.notes
    assert "Inadequate, Requires Improvement, Good, Outstanding" in note
    assert "RI (= Requires Improvement)" in note
    assert note in str(err.value)
    assert isinstance(err.value, ValueError)


def test_encode_uses_scale_order_not_alphabetical():
    s = qaframe.GradeScale.ofsted()
    codes = s.encode(["Outstanding", "Good", "RI", "Inadequate", "N/A"])
    assert codes.tolist() == [3, 2, 1, 0, -1]


def test_custom_and_met_scales():
    met = qaframe.GradeScale.met_not_met()
    assert met.labels == ["Not met", "Met"] and met.parse("MET") == "Met"
    rag = qaframe.GradeScale.custom("rag", ["Red", "Amber", "Green"], aliases=[("R", "Red")])
    # Three levels without good_from: only the best is good (issue 19; it was Amber).
    assert rag.parse("r") == "Red" and rag.good_from == "Green"
    with pytest.raises(ValueError, match="would mean both"):
        qaframe.GradeScale.custom("bad", ["Low", "low"])
    with pytest.raises(ValueError, match="unknown level"):
        qaframe.GradeScale.custom("bad", ["A", "B"], aliases=[("x", "C")])
    assert qaframe.as_scale(["Red", "Amber", "Green"]).labels == ["Red", "Amber", "Green"]
    assert qaframe.as_scale("met_not_met") == met
    with pytest.raises(ValueError, match="unknown scale"):
        qaframe.as_scale("stars")


def test_read_with_custom_scale(write_csv):
    path = write_csv(HEADER + "A1,C1,T,2018-01-02,Green\nA2,C2,T,2018-01-03,amber\n")
    audits = qaframe.read_audits(path, scale=["Red", "Amber", "Green"])
    assert audits.crosstab("team").loc["T"].tolist() == [0, 1, 1, 0, 2]
    with pytest.raises(qaframe.DataError):
        qaframe.read_audits(path)  # Green is not an Ofsted grade


# -- bad input ------------------------------------------------------------------------------
def _problems(path, **kwargs):
    with pytest.raises(qaframe.DataError) as err:
        qaframe.read_audits(path, **kwargs)
    return err.value


def test_unknown_grade_names_file_line_column_value(write_csv):
    path = write_csv(HEADER + "A1,C1,T,2018-01-02,Good\nA2,C2,T,2018-01-03,Goodish\n")
    err = _problems(path)
    (p,) = err.problems
    assert (p.source, p.line, p.column, p.value) == (str(path), 3, "grade", "Goodish")
    assert "unknown grade" in p.reason
    assert f"{path}:3: column 'grade': value 'Goodish'" in str(err)


@pytest.mark.parametrize("date, why", [
    ("2018-13-01", "no month 13"),
    ("31/02/2018", "has no day 31"),
    ("02/30/2018", "no month 30"),      # MM/DD is never guessed
    ("2018/01/02", "not a date"),
    ("1st Jan 2018", "expected YYYY-MM-DD"),
    ("", "empty"),
])
def test_bad_dates(write_csv, date, why):
    path = write_csv(HEADER + f"A1,C1,T,{date},Good\n")
    (p,) = _problems(path).problems
    assert (p.line, p.column, p.value) == (2, "audit_date", date)
    assert why in p.reason


def test_uk_dates_are_day_first(write_csv):
    path = write_csv(HEADER + "A1,C1,T,02/03/2018,Good\nA2,C2,T,2018-03-02,Good\nA3,C3,T,1/3/2018,Good\n")
    frame = qaframe.read_audits(path).to_frame()
    assert frame["audit_date"].dt.strftime("%Y-%m-%d").tolist() == ["2018-03-02"] * 2 + ["2018-03-01"]


def test_duplicate_id_names_both_lines(write_csv):
    path = write_csv(HEADER + "A1,C1,T,2018-01-02,Good\nA2,C2,T,2018-01-02,Good\nA1,C3,T,2018-01-02,Good\n")
    (p,) = _problems(path).problems
    assert (p.line, p.column, p.value) == (4, "audit_id", "A1")
    assert "first seen on line 2" in p.reason


def test_missing_columns_all_listed(write_csv):
    path = write_csv("audit_id,team,grade\nA1,T,Good\n")
    (p,) = _problems(path).problems
    assert p.line == 1
    assert "child_id" in p.reason and "audit_date" in p.reason


@pytest.mark.parametrize("row, found", [("A1,C1,T,2018-01-02,Good,extra", 6), ("A1,C1,T,2018-01-02", 4)])
def test_ragged_rows(write_csv, row, found):
    path = write_csv(HEADER + row + "\n")
    (p,) = _problems(path).problems
    assert p.line == 2 and f"expected 5 fields as in the header, found {found}" in p.reason


def test_every_problem_collected_and_limit(write_csv):
    rows = "".join(f"A{i},C{i},T,2018-01-02,Bad{i}\n" for i in range(150))
    path = write_csv(HEADER + rows)
    err = _problems(path)
    assert len(err.problems) == 100 and err.total == 150
    assert [p.line for p in err.problems] == list(range(2, 102))
    err = _problems(path, max_problems=5)
    assert len(err.problems) == 5 and err.total == 150


def test_several_kinds_in_one_pass(write_csv):
    path = write_csv(HEADER + "A1,C1,T,2018-01-02,Good\nA2,,T,2018-01-02,Good\n"
                     "A3,C3,T,13/13/2018,Good\nA4,C4,T,2018-01-02,Great\nA1,C5,T,2018-01-02,Good\n")
    err = _problems(path)
    got = sorted((p.line, p.column) for p in err.problems)
    assert got == [(3, "child_id"), (4, "audit_date"), (5, "grade"), (6, "audit_id")]


def test_empty_and_header_only(write_csv):
    (p,) = _problems(write_csv("")).problems
    assert "empty" in p.reason
    audits = qaframe.read_audits(write_csv(HEADER))
    assert len(audits) == 0
    assert audits.crosstab("team").loc["Total", "Total"] == 0


def test_missing_file():
    with pytest.raises(FileNotFoundError):
        qaframe.read_audits("/nonexistent/audits.csv")


@pytest.mark.parametrize("runner", ["cpp", "python"])
def test_command_line_exit_code_2_lists_every_problem(root, write_csv, runner):
    path = write_csv(HEADER + "A1,C1,T,2018-13-02,Good\nA2,C2,T,2018-01-02,Goodish\nA2,C3,T,2018-01-02,Good\n")
    cmd = [str(root / "build" / "qaframe")] if runner == "cpp" else [sys.executable, "-m", "qaframe"]
    done = subprocess.run(cmd + ["report", str(path)], capture_output=True, text=True,
                          env={"PYTHONPATH": str(root / "python"), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 2
    for line in (2, 3, 4):
        assert f"{path}:{line}:" in done.stderr
    assert done.stdout == ""
    usage = subprocess.run(cmd + ["frobnicate", str(path)], capture_output=True, text=True,
                           env={"PYTHONPATH": str(root / "python"), "PATH": "/usr/bin:/bin"})
    assert usage.returncode == 1 and "unknown command" in usage.stderr


# -- input that must work -------------------------------------------------------------------
def test_bom_crlf_quotes_extra_columns_header_case(write_csv):
    text = ("\ufeffAudit ID,CHILD_ID,Team,Audit Date,Grade,Notes,,\r\n"
            'A1,C1,"Team, North",02/01/2018, RI ,"said ""no""\r\nthen yes",,\r\n'
            "\r\n"
            "A2,C2,South,2018-01-03,Good,,,\r\n")
    audits = qaframe.read_audits(write_csv(text))
    assert audits.columns == ["audit_id", "child_id", "team", "audit_date", "grade", "Notes"]
    frame = audits.to_frame()
    assert frame["team"].tolist() == ["Team, North", "South"]
    assert frame["Notes"].tolist()[0] == 'said "no"\r\nthen yes'
    assert pd.isna(frame["Notes"].tolist()[1])
    assert frame["grade"].tolist() == ["Requires Improvement", "Good"]


# -- round trips ----------------------------------------------------------------------------
def test_csv_round_trip(sample, tmp_path):
    path = tmp_path / "out.csv"
    sample.to_csv(path)
    again = qaframe.read_audits(path)
    assert again == sample
    assert sample.to_csv() == path.read_text()
    assert again.columns == sample.columns


def test_frame_round_trip_and_dtypes(sample):
    frame = sample.to_frame()
    assert len(frame) == 118
    assert frame["grade"].cat.ordered
    assert list(frame["grade"].cat.categories) == sample.scale.labels
    assert frame["grade"].isna().sum() == 25
    assert pd.api.types.is_datetime64_any_dtype(frame["audit_date"])
    again = qaframe.AuditSet.from_frame(frame)
    assert again == sample
    assert not (again != sample)


def test_from_frame_errors_name_rows():
    frame = pd.DataFrame({"audit_id": ["A1", "A2", "A2"], "child_id": ["C1", "C2", "C3"],
                          "team": ["T", "T", None], "audit_date": ["2018-01-02", "2018-01-02", "x"],
                          "grade": ["Good", "Nope", "Good"]})
    with pytest.raises(qaframe.DataError) as err:
        qaframe.AuditSet.from_frame(frame)
    got = sorted((p.row, p.column) for p in err.value.problems)
    # row 2 also repeats the id of row 1 (itself rejected): reported too
    assert got == [(1, "grade"), (2, "audit_date"), (2, "audit_id"), (2, "team")]
    assert all(p.source == "DataFrame" and p.line == 0 for p in err.value.problems)


def test_from_frame_with_datetimes_and_missing_grades():
    frame = pd.DataFrame({"audit_id": ["A1", "A2"], "child_id": [101, 102], "team": ["T", "U"],
                          "audit_date": pd.to_datetime(["2018-01-02", "2018-02-03"]),
                          "grade": ["Good", np.nan]})
    audits = qaframe.AuditSet.from_frame(frame)
    assert audits.profile().counts.tolist() == [0, 0, 1, 0, 1]
    assert audits.to_frame()["child_id"].tolist() == ["101", "102"]


# -- selection and tallies -------------------------------------------------------------------
def test_filter(sample):
    dta = sample.filter(team="DTA")
    assert len(dta) == 34
    assert len(sample.filter(team=["DTA", "DCT"], programme="Core")) == \
        int(((sample.to_frame()["team"].isin(["DTA", "DCT"])) & (sample.to_frame()["programme"] == "Core")).sum())
    assert len(sample.filter(final_grade="Inadequate")) == 8
    assert len(sample.filter(final_grade=["RI", "inadequate"])) == 35
    frame = sample.to_frame()
    own = frame["grade"].isin(["Inadequate"]).sum()
    assert len(sample.filter(grade="Inadequate")) == own  # the auditors' own grades
    frame = sample.to_frame()
    october = ((frame["audit_date"] >= "2017-10-01") & (frame["audit_date"] <= "2017-10-31")).sum()
    assert len(sample.filter(date_from="01/10/2017", date_to="2017-10-31")) == october
    with pytest.raises(ValueError, match="no such column"):
        sample.filter(region="North")
    with pytest.raises(ValueError, match="no audit has team 'Nowhere'"):
        sample.filter(team="Nowhere")


def test_tallies_merge_to_the_whole(sample):
    whole = sample.tally("team")
    ids = sample.to_frame()["audit_id"].tolist()
    first = sample.filter(audit_id=ids[:50]).tally("team")
    second = sample.filter(audit_id=ids[50:]).tally("team")
    merged = first + second
    assert merged.to_frame().loc[whole.rows].equals(whole.to_frame().loc[whole.rows])
    assert (merged.to_frame().loc["Total"] == whole.to_frame().loc["Total"]).all()
    with pytest.raises(ValueError, match="cannot merge"):
        first.merge(sample.tally("programme"))


def test_crosstab_unknown_column(sample):
    with pytest.raises(KeyError, match="no column 'region'"):
        sample.crosstab("region")


# -- display --------------------------------------------------------------------------------
def test_reprs_never_show_child_ids(sample):
    html = sample._repr_html_()
    text = repr(sample)
    assert "118 audits of 118 children" in text and "118 audits" in html
    for child in sample.to_frame()["child_id"].head(20):
        assert child not in html and child not in text
    assert "Inadequate" in qaframe.GradeScale.ofsted()._repr_html_()
    assert "GradeProfile(n=118" in repr(sample.profile())
    assert "<table" in sample.profile()._repr_html_()
    assert "<table" in sample.tally("team")._repr_html_()


def test_html_escapes_labels(write_csv):
    path = write_csv(HEADER + "A1,C1,<script>alert(1)</script>,2018-01-02,Good\n")
    audits = qaframe.read_audits(path)
    assert "<script>" not in audits.tally("team")._repr_html_()
    assert "<script>" not in audits.report()
    assert "'=HYPERLINK" in qaframe.read_audits(
        write_csv(HEADER + 'A1,C1,"=HYPERLINK(""x"")",2018-01-02,Good\n', name="f.csv")).tally("team").to_csv()


def test_plot(sample):
    import matplotlib
    matplotlib.use("Agg")
    ax = sample.plot(by="programme")
    widths = [bar.get_width() for bar in ax.patches]
    assert len(widths) == 2 * 4
    assert widths[0] == pytest.approx(100 / 15)  # Core: 1 Inadequate of 15 graded, in percent
