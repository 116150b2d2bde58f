"""Agreement statistics and the count-based bootstrap against independent implementations:
scikit-learn (kappa values), statsmodels (kappa variances, Fleiss' kappa), scipy (BCa bootstrap)
and NumPy implementations written here from the published definitions."""

import math

import numpy as np
import pytest
import scipy.stats
from scipy.special import ndtr, ndtri
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import cohens_kappa as sm_cohens_kappa
from statsmodels.stats.inter_rater import fleiss_kappa as sm_fleiss_kappa

import qaframe.stats_agreement as sa

RNG_SEED = 20260127


# ---------------------------------------------------------------------------------------------
# Data


def random_pairs(rng, n, k, missing=0.0, agreement=0.6):
    """Two raters on k ordered grades: b copies a with probability `agreement`, else is near it."""
    a = rng.integers(0, k, size=n)
    noise = rng.integers(-2, 3, size=n)
    b = np.where(rng.random(n) < agreement, a, np.clip(a + noise, 0, k - 1))
    if missing:
        a = np.where(rng.random(n) < missing, -1, a)
        b = np.where(rng.random(n) < missing, -1, b)
    return a, b


def complete(a, b):
    keep = (a >= 0) & (b >= 0)
    return a[keep], b[keep]


def table_of(a, b, k):
    a, b = complete(a, b)
    t = np.zeros((k, k), dtype=np.int64)
    np.add.at(t, (a, b), 1)
    return t


def pairs_of(table):
    k = table.shape[0]
    i, j = np.meshgrid(np.arange(k), np.arange(k), indexing="ij")
    return np.repeat(i.ravel(), table.ravel()), np.repeat(j.ravel(), table.ravel())


def numpy_kappa(table, w):
    """Weighted kappa from the definition (Cohen 1968), agreement weights w."""
    p = table / table.sum()
    po = (w * p).sum()
    pe = (w * np.outer(p.sum(1), p.sum(0))).sum()
    return (po - pe) / (1 - pe)


def agreement_w(kind, k):
    i, j = np.meshgrid(np.arange(k), np.arange(k), indexing="ij")
    if kind is None:
        return np.eye(k)
    d = np.abs(i - j) / (k - 1)
    return 1 - d if kind == "linear" else 1 - d ** 2


CASES = [(n, k, missing) for n in (2, 5, 30, 200, 1500) for k in (2, 3, 4, 6)
         for missing in (0.0, 0.15)]


# ---------------------------------------------------------------------------------------------
# Confusion matrix and shares


@pytest.mark.parametrize("n,k,missing", CASES)
def test_confusion_matrix_and_shares_match_numpy(n, k, missing):
    rng = np.random.default_rng([RNG_SEED, n, k, int(missing * 100)])
    a, b = random_pairs(rng, n, k, missing)
    t = sa.confusion_matrix(a, b, k=k)
    assert t.dtype == np.int64 and t.shape == (k, k)
    np.testing.assert_array_equal(t, table_of(a, b, k))
    ca, cb = complete(a, b)
    pa, w1 = sa.percent_agreement(a, b, k=k), sa.within_one_agreement(a, b, k=k)
    assert pa.n == w1.n == len(ca)
    if len(ca):
        assert pa.statistic == pytest.approx(np.mean(ca == cb), abs=1e-15)
        assert w1.statistic == pytest.approx(np.mean(np.abs(ca - cb) <= 1), abs=1e-15)
    else:
        assert math.isnan(pa.statistic) and pa.note


def test_missing_given_as_nan_or_none():
    a = [0, 1, np.nan, 2, 1]
    b = [0, 2, 1, None, 1]
    t = sa.confusion_matrix(a, np.array(b, dtype=object), k=3)
    np.testing.assert_array_equal(t, table_of(np.array([0, 1, -1, 2, 1]),
                                              np.array([0, 2, 1, -1, 1]), 3))


def test_k_is_inferred_as_max_code_plus_one():
    t = sa.confusion_matrix([0, 3, 1], [1, 2, -1])
    assert t.shape == (4, 4)


# ---------------------------------------------------------------------------------------------
# Cohen's kappa


