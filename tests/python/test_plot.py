"""The matplotlib plots (Agg): percentage axes, value labels, the compiled palette, titles
naming the grade column, legends clear of the marks, labels drawn literally and shortened; and
funnel, comparison and heat map plots whose marks equal independent computations."""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402
from scipy import stats as sps  # noqa: E402

import qaframe  # noqa: E402
from qaframe import charts, plot  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def audits(sample_path):
    return qaframe.read_audits(sample_path)


def _texts(ax):
    return [t.get_text() for t in ax.texts]


def _clear_of_axes(ax, legend):
    """The legend's box lies wholly outside the axes' box (right of it, or below or above)."""
    ax.figure.canvas.draw()
    renderer = ax.figure.canvas.get_renderer()
    a = ax.get_window_extent(renderer)
    b = legend.get_window_extent(renderer)
    return b.x0 >= a.x1 or b.x1 <= a.x0 or b.y0 >= a.y1 or b.y1 <= a.y0


def test_grade_bars_in_percent_with_values_and_the_palette(audits):
    ax = audits.plot(by="team")
    table = audits.tally("team")
    counts = table.counts[:, :4].astype(float)
    shares = counts / counts.sum(axis=1, keepdims=True) * 100
    assert ax.get_xlim() == (0.0, 100.0)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["0%", "25%", "50%", "75%", "100%"]
    rows, levels = shares.shape
    patches = ax.patches
    assert len(patches) == rows * levels
    palette = charts.palette(4)
    for j in range(levels):
        for i in range(rows):
            bar = patches[j * rows + i]
            assert bar.get_width() == pytest.approx(shares[i, j])
            assert to_hex(bar.get_facecolor()) == palette[j]
    # Each bar sums to 100; the values are written on the segments wide enough for them.
    assert np.allclose(shares.sum(axis=1), 100)
    texts = _texts(ax)
    assert "61%" in texts and "38%" in texts  # Ambleside Good 11/18, Brambles RI 6/16
    for t in ax.texts:
        # On each segment, the text colour is the charts' black or white for its fill.
        x, y = t.get_position()
        for bar in patches:
            if bar.get_x() <= x <= bar.get_x() + bar.get_width() and \
                    abs(bar.get_y() + bar.get_height() / 2 - y) < 1e-9:
                fill = to_hex(bar.get_facecolor())
                assert to_hex(t.get_color()) == charts.text_colour(fill)
                assert charts.contrast_ratio(to_hex(t.get_color()), fill) >= 4.5
    assert ax.get_title() == "Final grades by team"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == list(table.scale.labels)
    assert _clear_of_axes(ax, ax.get_legend())
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0] == f"Ambleside (n={int(counts[0].sum())})"


def test_grade_bars_titles_name_the_grade_column(audits):
    assert audits.plot(by="programme", grades="original").get_title() == \
        "Auditors' own grades by programme"
    assert audits.plot(by="team", grades="planning").get_title() == \
        "Planning domain grades by team"
    assert plot.plot_grades(audits.tally("team")).get_title() == "Grades by team"
    ax = plot.plot_grades(audits.tally("audit_type"), adjusted=False)
    assert to_hex(ax.patches[-1].get_facecolor()) == charts.not_applicable_colour()
    assert ax.get_xlabel() == "Share of audits (%)"


def test_labels_are_drawn_literally_and_shortened(write_csv):
    header = "audit_id,child_id,team,audit_type,programme,audit_date,auditor,grade\n"
    long_team = "T" * 6000
    text = (header + "A1,C1,$\\frac{1}{0}$,General,Core,02/10/2017,X,Good\n"
            "A2,C2,_hidden,General,Core,02/10/2017,X,Good\n"
            f"A3,C3,{long_team},General,Core,02/10/2017,X,Good\n"
            "A4,C4,\u202eevil\x1b,General,Core,02/10/2017,X,Good\n")
    audits = qaframe.read_audits(write_csv(text))
    ax = audits.plot(by="team")
    ax.figure.canvas.draw()  # mathtext would fail on \frac{1}{0} here if '$' were not escaped
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0] == "\\$\\frac{1}{0}\\$ (n=1)"
    assert labels[1] == "\u200b_hidden (n=1)"  # shown, not taken as a private legend label
    assert labels[2].startswith("TTT") and "\u2026" in labels[2] and len(labels[2]) < 60
    assert labels[3] == "\\u202Eevil\\u001B (n=1)"


def spiegelhalter(p, n, p0):
    """Spiegelhalter (2005) exact limit written with scipy's binomial distribution."""
    r = sps.binom.ppf(p, n, p0)
    f = sps.binom.cdf(r, n, p0)
    fb = sps.binom.cdf(r - 1, n, p0)
    return np.clip((r - (f - p) / (f - fb)) / n, 0, 1)


