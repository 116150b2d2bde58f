"""Moderation, practice domains, periods and comparisons, checked against independent
implementations (scikit-learn, statsmodels, scipy) on the hand-checked examples in tests/data and
on the sample."""

import numpy as np
import pandas as pd
import pytest
from scipy.stats import binomtest, fisher_exact, mannwhitneyu
from scipy.stats.contingency import expected_freq
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import cohens_kappa
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import (confint_proportions_2indep, proportion_confint,
                                          proportions_ztest)

import qaframe

LEVELS = ["Inadequate", "Requires Improvement", "Good", "Outstanding"]
CODE = {label: i for i, label in enumerate(LEVELS)}


@pytest.fixture(scope="module")
def moderated(root):
    return qaframe.read_audits(root / "tests" / "data" / "moderation_example.csv")


@pytest.fixture(scope="module")
def compared(root):
    return qaframe.read_audits(root / "tests" / "data" / "comparison_example.csv")


def graded_pairs(frame):
    both = frame["grade"].isin(LEVELS) & frame["moderated_grade"].isin(LEVELS)
    return (frame.loc[both, "grade"].map(CODE).to_numpy(int),
            frame.loc[both, "moderated_grade"].astype(object).map(CODE).to_numpy(int),
            frame.loc[both])


def test_moderation_summary_against_sklearn_statsmodels_scipy(moderated):
    m = moderated.moderation()
    frame = moderated.to_frame()
    original, moderator, pairs = graded_pairs(frame)
    assert (m.audits, m.moderated, m.pairs) == (21, 20, len(original)) == (21, 20, 18)
    # The table, with N/A, equals pandas' crosstab.
    expected = pd.crosstab(frame["grade"].astype(object).fillna("N/A"),
                           frame["moderated_grade"].astype(object).dropna())
    table = m.table
    for a in table.index:
        for b in table.columns:
            assert table.loc[a, b] == expected.get(b, {}).get(a, 0), (a, b)
    agreement = m.agreement
    exact = (original == moderator).sum()
    lo, hi = proportion_confint(exact, 18, method="wilson")
    assert agreement.loc["exact agreement", ["estimate", "low", "high"]].tolist() == \
        pytest.approx([exact / 18, lo, hi], rel=1e-12)
    within = (abs(original - moderator) <= 1).sum()
    lo, hi = proportion_confint(within, 18, method="wilson")
    assert agreement.loc["within one level", ["estimate", "low", "high"]].tolist() == \
        pytest.approx([within / 18, lo, hi], rel=1e-12)
    counts = np.zeros((4, 4))
    np.add.at(counts, (original, moderator), 1)
    sm = cohens_kappa(counts, wt="quadratic")
    kappa = agreement.loc["quadratic-weighted kappa"]
    assert kappa["estimate"] == pytest.approx(cohen_kappa_score(original, moderator,
                                                                weights="quadratic"), rel=1e-12)
    assert [kappa["low"], kappa["high"]] == pytest.approx([sm.kappa_low, sm.kappa_upp], rel=1e-9)
    # Gwet's AC2 with quadratic weights, from its definition (Gwet 2014, ch. 2).
    w = 1 - (np.subtract.outer(np.arange(4), np.arange(4)) / 3.0) ** 2
    p = counts / counts.sum()
    pi = (p.sum(0) + p.sum(1)) / 2
    pe = w.sum() / (4 * 3) * (pi * (1 - pi)).sum()
    pa = (w * p).sum()
    assert agreement.loc["Gwet's AC2 (quadratic)", "estimate"] == pytest.approx(
        (pa - pe) / (1 - pe), rel=1e-12)
    alpha = agreement.loc["Krippendorff's alpha (ordinal)"]
    assert alpha["estimate"] == pytest.approx(0.10524510050041003, rel=1e-12)
    assert alpha["low"] < alpha["estimate"] < alpha["high"]
    # Sign tests by auditor with Holm, against scipy and statsmodels.
    by = m.by_auditor
    pvalues = []
    for auditor in ["X", "Y", "Z"]:
        rows = pairs["auditor"] == auditor
        o, d = original[rows.to_numpy()], moderator[rows.to_numpy()]
        raised, lowered = int((d > o).sum()), int((d < o).sum())
        assert by.loc[auditor, ["raised", "lowered"]].tolist() == [raised, lowered]
        pv = binomtest(raised, raised + lowered).pvalue if raised + lowered else 1.0
        assert by.loc[auditor, "pvalue"] == pytest.approx(pv, rel=1e-12)
        pvalues.append(pv)
    assert by["adjusted"].tolist() == pytest.approx(
        multipletests(pvalues, method="holm")[1].tolist(), rel=1e-12)
    assert m.flagged == ["Z"]
    assert by.loc["Z", "direction"] == "moderators lower grades"
    assert m.coverage.loc["Practice Review Week"].tolist() == [7, 6, 6 / 7]
    assert "Moderation" in m._repr_html_()


