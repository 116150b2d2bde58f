"""The sample data reproduces the seed report's three grade tables and its headline exactly."""

import json
import subprocess
import sys

import pandas as pd
import pytest

import qaframe

COLUMNS = ["Inadequate", "Requires Improvement", "Good", "Outstanding", "N/A", "Total"]

# Typed in from ../shared/seed (Wokingham annual QA report 2017-18), not computed by the library.
SEED_TABLES = {
    "programme": {
        "Core": [1, 4, 9, 1, 24, 39],
        "Practice Review Week": [7, 23, 45, 3, 1, 79],
        "Total": [8, 27, 54, 4, 25, 118],
    },
    "team": {
        "Ambleside": [2, 4, 11, 1, 0, 18],
        "Brambles": [1, 6, 9, 0, 0, 16],
        "DCT": [1, 7, 5, 0, 1, 14],
        "DTA": [0, 4, 6, 0, 24, 34],
        "H4U": [3, 5, 12, 0, 0, 20],
        "FPT": [0, 0, 1, 0, 0, 1],
        "Early Help": [1, 1, 7, 1, 0, 10],
        "YOS": [0, 0, 3, 2, 0, 5],
        "Total": [8, 27, 54, 4, 25, 118],
    },
    "audit_type": {
        "General Audits": [7, 26, 44, 3, 1, 81],
        "Early Help General Audits": [1, 1, 6, 1, 0, 9],
        "Early Help Minimum Standards": [0, 0, 2, 0, 0, 2],
        "DTA Minimum Standards": [0, 0, 0, 0, 24, 24],
        "Other": [0, 0, 2, 0, 0, 2],
        "Total": [8, 27, 54, 4, 25, 118],
    },
}


@pytest.mark.parametrize("by", list(SEED_TABLES))
def test_crosstab_equals_seed_table(sample, by):
    expected = pd.DataFrame.from_dict(SEED_TABLES[by], orient="index", columns=COLUMNS)
    got = sample.crosstab(by=by)
    assert list(got.columns) == COLUMNS
    assert list(got.index) == list(expected.index)  # rows in the seed's order, Total last
    assert got.index.name == by
    assert (got.to_numpy() == expected.to_numpy()).all(), got


def test_crosstab_matches_pandas(sample):
    """The library's table equals pandas' crosstab of the same data (an independent count), on
    final grades (the moderator's where moderated) and on the auditors' own."""
    frame = sample.to_frame()
    original = frame["grade"].astype(object).fillna("N/A")
    moderated = frame["moderated_grade"].astype(object)
    final = moderated.where(moderated.notna(), original)
    for grades, column in (("final", final), ("original", original)):
        expected = pd.crosstab(frame["team"], column, margins=True, margins_name="Total")
        got = sample.crosstab(by="team", grades=grades)
        for team in got.index:
            for col in COLUMNS:
                assert got.loc[team, col] == expected.get(col, {}).get(team, 0), (grades, team, col)


def test_headline_shares(sample):
    p = sample.profile()
    assert (p.n, p.n_graded, p.n_not_applicable, p.n_children) == (118, 93, 25, 118)
    assert p.share_below("Good") == pytest.approx(35 / 118, abs=1e-15)
    assert p.share_below("Good", adjusted=True) == pytest.approx(35 / 93, abs=1e-15)
    assert p.share_at_least("Good") == pytest.approx(58 / 118, abs=1e-15)
    assert p.share_at_least("Good", adjusted=True) == pytest.approx(58 / 93, abs=1e-15)
    assert p.counts.tolist() == [8, 27, 54, 4, 25]


def test_report_markdown_has_seed_headline_and_tables(sample):
    text = sample.report(source="audits.csv")
    assert "- 30% (38% adjusted) Inadequate or Requires Improvement" in text
    assert "- 49% (62% adjusted) Good or Outstanding" in text
    assert "| Core | 1 | 4 | 9 | 1 | 24 | 39 |" in text
    assert "| DTA | 0 | 4 | 6 | 0 | 24 | 34 |" in text
    assert "| DTA Minimum Standards | 0 | 0 | 0 | 0 | 24 | 24 |" in text
    assert text._repr_markdown_() == str(text)
    frame = sample.to_frame()
    for child in frame["child_id"]:
        assert child not in text  # no child identifier in the report


def test_report_json(sample):
    data = json.loads(sample.report(format="json"))
    assert data["audits"] == 118 and data["graded"] == 93 and data["children"] == 118
    below, above = data["headline"]
    assert (below["count"], below["percent"], below["adjusted_percent"]) == (35, 30, 38)
    assert (above["count"], above["percent"], above["adjusted_percent"]) == (58, 49, 62)
    tables = {t["by"]: t for t in data["tables"]}
    assert set(tables) == {"programme", "team", "audit_type"}
    rows = {r["label"]: r["counts"] + [r["total"]] for r in tables["team"]["rows"]}
    expected = {k: v for k, v in SEED_TABLES["team"].items() if k != "Total"}
    assert rows == expected


@pytest.mark.parametrize("runner", ["cpp", "python"])
def test_command_line_report(root, sample_path, runner):
    cmd = ([str(root / "build" / "qaframe")] if runner == "cpp"
           else [sys.executable, "-m", "qaframe"])
    env = {"PYTHONPATH": str(root / "python"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(cmd + ["report", str(sample_path)], capture_output=True, text=True,
                          env=env)
    assert done.returncode == 0, done.stderr
    assert "30% (38% adjusted) Inadequate or Requires Improvement" in done.stdout
    assert "| Practice Review Week | 7 | 23 | 45 | 3 | 1 | 79 |" in done.stdout
    as_json = subprocess.run(cmd + ["report", str(sample_path), "--format", "json"],
                             capture_output=True, text=True, env=env)
    assert as_json.returncode == 0
    assert json.loads(as_json.stdout)["headline"][1]["adjusted_percent"] == 62
