"""The sample's triangulation at respondent level (issue 15): every cell and KLOE that changes from
answer-level counting, with its reason; the respondent counts recomputed from survey.csv with
pandas; the cluster-robust design effect recomputed with numpy; the over-dispersion and
statistical-neighbours options."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import qaframe

COMM = "Communicating with children"


@pytest.fixture(scope="module")
def files(root):
    d = root / "data" / "sample"
    return dict(survey=d / "survey.csv", performance=d / "performance.csv",
                indicators=d / "indicators.csv", evidence_map=d / "evidence_map.csv")


@pytest.fixture(scope="module")
def runs(sample, files):
    return {mode: qaframe.triangulate(sample, survey_counting=mode, **files)
            for mode in ("answers", "respondents", "cluster-robust")}


def _changed(a, b):
    return {(u, t): (a.cell(u, t), b.cell(u, t)) for u in a.units for t in a.themes
            if a.cell(u, t) != b.cell(u, t)}


def test_every_changed_cell_at_respondent_level(runs):
    old, new = runs["answers"], runs["respondents"]
    assert _changed(old, new) == {
        # The survey: 46 of 52 answers (P = 0.014, better) are 23.5 of 27 respondents (P = 0.11,
        # in line); seen alone stays worse: divergent becomes an unconfirmed concern.
        ("Ambleside", COMM): ("divergent", "unconfirmed concern"),
        # 40 of 44 answers (P = 0.007) are 21 of 23 respondents (P = 0.049 > 0.025): in line, so
        # one strand better is an unconfirmed strength.
        ("Early Help", COMM): ("corroborated strength", "unconfirmed strength"),
        # 8 answers are 4 respondents, below min_n = 5: the survey is insufficient, leaving the
        # audits alone (single source).
        ("YOS", COMM): ("in line", "single source"),
    }
    ev = new.evidence.set_index(["unit", "theme", "strand"])
    ambleside = ev.loc[("Ambleside", COMM, "survey")]
    assert (ambleside["count"], ambleside.n, ambleside.answers, ambleside.respondents) == (
        23.5, 27, 52, 27)
    assert ambleside.counted == "respondents" and ambleside.direction == "in line"
    # Brambles stays a corroborated concern, but no longer strong: 11.5 of 23 respondents has
    # P = 0.0098 (22 of 44 answers had 0.0003, beyond the 99.8% limit).
    brambles = ev.loc[("Brambles", COMM, "survey")]
    assert (brambles["count"], brambles.n) == (11.5, 23)
    assert brambles.direction == "worse" and not brambles.strong
    assert new.cell("Brambles", COMM) == "corroborated concern"
    assert "half a positive respondent" in new.survey_rule


def test_every_changed_kloe_at_respondent_level(runs):
    old = list(zip(runs["answers"].kloes.unit, runs["answers"].kloes.theme,
                   runs["answers"].kloes.status))
    new = list(zip(runs["respondents"].kloes.unit, runs["respondents"].kloes.theme,
                   runs["respondents"].kloes.status))
    # Same eleven lines of enquiry; Ambleside's changes status; Brambles drops from 2nd to 5th
    # (no longer strong) and Ambleside from 6th to 8th (now among the unconfirmed concerns).
    assert len(old) == len(new) == 11
    assert old.index(("Brambles", COMM, "corroborated concern")) == 1
    assert new.index(("Brambles", COMM, "corroborated concern")) == 4
    assert old.index(("Ambleside", COMM, "divergent")) == 5
    assert new.index(("Ambleside", COMM, "unconfirmed concern")) == 7
    assert sorted((u, t) for u, t, _ in old) == sorted((u, t) for u, t, _ in new)


def test_respondent_counts_recomputed_from_the_survey_file(runs, files):
    survey = pd.read_csv(files["survey"])
    emap = pd.read_csv(files["evidence_map"])
    positive = {"Agree", "Strongly agree"}
    answered = survey[~survey.answer.isin(["Don't know", "Prefer not to say"])
                      & survey.answer.notna()]
    ev = runs["respondents"].evidence
    for theme, items in emap[emap.source == "survey"].groupby("theme").item:
        rows = answered[answered.question.isin(items)]
        for unit, group in list(rows.groupby("team")) + [("All", rows)]:
            per = group.groupby("respondent_id").answer.agg(
                m="size", y=lambda a: a.isin(positive).sum())
            count = (per.y * 2 > per.m).sum() + 0.5 * (per.y * 2 == per.m).sum()
            got = ev[(ev.unit == unit) & (ev.theme == theme) & (ev.strand == "survey")].iloc[0]
            assert (got["count"], got.n, got.answers) == (count, len(per), len(group)), (
                unit, theme)


def test_cluster_robust_design_effect_recomputed(runs, files):
    survey = pd.read_csv(files["survey"])
    positive = {"Agree", "Strongly agree"}
    items = ["My social worker listens to me", "I get to talk to my social worker on my own"]
    rows = survey[survey.question.isin(items) & survey.answer.notna()
                  & ~survey.answer.isin(["Don't know", "Prefer not to say"])]
    ev = runs["cluster-robust"].evidence
    for unit, group in rows.groupby("team"):
        per = group.groupby("respondent_id").answer.agg(
            m="size", y=lambda a: a.isin(positive).sum())
        M, c = per.m.sum(), len(per)
        p = per.y.sum() / M
        if c < 2 or p in (0.0, 1.0):
            continue
        # Ratio estimator, clustered by respondent (Cochran 1977, 6.11); deff against SRS.
        var = c / (c - 1) * ((per.y - p * per.m) ** 2).sum() / M ** 2
        deff = var / (p * (1 - p) / M)
        got = ev[(ev.unit == unit) & (ev.theme == COMM) & (ev.strand == "survey")].iloc[0]
        assert got.design_effect == pytest.approx(deff, rel=1e-12)
        assert got.n == int(np.floor(min(M, M / deff) + 1e-9))
        assert got.estimate == pytest.approx(p, rel=1e-12)
        assert got.counted == "effective n (cluster-robust)"


def test_respondent_ids_never_shown(runs):
    t = runs["respondents"]
    text = t.to_markdown() + t.to_json() + repr(t) + t._repr_html_() + t.evidence.to_csv()
    assert "R-0" not in text


def test_overdispersion_option_reports_its_estimates(sample, files):
    plain = qaframe.triangulate(sample, **files)
    assert plain.dispersion.empty
    t = qaframe.triangulate(sample, overdispersion="multiplicative", **files)
    d = t.dispersion
    assert set(d.strand) == {"audit", "survey", "performance"}
    assert (d.method == "multiplicative").all()
    ev = t.evidence
    widened = ev[ev.overdispersed]
    assert len(widened) > 0 and (widened.unit != "All").all()
    # A widened signal's limits are p0 ± z sqrt(phi p0 (1 - p0) / n) at 95%.
    row = widened.iloc[0]
    est = d[(d.theme == row.theme) & (d.strand == row.strand)].iloc[0]
    z = 1.959963984540054
    half = z * np.sqrt(est.phi * row.benchmark * (1 - row.benchmark) / row.n)
    assert row.limit_low == pytest.approx(max(0.0, row.benchmark - half), abs=1e-12)
    assert row.limit_high == pytest.approx(min(1.0, row.benchmark + half), abs=1e-12)
    with pytest.raises(ValueError):
        qaframe.triangulate(sample, overdispersion="lots", **files)


def test_neighbours_mean_as_the_indicators_benchmark(sample, files, root):
    perf = qaframe.read_performance(files["performance"], files["indicators"])
    b = qaframe.benchmark(qaframe.read_neighbours(root / "data" / "sample" / "neighbours.csv"),
                          indicators=perf)
    args = {k: v for k, v in files.items() if k not in ("performance", "indicators")}
    t = qaframe.triangulate(sample, performance=perf, neighbours=b, neighbours_benchmark=True,
                            **args)
    ev = t.evidence
    perf_rows = ev[ev.strand == "performance"]
    supervision = perf_rows[perf_rows["item"] == "SUPERVISION"].iloc[0]
    assert supervision.comparator == "statistical neighbours' mean (2018-03)"
    assert supervision.benchmark == pytest.approx(b.to_frame().loc["SUPERVISION",
                                                                   "neighbours_mean"])
    # Where indicators.csv's benchmark is the neighbours' (SEEN_ALONE, 80%), nothing changes.
    seen = perf_rows[perf_rows["item"] == "SEEN_ALONE"].iloc[0]
    assert seen.benchmark == pytest.approx(0.80, abs=1e-12)
    with pytest.raises(ValueError):
        qaframe.triangulate(sample, performance=perf, neighbours_benchmark=True, **args)