@pytest.mark.parametrize("weights", [None, "linear", "quadratic"])
@pytest.mark.parametrize("n,k,missing", CASES)
def test_cohen_kappa_matches_sklearn_and_statsmodels(n, k, missing, weights):
    rng = np.random.default_rng([RNG_SEED, 1, n, k, int(missing * 100)])
    a, b = random_pairs(rng, n, k, missing)
    r = sa.cohen_kappa(a, b, weights=weights, k=k)
    ca, cb = complete(a, b)
    assert r.n == len(ca)
    table = table_of(a, b, k)
    with np.errstate(all="ignore"):
        expected = cohen_kappa_score(ca, cb, labels=list(range(k)), weights=weights) \
            if len(ca) else np.nan
    if len(ca) < 2 or not np.isfinite(expected):
        assert math.isnan(r.statistic) and r.note
        return
    assert r.statistic == pytest.approx(expected, abs=1e-12)

    sm = sm_cohens_kappa(table) if weights is None else sm_cohens_kappa(table, wt=weights)
    assert r.statistic == pytest.approx(sm.kappa, abs=1e-12)
    assert r.se ** 2 == pytest.approx(max(sm.var_kappa, 0.0), abs=1e-12)
    assert r.se_null ** 2 == pytest.approx(sm.var_kappa0, abs=1e-12)
    assert r.low == pytest.approx(sm.kappa_low, abs=1e-9)
    assert r.high == pytest.approx(sm.kappa_upp, abs=1e-9)
    if sm.var_kappa0 > 0:
        assert r.zstatistic == pytest.approx(sm.z_value, rel=1e-9)
        assert r.pvalue == pytest.approx(sm.pvalue_two_sided, rel=1e-9, abs=1e-300)
    p = table / table.sum()
    assert r.observed_agreement == pytest.approx((agreement_w(weights, k) * p).sum(), abs=1e-14)


def test_cohen_kappa_custom_matrix_matches_statsmodels():
    rng = np.random.default_rng(RNG_SEED + 2)
    for _ in range(50):
        k = int(rng.integers(2, 7))
        a, b = random_pairs(rng, int(rng.integers(10, 400)), k, 0.1)
        w = rng.random((k, k))
        np.fill_diagonal(w, 1.0)
        r = sa.cohen_kappa(a, b, weights=w, k=k)
        table = table_of(a, b, k)
        # statsmodels takes a 2-D `weights` as disagreement weights, 1 - w.
        sm = sm_cohens_kappa(table, weights=1 - w)
        assert r.weights == "custom"
        assert r.statistic == pytest.approx(sm.kappa, abs=1e-12)
        assert r.statistic == pytest.approx(numpy_kappa(table, w), abs=1e-12)
        assert r.se ** 2 == pytest.approx(sm.var_kappa, abs=1e-12)
        assert r.se_null ** 2 == pytest.approx(sm.var_kappa0, abs=1e-12)
        # And scikit-learn, whose matrix weights are disagreement weights, agrees when the
        # disagreement matrix is symmetric... it only offers linear / quadratic: checked above.


def test_cohen_kappa_level_changes_only_the_interval():
    rng = np.random.default_rng(RNG_SEED + 3)
    a, b = random_pairs(rng, 300, 4)
    r90 = sa.cohen_kappa(a, b, "quadratic", level=0.90)
    sm = sm_cohens_kappa(table_of(a, b, 4), wt="quadratic")
    z = scipy.stats.norm.ppf(0.95)
    assert r90.low == pytest.approx(sm.kappa - z * sm.std_kappa, abs=1e-12)
    assert r90.high == pytest.approx(sm.kappa + z * sm.std_kappa, abs=1e-12)


def test_kappa_degenerate_single_grade_is_nan_with_note():
    r = sa.cohen_kappa([2] * 10, [2] * 10, k=4)
    assert math.isnan(r.statistic) and math.isnan(r.se) and math.isnan(r.pvalue)
    assert "p_e = 1" in r.note
    with np.errstate(all="ignore"):
        assert math.isnan(cohen_kappa_score([2] * 10, [2] * 10))  # scikit-learn agrees: NaN


def test_kappa_fewer_than_two_pairs_is_nan():
    r = sa.cohen_kappa([0, -1, 1], [1, 2, -1], k=3)
    assert r.n == 1 and math.isnan(r.statistic) and "fewer than two" in r.note
    r0 = sa.cohen_kappa([], [], k=3)
    assert r0.n == 0 and math.isnan(r0.statistic)


def test_kappa_perfect_agreement_on_several_grades():
    r = sa.cohen_kappa([0, 1, 2, 3] * 5, [0, 1, 2, 3] * 5, "linear")
    assert r.statistic == pytest.approx(1.0, abs=1e-15)
    assert r.se == 0.0 and r.low == pytest.approx(1.0) and r.high == pytest.approx(1.0)
    assert "standard error is 0" in r.note
    assert cohen_kappa_score([0, 1, 2, 3] * 5, [0, 1, 2, 3] * 5, weights="linear") == \
        pytest.approx(r.statistic, abs=1e-15)