def test_final_grades_and_frames_keep_moderation(moderated):
    frame = moderated.to_frame()
    assert list(frame["moderated_grade"].cat.categories) == LEVELS + ["N/A"]
    assert frame["moderated_grade"].isna().sum() == 1  # M19 is not moderated
    assert frame.loc[19, "moderated_grade"] == "N/A"
    assert qaframe.AuditSet.from_frame(frame) == moderated
    final = moderated.crosstab(by="auditor")
    original = moderated.crosstab(by="auditor", grades="original")
    assert final.loc["Z", "Requires Improvement"] == 8 and original.loc["Z", "Good"] == 9
    assert moderated.profile(grades="original").counts.tolist() != \
        moderated.profile().counts.tolist()


def test_moderation_file_join(tmp_path, moderated):
    (tmp_path / "a.csv").write_text("audit_id,child_id,team,audit_date,auditor,grade\n"
                                    "A1,C1,T,2018-01-01,X,Good\nA2,C2,T,2018-01-02,X,RI\n")
    audits = qaframe.read_audits(tmp_path / "a.csv")
    (tmp_path / "m.csv").write_text("audit_id,moderated_grade,moderator\nA2,Good,M\n")
    joined = audits.with_moderation(tmp_path / "m.csv")
    assert joined.crosstab(by="team").loc["T", "Good"] == 2
    again = qaframe.read_audits(tmp_path / "a.csv", moderation=tmp_path / "m.csv")
    assert again == joined
    (tmp_path / "bad.csv").write_text("audit_id,moderated_grade\nA7,Good\nA1,Goodish\n")
    with pytest.raises(qaframe.DataError) as error:
        audits.with_moderation(tmp_path / "bad.csv")
    problems = error.value.problems
    assert [(p.line, p.column, p.value) for p in problems] == [
        (2, "audit_id", "A7"), (3, "moderated_grade", "Goodish")]
    with pytest.raises(ValueError, match="no moderated_grade column"):
        audits.moderation()


def test_domains_and_key_messages(compared):
    assert compared.domain_names == ["supervision", "planning", "voice_of_child"]
    assert compared.domains().names == compared.domain_names
    table = compared.domains().to_frame()
    frame = compared.to_frame()
    for domain in compared.domain_names:
        counts = frame["domain:" + domain].value_counts()
        for level in LEVELS:
            assert table.loc[domain, level] == counts.get(level, 0)
        assert table.loc[domain, "N/A"] == frame["domain:" + domain].isna().sum()
    messages = compared.key_messages().to_frame()
    assert list(messages.index) == ["planning", "voice_of_child", "supervision"]
    for domain, row in messages.iterrows():
        graded = frame["domain:" + domain].dropna()
        below = graded.isin(LEVELS[:2]).sum()
        lo, hi = proportion_confint(below, len(graded), method="wilson")
        assert [row["count"], row["n"]] == [below, len(graded)]
        assert [row["share"], row["low"], row["high"]] == pytest.approx(
            [below / len(graded), lo, hi], rel=1e-12)
    sup = compared.crosstab(by="team", grades="supervision")
    assert sup.loc["Total", "Good"] == (frame["domain:supervision"] == "Good").sum()


def test_comparison_against_statsmodels_and_scipy(compared):
    c = compared.compare("Oct 2017", "Mar 2018")
    frame = compared.to_frame()
    month = frame["audit_date"].dt.strftime("%Y-%m")
    got = c.to_frame()
    pvalues = {}
    for item, column in [("overall", "grade"), ("supervision", "domain:supervision"),
                         ("planning", "domain:planning"), ("voice_of_child", "domain:voice_of_child")]:
        a = frame.loc[month == "2017-10", column].dropna().map(CODE).to_numpy(int)
        b = frame.loc[month == "2018-03", column].dropna().map(CODE).to_numpy(int)
        ga, gb = (a >= 2).sum(), (b >= 2).sum()
        row = got.loc[item]
        assert [row["n_a"], row["good_a"], row["n_b"], row["good_b"]] == [len(a), ga, len(b), gb]
        low, high = confint_proportions_2indep(gb, len(b), ga, len(a), method="newcomb")
        assert [row["low"], row["high"]] == pytest.approx([low, high], rel=1e-10)
        assert row["z_pvalue"] == pytest.approx(
            proportions_ztest([gb, ga], [len(b), len(a)])[1], rel=1e-10)
        # Below an expected count of 5 the row's test is Fisher's exact test (scipy's), else z.
        table = [[gb, len(b) - gb], [ga, len(a) - ga]]
        fisher = fisher_exact(table).pvalue
        assert row["exact_pvalue"] == pytest.approx(fisher, rel=1e-12)
        small = expected_freq(table).min() < 5
        assert row["test"] == ("Fisher's exact test" if small else "two-proportion z-test")
        assert row["pvalue"] == (row["exact_pvalue"] if small else row["z_pvalue"])
        mw = mannwhitneyu(b, a, method="asymptotic")
        assert row["superiority"] == pytest.approx(mw.statistic / (len(a) * len(b)), rel=1e-12)
        assert row["mw_pvalue"] == pytest.approx(mw.pvalue, rel=1e-10)
        pvalues[item] = row["pvalue"]
    holm = multipletests([pvalues["supervision"], pvalues["planning"]], method="holm")[1]
    assert got.loc[["supervision", "planning"], "adjusted"].tolist() == pytest.approx(
        holm.tolist(), rel=1e-12)
    assert c.verdicts == {"overall": "no clear change", "supervision": "improved",
                          "planning": "no clear change", "voice_of_child": "too few to say"}
    # The same comparison by named periods and by a column.
    named = compared.compare(("October", "2017-10-01", "2017-10-31"), "March=2018-03-01..2018-03-31")
    assert named.verdicts == c.verdicts
    assert compared.compare("Oct 2017", "Mar 2018", by="month").verdicts == c.verdicts
    with pytest.raises(ValueError, match="is not a period"):
        compared.compare("Octember", "Mar 2018")


