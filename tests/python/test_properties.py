"""Property tests (Hypothesis): round trips, mergeable tallies, and the bounds and invariances of the
statistics, over generated data rather than chosen examples.

The profile (tests/python/conftest.py) is derandomised, so a run is reproducible and CI never
flakes; ``HYPOTHESIS_PROFILE=explore`` runs more, random, examples.
"""

import math
import os
import tempfile

import numpy as np
import pandas as pd
from hypothesis import given, strategies as st

import qaframe
from qaframe import stats

# -- generated audit data -------------------------------------------------------------------

# What the library trims from values: ASCII white space and the Unicode spaces of
# unicode_space_prefix (model/text.hpp), the no-break spaces and U+FEFF among them.
_CPP_SPACE = (" \t\r\n\f\v\u0085\u00a0\u1680" + "".join(chr(c) for c in range(0x2000, 0x200C))
              + "\u2028\u2029\u202f\u205f\u3000\ufeff")
_KNOWN = {"audit_id", "child_id", "team", "audit_type", "programme", "audit_date", "auditor",
          "grade"}


def _cpp_trim(text: str) -> str:
    return text.strip(_CPP_SPACE)


def _canonical(name: str) -> str:
    out = []
    for c in _cpp_trim(name):
        c = c.lower() if c.isascii() else c
        out.append("_" if c in " -" else c)
    return "".join(out)


# Any text but NUL and lone surrogates (not encodable as UTF-8): quotes, commas, semicolons, line
# breaks, tabs, non-ASCII letters, emoji, right-to-left marks, formula and markup characters.
_CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
_HOSTILE = st.sampled_from(['"', ",", "\n", "\r\n", "\r", " ", "\t", "=", "+", "-", "@", "<", ">",
                            "&", "|", "\ufeff", "é", "Ž", "日本", "👩‍👧", "\u202e", "N/A", "''"])
_TEXT = st.lists(st.one_of(_HOSTILE, st.text(_CHARS, max_size=4)), max_size=6).map("".join)
_LABEL = _TEXT.filter(lambda s: _cpp_trim(s) != "")

_GRADES = ["Inadequate", "Requires Improvement", "Good", "Outstanding", "RI", " good ", "GOOD",
           "requires-improvement", "Requires improvement to be good", "outstanding\t", "N/A", "",
           "Not graded", "na", "Not applicable"]
_DATES = st.dates(min_value=pd.Timestamp("1900-01-01").date(),
                  max_value=pd.Timestamp("2200-12-31").date())


@st.composite
def audit_frames(draw, min_size=0, max_size=12):
    """A valid DataFrame of audits, with hostile text in every text column and header."""
    n = draw(st.integers(min_size, max_size))
    ids = draw(st.lists(_LABEL, min_size=n, max_size=n, unique_by=_cpp_trim))
    dates = draw(st.lists(_DATES, min_size=n, max_size=n))
    uk = draw(st.lists(st.booleans(), min_size=n, max_size=n))
    data = {
        "audit_id": ids,
        "child_id": draw(st.lists(st.sampled_from(["C1", "C2", "Zoë", "=1+1"]) | _LABEL,
                                  min_size=n, max_size=n)),
        "team": draw(st.lists(st.sampled_from(["North", "<script>alert(1)</script>", "a|b"]) |
                              _LABEL, min_size=n, max_size=n)),
        "audit_date": [d.strftime("%d/%m/%Y") if u else d.isoformat() for d, u in zip(dates, uk)],
        "grade": draw(st.lists(st.sampled_from(_GRADES), min_size=n, max_size=n)),
    }
    extra = draw(_LABEL.filter(lambda s: _canonical(s) not in _KNOWN))
    data[extra] = draw(st.lists(_TEXT, min_size=n, max_size=n))
    columns = draw(st.permutations(list(data)))
    return pd.DataFrame({c: pd.Series(data[c], dtype=object) for c in columns}, columns=columns)


def _read_text(text: str) -> qaframe.AuditSet:
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "audits.csv")
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        return qaframe.read_audits(path)