# ---------------------------------------------------------------------------------------------
# Category order comes from the scale


def test_weighted_kappa_uses_scale_order_not_alphabetical():
    import qaframe

    scale = qaframe.GradeScale.ofsted()
    labels = list(scale.labels)  # Inadequate < Requires Improvement < Good < Outstanding
    rng = np.random.default_rng(RNG_SEED + 4)
    ca, cb = random_pairs(rng, 400, 4)
    a = np.array(labels, dtype=object)[ca]
    b = np.array(labels, dtype=object)[cb]
    r = sa.cohen_kappa(a, b, "quadratic", scale=scale)
    in_scale_order = cohen_kappa_score(a, b, labels=labels, weights="quadratic")
    alphabetical = cohen_kappa_score(a, b, weights="quadratic")  # sklearn sorts the labels
    assert r.statistic == pytest.approx(in_scale_order, abs=1e-12)
    assert abs(in_scale_order - alphabetical) > 0.05  # the pitfall is real on this data
    assert r.statistic == pytest.approx(sa.cohen_kappa(ca, cb, "quadratic", k=4).statistic,
                                        abs=1e-15)
    # The scale may be named, and grades a scale accepts under other spellings are the same.
    r2 = sa.cohen_kappa(np.where(a == "Requires Improvement", "RI", a), b, "quadratic",
                        scale="ofsted")
    assert r2.statistic == pytest.approx(r.statistic, abs=1e-15)


def test_unused_categories_of_the_scale_still_count():
    import qaframe

    scale = qaframe.GradeScale.ofsted()
    a = ["Good", "Good", "Requires Improvement", "Good", "Outstanding"]
    b = ["Good", "Requires Improvement", "Requires Improvement", "Outstanding", "Outstanding"]
    r = sa.gwet_ac(a, b, scale=scale)  # nobody used Inadequate, yet q = 4
    t = sa.confusion_matrix(a, b, scale=scale)
    assert t.shape == (4, 4) and t[0].sum() == 0 and t[:, 0].sum() == 0
    assert r.statistic == pytest.approx(numpy_gwet(t, np.eye(4))[0], abs=1e-14)
    assert r.statistic != pytest.approx(numpy_gwet(t[1:, 1:], np.eye(3))[0], abs=1e-3)


def test_labels_without_a_scale_are_refused():
    with pytest.raises(ValueError, match="scale="):
        sa.cohen_kappa(["Good", "Inadequate"], ["Good", "Good"])


def test_unknown_label_is_an_error_naming_the_row():
    with pytest.raises(ValueError, match="Goood"):
        sa.cohen_kappa(["Good", "Goood"], ["Good", "Good"], scale="ofsted")


def test_not_applicable_labels_are_missing():
    r = sa.percent_agreement(["Good", "N/A", None, "Inadequate"],
                             ["Good", "Good", "Good", "Inadequate"], scale="ofsted")
    assert r.n == 2 and r.statistic == 1.0


def test_ordered_categorical_is_read_in_category_order():
    pd = pytest.importorskip("pandas")
    order = ["Inadequate", "Requires Improvement", "Good", "Outstanding"]
    a = pd.Categorical(["Good", "Outstanding", "Inadequate", None], categories=order, ordered=True)
    b = pd.Categorical(["Good", "Good", "Requires Improvement", "Good"], categories=order,
                       ordered=True)
    t = sa.confusion_matrix(a, b)
    assert t.shape == (4, 4) and t[2, 2] == 1 and t[3, 2] == 1 and t[0, 1] == 1 and t.sum() == 3
    with pytest.raises(ValueError, match="unordered"):
        sa.confusion_matrix(pd.Categorical(["Good"]), pd.Categorical(["Good"]))


# ---------------------------------------------------------------------------------------------
# Argument errors


