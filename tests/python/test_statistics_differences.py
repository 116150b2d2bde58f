"""Where qaframe's numbers differ from R's irr, psych and irrCAC, statsmodels and scikit-learn,
shown on fixed data: each test backs one claim of docs/statistics_differences.md.

The peer's number comes from the peer where it is installed (statsmodels, scikit-learn) and,
for the R packages (not installed here), from their source written out in numpy, line by line,
with the file it comes from: irr 0.84.1 R/kappa2.R, psych R/cohen.kappa.R (cohen.kappa1),
irrCAC 1.0 R/agree.coeff2.r (kappa2.table, gwet.ac1.table) and R/agree.coeff3.raw.r
(gwet.ac1.raw)."""

import math

import numpy as np
import pytest
from scipy import stats
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.contingency_tables import Table
from statsmodels.stats.inter_rater import cohens_kappa

from qaframe import stats_agreement as qa
from qaframe import stats_inference as qi

OFSTED = ["Inadequate", "Requires Improvement", "Good", "Outstanding"]  # worst to best

# Twelve audits graded by the auditor and by the moderator. Nobody used "Requires Improvement":
# it is still a grade either of them could have given.
AUDITOR = ["Good", "Good", "Outstanding", "Good", "Inadequate", "Good", "Outstanding", "Good",
           "Inadequate", "Good", "Good", "Outstanding"]
MODERATOR = ["Good", "Inadequate", "Outstanding", "Good", "Good", "Inadequate", "Good", "Good",
             "Inadequate", "Good", "Outstanding", "Outstanding"]
A = np.array([OFSTED.index(g) for g in AUDITOR])
B = np.array([OFSTED.index(g) for g in MODERATOR])


def table_of(a, b, k):
    t = np.zeros((k, k))
    np.add.at(t, (a, b), 1)
    return t


def linear_weights(k):
    i = np.arange(k)
    return 1 - np.abs(i[:, None] - i[None, :]) / (k - 1)


def close(actual, expected, rtol=1e-12, atol=1e-14):
    np.testing.assert_allclose(actual, expected, rtol=rtol, atol=atol)


# ---------------------------------------------------------------------------------------------
# 1. Unused scale levels are kept.

def test_unused_level_changes_weighted_kappa_in_sklearn():
    ours = qa.cohen_kappa(AUDITOR, MODERATOR, weights="linear", scale="ofsted")
    # scikit-learn takes the categories from the data (0, 2, 3 here) and weights by their
    # positions, so Inadequate and Good become neighbours.
    sk_default = cohen_kappa_score(A, B, weights="linear")
    sk_scale = cohen_kappa_score(A, B, weights="linear", labels=[0, 1, 2, 3])
    close(ours.statistic, sk_scale)
    assert abs(ours.statistic - sk_default) > 0.02
    close(qa.cohen_kappa(AUDITOR, MODERATOR, weights="quadratic", scale="ofsted").statistic,
          cohen_kappa_score(A, B, weights="quadratic", labels=[0, 1, 2, 3]))
    assert abs(qa.cohen_kappa(AUDITOR, MODERATOR, weights="quadratic", scale="ofsted").statistic
               - cohen_kappa_score(A, B, weights="quadratic")) > 0.02


def irrcac_gwet_ac1_raw(a, b, categories, weights=None):
    """irrCAC gwet.ac1.raw for two raters with complete ratings (R/agree.coeff3.raw.r):
    categ <- sort(unique(ratings)) unless categ.labels is given; returns (AC, variance)."""
    q = len(categories)
    w = np.eye(q) if weights is None else weights
    n = len(a)
    agree = np.zeros((n, q))                    # agree.mat: raters per subject and category
    for i, (x, y) in enumerate(zip(a, b)):
        agree[i, categories.index(x)] += 1
        agree[i, categories.index(y)] += 1
    agree_w = (w @ agree.T).T                   # agree.mat.w
    r = agree.sum(axis=1)                       # ri.vec (2 for everyone)
    sum_q = (agree * (agree_w - 1)).sum(axis=1)
    pa = np.mean(sum_q / (r * (r - 1)))
    pi = np.mean(agree / r[:, None], axis=0)    # pi.vec
    pe = w.sum() * np.sum(pi * (1 - pi)) / (q * (q - 1))
    ac = (pa - pe) / (1 - pe)
    pa_i = sum_q / (r * (r - 1))
    ac_i = (pa_i - pe) / (1 - pe)
    pe_i = (w.sum() / (q * (q - 1))) * (agree @ (1 - pi)) / r
    ac_ix = ac_i - 2 * (1 - ac) * (pe_i - pe) / (1 - pe)
    var = np.sum((ac_ix - ac) ** 2) / (n * (n - 1))  # (1 - f)/(n(n - 1)) with f = 0
    return ac, var


