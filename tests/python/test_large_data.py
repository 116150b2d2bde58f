"""Large-data paths: chunked reading, the encoded DataFrame path, tables by several columns, and
a smoke run of the national-scale benchmark (kept tiny so that the suite stays fast)."""

import os
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import qaframe

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "benchmarks"))
import make_audits_large as gen  # noqa: E402


@pytest.fixture(scope="module")
def big_csv(tmp_path_factory):
    path = tmp_path_factory.mktemp("large") / "audits.csv"
    gen.write_csv(str(path), 5000, block=1500)  # several generator blocks, ids run on
    return path


def test_generator_is_deterministic_and_realistic(big_csv, tmp_path):
    again = tmp_path / "again.csv"
    gen.write_csv(str(again), 5000, block=1500)
    assert again.read_bytes() == big_csv.read_bytes()
    frame = pd.read_csv(big_csv, keep_default_na=False)
    assert list(frame.columns) == gen.COLUMNS
    assert frame["audit_id"].is_unique
    na = frame["grade"].isin(["", "N/A"]).mean()
    assert 0.15 < na < 0.25
    assert frame["team"].nunique() > 500 and frame["programme"].nunique() == 3


@pytest.mark.parametrize("rows", [1, 999, 5000, 100000])
def test_chunked_tallies_equal_the_whole(big_csv, rows):
    whole = qaframe.read_audits(big_csv)
    chunks = list(qaframe.read_audits_chunked(big_csv, rows=rows))
    assert len(chunks) == -(-5000 // rows)
    assert sum(len(c) for c in chunks) == len(whole) == 5000
    for by in ["team", "auditor", "audit_type", ["team", "programme"]]:
        merged = chunks[0].tally(by)
        for c in chunks[1:]:
            merged.merge(c.tally(by))
        assert merged == whole.tally(by)
        pd.testing.assert_frame_equal(merged.to_frame(), whole.crosstab(by))
    counts = [c.profile() for c in chunks]
    assert sum(p.n_graded for p in counts) == whole.profile().n_graded


def test_chunked_problems_name_file_lines(write_csv):
    text = "audit_id,child_id,team,audit_date,grade\n" + "".join(
        f"A{i},C{i},DTA,01/04/2018,Good\n" for i in range(10))
    text += "B1,C1,DTA,31/02/2018,Good\nA2,C9,DTA,01/04/2018,Good\n"
    path = write_csv(text)
    chunks = qaframe.read_audits_chunked(path, rows=5)
    assert len(next(chunks)) == 5 and len(next(chunks)) == 5
    with pytest.raises(qaframe.DataError) as err:
        next(chunks)
    lines = [(p.line, p.column) for p in err.value.problems]
    assert lines == [(12, "audit_date"), (13, "audit_id")]
    assert "earlier chunk" in err.value.problems[1].reason
    assert list(chunks) == []
    with pytest.raises(FileNotFoundError):
        qaframe.read_audits_chunked(path.parent / "missing.csv")
    with pytest.raises(qaframe.DataError):
        qaframe.read_audits_chunked(write_csv("audit_id,team\nA,B\n", "bad.csv"))


def test_from_frame_encoded_path_equals_reading_the_csv(big_csv):
    read = qaframe.read_audits(big_csv)
    text = pd.read_csv(big_csv, keep_default_na=False, dtype=str)
    assert qaframe.AuditSet.from_frame(text) == read
    records = gen.generate(3000)
    frame = gen.to_frame(records)
    from_codes = qaframe.AuditSet.from_frame(frame)
    assert from_codes == qaframe.AuditSet.from_frame(frame.astype(str).replace("nan", ""))
    # Missing values of every kind, datetimes (with NaT) and numbers read as text.
    mixed = pd.DataFrame({
        "audit_id": ["a", "b", "c"], "child_id": [1, 2, 2], "team": pd.Categorical(["x", "y", "x"]),
        "audit_date": pd.to_datetime(["2018-04-01", "2018-04-02", "2018-04-03"]),
        "grade": ["Good", None, np.nan], "extra": [1.5, None, 2.0]})
    a = qaframe.AuditSet.from_frame(mixed)
    assert a.to_frame()["child_id"].tolist() == ["1", "2", "2"]
    assert a.profile().n_not_applicable == 2
    mixed.loc[1, "audit_date"] = pd.NaT
    with pytest.raises(qaframe.DataError) as err:
        qaframe.AuditSet.from_frame(mixed)
    assert [(p.row, p.column) for p in err.value.problems] == [(1, "audit_date")]


def test_table_by_two_columns_matches_pandas(big_csv):
    audits = qaframe.read_audits(big_csv)
    table = audits.crosstab(["team", "programme"])
    assert table.index.names == ["team", "programme"]
    frame = pd.read_csv(big_csv, keep_default_na=False)
    graded = frame["grade"].map(lambda g: qaframe.GradeScale.ofsted().parse(g) or "N/A")
    expected = frame.assign(grade=graded).groupby(["team", "programme", "grade"]).size()
    for (team, programme, grade), count in expected.items():
        assert table.loc[(team, programme), grade] == count
    assert table.loc[("Total", ""), "Total"] == len(frame)
    assert len(table) == frame.groupby(["team", "programme"]).ngroups + 1
    # First appearance order of the combinations.
    first = list(dict.fromkeys(zip(frame["team"], frame["programme"])))
    assert [tuple(k) for k in table.index[:-1]] == first


def test_benchmark_smoke_run(tmp_path):
    out = subprocess.run(
        [sys.executable, os.path.join(ROOT, "benchmarks", "bench_ingest_tables.py"),
         "--rows", "2000", "--table-rows", "20000", "--memory-rows", "2000", "--repeats", "1",
         "--data", str(tmp_path)],
        capture_output=True, text=True, env={**os.environ, "PYTHONPATH": os.path.join(ROOT, "python")},
        check=True).stdout
    assert "read_csv(dtype=str)" in out and "threads=1" in out and "groupby" in out
    assert "bytes per audit" in out


@pytest.fixture(scope="module")
def blocks_csv(tmp_path_factory):
    # Over twice the 4 MiB a reading thread takes at least: read in blocks on two threads.
    path = tmp_path_factory.mktemp("blocks") / "audits.csv"
    gen.write_csv(str(path), 90000, block=30000)
    assert path.stat().st_size > 8 << 20
    return path


def test_threads_give_one_threads_set(blocks_csv):
    one = qaframe.read_audits(blocks_csv, threads=1)
    two = qaframe.read_audits(blocks_csv, threads=2)
    every = qaframe.read_audits(blocks_csv)
    assert len(one) == 90000
    assert one == two == every
    assert one.crosstab(by="team").equals(two.crosstab(by="team"))


def test_threads_give_one_threads_problems(blocks_csv, tmp_path):
    # Two bad values far apart and an id repeated across the blocks: the same problems, in the
    # same order, with the file's lines, on one thread and on two.
    lines = blocks_csv.read_text().splitlines(keepends=True)
    grade = gen.COLUMNS.index("grade")

    def with_field(line, i, value):
        fields = line.rstrip("\r\n").split(",")  # the generator writes no quoted field
        fields[i] = value
        return ",".join(fields) + "\n"

    lines[80000] = with_field(lines[80000], 0, lines[10].split(",")[0])
    lines[40000] = with_field(lines[40000], grade, "Goodish")
    bad = tmp_path / "bad.csv"
    bad.write_text("".join(lines))
    problems = []
    for threads in (1, 2):
        with pytest.raises(qaframe.DataError) as e:
            qaframe.read_audits(bad, threads=threads)
        problems.append([str(p) for p in e.value.problems])
    assert problems[0] == problems[1]
    assert len(problems[0]) == 2, problems[0]
    assert ":40001: column 'grade': value 'Goodish'" in problems[0][0]
    assert ":80001: column 'audit_id'" in problems[0][1]


@pytest.mark.parametrize("threads", [-1, 1.5, True, "2"])
def test_threads_must_be_a_count(blocks_csv, threads):
    with pytest.raises(ValueError, match="threads must be a whole number"):
        qaframe.read_audits(blocks_csv, threads=threads)


@pytest.mark.parametrize("teams, width", [(200, 1), (300, 2), (70_000, 3)])
def test_narrow_codes_count_and_round_trip_at_every_width(teams, width):
    """A column of up to 256 levels is held in one byte a code, up to 65,536 in two, more in three
    (up to 16,777,216): tables by it (one and two columns) count as pandas groupby does, and
    to_frame gives the values back, at each width."""
    rng = np.random.default_rng(teams)
    n = 140_000
    team = np.array([f"T{i:05d}" for i in range(teams)], dtype=object)[
        np.concatenate([np.arange(teams), rng.integers(0, teams, n - teams)])]
    grade = rng.choice(["Inadequate", "Requires Improvement", "Good", "Outstanding", "N/A"], n)
    programme = rng.choice(["Core", "Practice Review Week"], n)
    frame = pd.DataFrame({"audit_id": [f"A{i}" for i in range(n)], "child_id": "C1",
                          "team": pd.Categorical(team), "audit_date": "2024-01-05",
                          "grade": grade, "programme": programme})
    audits = qaframe.AuditSet.from_frame(frame)
    # The codes as NumPy sees them: a view of one or two bytes, a uint32 copy of three.
    codes = audits._impl.codes("team")
    assert codes.dtype.itemsize == {1: 1, 2: 2, 3: 4}[width]
    assert (np.asarray(frame["team"].cat.categories)[codes] == team).all()
    # The set holds `width` bytes a row for the team (the rest: ids, dates, grades, one child).
    ids = sum(len(f"A{i}") for i in range(n)) + 4 * (n + 1)
    rest = ids + n * (4 + 1 + 1 + 1)  # dates, grade, programme and child codes
    team_levels = 6 * teams  # fixed-width level texts, no offsets
    assert 0 <= audits.nbytes - (rest + team_levels + n * width) < 1024
    assert audits._impl.codes("programme").dtype.itemsize == 1
    table = audits.crosstab("team")
    expected = frame.groupby(["team", "grade"]).size()
    for (t, g), count in expected.items():
        assert table.loc[t, g] == count
    assert len(table) == teams + 1
    both = audits.crosstab(["team", "programme"])
    expected2 = frame.groupby(["team", "programme", "grade"]).size()
    expected2 = expected2[expected2 > 0]  # a categorical grouper lists unseen combinations too
    for (t, p, g), count in expected2.sample(500, random_state=1).items():
        assert both.loc[(t, p), g] == count
    assert both.loc[("Total", ""), "Total"] == n
    back = audits.to_frame()
    assert (back["team"].astype(str).to_numpy() == team.astype(str)).all()
    assert qaframe.AuditSet.from_frame(back) == audits


def test_nbytes_counts_the_columns_and_fixed_width_ids_have_no_offsets(big_csv):
    # The generator's ids are 12 bytes ("AUD-00000001"), child ids 9: held as text alone.
    audits = qaframe.read_audits(big_csv, threads=1)
    frame = pd.read_csv(big_csv, dtype=str, keep_default_na=False)
    n = len(frame)
    assert len(audits) == n
    assert set(frame["audit_id"].str.len()) == {12}
    children = frame["child_id"].unique()
    assert {len(c) for c in children} == {9}
    # Each column by its stored width, counted independently of the library.
    def code_bytes(column):
        levels = frame[column].nunique()
        return 1 if levels <= 256 else 2 if levels <= 65536 else 4
    expected = (n * 12                     # ids, no offsets
                + n * 4                    # dates
                + n * 3                    # grade and two domain grades
                + len(children) * 9        # child_id's levels, no offsets
                + n * sum(code_bytes(c) for c in
                          ["child_id", "team", "audit_type", "programme", "auditor"]))
    def levels_bytes(column):  # texts, and 4-byte offsets unless every level has one length
        levels = frame[column].str.strip().drop_duplicates()
        lengths = set(levels.str.len())
        return int(levels.str.len().sum()) + (0 if len(lengths) == 1 else 4 * (len(levels) + 1))
    expected += sum(levels_bytes(c) for c in ["team", "audit_type", "programme", "auditor"])
    assert expected <= audits.nbytes <= expected + 1024  # a small text's inline capacity


def test_nbytes_of_a_set_read_in_blocks_is_the_one_thread_sets(blocks_csv):
    one = qaframe.read_audits(blocks_csv, threads=1)
    two = qaframe.read_audits(blocks_csv, threads=2)
    assert two == one
    # Joined blocks: the same columns, no offsets for the 12-byte ids either way.
    assert one.nbytes < 90000 * 40
    assert abs(two.nbytes - one.nbytes) <= 0.01 * one.nbytes