def test_invalid_arguments_raise_value_error_with_the_value():
    with pytest.raises(ValueError, match=r"a\[1\] = 7"):
        sa.cohen_kappa([0, 7], [0, 1], k=4)
    with pytest.raises(ValueError, match=r"b\[0\] = -3"):
        sa.cohen_kappa([0, 1], [-3, 1], k=4)
    with pytest.raises(ValueError, match="same length"):
        sa.cohen_kappa([0, 1, 2], [0, 1])
    with pytest.raises(ValueError, match="cubic"):
        sa.cohen_kappa([0, 1], [0, 1], weights="cubic")
    with pytest.raises(ValueError, match="3 x 3"):
        sa.cohen_kappa([0, 1], [0, 2], weights=np.eye(2))
    with pytest.raises(ValueError, match="1 - v / max"):
        sa.cohen_kappa([0, 1], [0, 2], weights=1 - np.eye(3))
    with pytest.raises(ValueError, match="level"):
        sa.cohen_kappa([0, 1], [0, 1], level=1.0)
    with pytest.raises(ValueError, match="level"):
        sa.gwet_ac([0, 1], [0, 1], level=0)
    with pytest.raises(ValueError, match="not an integer"):
        sa.cohen_kappa([0, 1.5], [0, 1])
    with pytest.raises(ValueError, match="between 1 and 4096, got 1000001"):
        sa.cohen_kappa([0, 1_000_000], [0, 1])  # k inferred from a stray code
    with pytest.raises(ValueError, match="k = 3"):
        sa.cohen_kappa(["Good"], ["Good"], scale="ofsted", k=3)


# ---------------------------------------------------------------------------------------------
# Fleiss' kappa


def numpy_fleiss_null_se(counts):
    """Fleiss, Nee and Landis (1979) null standard error, from the formula."""
    N, m = counts.shape[0], counts.sum(1)[0]
    p = counts.sum(0) / (N * m)
    q = 1 - p
    s = (p * q).sum()
    return math.sqrt(2 / (N * m * (m - 1)) * (s ** 2 - (p * q * (q - p)).sum()) / s ** 2)


def test_fleiss_kappa_matches_statsmodels():
    rng = np.random.default_rng(RNG_SEED + 5)
    for _ in range(200):
        N, k, m = int(rng.integers(1, 60)), int(rng.integers(2, 7)), int(rng.integers(2, 12))
        prefs = rng.dirichlet(np.ones(k) * 0.7, size=N)
        counts = np.array([rng.multinomial(m, p) for p in prefs])
        r = sa.fleiss_kappa(counts)
        assert r.n_subjects == N and r.n_raters == m
        if (counts.sum(0) == N * m).any():  # one category only: 0/0
            assert math.isnan(r.statistic) and r.note
            continue
        assert r.statistic == pytest.approx(sm_fleiss_kappa(counts), abs=1e-12)
        assert r.se_null == pytest.approx(numpy_fleiss_null_se(counts), rel=1e-12)
        assert r.zstatistic == pytest.approx(r.statistic / r.se_null, rel=1e-12)
        assert r.pvalue == pytest.approx(2 * scipy.stats.norm.sf(abs(r.zstatistic)),
                                         rel=1e-9, abs=1e-300)


def test_fleiss_kappa_errors_and_degenerate():
    with pytest.raises(ValueError, match="same number of ratings"):
        sa.fleiss_kappa([[1, 2], [2, 2]])
    with pytest.raises(ValueError, match="negative"):
        sa.fleiss_kappa([[3, -1], [1, 1]])
    with pytest.raises(ValueError, match="whole numbers"):
        sa.fleiss_kappa([[1.5, 0.5], [1, 1]])
    r = sa.fleiss_kappa([[0, 4], [0, 4]])
    assert math.isnan(r.statistic) and "one category" in r.note
    r1 = sa.fleiss_kappa([[1, 0], [0, 1]])
    assert math.isnan(r1.statistic) and "at least two" in r1.note


# ---------------------------------------------------------------------------------------------
# Krippendorff's alpha


def numpy_krippendorff(data, level):
    """Krippendorff's alpha from the pairs (Krippendorff 2011), O(pairs): independent of the
    per-unit value counts used by qaframe."""
    values = np.unique(data[~np.isnan(data)])
    index = {v: i for i, v in enumerate(values)}
    V = len(values)
    o = np.zeros((V, V))
    for u in range(data.shape[1]):
        col = data[:, u]
        present = [x for x in col if not np.isnan(x)]
        m = len(present)
        if m < 2:
            continue
        for i in range(m):
            for j in range(m):
                if i != j:
                    o[index[present[i]], index[present[j]]] += 1 / (m - 1)
    nc = o.sum(1)
    n = nc.sum()

    def d2(c, k):
        if c == k:
            return 0.0
        vc, vk = values[c], values[k]
        if level == "nominal":
            return 1.0
        if level == "interval":
            return (vc - vk) ** 2
        if level == "ratio":
            return ((vc - vk) / (vc + vk)) ** 2
        lo, hi = min(c, k), max(c, k)
        return (sum(nc[g] for g in range(lo, hi + 1)) - (nc[c] + nc[k]) / 2) ** 2

    D = np.array([[d2(c, k) for k in range(V)] for c in range(V)])
    return 1 - (n - 1) * (o * D).sum() / (np.outer(nc, nc) * D).sum()