def test_unused_level_changes_gwet_ac1_in_irrcac():
    ours = qa.gwet_ac(AUDITOR, MODERATOR, scale="ofsted")
    # Without categ.labels, irrCAC sees three categories: q = 3 in p_e = Σπ(1 − π)/(q − 1).
    observed = sorted(set(AUDITOR) | set(MODERATOR))
    ac_data, _ = irrcac_gwet_ac1_raw(AUDITOR, MODERATOR, observed)
    ac_scale, _ = irrcac_gwet_ac1_raw(AUDITOR, MODERATOR, OFSTED)
    close(ours.statistic, ac_scale)
    assert abs(ours.statistic - ac_data) > 0.02
    # Unweighted kappa does not depend on unused levels (their margins are 0), so tools agree.
    close(qa.cohen_kappa(AUDITOR, MODERATOR, scale="ofsted").statistic, cohen_kappa_score(A, B))


def psych_cohen_kappa1(x1, x2, w=None):
    """psych cohen.kappa1 (R/cohen.kappa.R): labels <- levels(as.factor(cbind(x1, x2))), the
    levels seen, sorted (as text for text); default weights 1 − (i − j)²/(len − 1)²; returns
    (kappa, weighted kappa, var.kappa, var.weighted)."""
    labels = sorted(set(x1) | set(x2))
    k = len(labels)
    x = table_of(np.array([labels.index(v) for v in x1]),
                 np.array([labels.index(v) for v in x2]), k)
    tot = x.sum()
    x = x / tot
    rs, cs = x.sum(axis=1), x.sum(axis=0)
    prob = np.outer(rs, cs)
    po, pc = np.trace(x), np.trace(prob)
    kappa = (po - pc) / (1 - pc)
    if w is None:
        i = np.arange(k)
        w = 1 - (i[:, None] - i[None, :]) ** 2 / (k - 1) ** 2
    wpo, wpc = np.sum(w * x), np.sum(w * prob)
    colw = (w * cs[:, None]).sum(axis=0)        # colSums(w*cs): R recycles cs down columns
    roww = (w * rs[:, None]).sum(axis=0)
    s = np.add.outer(cs, rs)                    # cs %+% t(rs)
    eye = np.eye(k)
    var_k = (1 / (tot * (1 - pc) ** 4)) * (
        np.trace(x * (eye * (1 - pc) - np.add.outer(rs, cs) * (1 - po)) ** 2)
        + (1 - po) ** 2 * (np.sum(x * s ** 2) - np.trace(x * s ** 2))
        - (po * pc - 2 * pc + po) ** 2)
    var_w = (1 / (tot * (1 - wpc) ** 4)) * (
        np.sum(x * (w * (1 - wpc) - np.add.outer(colw, roww) * (1 - wpo)) ** 2)
        - (wpo * wpc - 2 * wpc + wpo) ** 2)
    return kappa, (wpo - wpc) / (1 - wpc), var_k, var_w


