"""The audit cycle from Python: every measure on the sample files recomputed independently with
pandas, NumPy (business days), statsmodels (Wilson intervals) and scipy (binomtest); bad input
naming file, line or row, column and value; the case sample re-derived from its stated
algorithm with hashlib; the bank holidays against gov.uk's published dates and their
generator; the sample files against their generator."""

from __future__ import annotations

import hashlib
import importlib.util
import re
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from scipy import stats as sps
from statsmodels.stats.proportion import proportion_confint

import qaframe
from qaframe import cycle

AS_OF = "2018-04-30"


@pytest.fixture(scope="module")
def sample_dir(root):
    return root / "data" / "sample"


@pytest.fixture(scope="module")
def raw_actions(sample_dir):
    frame = pd.read_csv(sample_dir / "actions.csv", dtype=str, keep_default_na=False)
    for c in ("raised", "due", "completed"):
        frame[c] = pd.to_datetime(frame[c].replace("", None), format="%d/%m/%Y")
    return frame


@pytest.fixture(scope="module")
def raw_audits(sample_path):
    frame = pd.read_csv(sample_path, dtype=str, keep_default_na=False)
    frame["audit_date"] = pd.to_datetime(frame["audit_date"], format="%d/%m/%Y")
    frame["final"] = frame["moderated_grade"].where(frame["moderated_grade"] != "",
                                                    frame["grade"]).str.lower()
    return frame


@pytest.fixture(scope="module")
def actions(sample, sample_dir):
    return sample.actions(sample_dir / "actions.csv", as_of=AS_OF)


def _wilson(count, n):
    return proportion_confint(count, n, alpha=0.05, method="wilson")


# -- published bank holidays ---------------------------------------------------------------------
# https://www.gov.uk/bank-holidays, England and Wales: the weekday holidays of each year.
GOV_UK = {
    2016: ["01-01", "03-25", "03-28", "05-02", "05-30", "08-29", "12-26", "12-27"],
    2017: ["01-02", "04-14", "04-17", "05-01", "05-29", "08-28", "12-25", "12-26"],
    2018: ["01-01", "03-30", "04-02", "05-07", "05-28", "08-27", "12-25", "12-26"],
    2019: ["01-01", "04-19", "04-22", "05-06", "05-27", "08-26", "12-25", "12-26"],
    2020: ["01-01", "04-10", "04-13", "05-08", "05-25", "08-31", "12-25", "12-28"],
    2021: ["01-01", "04-02", "04-05", "05-03", "05-31", "08-30", "12-27", "12-28"],
    2022: ["01-03", "04-15", "04-18", "05-02", "06-02", "06-03", "08-29", "09-19", "12-26",
           "12-27"],
    2023: ["01-02", "04-07", "04-10", "05-01", "05-08", "05-29", "08-28", "12-25", "12-26"],
    2024: ["01-01", "03-29", "04-01", "05-06", "05-27", "08-26", "12-25", "12-26"],
    2025: ["01-01", "04-18", "04-21", "05-05", "05-26", "08-25", "12-25", "12-26"],
}


def _weekday_holidays(region="england_and_wales"):
    h = cycle.bank_holidays(region)
    return h[h["date"].dt.weekday < 5]


def test_bank_holidays_equal_gov_uk(root):
    h = _weekday_holidays()
    for year, days in GOV_UK.items():
        got = h[h["date"].dt.year == year]["date"].dt.strftime("%m-%d").tolist()
        assert got == days, year
    # The generator's --check: the compiled table is what the stated rules give.
    subprocess.run([sys.executable, str(root / "scripts" / "make_bank_holidays.py"), "--check"],
                   check=True)
    spec = importlib.util.spec_from_file_location("mbh", root / "scripts" /
                                                  "make_bank_holidays.py")
    mbh = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mbh)
    for region, code in (("england_and_wales", "E"), ("scotland", "S"),
                         ("northern_ireland", "N")):
        expected = [(d, n) for r, d, n in mbh.table() if r == code]
        got = cycle.bank_holidays(region)
        assert [d.date() for d in got["date"]] == [d for d, _ in expected]
        assert got["name"].tolist() == [n for _, n in expected]