KRIPPENDORFF_2011 = np.array([
    [1, 2, 3, 3, 2, 1, 4, 1, 2, np.nan, np.nan, np.nan],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, np.nan, 3],
    [np.nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, np.nan],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, np.nan],
])


@pytest.mark.parametrize("level,published", [("nominal", 0.743), ("ordinal", 0.815),
                                             ("interval", 0.849), ("ratio", 0.797)])
def test_krippendorff_published_example(level, published):
    r = sa.krippendorff_alpha(KRIPPENDORFF_2011, level)
    assert round(r.statistic, 3) == published
    assert r.statistic == pytest.approx(numpy_krippendorff(KRIPPENDORFF_2011, level), abs=1e-12)
    assert r.n_pairable == 40 and r.n_units == 11


@pytest.mark.parametrize("level", ["nominal", "ordinal", "interval", "ratio"])
def test_krippendorff_matches_pairwise_definition(level):
    rng = np.random.default_rng([RNG_SEED, 6, len(level)])
    for _ in range(40):
        raters, units, k = int(rng.integers(2, 7)), int(rng.integers(1, 40)), int(rng.integers(2, 7))
        truth = rng.integers(1, k + 1, size=units)
        data = np.where(rng.random((raters, units)) < 0.7, truth,
                        rng.integers(1, k + 1, size=(raters, units))).astype(float)
        data[rng.random((raters, units)) < 0.25] = np.nan
        r = sa.krippendorff_alpha(data, level)
        with np.errstate(all="ignore"):
            expected = numpy_krippendorff(data, level) if r.n_pairable >= 2 else np.nan
        if np.isfinite(expected):
            assert r.statistic == pytest.approx(expected, abs=1e-12)
            o = r.coincidences
            np.testing.assert_allclose(o, o.T, atol=1e-12)
            assert o.sum() == pytest.approx(r.n_pairable)
        else:
            assert math.isnan(r.statistic) and r.note


def test_krippendorff_non_integer_values_and_labels():
    rng = np.random.default_rng(RNG_SEED + 7)
    data = np.round(rng.normal(size=(3, 25)), 1)
    data[0, :5] = np.nan
    r = sa.krippendorff_alpha(data, "interval")
    assert r.statistic == pytest.approx(numpy_krippendorff(data, "interval"), abs=1e-12)
    labels = np.array([["Good", "Outstanding", None, "Inadequate"],
                       ["Good", "Good", "Requires Improvement", "Requires Improvement"]],
                      dtype=object)
    codes = np.array([[2, 3, np.nan, 0], [2, 2, 1, 1]])
    rl = sa.krippendorff_alpha(labels, "ordinal", scale="ofsted")
    assert rl.statistic == pytest.approx(numpy_krippendorff(codes, "ordinal"), abs=1e-12)


def test_krippendorff_degenerate_and_errors():
    r = sa.krippendorff_alpha([[1, 1, np.nan], [1, 1, 1]], "nominal")
    assert math.isnan(r.statistic) and "expected disagreement is 0" in r.note
    r2 = sa.krippendorff_alpha([[1, np.nan], [np.nan, 2]], "interval")
    assert math.isnan(r2.statistic) and r2.n_pairable == 0
    with pytest.raises(ValueError, match="cardinal"):
        sa.krippendorff_alpha([[1, 2], [1, 2]], "cardinal")
    with pytest.raises(ValueError, match="negative"):
        sa.krippendorff_alpha([[1, -2], [1, 2]], "ratio")
    with pytest.raises(ValueError, match="two-dimensional"):
        sa.krippendorff_alpha([1, 2, 3], "interval")


# ---------------------------------------------------------------------------------------------
# Gwet's AC1 / AC2


def numpy_gwet(table, w):
    """Gwet's AC and its variance, directly from the handbook formulas (Gwet 2014, ch. 4 and 5;
    irrCAC's gwet.ac1.table with N = Inf)."""
    q = table.shape[0]
    n = table.sum()
    p = table / n
    pi = (p.sum(1) + p.sum(0)) / 2
    tw = w.sum()
    pa = (w * p).sum()
    pe = tw / (q * (q - 1)) * (pi * (1 - pi)).sum()
    ac = (pa - pe) / (1 - pe)
    term = w - 2 * (1 - ac) * tw * (1 - np.add.outer(pi, pi) / 2) / (q * (q - 1))
    var = ((p * term ** 2).sum() - (pa - 2 * (1 - ac) * pe) ** 2) / (n * (1 - pe) ** 2)
    return ac, var