def test_unused_level_changes_psych_default_weights():
    # psych's default quadratic weights are over the levels seen (three here).
    _, wk_psych, _, _ = psych_cohen_kappa1(list(A), list(B))
    ours = qa.cohen_kappa(A, B, weights="quadratic", k=4)
    assert abs(ours.statistic - wk_psych) > 0.02
    # With every level used, in order, psych's weighted kappa and variance are ours.
    full_a, full_b = list(A) + [1], list(B) + [1]
    _, wk, _, var_w = psych_cohen_kappa1(full_a, full_b)
    mine = qa.cohen_kappa(full_a, full_b, weights="quadratic", k=4)
    close([wk, math.sqrt(var_w)], [mine.statistic, mine.se])


# ---------------------------------------------------------------------------------------------
# 2. Levels are never sorted as text.

def test_text_labels_sorted_alphabetically_break_weighted_kappa():
    # Alphabetically: Good < Inadequate < Outstanding < Requires Improvement. scikit-learn sorts
    # string labels (np.unique), as R's factor() and irrCAC's sort() do.
    assert sorted(OFSTED) == ["Good", "Inadequate", "Outstanding", "Requires Improvement"]
    ours = qa.cohen_kappa(AUDITOR, MODERATOR, weights="linear", scale="ofsted")
    as_text = cohen_kappa_score(AUDITOR, MODERATOR, weights="linear")
    in_order = cohen_kappa_score(A, B, weights="linear", labels=[0, 1, 2, 3])
    close(ours.statistic, in_order)
    assert abs(ours.statistic - as_text) > 0.02


def test_numeric_codes_as_text_past_nine_levels():
    # A ten-point scale stored as text: "10" sorts between "1" and "2".
    rng = np.random.default_rng(5)
    a = rng.integers(1, 11, 40)
    b = np.clip(a + rng.integers(-1, 2, 40), 1, 10)
    assert sorted(str(v) for v in range(1, 11))[:3] == ["1", "10", "2"]
    as_text = cohen_kappa_score(a.astype(str), b.astype(str), weights="quadratic")
    as_numbers = cohen_kappa_score(a, b, weights="quadratic", labels=list(range(1, 11)))
    ours = qa.cohen_kappa(a - 1, b - 1, weights="quadratic", k=10)
    close(ours.statistic, as_numbers)
    assert abs(ours.statistic - as_text) > 0.05


# ---------------------------------------------------------------------------------------------
# 3. statsmodels' shift_zeros in ordinal tables.

def test_statsmodels_shift_zeros_changes_the_trend_test():
    # Good-or-better by quarter, with an empty cell: all four audits good in the first quarter.
    table = np.array([[4, 0], [6, 3], [5, 6], [3, 9]], dtype=float)  # (good, not good)
    scores = np.arange(4.0)
    ours = qi.cochran_armitage(table, scores, variance="permutation")
    raw = Table(table.copy(), shift_zeros=False).test_ordinal_association(
        row_scores=scores, col_scores=np.array([1.0, 0.0]))
    shifted_table = table.copy()
    shifted = Table(shifted_table).test_ordinal_association(  # the default, shift_zeros=True
        row_scores=scores, col_scores=np.array([1.0, 0.0]))
    close([ours.statistic, ours.pvalue], [raw.zscore, raw.pvalue])
    assert abs(ours.statistic - shifted.zscore) > 0.05
    # The shift puts 0.5 in the empty cell (half a phantom audit in the first quarter) and it
    # does so in the caller's own float array.
    assert shifted_table[0, 1] == 0.5 and shifted_table.sum() == table.sum() + 0.5


# ---------------------------------------------------------------------------------------------
# 4. irrCAC's n/(n − 1) variance and Student's t.

def irrcac_gwet_ac1_table(t, w, level=0.95):
    """irrCAC gwet.ac1.table (R/agree.coeff2.r): returns (AC, se, low, high, p)."""
    n = t.sum()
    q = t.shape[0]
    p = t / n
    pa = np.sum(w * p)
    pk, pl = p.sum(axis=1), p.sum(axis=0)
    pi = (pk + pl) / 2
    tw = w.sum()
    pe = tw * np.sum(pi * (1 - pi)) / (q * (q - 1))
    ac = (pa - pe) / (1 - pe)
    sum1 = sum(p[k, l] * (w[k, l] - 2 * (1 - ac) * tw * (1 - (pi[k] + pi[l]) / 2)
                          / (q * (q - 1))) ** 2 for k in range(q) for l in range(q))
    var = (1 / (n * (1 - pe) ** 2)) * (sum1 - (pa - 2 * (1 - ac) * pe) ** 2)
    se = math.sqrt(var)
    tq = stats.t.ppf(1 - (1 - level) / 2, n - 1)
    return ac, se, ac - se * tq, min(1.0, ac + se * tq), 2 * (1 - stats.t.cdf(ac / se, n - 1))


