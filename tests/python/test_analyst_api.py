"""The analyst's everyday API (issue 19): problems as JSON and as a frame, in line order; periods
wherever a column is accepted; concat; comparisons outside the data; scale defaults; types kept;
display; docstrings and grammar."""

import datetime as dt
import json
from html import escape
import pydoc
import subprocess
import sys
import warnings

import numpy as np
import pandas as pd
import pytest

import qaframe

HEADER = "audit_id,child_id,team,audit_date,grade\n"
BAD = (HEADER + "A1,C1,Alpha,01/02/2018,Good\n" + "A2,C2,Alpha,01/02/2018,Goodish\n"
       + "A3,C3,Beta,31/04/2018,Good\n" + "A1,C4,Beta,02/02/2018,RI\n")


# -- 1. machine-readable problems ----------------------------------------------------------------
def test_validate_format_json_prints_the_problems(write_csv, root):
    path = write_csv(BAD)
    run = subprocess.run([sys.executable, "-m", "qaframe", "validate", str(path), "--format",
                          "json"], capture_output=True, text=True, cwd=root,
                         env={"PYTHONPATH": str(root / "python")})
    assert run.returncode == 2
    got = json.loads(run.stdout)
    assert got["total"] == 3
    assert [(p["source"], p["line"], p["column"], p["value"]) for p in got["problems"]] == [
        (str(path), 3, "grade", "Goodish"), (str(path), 4, "audit_date", "31/04/2018"),
        (str(path), 5, "audit_id", "A1")]
    assert got["problems"][1]["reason"] == "not a date: 2018-04 has no day 31"
    assert got["problems"][2]["reason"] == "duplicate audit_id; first seen on line 2"
    assert got["notes"][0].startswith("accepted grades on the ofsted scale: Inadequate,")
    assert "3 problems" in run.stderr


def test_data_error_to_frame(write_csv):
    path = write_csv(BAD)
    with pytest.raises(qaframe.DataError) as err:
        qaframe.read_audits(path)
    frame = err.value.to_frame()
    assert list(frame.columns) == ["source", "line", "row", "column", "value", "reason", "cell"]
    assert frame["line"].tolist() == [3, 4, 5]
    assert frame["column"].tolist() == ["grade", "audit_date", "audit_id"]
    assert frame["value"].tolist() == ["Goodish", "31/04/2018", "A1"]
    assert frame.attrs["total"] == 3
    assert err.value.notes == frame.attrs["notes"]
    assert len(err.value.notes) == 1


# -- 2. problems in order, spellings once ---------------------------------------------------------
def test_problems_in_line_order_and_spellings_once(write_csv):
    text = "audit_id,child_id,team,audit_date,grade,domain:planning\n" + "".join(
        f"A{i},C{i},T,01/02/2018,Goodish,Bad\n" for i in range(50))
    with pytest.raises(qaframe.DataError) as err:
        qaframe.read_audits(write_csv(text))
    lines = [p.line for p in err.value.problems]
    assert lines == sorted(lines)
    assert len(lines) == 100
    assert all(p.reason == "unknown grade on the ofsted scale (accepted grades listed below)"
               for p in err.value.problems)
    assert str(err.value).count("Requires improvement to be good") == 1


# -- 3. periods everywhere -------------------------------------------------------------------------
@pytest.mark.parametrize("key, label, first, last", [
    ("financial_year", "2017-18", "2017-04-01", "2018-03-31"),
    ("quarter", "2017-18 Q3", "2017-10-01", "2017-12-31"),
    ("month", "Oct 2017", "2017-10-01", "2017-10-31"),
    ("month", "March 2018", "2018-03-01", "2018-03-31"),
    ("period", "2017-18 Q4", "2018-01-01", "2018-03-31"),
])
def test_filter_by_period_equals_the_date_range(sample, key, label, first, last):
    by_period = sample.filter(**{key: label})
    assert by_period == sample.filter(date_from=first, date_to=last)
    assert len(by_period) > 0


def test_filter_by_period_object_and_errors(sample):
    october = qaframe.as_period("Oct 2017")
    assert sample.filter(period=october) == sample.filter(month="Oct 2017")
    assert len(sample.filter(month=["Oct 2017", "Mar 2018"])) == 92
    with pytest.raises(ValueError, match="'Oct 2017' is not a financial_year"):
        sample.filter(financial_year="Oct 2017")