def gwet2008_ac1_variance(table):
    """AC1 variance in the expanded form of Gwet (2008), eq. (13), unweighted only: an
    algebraically different route to the same number."""
    q = table.shape[0]
    n = table.sum()
    p = table / n
    pi = (p.sum(1) + p.sum(0)) / 2
    pa = np.trace(p)
    pe = (pi * (1 - pi)).sum() / (q - 1)
    g = (pa - pe) / (1 - pe)
    a = pa * (1 - pa)
    b = 4 * (1 - g) * ((np.diag(p) * (1 - pi)).sum() / (q - 1) - pa * pe)
    c = 4 * (1 - g) ** 2 * ((p * (1 - np.add.outer(pi, pi) / 2) ** 2).sum() / (q - 1) ** 2
                            - pe ** 2)
    return (a - b + c) / (n * (1 - pe) ** 2)


@pytest.mark.parametrize("weights", [None, "linear", "quadratic"])
@pytest.mark.parametrize("n,k,missing", [c for c in CASES if c[0] >= 5])
def test_gwet_matches_handbook_formulas(n, k, missing, weights):
    rng = np.random.default_rng([RNG_SEED, 8, n, k, int(missing * 100)])
    a, b = random_pairs(rng, n, k, missing)
    r = sa.gwet_ac(a, b, weights, k=k)
    table = table_of(a, b, k)
    if table.sum() < 2:
        assert math.isnan(r.statistic)
        return
    ac, var = numpy_gwet(table, agreement_w(weights, k))
    assert r.statistic == pytest.approx(ac, abs=1e-12)
    assert r.se ** 2 == pytest.approx(max(var, 0.0), abs=1e-12)
    if weights is None:
        assert r.se ** 2 == pytest.approx(max(gwet2008_ac1_variance(table), 0.0), abs=1e-12)
    z = scipy.stats.norm.ppf(0.975)
    assert r.low == pytest.approx(ac - z * r.se, abs=1e-12)
    assert r.high == pytest.approx(ac + z * r.se, abs=1e-12)
    if r.se > 0:
        assert r.pvalue == pytest.approx(2 * scipy.stats.norm.sf(abs(ac / r.se)), rel=1e-9,
                                         abs=1e-300)


def test_gwet_degenerate():
    r = sa.gwet_ac([1] * 8, [1] * 8, k=3)
    assert r.statistic == pytest.approx(1.0) and r.se == 0.0 and math.isnan(r.pvalue) and r.note
    r1 = sa.gwet_ac([0, 0, 0], [0, 0, 0], k=1)
    assert math.isnan(r1.statistic) and "one category" in r1.note


# ---------------------------------------------------------------------------------------------
# Bootstrap


def batched_kappa(a, b, k, w, axis=-1):
    """Vectorised weighted kappa over the last axis (for scipy.stats.bootstrap)."""
    a = np.moveaxis(np.asarray(a), axis, -1)
    b = np.moveaxis(np.asarray(b), axis, -1)
    n = a.shape[-1]
    p = np.stack([np.stack([((a == i) & (b == j)).sum(-1) for j in range(k)], -1)
                  for i in range(k)], -2) / n
    po = (w * p).sum((-2, -1))
    row, col = p.sum(-1), p.sum(-2)
    pe = (w * row[..., :, None] * col[..., None, :]).sum((-2, -1))
    return (po - pe) / (1 - pe)


def example_pairs(seed=RNG_SEED + 9, n=300, k=4):
    rng = np.random.default_rng(seed)
    return random_pairs(rng, n, k)


def test_percentile_interval_is_the_quantiles_of_the_reported_distribution():
    a, b = example_pairs()
    r = sa.bootstrap_ci("kappa", a, b, weights="linear", method="percentile", seed=7)
    assert r.n_resamples == 2000 and r.seed == 7 and r.n_valid == 2000 and r.method == "percentile"
    assert r.distribution.shape == (2000,)
    low, high = np.percentile(r.distribution, [2.5, 97.5])
    assert r.low == pytest.approx(low, abs=1e-14) and r.high == pytest.approx(high, abs=1e-14)
    assert r.standard_error == pytest.approx(r.distribution.std(ddof=1), rel=1e-12)
    assert r.statistic == pytest.approx(sa.cohen_kappa(a, b, "linear").statistic, abs=1e-14)