def test_working_days_equal_numpy_busday_count():
    holidays = _weekday_holidays()["date"].to_numpy().astype("datetime64[D]")
    rng = np.random.default_rng(7)
    first = np.datetime64("2010-01-01")
    for _ in range(300):
        a, b = sorted(rng.integers(0, 9000, size=2))
        start, end = first + a, first + b
        # Working days after start up to and including end = busdays in [start + 1, end + 1).
        expected = np.busday_count(start + 1, end + 1, holidays=holidays)
        assert cycle.working_days_between(str(start), str(end)) == expected
        n = int(rng.integers(0, 30))
        if start + 60 < np.datetime64("2035-12-01"):
            got = cycle.add_working_days(str(start), n)
            want = np.busday_offset(start, n, roll="forward", holidays=holidays) if n else start
            if n and np.is_busday(start, holidays=holidays) is np.False_:
                # busday_offset rolls a non-working start forward first: count from the day before.
                want = np.busday_offset(start, n - 1, roll="forward", holidays=holidays)
            assert got == pd.Timestamp(want)
    with pytest.raises(ValueError, match="outside the years"):
        cycle.working_days_between("2009-12-30", "2010-01-04")


# -- actions -------------------------------------------------------------------------------------
def _states(raw, as_of=pd.Timestamp(AS_OF)):
    """Each action's state recomputed from the rules in the docs."""
    acts = raw[~raw["description"].str.lower().str.startswith("no action")].copy()
    done = acts["completed"].notna() & (acts["completed"] <= as_of)
    state = np.where(acts["status"] == "cancelled", "cancelled",
             np.where(acts["raised"] > as_of, "not yet raised",
             np.where(done & acts["due"].isna(), "done (no due date)",
             np.where(done & (acts["completed"] <= acts["due"]), "done on time",
             np.where(done, "done late",
             np.where(acts["due"] < as_of, "overdue", "open"))))))
    acts["state"] = state
    acts["time"] = np.where(done, (acts["completed"] - acts["raised"]).dt.days,
                            (as_of - acts["raised"]).dt.days)
    return acts


def test_actions_on_the_sample(actions, raw_actions, raw_audits):
    expected = _states(raw_actions)
    got = actions.to_frame()
    assert got["action_id"].tolist() == expected["action_id"].tolist()
    assert got["state"].tolist() == expected["state"].tolist()
    counted = expected[~expected["state"].isin(["cancelled", "not yet raised"])]
    assert (got.set_index("action_id").loc[counted["action_id"], "time"].to_numpy()
            == counted["time"].to_numpy()).all()
    o = actions.overall
    counts = counted["state"].value_counts()
    assert o["actions"] == len(counted) == 169
    assert o["overdue"] == counts["overdue"] == 9
    assert o["open"] == counts["open"]
    assert o["done_on_time"] == counts["done on time"]
    assert o["done_late"] == counts["done late"]
    assert o["cancelled"] == 1
    # Done within the due time: on time of (on time + late + overdue), with Wilson's interval.
    n = counts["done on time"] + counts["done late"] + counts["overdue"]
    assert o["timeliness_n"] == n
    assert o["on_time"] == pytest.approx(counts["done on time"] / n)
    low, high = _wilson(counts["done on time"], n)
    assert o["on_time_low"] == pytest.approx(low, abs=1e-12)
    assert o["on_time_high"] == pytest.approx(high, abs=1e-12)
    # SMART: owner, due date, outcome.
    smart = (counted["owner"] != "") & counted["due"].notna() & (counted["outcome"] != "")
    assert actions.smart["smart"] == pytest.approx(smart.mean())
    assert actions.smart["with_due"] == pytest.approx(counted["due"].notna().mean())
    assert actions.smart["with_outcome"] == pytest.approx((counted["outcome"] != "").mean())
    # By team: the audit's team.
    team_of = raw_audits.set_index("audit_id")["team"]
    by_team = counted.assign(team=counted["audit_id"].map(team_of)).groupby("team").size()
    for team, row in actions.by_team.iterrows():
        assert row["actions"] == by_team[team]
    assert list(actions.by_team.index) == [t for t in raw_audits["team"].unique()
                                           if t in by_team.index]
    # Overdue, longest first, with days past due.
    overdue = counted[counted["state"] == "overdue"].copy()
    overdue["days"] = (pd.Timestamp(AS_OF) - overdue["due"]).dt.days
    assert sorted(actions.overdue["days_overdue"], reverse=True) == \
        actions.overdue["days_overdue"].tolist()
    assert sorted(actions.overdue["days_overdue"]) == sorted(overdue["days"])
    assert len(actions.open) == counts["open"] + counts["overdue"]
    # One duplicate: the same audit, owner and text after case and punctuation are ignored.
    d = actions.duplicates
    assert len(d) == 1
    first = got.set_index("action_id").loc[d["duplicate_of"][0]]
    norm = lambda s: re.sub(r"[^a-z0-9]+", " ", s.lower()).strip()  # noqa: E731
    assert norm(first["description"]) == norm(d["description"][0])
    assert first["audit_id"] == d["audit_id"][0] and first["owner"] == d["owner"][0]
    # One action done the day it was raised (time 0); audits recording no action.
    assert (got["time"][got["event"]] == 0).sum() == 1
    no_action = raw_actions[raw_actions["description"] == "No action needed"]["audit_id"]
    assert actions.no_action_audits == no_action.nunique()
    assert actions.ageing[["open", "overdue"]].to_numpy().sum() == len(actions.open)


