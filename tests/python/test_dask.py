"""Scale-out on Dask: a partitioned collection (a file per council and year) summarised file by
file and merged equals the single-process result on the same audits read as one file; the
tallies pickle; distinct children are exact across partitions."""

from __future__ import annotations

import pickle
import random
from pathlib import Path

import pytest

import qaframe
import qaframe.dask as qd
from qaframe import _core

GRADES = ["Inadequate", "Requires Improvement", "RI", "Good", "good", "Outstanding", "", "N/A"]
MODERATED = ["Inadequate", "Requires Improvement", "Good", "Outstanding", "N/A"]
HEADER = ("audit_id,child_id,team,audit_type,programme,audit_date,auditor,grade,"
          "moderated_grade,moderator,domain:planning")


def make_collection(folder: Path, councils=4, years=3, rows=60, seed=17):
    """One CSV per council and year, and the same records joined in one file (joined.csv).

    Children recur across a council's years and auditors work for several councils, so that
    distinct children and per-auditor rows only come out right when merged by identity and
    label, not added."""
    rng = random.Random(seed)
    part_dir = folder / "parts"
    part_dir.mkdir()
    joined = [HEADER]
    n = 0
    for c in range(councils):
        for y in range(years):
            lines = [HEADER]
            for _ in range(rows):
                n += 1
                grade = rng.choice(GRADES)
                moderated = rng.choice(MODERATED) if rng.random() < 0.4 else ""
                line = ",".join([
                    f"AUD-{n:06d}", f"LA{c}-C{rng.randrange(45):03d}",
                    f"LA{c} {rng.choice(['Assessment', 'CIN', 'LAC'])}",
                    rng.choice(["General Audits", "Minimum Standards"]),
                    rng.choice(["Core", "Practice Review Week"]),
                    f"{1 + rng.randrange(28):02d}/{1 + rng.randrange(12):02d}/{2015 + y}",
                    f"Auditor {rng.randrange(9)}", grade, moderated,
                    f"Moderator {rng.randrange(3)}" if moderated else "",
                    rng.choice(["Good", "Inadequate", "Requires Improvement", ""])])
                lines.append(line)
                joined.append(line)
            (part_dir / f"la{c:02d}_{2015 + y}.csv").write_text("\n".join(lines) + "\n")
    (folder / "joined.csv").write_text("\n".join(joined) + "\n")
    return sorted(part_dir.glob("*.csv")), folder / "joined.csv"


@pytest.fixture(scope="module")
def collection(tmp_path_factory):
    return make_collection(tmp_path_factory.mktemp("collection"))


@pytest.fixture(scope="module")
def whole(collection):
    return qaframe.read_audits(collection[1])


@pytest.fixture(scope="module")
def client():
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None, silence_logs=40)
    c = distributed.Client(cluster)
    yield c
    c.close()
    cluster.close()


def test_crosstab_on_a_local_cluster_equals_one_process(collection, whole, client):
    parts, _ = collection
    for by in ("team", "auditor", ["team", "programme"], "financial_year"):
        got = qd.crosstab(parts, by=by, client=client)
        want = whole.crosstab(by)
        assert got.equals(want), by
        assert list(got.index) == list(want.index)  # rows in order of first appearance
    table = qd.tally([str(p) for p in parts], by="team", grades="original", client=client)
    assert table == whole.tally("team", grades="original")
    assert qd.crosstab(parts, by="team", grades="planning", client=client).equals(
        whole.crosstab("team", grades="planning"))


def test_profile_counts_children_exactly_across_partitions(collection, whole, client):
    parts, _ = collection
    got = qd.profile(parts, client=client)
    want = whole.profile()
    assert got.counts.equals(want.counts)
    assert got.n_children == want.n_children == whole.n_children
    per_part = sum(qaframe.read_audits(p).n_children for p in parts)
    assert per_part > got.n_children  # children recur across years: counts would not add