def test_period_repr_str_and_dates(sample):
    p = qaframe.as_period("2017-18")
    assert str(p) == "2017-18"
    assert repr(p) == "<Period 2017-18: 2017-04-01 to 2018-03-31>"
    assert p.first == dt.date(2017, 4, 1) and p.last == dt.date(2018, 3, 31)
    weeks = sample.practice_review_weeks()
    assert weeks and all(isinstance(w.first, dt.date) for w in weeks)
    assert "object at 0x" not in repr(weeks)


def test_report_for_a_period(sample):
    october = sample.report(period="Oct 2017", format="json", produced="2018-04-01")
    data = json.loads(str(october))
    assert data == json.loads(str(sample.filter(month="Oct 2017").report(
        period="Oct 2017", format="json", produced="2018-04-01")))
    assert "46" in str(sample.report(period="Oct 2017"))
    with pytest.raises(ValueError, match="the audits are dated 2017-10-02 to 2018-03-27"):
        sample.report(period="2019-20")
    # Other text is only the period covered, as before.
    assert len(str(sample.report(period="April 2017 to March 2018"))) > 0


# -- 4. concat --------------------------------------------------------------------------------------
def test_concat_of_the_two_halves_is_the_sample(sample, sample_path, tmp_path):
    frame = pd.read_csv(sample_path, dtype=str, keep_default_na=False)
    (tmp_path / "a.csv").write_text(frame.iloc[:59].to_csv(index=False))
    (tmp_path / "b.csv").write_text(frame.iloc[59:].to_csv(index=False))
    a, b = qaframe.read_audits(tmp_path / "a.csv"), qaframe.read_audits(tmp_path / "b.csv")
    both = qaframe.concat([a, b])
    assert both == sample
    assert both.has_moderation and both.domain_names == sample.domain_names
    assert qaframe.AuditSet.concat([a, b]) == sample


def test_concat_duplicates_and_differences(sample):
    a = sample.filter(team="Ambleside")
    with pytest.raises(qaframe.DataError) as err:
        qaframe.concat([sample, a], sources=["all.csv", "ambleside.csv"])
    assert err.value.total == len(a)
    p = err.value.problems[0]
    assert (p.source, p.column) == ("ambleside.csv", "audit_id")
    assert "also in all.csv" in p.reason
    with pytest.raises(ValueError, match="graded on the met_not_met scale"):
        qaframe.concat([sample, qaframe.AuditSet.from_frame(pd.DataFrame(
            {"audit_id": ["X"], "child_id": ["C"], "team": ["T"], "audit_date": ["2018-01-02"],
             "grade": ["Met"]}), scale="met_not_met")])
    with pytest.raises(ValueError, match="the columns differ"):
        qaframe.concat([sample, qaframe.AuditSet.from_frame(pd.DataFrame(
            {"audit_id": ["X"], "child_id": ["C"], "team": ["T"], "audit_date": ["2018-01-02"],
             "grade": ["Good"]}))])


# -- 5. comparisons outside the data -----------------------------------------------------------------
def test_comparison_outside_the_data(sample):
    with pytest.raises(ValueError, match="the audits are dated 2017-10-02 to 2018-03-27"):
        sample.compare("Oct 2019", "Mar 2020")
    with pytest.warns(UserWarning, match="no audit is dated in Mar 2020"):
        c = sample.compare("Oct 2017", "Mar 2020")
    assert "Mar 2020" in c.warning
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert sample.compare("Oct 2017", "Mar 2018").warning == ""


# -- 6. scale defaults --------------------------------------------------------------------------------
def test_custom_three_level_scale_counts_only_the_best_as_good():
    s = qaframe.as_scale(["Not met", "Partly met", "Met"])
    assert s.good_from == "Met"
    assert "good from Met (by default, the best level of a scale of 3)" in repr(s)
    assert qaframe.as_scale(list("abcd")).good_from == "c"
    assert qaframe.GradeScale.custom("rag", ["R", "A", "G"], good_from=1).good_from == "A"


def test_report_states_the_default(write_csv):
    path = write_csv(HEADER + "A1,C1,T,2018-01-02,Met\nA2,C2,T,2018-01-03,Partly met\n")
    audits = qaframe.read_audits(path, scale=["Not met", "Partly met", "Met"])
    text = str(audits.report())
    assert "good from Met (by default, the best level of a scale of 3)" in text


# -- 7. types kept ----------------------------------------------------------------------------------
def _frame(**extra):
    base = {"audit_id": ["A1", "A2", "A3"], "child_id": ["C1", "C2", "C3"],
            "team": ["T", "T", "U"], "audit_date": ["2018-01-02"] * 3,
            "grade": ["Good", "Inadequate", "Good"]}
    base.update(extra)
    return pd.DataFrame(base)