@given(audit_frames())
def test_csv_round_trip_of_any_audit_set(frame):
    audits = qaframe.AuditSet.from_frame(frame)
    assert len(audits) == len(frame)
    again = _read_text(audits.to_csv())
    assert again == audits
    assert again.columns == audits.columns
    assert again.to_csv() == audits.to_csv()
    # Text is kept exactly, but for the ASCII white space around it.
    out = audits.to_frame()
    assert out["team"].tolist() == [_cpp_trim(t) for t in frame["team"]]
    assert out["audit_id"].tolist() == [_cpp_trim(t) for t in frame["audit_id"]]
    # And the DataFrame round trip too.
    assert qaframe.AuditSet.from_frame(out) == audits


@given(audit_frames(), st.sampled_from([None, "\r\n"]), st.booleans())
def test_line_ends_and_byte_order_mark_do_not_change_the_set(frame, newline, bom):
    audits = qaframe.AuditSet.from_frame(frame)
    text = audits.to_csv()
    # Record ends become CRLF; line breaks inside quoted values are data and stay as they are.
    if newline:
        records, inside = [], False
        for c in text:
            if c == '"':
                inside = not inside
            records.append("\r\n" if (c == "\n" and not inside) else c)
        text = "".join(records)
    if bom:
        text = "\ufeff" + text
    assert _read_text(text) == audits


@given(audit_frames(min_size=1), st.lists(st.integers(0, 12), max_size=4),
       st.sampled_from(["team", "child_id"]))
def test_tallies_of_any_split_add_up_to_the_whole(frame, cuts, by):
    audits = qaframe.AuditSet.from_frame(frame)
    bounds = sorted({0, len(frame), *[min(c, len(frame)) for c in cuts]})
    parts = [qaframe.AuditSet.from_frame(frame.iloc[a:b]) for a, b in zip(bounds, bounds[1:])]
    # By child_id (a high-cardinality column) only with identifiers allowed explicitly.
    allow = by == "child_id"
    total = parts[0].tally(by, allow_identifiers=allow)
    for part in parts[1:]:
        total = total + part.tally(by, allow_identifiers=allow)
    whole = audits.tally(by, allow_identifiers=allow)
    assert total == whole
    assert int(whole.counts.sum()) == len(audits)
    assert whole.to_frame().loc["Total", "Total"] == len(audits)


# -- agreement coefficients ------------------------------------------------------------------

K = 4  # the Ofsted scale's levels


@st.composite
def rating_pairs(draw, min_size=2, max_size=40, missing=True):
    """Two raters' codes on a k-level scale (-1 missing), as equal-length integer arrays."""
    n = draw(st.integers(min_size, max_size))
    low = -1 if missing else 0
    a = draw(st.lists(st.integers(low, K - 1), min_size=n, max_size=n))
    b = draw(st.lists(st.integers(low, K - 1), min_size=n, max_size=n))
    return np.array(a), np.array(b)


def _within(value, low, high, tol=1e-9):
    return math.isnan(value) or (low - tol <= value <= high + tol)


def _same(x, y, tol=1e-9):
    return (math.isnan(x) and math.isnan(y)) or abs(x - y) <= tol * max(1.0, abs(x))


@given(rating_pairs(), st.randoms(use_true_random=False))
def test_agreement_is_bounded_and_ignores_the_order_of_units(pair, rng):
    a, b = pair
    order = list(range(len(a)))
    rng.shuffle(order)
    a2, b2 = a[order], b[order]
    for f, low, high in [(stats.percent_agreement, 0, 1), (stats.within_one_agreement, 0, 1)]:
        r = f(a, b, k=K)
        assert _within(r.statistic, low, high)
        assert _same(r.statistic, f(a2, b2, k=K).statistic)
    for weights in [None, "linear", "quadratic"]:
        kappa = stats.cohen_kappa(a, b, weights=weights, k=K)
        assert _within(kappa.statistic, -1, 1)
        assert _same(kappa.statistic, stats.cohen_kappa(a2, b2, weights=weights, k=K).statistic)
        assert _within(kappa.observed_agreement, 0, 1)
        assert _within(kappa.expected_agreement, 0, 1)
        gwet = stats.gwet_ac(a, b, weights=weights, k=K)
        assert _within(gwet.statistic, -1, 1)
        assert _same(gwet.statistic, stats.gwet_ac(a2, b2, weights=weights, k=K).statistic)