def test_periods_and_trend(sample):
    years = sample.crosstab(by="financial_year")
    assert list(years.index) == ["2017-18", "Total"]
    months = sample.crosstab(by="month")
    assert list(months.index)[:-1] == ["Oct 2017", "Nov 2017", "Dec 2017", "Jan 2018",
                                       "Feb 2018", "Mar 2018"]
    quarters = sample.crosstab(by="quarter")
    assert list(quarters.index)[:-1] == ["2017-18 Q3", "2017-18 Q4"]
    assert quarters.loc["Total", "Total"] == 118
    weeks = sample.practice_review_weeks()
    assert [w.name for w in weeks] == ["Practice Review Week October 2017",
                                       "Practice Review Week March 2018"]
    by_week = sample.with_periods(weeks, name="week").crosstab(by="week")
    assert by_week.loc["Practice Review Week October 2017", "Total"] == 40
    assert by_week.loc["Practice Review Week March 2018", "Total"] == 39
    # Outside both weeks: no value, shown as "(missing)", never a blank label (issue 19).
    assert by_week.loc["(missing)", "Total"] == 118 - 79
    with pytest.raises(ValueError, match="overlap"):
        sample.with_periods(["A=2017-10-01..2017-10-31", "B=2017-10-31..2017-11-30"])
    core = sample.filter(programme="Core")
    trend = core.trend()
    table = trend.to_frame()
    frame = core.to_frame()
    final = frame["moderated_grade"].astype(object).where(frame["moderated_grade"].notna(),
                                                          frame["grade"].astype(object))
    graded = final.isin(LEVELS)
    month = frame["audit_date"].dt.to_period("M")
    n = graded.groupby(month).sum()
    good = final.isin(LEVELS[2:]).groupby(month).sum()
    assert table["n"].tolist() == n.tolist()
    assert table["good"].tolist() == good.tolist()
    # Cochran-Armitage z from its definition, scores 0..5.
    s = np.arange(len(n))
    pbar = good.sum() / n.sum()
    t = (s * (good.to_numpy() - n.to_numpy() * pbar)).sum()
    var = pbar * (1 - pbar) * ((n.to_numpy() * s ** 2).sum() - (n.to_numpy() * s).sum() ** 2 / n.sum())
    # Every Core month has 2 or 3 graded audits (Wilson intervals as wide as 9% to 91%): below
    # the per-period min_n of 5, so by default each is shown, marked, and none is tested.
    assert not table["qualifies"].any()
    assert (trend.periods_used, trend.periods_total) == (0, 6)
    assert trend.verdict == "too few to say" and np.isnan(trend.statistic)
    # With min_n = 1 every month is tested: the Cochran-Armitage z from its definition.
    trend = core.trend(min_n=1)
    assert trend.periods_used == 6
    assert trend.statistic == pytest.approx(t / np.sqrt(var), rel=1e-12)
    assert trend.verdict == "no clear trend"


def test_sample_tells_the_seed_reports_story(sample):
    """Supervision improved between the Practice Review Weeks; planning stays weakest."""
    weeks = sample.practice_review_weeks()
    c = sample.compare(weeks[0], weeks[-1])
    assert c.verdicts["supervision"] == "improved"
    assert c.verdicts["planning"] == "no clear change"
    assert sample.key_messages().weakest == "planning"
    m = sample.moderation()
    assert m.moderated == 85 and m.pairs == 85
    assert len(m.flagged) == 1
    report = sample.report()
    for heading in ("## Moderation", "## Key messages", "## Practice Review Weeks compared",
                    "## Core audits month by month"):
        assert heading in report
    assert "| supervision | 30% (12/40) | 79% (30/38) |" in report
    assert "C-" not in report  # no child identifier


def test_domain_scales_and_bad_domain_input(write_csv):
    path = write_csv("audit_id,child_id,team,audit_date,grade,domain:voice\n"
                     "A1,C1,T,2018-01-01,Good,Met\nA2,C2,T,2018-01-02,Good,Not met\n")
    audits = qaframe.read_audits(path, domain_scales={"voice": "met_not_met"})
    assert audits.key_messages().to_frame().loc["voice", ["count", "below"]].tolist() == \
        [1, "below Met"]
    with pytest.raises(qaframe.DataError) as error:
        qaframe.read_audits(path)
    assert [(p.line, p.column, p.value) for p in error.value.problems] == [
        (2, "domain:voice", "Met"), (3, "domain:voice", "Not met")]