def test_extra_columns_keep_their_types(tmp_path):
    frame = _frame(age=pd.array([7, None, 15], dtype="Int64"), score=[1.5, np.nan, 2.25],
                   flag=pd.array([True, None, False], dtype="boolean"),
                   dob=pd.to_datetime(["2010-05-01", None, "2003-01-31"]),
                   code=["007", "010", "123"])
    out = qaframe.AuditSet.from_frame(frame).to_frame()
    assert str(out["age"].dtype) == "Int64" and out["age"].tolist()[::2] == [7, 15]
    assert str(out["score"].dtype) == "Float64" and out["score"][2] == 2.25
    assert str(out["flag"].dtype) == "boolean" and out["flag"][0]
    assert pd.api.types.is_datetime64_any_dtype(out["dob"])
    assert out["dob"][2] == pd.Timestamp("2003-01-31")
    for c in ("age", "score", "flag", "dob"):
        assert pd.isna(out[c][1])
    assert isinstance(out["code"].dtype, pd.CategoricalDtype)  # leading zeros: text
    # Through CSV: dates ISO, and read back with the same types.
    audits = qaframe.AuditSet.from_frame(frame)
    audits.to_csv(tmp_path / "x.csv")
    assert "2010-05-01" in (tmp_path / "x.csv").read_text()
    back = qaframe.read_audits(tmp_path / "x.csv").to_frame()
    assert str(back["age"].dtype) == "Int64" and str(back["flag"].dtype) == "boolean"


def test_identifiers_read_as_float_are_refused():
    frame = _frame()
    frame["child_id"] = [654321.0, np.nan, 7.0]
    with pytest.raises(ValueError, match=r"dtype=\{'child_id': str\}") as err:
        qaframe.AuditSet.from_frame(frame)
    assert "654321" not in str(err.value)  # no child identifier in a message


def test_missing_values_in_extra_columns_are_a_missing_row():
    audits = qaframe.AuditSet.from_frame(_frame(locality=["North", None, "North"]))
    table = audits.crosstab("locality")
    assert list(table.index) == ["North", "(missing)", "Total"]
    assert pd.isna(audits.to_frame()["locality"][1])


# -- 8. display -------------------------------------------------------------------------------------
def test_shares_as_percentages_for_display(sample):
    p = sample.profile()
    shown = p.to_frame(display=True)
    assert shown["share"].iloc[0] == f"{p.to_frame()['share'].iloc[0]:.1%}"
    html = p._repr_html_()
    assert "%" in html and "0.0677" not in html
    assert p.to_frame()["share"].dtype == float  # the numbers stay numbers
    k = sample.key_messages()
    assert "%" in k._repr_html_()


def test_kloes_html_has_every_column(root):
    sample_dir = root / "data" / "sample"
    t = qaframe.triangulate(
        qaframe.read_audits(sample_dir / "audits.csv"), survey=sample_dir / "survey.csv",
        performance=sample_dir / "performance.csv", indicators=sample_dir / "indicators.csv",
        evidence_map=sample_dir / "evidence_map.csv")
    html = t.kloes._repr_html_()
    assert len(t.kloes) > 0
    for column in ("evidence", "question"):
        assert f"<th>{column}</th>" in html
        for text in t.kloes[column]:
            assert escape(text, quote=False) in html  # whole, not cut at 50 characters
    assert any(len(q) > 50 for q in t.kloes["question"])


def test_domain_display_labels(sample):
    labelled = sample.with_domain_labels({"voice_of_child": "Communicating with children"})
    assert labelled.domain_labels == {"voice_of_child": "Communicating with children"}
    assert labelled == sample
    assert labelled.filter(team="Ambleside").domain_labels == labelled.domain_labels
    with pytest.raises(ValueError, match="no practice domain 'voice'"):
        sample.with_domain_labels({"voice": "x"})


# -- 9. help and grammar ------------------------------------------------------------------------------
def test_help_has_no_ruler_of_dashes():
    for name in qaframe.__all__:
        obj = getattr(qaframe, name)
        if not isinstance(obj, type):
            continue
        for attr in ("__len__", "__init__", *[a for a in vars(obj) if not a.startswith("_")]):
            member = getattr(obj, attr, None)
            if member is None:
                continue
            text = pydoc.render_doc(member, renderer=pydoc.plaintext)
            assert "# --" not in text and "-----" not in text, f"{name}.{attr}"


def test_counts_agree_in_number():
    one = qaframe.AuditSet.from_frame(_frame().iloc[:1])
    assert "1 audit of 1 child," in repr(one)
    assert "3 audits of 3 children," in repr(qaframe.AuditSet.from_frame(_frame()))