@given(st.integers(2, 4).flatmap(
    lambda raters: st.lists(st.lists(st.one_of(st.none(), st.integers(0, K - 1)),
                                     min_size=raters, max_size=raters),
                            min_size=1, max_size=25)),
       st.sampled_from(["nominal", "ordinal", "interval", "ratio"]),
       st.randoms(use_true_random=False))
def test_krippendorff_alpha_is_at_most_one_and_ignores_the_order_of_units(units, level, rng):
    data = np.array([[np.nan if v is None else float(v) for v in unit] for unit in units]).T
    alpha = stats.krippendorff_alpha(data, level=level).statistic
    assert math.isnan(alpha) or alpha <= 1 + 1e-9
    order = list(range(data.shape[1]))
    rng.shuffle(order)
    assert _same(alpha, stats.krippendorff_alpha(data[:, order], level=level).statistic)
    rows = list(range(data.shape[0]))
    rng.shuffle(rows)
    assert _same(alpha, stats.krippendorff_alpha(data[rows, :], level=level).statistic)


@given(st.integers(2, 5).flatmap(
    lambda raters: st.lists(st.lists(st.integers(0, K - 1), min_size=raters, max_size=raters),
                            min_size=2, max_size=20)),
       st.randoms(use_true_random=False))
def test_fleiss_kappa_is_bounded_and_ignores_the_order_of_subjects(ratings, rng):
    counts = [np.bincount(subject, minlength=K).tolist() for subject in ratings]
    table = np.array(counts)
    m = int(table[0].sum())
    r = stats.fleiss_kappa(table)
    assert _within(r.statistic, -1 / (m - 1), 1)
    rng.shuffle(counts)
    assert _same(r.statistic, stats.fleiss_kappa(np.array(counts)).statistic)


# -- confidence intervals contain their estimates -------------------------------------------

_LEVELS = st.sampled_from([0.5, 0.8, 0.9, 0.95, 0.99, 0.998])


@given(st.integers(1, 10_000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))),
       _LEVELS, st.sampled_from(["wilson", "wilson_cc", "exact", "jeffreys", "agresti_coull",
                                 "normal"]))
def test_proportion_intervals_contain_the_estimate(count_nobs, level, method):
    count, nobs = count_nobs
    low, high = stats.proportion_ci(count, nobs, level=level, method=method)
    p = count / nobs
    assert 0 <= low <= p + 1e-12 and p - 1e-12 <= high <= 1


@given(st.integers(1, 500).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))),
       st.integers(1, 500).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))), _LEVELS)
def test_newcombe_interval_contains_the_difference(one, two, level):
    r = stats.newcombe_difference(*one, *two, level=level)
    assert r.low - 1e-12 <= r.estimate <= r.high + 1e-12
    assert -1 <= r.low and r.high <= 1


@given(rating_pairs(min_size=3, missing=False), _LEVELS,
       st.sampled_from([None, "linear", "quadratic"]))
def test_kappa_and_gwet_intervals_contain_the_estimate(pair, level, weights):
    a, b = pair
    for r in (stats.cohen_kappa(a, b, weights=weights, level=level, k=K),
              stats.gwet_ac(a, b, weights=weights, level=level, k=K)):
        if math.isnan(r.statistic) or math.isnan(r.low):
            continue
        assert r.low - 1e-12 <= r.statistic <= r.high + 1e-12


@given(rating_pairs(min_size=5, max_size=60, missing=False),
       st.sampled_from(["cohen_kappa", "gwet_ac", "percent_agreement", "within_one_agreement"]),
       st.sampled_from(["percentile", "bca"]))
def test_bootstrap_intervals_are_ordered_and_reproducible(pair, statistic, method):
    # A bootstrap interval need not contain its estimate (a skewed resampling distribution can
    # put both quantiles on one side), so only its order and its seed are checked here.
    a, b = pair
    r = stats.bootstrap_ci(statistic, a, b, k=K, n_resamples=200, method=method, seed=7)
    if not math.isnan(r.low):
        assert r.low <= r.high + 1e-12
    again = stats.bootstrap_ci(statistic, a, b, k=K, n_resamples=200, method=method, seed=7)
    assert _same(r.low, again.low) and _same(r.high, again.high)