@pytest.mark.parametrize("statistic,weights", [("cohen_kappa", None), ("cohen_kappa", "quadratic"),
                                               ("gwet_ac", None), ("gwet_ac", "linear"),
                                               ("percent_agreement", None),
                                               ("within_one_agreement", None)])
def test_bca_from_distribution_and_explicit_leave_one_out(statistic, weights):
    a, b = example_pairs(n=120)
    k = 4
    w = agreement_w(weights, k)
    stat = {
        "cohen_kappa": lambda x, y: numpy_kappa(table_of(x, y, k), w),
        "gwet_ac": lambda x, y: numpy_gwet(table_of(x, y, k), w)[0],
        "percent_agreement": lambda x, y: np.mean(x == y),
        "within_one_agreement": lambda x, y: np.mean(np.abs(x - y) <= 1),
    }[statistic]
    r = sa.bootstrap_ci(statistic, a, b, weights=weights, k=k, method="bca", seed=99,
                        n_resamples=3000, level=0.9)
    theta = stat(a, b)
    assert r.statistic == pytest.approx(theta, abs=1e-13)
    # Jackknife acceleration, the n leave-one-out values computed one by one.
    loo = np.array([stat(np.delete(a, i), np.delete(b, i)) for i in range(len(a))])
    d = loo.mean() - loo
    accel = (d ** 3).sum() / (6 * ((d ** 2).sum()) ** 1.5)
    assert r.acceleration == pytest.approx(accel, abs=1e-12)
    # Bias correction and interval from the reported distribution (as scipy computes them).
    dist = r.distribution
    z0 = ndtri(((dist < r.statistic).sum() + (dist <= r.statistic).sum()) / (2 * len(dist)))
    assert r.bias_correction == pytest.approx(z0, abs=1e-12)
    za = ndtri(0.05)
    alpha1 = ndtr(z0 + (z0 + za) / (1 - accel * (z0 + za)))
    alpha2 = ndtr(z0 + (z0 - za) / (1 - accel * (z0 - za)))
    low, high = np.percentile(dist, [100 * alpha1, 100 * alpha2])
    assert r.low == pytest.approx(low, abs=1e-9) and r.high == pytest.approx(high, abs=1e-9)


@pytest.mark.parametrize("weights", [None, "quadratic"])
def test_bca_agrees_with_scipy_bootstrap_within_monte_carlo_error(weights):
    a, b = example_pairs(n=300)
    w = agreement_w(weights, 4)
    ours = sa.bootstrap_ci("kappa", a, b, weights=weights, n_resamples=10000, seed=3)
    theirs = scipy.stats.bootstrap(
        (a, b), lambda x, y, axis=-1: batched_kappa(x, y, 4, w, axis), paired=True,
        vectorized=True, n_resamples=10000, method="BCa",
        random_state=np.random.default_rng(4))
    # Monte-Carlo standard error of a 2.5% endpoint with 10,000 resamples is about 0.002.
    assert ours.low == pytest.approx(theirs.confidence_interval.low, abs=0.01)
    assert ours.high == pytest.approx(theirs.confidence_interval.high, abs=0.01)
    assert ours.standard_error == pytest.approx(theirs.standard_error, rel=0.05)


def test_bootstrap_is_reproducible_from_the_reported_seed():
    a, b = example_pairs()
    r1 = sa.bootstrap_ci("gwet_ac", a, b)
    assert 0 <= r1.seed < 2 ** 64
    r2 = sa.bootstrap_ci("gwet_ac", a, b, seed=r1.seed)
    np.testing.assert_array_equal(r1.distribution, r2.distribution)
    assert (r1.low, r1.high) == (r2.low, r2.high)
    r3 = sa.bootstrap_ci("gwet_ac", a, b, seed=r1.seed ^ 1)
    assert not np.array_equal(r1.distribution, r3.distribution)


def test_bootstrap_resamples_have_the_multinomial_moments():
    # The share of a grade over resamples: mean p̂, variance p̂(1 − p̂)/n.
    rng = np.random.default_rng(RNG_SEED + 10)
    codes = rng.choice(4, size=250, p=[0.1, 0.2, 0.45, 0.25])
    p = np.mean(codes >= 2)
    r = sa.bootstrap_ci("share", codes, categories=[2, 3], n_resamples=40000, seed=5,
                        method="percentile")
    se_mean = math.sqrt(p * (1 - p) / 250 / 40000)
    assert r.distribution.mean() == pytest.approx(p, abs=5 * se_mean)
    assert r.distribution.var(ddof=1) == pytest.approx(p * (1 - p) / 250, rel=0.03)
    assert r.statistic == pytest.approx(p, abs=1e-15)