def test_actions_from_a_frame_equal_the_file(sample, sample_dir, actions):
    frame = pd.read_csv(sample_dir / "actions.csv", dtype=str, keep_default_na=False)
    frame["raised"] = pd.to_datetime(frame["raised"].replace("", None), format="%d/%m/%Y")
    again = sample.actions(frame, as_of=AS_OF)
    pd.testing.assert_frame_equal(again.to_frame(), actions.to_frame())
    assert again.median_ci == actions.median_ci


def test_bad_actions_raise_data_error_naming_line_column_value(sample, write_csv):
    path = write_csv("action_id,audit_id,description,owner,raised,due,completed\n"
                     "X1,AUD-0001,Update,P,01/10/2017,,\n"
                     "X1,AUD-9999,Update,,02/10/2017,01/10/2017,\n", "actions.csv")
    with pytest.raises(qaframe.DataError) as e:
        sample.actions(path, as_of=AS_OF)
    got = [(p.line, p.column, p.value) for p in e.value.problems]
    assert got == [(2, "raised", "01/10/2017"), (3, "action_id", "X1"),
                   (3, "audit_id", "AUD-9999"), (3, "owner", ""), (3, "due", "01/10/2017")]
    assert e.value.problems[0].reason == "raised before its audit (audited 2017-10-02)"
    frame = pd.DataFrame({"action_id": ["X1"], "audit_id": ["AUD-0001"], "description": ["D"],
                          "owner": ["P"], "raised": [pd.Timestamp("2017-10-03")],
                          "due": [None], "completed": ["32/10/2017"]})
    with pytest.raises(qaframe.DataError) as e:
        sample.actions(frame, as_of=AS_OF)
    assert str(e.value.problems[0]) == ("DataFrame row 0: column 'completed': value "
                                        "'32/10/2017': not a date: 2017-10 has no day 32")


# -- escalation ----------------------------------------------------------------------------------
def test_escalation_on_the_sample(sample, sample_dir, raw_audits):
    e = sample.escalation(sample_dir / "escalations.csv")
    assert e.late == ["AUD-0012"]
    assert e.missing == ["AUD-0048"]
    assert e.not_at_level == ["AUD-0093"]
    inadequate = raw_audits[raw_audits["final"] == "inadequate"]
    frame = e.to_frame()
    assert frame["audit_id"].tolist() == inadequate["audit_id"].tolist()
    # Deadlines: one working day on (numpy business days with the shipped holidays).
    holidays = _weekday_holidays()["date"].to_numpy().astype("datetime64[D]")
    dates = inadequate["audit_date"].to_numpy().astype("datetime64[D]")
    deadline = np.busday_offset(dates, 1, roll="forward", holidays=holidays)
    assert (frame["deadline"].to_numpy().astype("datetime64[D]") == deadline).all()
    esc = pd.read_csv(sample_dir / "escalations.csv", dtype=str)
    esc_day = pd.to_datetime(esc.set_index("audit_id")["escalated"], format="%d/%m/%Y")
    for _, r in frame.dropna(subset=["escalated"]).iterrows():
        assert r["escalated"] == esc_day[r["audit_id"]]
        taken = np.busday_count(np.datetime64(r["audit_date"].date()) + 1,
                                np.datetime64(r["escalated"].date()) + 1, holidays=holidays)
        assert r["working_days_taken"] == taken
    assert e.on_time == 6 / 8
    assert e.by_team.loc["All", "on_time_share_low"] == pytest.approx(_wilson(6, 8)[0])
    # Three working days allowed: none late.
    assert sample.escalation(sample_dir / "escalations.csv", working_days=3).late == []