def test_irrcac_variance_n_over_n_minus_1_and_t():
    n = len(A)
    ours = qa.gwet_ac(A, B, k=4)
    t = table_of(A, B, 4)
    # irrCAC's table function has our variance; its raw-data function n/(n − 1) times it.
    ac_t, se_t, low_t, high_t, p_t = irrcac_gwet_ac1_table(t, np.eye(4))
    ac_r, var_r = irrcac_gwet_ac1_raw(list(A), list(B), [0, 1, 2, 3])
    close([ac_t, ac_r], [ours.statistic, ours.statistic])
    close(se_t, ours.se)
    close(var_r, ours.se ** 2 * n / (n - 1))
    # Both use Student's t on n − 1 df for the interval and the p-value; we use the normal.
    z = stats.norm.ppf(0.975)
    tq = stats.t.ppf(0.975, n - 1)
    close([ours.low, ours.high], [ours.statistic - z * ours.se, ours.statistic + z * ours.se])
    close(low_t, ours.statistic - tq * ours.se)
    assert high_t == min(1.0, ours.statistic + tq * ours.se)
    assert p_t > ours.pvalue
    # At n = 12 the raw-data interval is wider than ours by √(12/11)·t/z ≈ 1.17.
    close(math.sqrt(n / (n - 1)) * tq / z, (math.sqrt(var_r) * tq) / (ours.se * z))
    assert 1.16 < math.sqrt(n / (n - 1)) * tq / z < 1.18
    # Weighted (AC2) the same way.
    w = linear_weights(4)
    ours2 = qa.gwet_ac(A, B, weights="linear", k=4)
    ac2, se2, *_ = irrcac_gwet_ac1_table(t, w)
    close([ac2, se2], [ours2.statistic, ours2.se])


# ---------------------------------------------------------------------------------------------
# 5. Null and general standard errors of kappa.

def irr_kappa2(a, b, weight="unweighted"):
    """irr kappa2 (R/kappa2.R) for complete numeric ratings whose levels both raters used:
    returns (kappa, se, z)."""
    ns = len(a)
    levels = sorted(set(a) | set(b))
    nc = len(levels)
    ttab = table_of(np.array([levels.index(v) for v in a]),
                    np.array([levels.index(v) for v in b]), nc)
    if weight == "equal":
        w = np.arange(nc - 1, -1, -1) / (nc - 1)
    elif weight == "squared":
        w = 1 - np.arange(nc) ** 2 / (nc - 1) ** 2
    else:
        w = np.r_[1.0, np.zeros(nc - 1)]
    weighttab = np.array([[w[abs(i - j)] for j in range(nc)] for i in range(nc)])
    agree = np.sum(ttab * weighttab) / ns
    tm1, tm2 = ttab.sum(axis=1), ttab.sum(axis=0)
    chance = np.sum(np.outer(tm1, tm2) / ns * weighttab) / ns
    kappa = (agree - chance) / (1 - chance)
    pe = np.sum(tm1 * tm2) / ns ** 2  # the unweighted chance agreement, even when weighted
    p_i, p_j = tm1 / ns, tm2 / ns
    w_i = (p_j[:, None] * weighttab).sum(axis=0)
    w_j = (p_i[None, :] * weighttab).sum(axis=1)
    var_matrix = np.outer(p_i, p_j) * (weighttab - np.add.outer(w_i, w_j)) ** 2
    var = (np.sum(var_matrix) - pe ** 2) / (ns * (1 - pe) ** 2)
    return kappa, math.sqrt(var), kappa / math.sqrt(var)