def test_share_bootstrap_with_labels_and_closed_form_acceleration():
    import qaframe

    scale = qaframe.GradeScale.ofsted()
    rng = np.random.default_rng(RNG_SEED + 11)
    codes = rng.choice(4, size=180)
    labels = np.array(scale.labels, dtype=object)[codes]
    r = sa.bootstrap_ci("share", labels, categories=["Good", "Outstanding"], scale=scale, seed=1)
    rc = sa.bootstrap_ci("share", codes, categories=[2, 3], k=4, seed=1)
    p = np.mean(codes >= 2)
    assert r.statistic == pytest.approx(p, abs=1e-15)
    np.testing.assert_array_equal(r.distribution, rc.distribution)
    # Jackknife of a proportion: a = (1 − 2p̂) / 6√(n p̂ (1 − p̂)).
    assert r.acceleration == pytest.approx((1 - 2 * p) / (6 * math.sqrt(180 * p * (1 - p))),
                                           abs=1e-12)


def test_bootstrap_coverage_of_kappa():
    """Repeated samples from a known population: the 90% intervals cover its kappa about 90% of
    the time (binomial standard error of the coverage over 400 samples: 0.015)."""
    population = np.array([[0.15, 0.05, 0.01, 0.00],
                           [0.04, 0.20, 0.05, 0.01],
                           [0.01, 0.05, 0.25, 0.04],
                           [0.00, 0.01, 0.03, 0.10]])
    population = population / population.sum()
    true_kappa = numpy_kappa(population, agreement_w("linear", 4))
    rng = np.random.default_rng(RNG_SEED + 12)
    hits = {"percentile": 0, "bca": 0}
    trials = 400
    for t in range(trials):
        cells = rng.multinomial(150, population.ravel()).reshape(4, 4)
        a, b = pairs_of(cells)
        for method in hits:
            r = sa.bootstrap_ci("kappa", a, b, weights="linear", k=4, method=method,
                                n_resamples=1000, seed=t, level=0.9)
            hits[method] += r.low <= true_kappa <= r.high
    for method, h in hits.items():
        assert 0.85 <= h / trials <= 0.95, (method, h / trials)


def test_bootstrap_degenerate_and_errors():
    r = sa.bootstrap_ci("kappa", [1] * 20, [1] * 20, k=3, seed=1)
    assert math.isnan(r.statistic) and math.isnan(r.low) and "p_e = 1" in r.note
    assert r.distribution.size == 0 and r.seed == 1 and r.n_resamples == 2000
    r2 = sa.bootstrap_ci("percent_agreement", [0, 1, 2] * 4, [0, 1, 2] * 4, seed=2)
    assert r2.statistic == 1.0 and r2.low == 1.0 and r2.high == 1.0 and r2.acceleration == 0.0
    with pytest.raises(ValueError, match="icc"):
        sa.bootstrap_ci("icc", [0, 1], [0, 1])
    with pytest.raises(ValueError, match="basic"):
        sa.bootstrap_ci("kappa", [0, 1], [0, 1], method="basic")
    with pytest.raises(ValueError, match="seed"):
        sa.bootstrap_ci("kappa", [0, 1], [0, 1], seed=-1)
    with pytest.raises(ValueError, match="n_resamples"):
        sa.bootstrap_ci("kappa", [0, 1], [0, 1], n_resamples=1)
    with pytest.raises(ValueError, match="level"):
        sa.bootstrap_ci("kappa", [0, 1], [0, 1], level=95)
    with pytest.raises(ValueError, match="categories"):
        sa.bootstrap_ci("share", [0, 1])
    with pytest.raises(ValueError, match="categories"):
        sa.bootstrap_ci("share", [0, 1], categories=[5], k=3)
    with pytest.raises(ValueError, match="needs the second rater"):
        sa.bootstrap_ci("kappa", [0, 1])


def test_results_have_repr_and_html():
    r = sa.cohen_kappa([0, 1, 2, 2], [0, 1, 1, 2], "linear")
    assert repr(r).startswith("KappaResult(statistic=")
    assert "<table>" in r._repr_html_()
    b = sa.bootstrap_ci("kappa", [0, 1, 2, 2, 1], [0, 1, 1, 2, 1], seed=3)
    assert "seed=3" in repr(b) and "n_resamples=2000" in repr(b) and "distribution" not in repr(b)
    assert b.confidence_interval == (b.low, b.high)