def test_escalation_from_the_audits_own_column(sample):
    frame = sample.to_frame()
    frame["escalated"] = ""
    frame.loc[frame["audit_id"] == "AUD-0012", "escalated"] = "2017-10-10"
    audits = qaframe.AuditSet.from_frame(frame)
    e = audits.escalation()
    assert e.late == []
    assert len(e.missing) == 7 and "AUD-0012" not in e.missing


# -- cycle ---------------------------------------------------------------------------------------
def test_audit_cycle_on_the_sample(sample, sample_dir, raw_actions, raw_audits):
    c = sample.cycle(sample_dir / "actions.csv", as_of=AS_OF)
    acts = _states(raw_actions)
    counted = acts[~acts["state"].isin(["cancelled", "not yet raised"])]
    none = set(raw_actions[raw_actions["description"] == "No action needed"]["audit_id"])
    expected = {}
    for audit in raw_audits["audit_id"]:
        mine = counted[counted["audit_id"] == audit]
        done = mine[mine["state"].str.startswith("done")]
        if audit in none:
            expected[audit] = "complete"
        elif mine.empty:
            expected[audit] = "no actions recorded"
        elif len(done) < len(mine):
            expected[audit] = "actions not done"
        elif (done["evidence"] == "").any():
            expected[audit] = "no evidence of impact"
        else:
            expected[audit] = "complete"
    got = c.to_frame().set_index("audit_id")["stage"].to_dict()
    assert got == expected
    assert c.stuck["no actions recorded"] == ["AUD-0060", "AUD-0115", "AUD-0118"]
    assert c.share_complete == pytest.approx(list(expected.values()).count("complete") / 118)
    by_programme = pd.Series(expected).groupby(raw_audits.set_index("audit_id")["programme"])
    for programme, row in c.by_programme.iterrows():
        stages = by_programme.get_group(programme)
        assert row["complete"] == (stages == "complete").sum()
        low, high = _wilson(row["complete"], row["audits"])
        assert row["share_complete_low"] == pytest.approx(low, abs=1e-12)


# -- impact --------------------------------------------------------------------------------------
def test_impact_on_the_sample_has_no_reaudits(sample, sample_dir):
    # The sample's 118 audits are of 118 children: no pairs (said so, not invented).
    i = sample.impact(sample_dir / "actions.csv")
    assert i.children_reaudited == 0
    assert i.overall.pairs == 0
    assert i.overall.statement == "No audit was followed by a graded audit of the same child."


def test_impact_pairs_and_sign_test_equal_pandas_and_scipy():
    rng = np.random.default_rng(11)
    levels = ["Inadequate", "Requires Improvement", "Good", "Outstanding", "N/A"]
    rows = []
    for k in range(400):
        child = f"C{rng.integers(0, 150):03d}"
        rows.append({"audit_id": f"A{k:04d}", "child_id": child, "team": "T",
                     "audit_date": pd.Timestamp("2017-01-01") + pd.Timedelta(int(rng.integers(0, 700)), "D"),
                     "grade": levels[int(rng.choice(5, p=[.1, .3, .4, .1, .1]))]})
    frame = pd.DataFrame(rows)
    audits = qaframe.AuditSet.from_frame(frame)
    i = audits.impact()
    order = {g: n for n, g in enumerate(levels[:4])}
    f = frame.sort_values(["child_id", "audit_date"], kind="stable")
    up = down = same = na = 0
    for _, g in f.groupby("child_id"):
        grades = g["grade"].tolist()
        for a, b in zip(grades, grades[1:]):
            if a == "N/A" or b == "N/A":
                na += 1
            elif order[b] > order[a]:
                up += 1
            elif order[b] < order[a]:
                down += 1
            else:
                same += 1
    assert (i.overall.improved, i.overall.worsened, i.overall.unchanged) == (up, down, same)
    assert i.pairs_not_graded == na
    assert i.overall.pvalue == pytest.approx(sps.binomtest(up, up + down, 0.5).pvalue, rel=1e-12)
    assert i.transitions.to_numpy().sum() == up + down + same
    assert "caused" in i.overall.statement and "Of " in i.overall.statement
    # Child ids never appear in the result's outputs.
    shown = repr(i) + i._repr_html_() + i.to_frame().to_string() + " ".join(i.notes)
    assert not re.search(r"C\d{3}", shown)


