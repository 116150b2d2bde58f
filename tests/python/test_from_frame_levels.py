"""AuditSet.from_frame (each distinct value validated once, in C++) against read_audits of the
same data written as CSV: equal sets, and the same problems (row, column, value, reason), on
frames of categorical, object and datetime64 columns, with bad grades and dates, empty required
values, duplicate ids, missing values, unused categories and spellings of one level."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

import qaframe

IDS = [f"A{i}" for i in range(40)] + [" A3", ""]
CHILDREN = ["C1", "C2", "C3", "C1 ", ""]
TEAMS = ["North", "South", "north", "South ", ""]
DATES = ["2024-01-05", "05/01/2024", "31/02/2024", "not a date", "", "2023-12-31"]
GRADES = ["Good", "good", "RI", "Outstanding", "Inadequate", "N/A", "", "Goodish"]
MODERATED = ["Good", "", "Meh", "N/A"]


def frame(rng: np.random.Generator, rows: int, bad: float, kind: str) -> pd.DataFrame:
    """Random audits; `bad` is how often a cell may take a bad or missing value."""
    def pick(values, good):
        idx = np.where(rng.random(rows) < bad, rng.integers(0, len(values), rows),
                       rng.integers(0, good, rows))
        return [values[i] for i in idx]
    ids = [f"A{i}" for i in range(rows)] if bad == 0 else pick(IDS, len(IDS) - 2)
    data = {
        "audit_id": ids,
        "child_id": pick(CHILDREN, 3),
        "team": pick(TEAMS, 2),
        "audit_date": pick(DATES, 2),
        "grade": pick(GRADES, 6),
        "moderated_grade": pick(MODERATED, 2),
        "programme": pick(["Core", "Thematic", "core", ""], 2),
    }
    df = pd.DataFrame(data)
    if kind == "categorical":
        for c in df.columns:
            # Unused categories too, and missing values as NaN rather than "".
            values = df[c].replace("", np.nan)
            df[c] = pd.Categorical(values, categories=sorted(set(values.dropna())) + ["unused"])
    elif kind == "datetime":
        good = df["audit_date"].isin(["2024-01-05", "2023-12-31"])
        df = df[good | (df["audit_date"] == "")].copy()
        df["audit_date"] = pd.to_datetime(df["audit_date"].replace("", None), format="%Y-%m-%d")
        df = df.reset_index(drop=True)
    else:
        df = df.replace("", None).astype(object)
    return df


def problems(call):
    with pytest.raises(qaframe.DataError) as e:
        call()
    out = []
    for p in e.value.problems:
        reason = p.reason
        m = re.search(r"first seen on line (\d+)", reason)
        if m:  # a file names lines (the header is line 1), a frame rows
            reason = reason.replace(m.group(0), f"first seen on row {int(m.group(1)) - 2}")
        out.append((p.row, p.column, p.value, reason))
    return out, e.value.total, e.value.notes


@pytest.mark.parametrize("kind", ["categorical", "object", "datetime"])
@pytest.mark.parametrize("seed", range(6))
def test_from_frame_is_read_audits_of_the_csv(tmp_path, kind, seed):
    rng = np.random.default_rng(seed)
    bad = 0.0 if seed % 2 == 0 else 0.15
    df = frame(rng, int(rng.integers(1, 300)), bad, kind)
    path = tmp_path / "audits.csv"
    df.to_csv(path, index=False)
    if bad == 0:
        a = qaframe.AuditSet.from_frame(df)
        b = qaframe.read_audits(path)
        assert a == b
        assert len(a) == len(df)
        for c in ("team", "programme"):  # level order too: first appearance in the rows
            assert list(a.to_frame()[c].cat.categories) == list(b.to_frame()[c].cat.categories)
        return
    try:
        b = qaframe.read_audits(path)
    except qaframe.DataError:
        assert problems(lambda: qaframe.AuditSet.from_frame(df, max_problems=1000)) == \
            problems(lambda: qaframe.read_audits(path, max_problems=1000))
    else:
        assert qaframe.AuditSet.from_frame(df) == b


def test_a_bad_frame_fails_with_the_csv_problems(tmp_path):
    df = pd.DataFrame({
        "audit_id": ["A1", "A2", "A1", "A3", "A1"],
        "child_id": ["C1", "C1", "C2", "C3", "C4"],
        "team": pd.Categorical(["North", "North", None, "South", "North"],
                               categories=["South", "North", "West"]),
        "audit_date": ["2024-01-05", "2024-02-30", "2024-01-06", "05/01/2024", "2024-01-05"],
        "grade": pd.Categorical(["Good", "Goodish", "good", "RI", "Outstanding"]),
    })
    path = tmp_path / "bad.csv"
    df.to_csv(path, index=False)
    got, total, notes = problems(lambda: qaframe.AuditSet.from_frame(df))
    assert (got, total, notes) == problems(lambda: qaframe.read_audits(path))
    assert [(r, c) for r, c, _, _ in got] == [
        (1, "audit_date"), (1, "grade"), (2, "team"), (2, "audit_id"), (4, "audit_id")]
    assert got[3][3] == "duplicate audit_id; first seen on row 0"


def test_a_long_column_of_identifiers_as_text(tmp_path):
    """Past 40,000 rows a text column of mostly distinct values (identifiers) goes to C++ a text
    a row rather than factorised: the same set, and the same problems (a missing id, a repeat)."""
    rng = np.random.default_rng(7)
    n = 50_000
    df = pd.DataFrame({
        "audit_id": pd.Series([f"A{i}" for i in range(n)], dtype=object),
        "child_id": pd.Series([f"C{i // 2}" for i in range(n)], dtype=object),
        "team": pd.Categorical(rng.choice(["North", "South"], n)),
        "audit_date": pd.Series(["2024-01-05"] * n, dtype=object),
        "grade": pd.Categorical(rng.choice(["Good", "RI", ""], n)),
    })
    path = tmp_path / "long.csv"
    df.to_csv(path, index=False)
    assert qaframe.AuditSet.from_frame(df) == qaframe.read_audits(path)
    df.loc[10, "audit_id"] = None
    df.loc[20, "audit_id"] = "A3"
    df.loc[30, "child_id"] = np.nan
    df.to_csv(path, index=False)
    got = problems(lambda: qaframe.AuditSet.from_frame(df))
    assert got == problems(lambda: qaframe.read_audits(path))
    assert [(r, c) for r, c, _, _ in got[0]] == [(10, "audit_id"), (20, "audit_id"),
                                                (30, "child_id")]


def test_texts_utf8_cannot_hold_and_categories_that_are_not_text_are_named():
    # A lone surrogate (which no file read gives, but a Python string can hold) is named with its
    # column; the encoded call refuses a category that is not a str, naming column and position.
    df = pd.DataFrame({"audit_id": ["A1", "A2"], "child_id": ["C1", "C2"], "team": ["T", "T"],
                       "audit_date": ["2024-01-05"] * 2, "grade": ["Good", "\ud800"]})
    with pytest.raises(ValueError, match=r"column 'grade': the value '\\ud800' is not text"):
        qaframe.AuditSet.from_frame(df)
    from qaframe import _core
    with pytest.raises(TypeError, match="categories of column 'audit_id': item 1 is not a str"):
        _core.audits_from_encoded(["audit_id"], [["A1", 3]], [np.array([0, 1], dtype=np.int32)],
                                  _core.GradeScale.ofsted())