def test_moderation_on_a_local_cluster_equals_one_process(collection, whole, client):
    parts, _ = collection
    got = qd.moderation(parts, client=client, n_resamples=300, seed=11)._impl
    want = whole.moderation(n_resamples=300, seed=11)._impl
    assert got.table == want.table
    assert (got.audits, got.moderated, got.pairs) == (want.audits, want.moderated, want.pairs)
    assert [(r.programme, r.audits, r.moderated) for r in got.coverage] == \
        [(r.programme, r.audits, r.moderated) for r in want.coverage]
    for g, w in zip(got.agreement, want.agreement):
        assert (g.statistic, g.estimate, g.low, g.high, g.n) == \
            (w.statistic, w.estimate, w.low, w.high, w.n)
    for rows in ("by_auditor", "by_team"):
        assert [(r.label, r.pairs, r.raised, r.lowered, r.pvalue, r.adjusted, r.flagged)
                for r in getattr(got, rows)] == \
            [(r.label, r.pairs, r.raised, r.lowered, r.pvalue, r.adjusted, r.flagged)
             for r in getattr(want, rows)]


def test_default_scheduler_and_a_glob(collection, whole):
    parts, _ = collection
    pattern = str(parts[0].parent / "la*_*.csv")
    assert qd.paths(pattern) == [str(p) for p in parts]
    assert qd.crosstab(pattern, by="team").equals(whole.crosstab("team"))
    with pytest.raises(ValueError, match="no file matches"):
        qd.paths(str(parts[0].parent / "nothing*.csv"))
    with pytest.raises(FileNotFoundError):
        qd.crosstab([parts[0], parts[0].parent / "missing.csv"])


def test_a_bad_partition_raises_data_error_naming_its_file(collection, tmp_path, client):
    parts, _ = collection
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "\nX1,C1,T,General Audits,Core,31/02/2018,A,Goodish,,,\n")
    with pytest.raises(qaframe.DataError) as err:
        qd.crosstab([parts[0], bad], by="team", client=client)
    assert [(p.source, p.line, p.column) for p in err.value.problems] == \
        [(str(bad), 2, "audit_date"), (str(bad), 2, "grade")]
    assert err.value.total == 2


def test_tallies_pickle_and_rebuild_equal(sample):
    custom = qaframe.GradeScale.custom("five", ["E", "D", "C", "B", "A"], [("a+", "A")],
                                       ["none"], 3)
    for scale in (qaframe.GradeScale.ofsted(), qaframe.GradeScale.met_not_met(), custom):
        assert pickle.loads(pickle.dumps(scale)) == scale
    table = sample.tally(["team", "programme"])
    assert pickle.loads(pickle.dumps(table)) == table
    assert pickle.loads(pickle.dumps(table._impl)) == table._impl
    counts = sample.profile()._impl.counts
    assert pickle.loads(pickle.dumps(counts)) == counts
    profile = pickle.loads(pickle.dumps(sample.profile()))
    assert profile.counts.equals(sample.profile().counts)
    assert profile.n_children == sample.n_children
    children = _core.ChildSet.of(sample._impl)
    assert len(children) == sample.n_children and children.nbytes == 8 * sample.n_children
    assert pickle.loads(pickle.dumps(children)) == children
    tally = _core.ModerationTally.of(sample._impl)
    assert pickle.loads(pickle.dumps(tally)) == tally
    try:
        qaframe.AuditSet(_core.parse_audits("audit_id\nA\n", "x.csv", qaframe.GradeScale.ofsted()))
    except qaframe.DataError as e:
        again = pickle.loads(pickle.dumps(e))
        assert isinstance(again, qaframe.DataError)
        assert [str(p) for p in again.problems] == [str(p) for p in e.problems]
        assert again.total == e.total


def test_merge_of_a_different_scale_is_refused(sample):
    t = qaframe.GradeTable(_core.GradeTable("team", qaframe.GradeScale.met_not_met()))
    with pytest.raises(ValueError):
        sample.tally("team") + t