def test_null_and_general_standard_errors():
    # Every level used, so that the tools see the same table.
    a, b = list(A) + [1, 1], list(B) + [1, 2]
    t = table_of(np.array(a), np.array(b), 4)
    for weights, sm_wt, irr_weight in ((None, None, "unweighted"),
                                       ("linear", "linear", "equal")):
        ours = qa.cohen_kappa(a, b, weights=weights, k=4)
        sm = cohens_kappa(t, wt=sm_wt)
        # statsmodels: the general SE (Fleiss, Cohen and Everitt 1969) for the interval, the
        # null SE for the z-test, as ours.
        close([ours.statistic, ours.se, ours.se_null], [sm.kappa, sm.std_kappa, sm.std_kappa0])
        close([ours.zstatistic, ours.pvalue], [sm.z_value, sm.pvalue_two_sided])
        close([ours.low, ours.high], [sm.kappa_low, sm.kappa_upp])
        assert ours.se_null != pytest.approx(ours.se, rel=1e-3)
        # irr reports only the null z; for weighted kappa its variance uses the unweighted
        # chance agreement, so its z differs from the null z of Fleiss, Cohen and Everitt.
        k_irr, se_irr, z_irr = irr_kappa2(a, b, irr_weight)
        close(k_irr, ours.statistic)
        if weights is None:
            close([se_irr, z_irr], [ours.se_null, ours.zstatistic])
        else:
            assert abs(se_irr - ours.se_null) / ours.se_null > 0.05
        # irrCAC's kappa2.table tests kappa = 0 with the general SE and Student's t.
        n = t.sum()
        w = np.eye(4) if weights is None else linear_weights(4)
        p = t / n
        pk, pl = p.sum(axis=1), p.sum(axis=0)
        pa, pe = np.sum(w * p), np.sum(w * np.outer(pk, pl))
        kap = (pa - pe) / (1 - pe)
        pbk, pbl = w @ pl, w.T @ pk
        sum1 = sum(p[k, l] * (w[k, l] - (1 - kap) * (pbk[k] + pbl[l])) ** 2
                   for k in range(4) for l in range(4))
        se_cac = math.sqrt((sum1 - (pa - 2 * (1 - kap) * pe) ** 2) / (n * (1 - pe) ** 2))
        p_cac = 2 * (1 - stats.t.cdf(kap / se_cac, n - 1))
        close(se_cac, ours.se)
        assert abs(p_cac - ours.pvalue) > 1e-3
    # psych: the general variance, for its confidence boundaries.
    kp, _, var_k, _ = psych_cohen_kappa1(a, b)
    ours = qa.cohen_kappa(a, b, k=4)
    close([kp, math.sqrt(var_k)], [ours.statistic, ours.se])


# ---------------------------------------------------------------------------------------------
# 6. scipy's exact Mann-Whitney p-value with ties.

def test_scipy_exact_mann_whitney_with_ties_truncates_u():
    # With ties U is a half-integer; scipy's method="exact" evaluates the no-ties distribution at
    # int(U), i.e. P(U ≥ 5) for U = 5.5, which counts arrangements less extreme than observed.
    x, y = [1.0, 2.0], [2.0, 3.0, 4.0]
    theirs = stats.mannwhitneyu(x, y, alternative="less", method="exact")
    u2 = 6 - theirs.statistic  # "less" uses U₂ = n₁n₂ − U₁
    assert u2 == 5.5
    from qaframe._core import stats as core
    pmf = core.mann_whitney_null_pmf(2, 3)
    close(theirs.pvalue, pmf[int(u2):].sum())
    assert theirs.pvalue > pmf[math.ceil(u2):].sum()
    with pytest.raises(ValueError, match="assumes no ties"):
        qi.mann_whitney(x, y, alternative="less", method="exact")
    # By default both fall back to the tie-corrected normal approximation and agree.
    close(qi.mann_whitney(x, y, alternative="less").pvalue,
          stats.mannwhitneyu(x, y, alternative="less").pvalue)