def test_funnel_limits_points_and_shapes():
    count = np.array([19, 5, 12, 9, 30, 2])
    n = np.array([20, 20, 18, 12, 40, 10])
    labels = ["High", "Low", "Mid", "Small", "Big", "Tiny"]
    ax = plot.funnel(count, n, labels)
    p0 = count.sum() / n.sum()
    # Limit lines equal scipy's Spiegelhalter limits, in percent.
    lines = [line for line in ax.get_lines() if len(line.get_xdata()) > 2]
    assert len(lines) == 4
    sizes = np.asarray(lines[0].get_xdata())
    for line, p in zip(lines, [0.025, 0.975, 0.001, 0.999]):
        np.testing.assert_allclose(line.get_ydata(), spiegelhalter(p, sizes, p0) * 100,
                                   rtol=1e-9, atol=1e-9)
    # The benchmark line, and a y axis in percent within 0-100.
    bench = [line for line in ax.get_lines() if len(line.get_xdata()) == 2]
    assert bench[0].get_ydata()[0] == pytest.approx(p0 * 100)
    low, high = ax.get_ylim()
    assert 0 <= low < high <= 100
    assert ax.yaxis.get_major_formatter()(50, 0) == "50%"
    # Points by shape as well as colour, each group named in the legend.
    legend = {t.get_text() for t in ax.get_legend().get_texts()}
    groups = {c.get_label(): c for c in ax.collections}
    flags95 = qaframe.stats.funnel_flags(count, n, p0, 0.95)
    flags998 = qaframe.stats.funnel_flags(count, n, p0, 0.998)
    assert flags998[0] == "above" and flags998[1] == "below"
    assert "Above the 99.8% limit" in legend and "Below the 99.8% limit" in legend
    above = groups["Above the 99.8% limit"]
    np.testing.assert_allclose(above.get_offsets()[:, 1], [95.0])
    assert to_hex(above.get_facecolor()[0]) == charts.inks()["better"]
    below = groups["Below the 99.8% limit"]
    assert to_hex(below.get_facecolor()[0]) == charts.inks()["worse"]
    within = groups["Within the limits"]
    assert len(within.get_offsets()) == int(((flags95 == "within") & (flags998 == "within")).sum())
    # Marker shapes differ: up and down triangles, circles within.
    assert above.get_paths()[0] != within.get_paths()[0]
    # The flagged units are labelled.
    assert {"High", "Low"} <= set(_texts(ax))
    assert _clear_of_axes(ax, ax.get_legend())


def test_comparison_is_a_forest_plot_of_the_changes(audits):
    prw = audits.practice_review_weeks()
    result = audits.compare(prw[0], prw[-1])
    frame = result.to_frame()
    ax = plot.comparison(result)
    lo, hi = ax.get_xlim()
    assert lo == -hi and hi >= np.nanmax(np.abs(frame[["low", "high"]].to_numpy())) * 100
    zero = [line for line in ax.get_lines() if list(line.get_xdata()) == [0, 0]]
    assert zero
    markers = [line for line in ax.get_lines() if line.get_marker() == "s"]
    xs = [line.get_xdata()[0] for line in markers]
    np.testing.assert_allclose(xs, frame["difference"].dropna().to_numpy() * 100)
    texts = _texts(ax)
    def word(v):
        return ("+" if v > 0 else "\u2212") + f"{math.floor(abs(v) * 100 + 0.5 + 1e-9):.0f}"
    for d, low, high in frame[["difference", "low", "high"]].dropna().to_numpy():
        assert f"{word(d)} pp ({word(low)} to {word(high)})" in texts
    assert ax.get_title() == f"{result.b} against {result.a}"
    # An item without an estimate is named, not drawn at 0.
    frame.loc["empty", ["difference", "low", "high"]] = np.nan
    ax = plot.comparison(frame)
    assert "no estimate: not drawn" in _texts(ax)


def test_heatmap_of_the_moderation_table(audits):
    moderation = audits.moderation()
    table = moderation.table
    ax = plot.heatmap(moderation)
    image = ax.get_images()[0]
    np.testing.assert_array_equal(np.asarray(image.get_array()), table.to_numpy(dtype=float))
    texts = ax.texts
    assert [t.get_text() for t in texts] == [f"{v:g}" for v in table.to_numpy().ravel()]
    top = table.to_numpy().max()
    for t, v in zip(texts, table.to_numpy().ravel()):
        fill = charts.sequential_colour(v / top)
        assert charts.contrast_ratio(to_hex(t.get_color()), fill) >= 4.5
    outlined = [p for p in ax.patches if not p.get_fill()]
    assert len(outlined) == len(table)
    assert [t.get_text() for t in ax.get_xticklabels()] == list(table.columns)
    assert ax.get_xlabel() == "moderator's grade" and ax.get_ylabel() == "auditor's grade"
