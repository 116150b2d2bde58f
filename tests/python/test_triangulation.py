"""Triangulation from Python: the sample's matrix and lines of enquiry, every number checked
against scipy and statsmodels, bad input of each file, the log's round trip and merge, and the
command line."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from scipy import stats as sps
from statsmodels.stats.proportion import proportion_confint

import qaframe


@pytest.fixture(scope="module")
def sample_dir(root):
    return root / "data" / "sample"


@pytest.fixture(scope="module")
def overall_audits(sample_path):
    """The sample audits with the auditors' overall grade only (domain grades and moderation left
    out), so that these expectations rest on the survey and performance design alone; the full
    sample is checked in test_full_sample_uses_domains_and_moderation."""
    frame = qaframe.read_audits(sample_path).to_frame()
    frame = frame[[c for c in frame.columns if not str(c).startswith("domain:")
                   and c not in ("moderated_grade", "moderator")]]
    return qaframe.AuditSet.from_frame(frame)


@pytest.fixture(scope="module")
def tri(overall_audits, sample_dir):
    return qaframe.triangulate(
        overall_audits, survey=sample_dir / "survey.csv",
        performance=sample_dir / "performance.csv", indicators=sample_dir / "indicators.csv",
        evidence_map=sample_dir / "evidence_map.csv")


CC, DIV, UC = "corroborated concern", "divergent", "unconfirmed concern"
CS, US, IL, SS = "corroborated strength", "unconfirmed strength", "in line", "single source"
INS, NOE = "insufficient", "no evidence"
# Survey evidence counts respondents, not answers (issue 15): against the answer-level matrix,
# three cells of "Communicating with children" (two questions pooled) change; see
# test_honest_triangulation.py for each change and its reason.
EXPECTED = {  # team: Assessment, Supervision, Planning, Communicating, Overall, Advocacy
    "Ambleside": [IL, SS, IL, UC, IL, SS],
    "Brambles": [US, SS, UC, CC, IL, SS],
    "DCT": [CC, SS, CC, US, UC, SS],
    "DTA": [IL, SS, DIV, IL, IL, NOE],
    "H4U": [CS, SS, CC, IL, UC, SS],
    "FPT": [INS, INS, NOE, INS, INS, NOE],
    "Early Help": [IL, SS, SS, US, IL, NOE],
    "YOS": [SS, SS, SS, SS, IL, NOE],
    "All": [SS, SS, CC, IL, SS, SS],
}
# The full sample: the audit domains (and moderated grades) of audits.csv join in.
EXPECTED_FULL = {
    "Ambleside": [IL, IL, IL, UC, IL, SS],
    "Brambles": [US, IL, UC, CC, IL, SS],
    "DCT": [CC, UC, CC, US, UC, SS],
    "DTA": [IL, IL, DIV, IL, IL, NOE],
    "H4U": [CS, US, CC, IL, UC, SS],
    "FPT": [INS, INS, INS, INS, INS, NOE],
    "Early Help": [IL, IL, IL, US, IL, NOE],
    "YOS": [IL, IL, US, SS, IL, NOE],
    "All": [SS, SS, CC, IL, SS, SS],
}
THEMES = ["Assessment and case history", "Supervision and oversight", "Planning",
          "Communicating with children", "Overall quality of practice", "Advocacy"]


def test_sample_matrix_shows_every_kind_of_cell(tri):
    m = tri.matrix
    assert list(m.index) == list(EXPECTED)
    assert list(m.columns) == THEMES
    assert m.to_dict("split")["data"] == list(EXPECTED.values())
    assert {CC, DIV, UC, CS, US, IL, SS, INS, NOE} <= set(m.to_numpy().ravel())


def test_full_sample_uses_domains_and_moderation(sample, sample_dir):
    t = qaframe.triangulate(
        sample, survey=sample_dir / "survey.csv", performance=sample_dir / "performance.csv",
        indicators=sample_dir / "indicators.csv", evidence_map=sample_dir / "evidence_map.csv")
    m = t.matrix
    assert list(m.columns) == THEMES
    assert m.to_dict("split")["data"] == list(EXPECTED_FULL.values())
    assert {CC, DIV, UC, CS, US, IL, SS, INS, NOE} <= set(m.to_numpy().ravel())
    assert t.notes == []  # every mapped audit domain is in audits.csv
    ev = t.evidence
    audit = ev[ev.strand == "audit"].set_index(["unit", "theme"])
    # Domains on their own (here Ofsted) scale: voice of the child, N/A left out.
    assert audit.loc[("All", "Communicating with children"), "item"] == "voice_of_child"
    assert audit.loc[("All", "Communicating with children"), "n"] == 82
    # DCT's supervision: audits in line, supervision recorded worse than target: unconfirmed.
    assert t.cell("DCT", "Supervision and oversight") == UC
    assert len(t.kloes) == 11
    brambles = t.kloes[(t.kloes.unit == "Brambles") & (t.kloes.status == CC)].iloc[0]
    assert brambles.question == (
        "What lies behind the weaker picture of Communicating with children in Brambles, where "
        "the survey and Children seen alone at their last visit both point to concern (though "
        "audits show it in line), and what will change before the next review?")


def test_sample_kloes_in_priority_order(tri):
    k = tri.kloes
    # At respondent level Brambles' survey is no longer beyond the 99.8% limit (11.5 of 23
    # respondents, tail 0.0098; it was 22 of 44 answers, tail 0.0003), so its corroborated
    # concern follows the strong ones; Ambleside's divergent cell became an unconfirmed concern.
    assert list(zip(k.unit, k.theme, k.status)) == [
        ("All", "Planning", CC), ("H4U", "Planning", CC),
        ("DCT", "Assessment and case history", CC), ("DCT", "Planning", CC),
        ("Brambles", "Communicating with children", CC), ("DTA", "Planning", DIV),
        ("H4U", "Overall quality of practice", UC), ("DCT", "Overall quality of practice", UC),
        ("Ambleside", "Communicating with children", UC), ("Brambles", "Planning", UC)]
    assert list(k.index) == list(range(1, 11))
    # Within a status: strong first, then larger n.
    assert k.strong.iloc[:4].all() and not k.strong.iloc[4:].any()
    brambles = k.iloc[4]
    assert brambles.evidence.startswith(
        "Corroborated concern in Brambles, Communicating with children. The survey: 50% positive "
        "(Agree or better) (11.5 of 23 respondents, 44 answers; 95% CI 31-69%) against 75% "
        "target: worse; Children seen alone at their last visit (2018-03): 63% (25 of 40; 95% CI "
        "47-76%) against 80% statistical neighbours: worse.")
    assert k.iloc[5].question == (
        "In DTA, the survey shows Planning better than its comparator but Child protection "
        "reviews held within timescale shows it worse: why do they disagree, and which is right?")


def test_small_units_are_insufficient_not_concerns(tri):
    ev = tri.evidence
    small = ev[ev.n < 5]  # n is the n used: respondents for the survey
    assert len(small) > 0
    assert (small.direction == "insufficient").all()
    fpt = tri.cells.set_index(["unit", "theme"]).loc["FPT"]
    assert set(fpt.status) <= {INS, NOE}
    assert "FPT" not in set(tri.kloes.unit)


def test_every_number_against_scipy_and_statsmodels(tri):
    ev = tri.evidence
    has_n = ev[ev.n > 0]
    low, high = proportion_confint(has_n["count"], has_n.n, alpha=0.05, method="wilson")
    np.testing.assert_allclose(has_n.low, low, rtol=0, atol=1e-12)
    np.testing.assert_allclose(has_n.high, high, rtol=0, atol=1e-12)
    compared = ev[ev.limit_low.notna()]
    assert len(compared) > 40
    for row in compared.itertuples():
        x, n, p0 = row.count, row.n, row.benchmark
        # Funnel limits (Spiegelhalter 2005, appendix) computed directly from scipy's binomial.
        for p, got in [(0.025, row.limit_low), (0.975, row.limit_high),
                       (0.001, row.strong_low), (0.999, row.strong_high)]:
            r = sps.binom.ppf(p, n, p0)
            f, fb = sps.binom.cdf(r, n, p0), sps.binom.cdf(r - 1, n, p0)
            assert got == pytest.approx(min(max((r - (f - p) / (f - fb)) / n, 0), 1), abs=1e-9)
        # The decision: the exact tail on the side of the count; a count that is not whole (a
        # respondent positive on half the questions counts half) takes the mean of the tails at
        # the whole counts either side.
        share = x / n
        lo, hi = np.floor(x), np.ceil(x)
        tail = (0.5 * (sps.binom.sf(lo - 1, n, p0) + sps.binom.sf(hi - 1, n, p0)) if share > p0
                else 0.5 * (sps.binom.cdf(lo, n, p0) + sps.binom.cdf(hi, n, p0)) if share < p0
                else 1.0)  # on the benchmark: no side
        assert row.tail_probability == pytest.approx(tail, rel=1e-9, abs=1e-15)
        side = 0 if tail > 0.025 else (1 if share > p0 else -1)
        if row.polarity == "lower_is_better":
            side = -side
        assert row.direction == {1: "better", -1: "worse", 0: "in line"}[side]
        assert row.strong == (side != 0 and tail <= 0.001)
        # The same decision as scipy's exact binomial test, one-sided at 2.5%.
        if share == p0 or x != np.floor(x):
            continue
        alt = "greater" if share > p0 else "less"
        assert (sps.binomtest(int(x), int(n), p0, alternative=alt).pvalue <= 0.025) == (
            tail <= 0.025)


def test_rest_of_service_excludes_the_team(tri, overall_audits):
    ev = tri.evidence
    row = ev[(ev.unit == "DCT") & (ev.strand == "audit")].iloc[0]
    frame = overall_audits.to_frame()
    graded = frame[frame.grade.notna()]  # N/A is missing
    rest = graded[graded.team != "DCT"]
    assert row.comparator_n == len(rest) == 80
    assert row.benchmark == pytest.approx((rest.grade.isin(["Good", "Outstanding"])).mean())


def test_outputs_never_show_identifiers(tri):
    text = tri.to_markdown() + tri.to_json() + repr(tri) + tri._repr_html_()
    assert "R-0" not in text and "C-" not in text
    data = json.loads(tri.to_json())
    assert data["matrix"][0] == EXPECTED["Ambleside"]


def test_bad_survey_performance_and_map_name_file_line_column(tmp_path, overall_audits,
                                                             sample_dir):
    survey = tmp_path / "survey.csv"
    survey.write_text("respondent_id,team,respondent,question,answer\n"
                      "R1,DCT,child,Q,Agreed\nR2,,child,Q,Agree\n")
    with pytest.raises(qaframe.DataError) as e:
        qaframe.read_survey(survey)
    p = e.value.problems
    assert [(x.line, x.column, x.value) for x in p] == [(2, "answer", "Agreed"), (3, "team", "")]
    assert p[0].source == str(survey)

    values = tmp_path / "values.csv"
    values.write_text("indicator,team,period,numerator,denominator\nNOPE,DCT,2018-03,1,2\n"
                      "ASSESS45,DCT,2018-03,5,4\n")
    with pytest.raises(qaframe.DataError) as e:
        qaframe.read_performance(values, sample_dir / "indicators.csv")
    assert [(x.line, x.column, x.value) for x in e.value.problems] == [
        (2, "indicator", "NOPE"), (3, "numerator", "5")]

    emap = tmp_path / "map.csv"
    emap.write_text("theme,source,item\nPlanning,survey,What?\n")
    with pytest.raises(qaframe.DataError) as e:
        qaframe.triangulate(overall_audits, survey=sample_dir / "survey.csv", evidence_map=emap)
    (x,) = e.value.problems
    assert (x.source, x.line, x.column, x.value) == (str(emap), 2, "item", "What?")
    assert x.reason.startswith("no such question in ")

    with pytest.raises(FileNotFoundError):
        qaframe.read_evidence_map(tmp_path / "missing.csv")


def test_log_round_trip_and_merge(tmp_path, tri, sample_dir):
    log = qaframe.read_log(sample_dir / "improvement_log.csv")
    assert len(log) == 3
    out = tmp_path / "log.csv"
    log.to_csv(out)
    assert qaframe.read_log(out) == log
    frame = log.to_frame()
    assert frame.loc[0, "outcome"].startswith('Visits audited in January; "seen alone"')

    merged = tri.update_log(log)
    assert len(log) == 3  # the original is untouched
    assert merged.last_merge == {"added": 9, "updated": 1, "marked_for_review": 1}
    f = merged.to_frame()
    assert list(f.kloe_id[:3]) == list(frame.kloe_id)
    assert f.loc[2, "status"] == "in review"
    assert f.loc[3, "kloe_id"] == "KLOE-201803-001"
    assert f.loc[3, "raised"] == pd.Timestamp("2018-03-27")
    open_pairs = f[f.status != "closed"][["unit", "theme"]]
    assert not open_pairs.duplicated().any()
    # Brambles' closed KLOE stays closed; the recurrence is a new, open KLOE.
    brambles = f[(f.unit == "Brambles") & (f.theme == "Communicating with children")]
    assert list(brambles.status) == ["closed", "open"]
    # Merging again adds nothing; the merged log round-trips.
    again = tri.update_log(merged)
    assert again.last_merge == {"added": 0, "updated": 0, "marked_for_review": 0}
    assert again == merged
    # `out` holds another log (written from `log`): replacing it must be asked for; the old
    # file is then kept as .bak.
    with pytest.raises(FileExistsError, match="exists and is not the log that was read"):
        merged.to_csv(out)
    merged.to_csv(out, force=True)
    assert qaframe.read_log(out) == merged
    assert qaframe.read_log(str(out) + ".bak") == log


def test_cli_report_with_triangulation(root, sample_dir, tmp_path):
    out_log = tmp_path / "log.csv"
    args = ["report", str(sample_dir / "audits.csv"),
            "--evidence-map", str(sample_dir / "evidence_map.csv"),
            "--survey", str(sample_dir / "survey.csv"),
            "--performance", str(sample_dir / "performance.csv"),
            "--indicators", str(sample_dir / "indicators.csv"),
            "--log", str(sample_dir / "improvement_log.csv"),
            "--write-log", str(out_log), "--format", "json"]
    r = subprocess.run([sys.executable, "-m", "qaframe", *args], capture_output=True, text=True,
                       cwd=root, env={"PYTHONPATH": str(root / "python")})
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    assert report["as_of"] == "2018-03-27"
    assert report["triangulation"]["units"][-1] == "All"
    assert report["improvement_log"]["added"] >= 1
    assert len(qaframe.read_log(out_log)) == len(report["improvement_log"]["entries"])