# -- programme -----------------------------------------------------------------------------------
def test_programme_on_the_sample(sample, sample_dir, raw_audits):
    p = sample.programme(sample_dir / "teams.csv")
    teams = pd.read_csv(sample_dir / "teams.csv", dtype={"expected_per_month": int})
    assert list(p.teams.index) == teams["team"].tolist()  # every team, Leaving Care included
    assert p.teams.loc["Leaving Care", "audits"] == 0
    core = raw_audits[raw_audits["programme"] == "Core"]
    months = pd.period_range("2017-10", "2018-03", freq="M")
    done = pd.crosstab(core["team"], core["audit_date"].dt.to_period("M"))
    cells = p.to_frame().set_index(["team", "month"])
    for _, t in teams.iterrows():
        start = pd.Period(t["from"], freq="M")
        for m in months:
            label = m.strftime("%b %Y")
            want_done = int(done.loc[t["team"], m]) if t["team"] in done.index else 0
            want_expected = int(t["expected_per_month"]) if m >= start else 0
            assert cells.loc[(t["team"], label), "done"] == want_done
            assert cells.loc[(t["team"], label), "expected"] == want_expected
    assert p.flagged == ["Ambleside", "Brambles", "DCT", "H4U", "Early Help", "YOS",
                         "Leaving Care"]
    assert not p.teams.loc["DTA", "flagged"] and not p.teams.loc["FPT", "flagged"]
    assert p.matrix.loc["DTA", "Oct 2017"] == "4/2"
    # PRW coverage: teams with an audit in each week, of the teams active that month.
    prw = raw_audits[raw_audits["programme"] == "Practice Review Week"]
    for week, row in p.prw.iterrows():
        in_week = prw[(prw["audit_date"] >= row["first"]) & (prw["audit_date"] <= row["last"])]
        active = teams[pd.PeriodIndex(teams["from"], freq="M") <= row["first"].to_period("M")]
        covered = set(in_week["team"]) & set(active["team"])
        assert row["covered"] == len(covered) and row["teams"] == len(active)
    assert p.prw["teams_missing"].tolist() == ["", "FPT, Leaving Care"]


# -- sampling ------------------------------------------------------------------------------------
def rederive(caseload: pd.DataFrame, audits: pd.DataFrame, quotas: dict, seed: int,
             cutoff: pd.Timestamp) -> list[tuple[str, str]]:
    """The sample by the stated algorithm, written from its text: hashlib keys, teams in byte
    order, smallest keys first, children audited after the cut-off left out."""
    recent = set(audits.loc[audits["audit_date"] > cutoff, "child_id"])
    out = []
    for team in sorted(quotas, key=lambda t: t.encode()):
        eligible = caseload[(caseload["team"] == team) & ~caseload["child_id"].isin(recent)]
        keyed = sorted((hashlib.sha256(f"{seed}:{c}".encode()).hexdigest()[:16], c.encode(), c)
                       for c in eligible["child_id"])
        out += [(team, c) for _, _, c in keyed[:quotas[team]]]
    return out


def test_sample_is_rederived_from_the_stated_algorithm(sample, sample_dir, raw_audits):
    s = qaframe.sample_cases(sample_dir / "caseload.csv", sample, per_team=2, seed=20180501,
                             as_of=AS_OF)
    caseload = pd.read_csv(sample_dir / "caseload.csv", dtype=str, keep_default_na=False)
    quotas = {t: 2 for t in caseload["team"].unique()}
    assert s.cutoff == pd.Timestamp("2017-10-30")
    expected = rederive(caseload, raw_audits, quotas, 20180501, s.cutoff)
    assert list(zip(s.worklist["team"], s.worklist["child_id"])) == expected
    assert "printf '%s' '20180501:C-00001' | sha256sum | cut -c1-16" in s.algorithm
    assert "dated after 2017-10-30" in s.algorithm
    # Every key is the hashlib digest; quotas met; exclusions respected.
    for _, r in s.worklist.iterrows():
        assert r["key"] == hashlib.sha256(f"20180501:{r['child_id']}".encode()).hexdigest()[:16]
    recent = set(raw_audits.loc[raw_audits["audit_date"] > s.cutoff, "child_id"])
    assert not set(s.worklist["child_id"]) & recent
    counts = s.worklist.groupby("team").size()
    for team, row in s.teams.iterrows():
        assert row["sampled"] == min(2, row["eligible"]) == counts.get(team, 0)
    assert s.warnings == ["Team Leaving Care: only 1 eligible case (1 open, 0 audited since "
                          "2017-10-31) for a quota of 2; 1 short."]
    # The same seed and inputs give the same sample; the CSV round-trips.
    again = qaframe.sample_cases(caseload, sample, per_team=2, seed=20180501, as_of=AS_OF)
    pd.testing.assert_frame_equal(again.worklist.drop(columns="open_since"),
                                  s.worklist.drop(columns="open_since"))
    assert s.to_csv().splitlines()[0] == "team,order,child_id,case_type,worker,key,reason,open_since"
    other = qaframe.sample_cases(caseload, sample, per_team=2, seed=20180502, as_of=AS_OF)
    assert other.worklist["child_id"].tolist() != s.worklist["child_id"].tolist()


def test_sample_quotas_from_the_teams_file_and_case_type_minimums(sample, sample_dir, raw_audits):
    s = qaframe.sample_cases(sample_dir / "caseload.csv", sample,
                             per_team=sample_dir / "teams.csv", seed=20180501, as_of=AS_OF,
                             minimum={"Child Protection": 1})
    assert s.teams.loc["FPT", "quota"] == 0 and s.teams.loc["Leaving Care", "quota"] == 2
    caseload = pd.read_csv(sample_dir / "caseload.csv", dtype=str, keep_default_na=False)
    recent = set(raw_audits.loc[raw_audits["audit_date"] > s.cutoff, "child_id"])
    for team in ("Ambleside", "Brambles", "DCT", "H4U"):
        w = s.worklist[s.worklist["team"] == team]
        assert w["reason"].tolist()[0] == "minimum for Child Protection"
        cp = caseload[(caseload["team"] == team) & (caseload["case_type"] == "Child Protection")
                      & ~caseload["child_id"].isin(recent)]
        first = min(cp["child_id"], key=lambda c: hashlib.sha256(f"20180501:{c}".encode())
                    .hexdigest()[:16])
        assert w["child_id"].tolist()[0] == first
    # Teams without such cases are warned about, by team and case type, never by child.
    assert "Team DTA: 0 of the minimum 1 Child Protection case (too few eligible)." in s.warnings
    for w in s.warnings:
        assert not re.search(r"C-\d{5}", w)


def test_bad_teams_and_caseload_files(sample, write_csv):
    path = write_csv("team,programme,expected_per_month,from\nA,Core,two,2017-13\n", "teams.csv")
    with pytest.raises(qaframe.DataError) as e:
        sample.programme(path)
    assert [(p.line, p.column, p.value) for p in e.value.problems] == [
        (2, "expected_per_month", "two"), (2, "from", "2017-13")]
    path = write_csv("child_id,team,case_type,worker\nC-11111,A,CIN,\nC-11111,A,CIN,\n",
                     "caseload.csv")
    with pytest.raises(qaframe.DataError) as e:
        qaframe.read_caseload(path)
    assert "C-11111" not in str(e.value)
    assert e.value.problems[0].reason.startswith("the same child is listed twice (first on line 2)")


# -- display and the sample's generator -----------------------------------------------------------
def test_results_render_and_never_show_child_ids(sample, sample_dir, actions):
    shown = [actions, sample.escalation(sample_dir / "escalations.csv"),
             sample.cycle(sample_dir / "actions.csv", as_of=AS_OF),
             sample.programme(sample_dir / "teams.csv"), sample.impact()]
    for r in shown:
        text = repr(r) + r._repr_html_() + r.to_frame().to_string()
        assert not re.search(r"C-\d{5}", text), type(r).__name__
    s = qaframe.sample_cases(sample_dir / "caseload.csv", sample, seed=1, as_of=AS_OF)
    assert "<pre>" in s._repr_html_() and "CaseSample(" in repr(s)


def test_sample_files_equal_their_generator(sample_dir):
    spec = importlib.util.spec_from_file_location("make_cycle", sample_dir / "make_cycle.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for name, text in module.render().items():
        assert (sample_dir / name).read_text(encoding="utf-8") == text, name
