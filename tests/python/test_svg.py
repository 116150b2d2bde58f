"""The SVG charts through qaframe.charts: every kind parses as XML (xml.etree) and, inside an
HTML5 page, with html5lib's strict parser; nothing refers outside the file; the values drawn
agree with pandas computations from the CSV; hostile labels stay inert; and the page of all
charts renders in headless Chromium (a screenshot is kept)."""

from __future__ import annotations

import math
import os
import re
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import qaframe
from qaframe import charts, stats

SVG_NS = "{http://www.w3.org/2000/svg}"
OFSTED = ["Inadequate", "Requires Improvement", "Good", "Outstanding"]
HOSTILE = ("<script>alert(1)</script> & \"q\" 'a' \u202egnp.exe\u202c \x1b[31m "
           "=HYPERLINK(\"x\") | $x$ _u\n2nd line")


# ---- the charts of the sample ----------------------------------------------------------------

@pytest.fixture(scope="module")
def audits(sample_path):
    return qaframe.read_audits(sample_path)


@pytest.fixture(scope="module")
def raw(sample_path) -> pd.DataFrame:
    """The sample as pandas reads it, for independent counts of the final grades."""
    frame = pd.read_csv(sample_path, dtype=str, keep_default_na=False)
    canonical = {"ri": "Requires Improvement", "requires improvement": "Requires Improvement",
                 "requires improvement to be good": "Requires Improvement",
                 "inadequate": "Inadequate", "good": "Good", "outstanding": "Outstanding"}
    # Final grades: the moderator's where there is one, else the auditor's.
    final = frame["moderated_grade"].where(frame["moderated_grade"].str.strip() != "",
                                           frame["grade"])
    frame["level"] = final.str.strip().str.lower().map(canonical)
    return frame


def funnel_parts(audits, level_sizes=None):
    """Points and curves of the share Good or better by team (the stats module's limits)."""
    table = audits.tally("team")
    counts = np.asarray(table.counts, dtype=float)
    good = counts[:, 2:4].sum(axis=1)
    graded = counts[:, :4].sum(axis=1)
    keep = graded > 0
    benchmark = good[keep].sum() / graded[keep].sum()
    sizes = np.arange(1, graded.max() + 3, dtype=float)
    limits = stats.funnel_limits(benchmark, sizes, (0.95, 0.998))
    inner = stats.funnel_flags(good[keep], graded[keep], benchmark, 0.95)
    outer = stats.funnel_flags(good[keep], graded[keep], benchmark, 0.998)
    points = []
    for label, g, n, a, b in zip(np.array(table.rows)[keep], good[keep], graded[keep], inner,
                                 outer):
        signal = f"{b} outer" if b in ("above", "below") else (
            f"{a} inner" if a in ("above", "below") else "within")
        points.append((label, n, g / n, signal))
    return points, limits, benchmark


@pytest.fixture(scope="module")
def sample_charts(audits, sample_path):
    """One chart of each kind from the sample."""
    points, limits, benchmark = funnel_parts(audits)
    prw = audits.practice_review_weeks()
    comparison = audits.compare(prw[0], prw[-1]).to_frame()
    trend = audits.trend().to_frame()
    messages = audits.key_messages().to_frame()
    sample_dir = Path(sample_path).parent
    frame = audits.to_frame()
    frame = frame[[c for c in frame.columns if not str(c).startswith("domain:")
                   and c not in ("moderated_grade", "moderator")]]
    tri = qaframe.triangulate(qaframe.AuditSet.from_frame(frame),
                              survey=sample_dir / "survey.csv",
                              performance=sample_dir / "performance.csv",
                              indicators=sample_dir / "indicators.csv",
                              evidence_map=sample_dir / "evidence_map.csv")
    return {
        "grade_bars": charts.grade_table_bars(audits.tally("team"), title="Final grades by team"),
        "grade_bars_all": charts.grade_table_bars(audits.tally("audit_type"), adjusted=False,
                                                  title="Final grades by audit type"),
        "funnel": charts.funnel(points, limits, benchmark,
                                title="Share Good or better by team"),
        "heat_map": charts.heat_map(audits.moderation().table, outline_diagonal=True,
                                    title="Auditor's grade by moderator's grade"),
        "forest": charts.forest(comparison, below_zero_label="worse",
                                above_zero_label="better",
                                title="Second Practice Review Week against the first"),
        "trend": charts.trend(list(trend.index),
                              [("Share Good or better", trend["share"], trend["low"],
                                trend["high"], trend["n"])],
                              title="Monthly share Good or better"),
        "dot_plot": charts.dot_plot(messages, reference=None,
                                    title="Key messages: share below Good by domain"),
        "status_matrix": charts.status_matrix(tri.matrix, row_title="Team",
                                              title="Triangulation by team and theme"),
    }


def check_svg(svg: str) -> ET.Element:
    """Parses as XML; the accessible frame; nothing outside the file."""
    root = ET.fromstring(svg)
    assert root.tag == SVG_NS + "svg"
    assert root.get("role") == "img"
    title, desc = root[0], root[1]
    assert title.tag == SVG_NS + "title" and title.text
    assert desc.tag == SVG_NS + "desc" and len(desc.text) > 20
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    for element in root.iter():
        tag = element.tag.replace(SVG_NS, "")
        assert tag in {"svg", "title", "desc", "g", "rect", "line", "polyline", "polygon",
                       "circle", "text", "tspan"}, tag
        for key, value in element.attrib.items():
            assert not key.lower().startswith("on"), key
            assert "href" not in key.lower()
            assert "url(" not in value
        if "font-size" in element.attrib:
            assert float(element.get("font-size")) >= 12
    assert "href" not in svg and "url(" not in svg
    assert "<script" not in svg and "<style" not in svg and "@import" not in svg
    return root


def page(svgs: list[str]) -> str:
    body = "\n".join(f"<figure>{svg}</figure>" for svg in svgs)
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<title>qaframe charts</title></head><body><h1>qaframe charts</h1>\n"
            f"{body}\n</body></html>\n")


def test_every_chart_parses_as_xml_and_strict_html5(sample_charts):
    html5lib = pytest.importorskip("html5lib")
    for name, svg in sample_charts.items():
        assert isinstance(svg, charts.SVG), name
        check_svg(svg)
        assert svg._repr_svg_() == svg
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    document = parser.parse(page(list(sample_charts.values())))
    assert not parser.errors
    svgs = [e for e in document.iter() if e.tag.endswith("svg")]
    assert len(svgs) == len(sample_charts)
    ids = [e.get("id") for e in document.iter() if e.get("id")]
    assert len(ids) == len(set(ids)), "ids must be unique on a page"


def test_grade_bars_widths_equal_pandas_shares(sample_charts, raw, audits):
    root = check_svg(sample_charts["grade_bars"])
    colours = charts.palette(4)
    segments = [r for r in root.iter(SVG_NS + "rect")
                if r.get("fill") in colours and r.get("height") == "26"]
    graded = raw[raw["level"].notna()]
    shares = pd.crosstab(graded["team"], graded["level"], normalize="index").reindex(
        columns=OFSTED, fill_value=0.0)
    order = list(dict.fromkeys(raw["team"]))  # teams in order of first appearance
    expected = [(team, level, shares.loc[team, level]) for team in order if team in shares.index
                for level in OFSTED if shares.loc[team, level] > 0]
    assert len(segments) == len(expected)
    # A full bar is the sum of one bar's segments.
    first = [s for s in segments if s.get("y") == segments[0].get("y")]
    full = sum(float(s.get("width")) for s in first)
    for seg, (team, level, share) in zip(segments, expected):
        assert seg.get("fill") == colours[OFSTED.index(level)]
        assert abs(float(seg.get("width")) - share * full) <= 1.0, (team, level)
        assert seg[0].text.startswith(f"{team}: {level} ")
    texts = [t.text for t in root.iter(SVG_NS + "text")]
    counts = raw[raw["level"].notna()].groupby("team").size()
    for team in order:
        n = counts.get(team, 0)
        assert f"n={n}" in texts
    # A group without graded audits is a gap with a note, not a bar of zeros.
    empty = check_svg(charts.grade_bars(OFSTED, [("None graded", 0, [math.nan] * 4)]))
    assert "no data: not drawn" in [t.text for t in empty.iter(SVG_NS + "text")]
    assert not [r for r in empty.iter(SVG_NS + "rect") if r.get("height") == "26"
                and r.get("fill") in colours]
    # The all-audits version has N/A in grey.
    root_all = check_svg(sample_charts["grade_bars_all"])
    assert any(r.get("fill") == charts.not_applicable_colour()
               for r in root_all.iter(SVG_NS + "rect"))


def test_funnel_points_and_limits(sample_charts, audits, raw):
    root = check_svg(sample_charts["funnel"])
    points, limits, benchmark = funnel_parts(audits)
    tips = [t.text for t in root.iter(SVG_NS + "title")][1:]
    graded = raw[raw["level"].notna()]
    good = graded["level"].isin(["Good", "Outstanding"]).groupby(graded["team"]).agg(
        ["sum", "size"])
    for team, row in good.iterrows():
        share = row["sum"] / row["size"]
        words = f"{team}: {math.floor(share * 100 + 0.5 + 1e-9)}% of {row['size']} ("
        assert any(t.startswith(words) for t in tips), words
    desc = root[1].text
    assert f"benchmark {math.floor(benchmark * 100 + 0.5)}%" in desc
    assert "with 95% and 99.8% control limits" in desc
    # The limits are cut at the frame of the plot (what lies beyond is not drawn).
    frame = next(r for r in root.iter(SVG_NS + "rect") if r.get("fill") == "none")
    x0, y0 = float(frame.get("x")), float(frame.get("y"))
    x1, y1 = x0 + float(frame.get("width")), y0 + float(frame.get("height"))
    lines = list(root.iter(SVG_NS + "polyline"))
    assert len(lines) >= 2
    for line in lines:
        for point in line.get("points").split():
            x, y = map(float, point.split(","))
            assert x0 - 0.01 <= x <= x1 + 0.01 and y0 - 0.01 <= y <= y1 + 0.01


def test_heat_map_counts_equal_the_moderation_table(sample_charts, audits):
    root = check_svg(sample_charts["heat_map"])
    table = audits.moderation().table
    cells = [t for t in root.iter(SVG_NS + "title") if ", " in (t.text or "")]
    expected = [f"{r}, {c}: {int(table.loc[r, c])}" for r in table.index for c in table.columns]
    assert [t.text for t in cells] == expected


def test_forest_and_dot_values_in_words(sample_charts, audits):
    root = check_svg(sample_charts["forest"])
    prw = audits.practice_review_weeks()
    frame = audits.compare(prw[0], prw[-1]).to_frame()
    texts = [t.text for t in root.iter(SVG_NS + "text")]

    def pp(v):
        m = math.floor(abs(v) * 100 + 0.5 + 1e-9)
        return "0" if m == 0 else ("+" if v > 0 else "\u2212") + str(m)
    for item, row in frame.iterrows():
        if math.isnan(row["difference"]):
            continue
        words = f"{pp(row['difference'])} pp ({pp(row['low'])} to {pp(row['high'])})"
        assert words in texts, words
    root = check_svg(sample_charts["dot_plot"])
    messages = audits.key_messages().to_frame()
    texts = [t.text for t in root.iter(SVG_NS + "text")]
    for domain, row in messages.iterrows():
        pc = lambda v: f"{math.floor(v * 100 + 0.5 + 1e-9)}%"  # noqa: E731
        assert f"{pc(row['share'])} ({pc(row['low'])} to {pc(row['high'])}), n={row['n']}" in texts


def test_trend_and_matrix(sample_charts, audits):
    root = check_svg(sample_charts["trend"])
    trend = audits.trend().to_frame()
    markers = [c for c in root.iter(SVG_NS + "circle") if c.get("r") == "4.5"]
    assert len(markers) == trend["share"].notna().sum()
    assert [c[0].text.split(":")[0] for c in markers] == list(trend.index[trend["share"].notna()])
    ticks = {t.text for t in root.iter(SVG_NS + "text")}
    assert {"0%", "20%", "40%", "60%", "80%", "100%"} <= ticks
    root = check_svg(sample_charts["status_matrix"])
    abbreviations = {name: abbr for name, abbr, _ in charts.statuses()}
    fills = {name: colour for name, _, colour in charts.statuses()}
    texts = [t.text for t in root.iter(SVG_NS + "text")]
    rects = [r for r in root.iter(SVG_NS + "rect") if r.get("height") == "28"]
    cells = [(r.get("fill"), r[0].text) for r in rects]
    for fill, tip in cells:
        status = tip.split(": ")[-1]
        assert fills[status] == fill
        assert abbreviations[status] in texts
    assert len(cells) == 9 * 6


def test_hostile_labels_are_inert_in_every_kind():
    kinds = [
        charts.grade_bars(OFSTED, [(HOSTILE, 3, [0.2, 0.3, 0.4, 0.1])], title=HOSTILE),
        charts.funnel([(HOSTILE, 20, 0.9, "above outer")],
                      [(0.95, [1, 10, 30], [0.2, 0.5, 0.6], [1, 0.9, 0.85])], 0.7, title=HOSTILE),
        charts.heat_map([[1, 2], [3, 4]], [HOSTILE, "b"], ["a", HOSTILE], title=HOSTILE),
        charts.forest([(HOSTILE, 0.1, -0.05, 0.25)], title=HOSTILE),
        charts.dot_plot([(HOSTILE, 0.3, 0.2, 0.4, 50)], title=HOSTILE),
        charts.trend(["Apr", HOSTILE], [(HOSTILE, [0.5, 0.6], [0.4, 0.5], [0.6, 0.7])],
                     title=HOSTILE),
        charts.status_matrix([["divergent", None]], [HOSTILE], ["x", HOSTILE], title=HOSTILE),
    ]
    for svg in kinds:
        root = check_svg(svg)
        assert not [e for e in root.iter() if "script" in e.tag]
        assert "\u202e" not in svg and "\x1b" not in svg
        assert "\\u202E" in svg and "\\u001B" in svg
        assert "&lt;script&gt;" in svg
        # The title keeps the text (one line); drawn labels are shortened or whole.
        assert root[0].text.startswith("<script>alert(1)</script> & \"q\"")
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", svg)


def test_a_long_label_is_shortened_with_its_whole_text_in_a_tooltip():
    label = "A" * 6000
    svg = charts.grade_bars(OFSTED, [(label, 3, [0.2, 0.3, 0.4, 0.1])], title="Long")
    root = check_svg(svg)
    drawn = [t.text for t in root.iter(SVG_NS + "text") if t.text and t.text.startswith("AAA")]
    assert drawn and all(t.endswith("\u2026") and len(t) < 60 for t in drawn)
    assert any(t.text == label for t in root.iter(SVG_NS + "title"))


def test_errors_name_the_item():
    with pytest.raises(ValueError, match=r"bar 1 \('Team'\) has 3 shares for 4 levels"):
        charts.grade_bars(OFSTED, [("Team", 3, [0.2, 0.3, 0.5])])
    with pytest.raises(ValueError, match="funnel signal must be"):
        charts.funnel([("T", 3, 0.5, "outside")], [], 0.5)
    with pytest.raises(ValueError, match="unknown status 'nonsense'"):
        charts.status_matrix([["nonsense"]], ["a"], ["b"])
    with pytest.raises(ValueError, match="a colour must be written '#rrggbb'"):
        charts.contrast_ratio("red", "#ffffff")


def test_palette_through_the_binding():
    # WCAG's worked values, the simulation's invariants, the plots' colours are the charts'.
    assert charts.contrast_ratio("#ffffff", "#000000") == pytest.approx(21.0)
    assert charts.contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.005)
    assert charts.simulate("#808080", "deuteranopia") == "#808080"
    ofsted = charts.palette(4)
    for vision in ("normal", "protanopia", "deuteranopia"):
        for a, b in zip(ofsted, ofsted[1:]):
            assert charts.colour_distance(a, b, vision) >= 10
    assert [charts.text_colour(c) for c in ofsted] == ["#ffffff", "#ffffff", "#000000",
                                                       "#000000"]


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name) or (f"/usr/bin/{name}" if os.path.exists(f"/usr/bin/{name}")
                                      else None)
        if path:
            return path
    return None


def test_the_page_of_every_chart_draws_in_headless_chromium(sample_charts, tmp_path):
    """Writes the page of all chart kinds and a screenshot (kept in $QAFRAME_ARTIFACTS when
    set), and checks each chart painted something other than white."""
    chromium = _chromium()
    if chromium is None:
        pytest.skip("chromium is not installed (Debian: apt-get install chromium)")
    Image = pytest.importorskip("PIL.Image")
    out = Path(os.environ.get("QAFRAME_ARTIFACTS", tmp_path))
    out.mkdir(parents=True, exist_ok=True)
    html_path, png_path = out / "charts.html", out / "charts.png"
    styled = page(list(sample_charts.values())).replace(
        "</head>", "<style>body{margin:16px;font-family:sans-serif}"
                   "figure{margin:0 0 16px 0;display:block}svg{display:block}</style></head>")
    html_path.write_text(styled, encoding="utf-8")
    heights = [float(ET.fromstring(s).get("height")) for s in sample_charts.values()]
    height = int(sum(heights) + 16 * len(heights) + 200)
    with tempfile.TemporaryDirectory() as profile:
        run = subprocess.run(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}", f"--screenshot={png_path}",
             f"--window-size=1000,{height}", html_path.as_uri()],
            capture_output=True, text=True, timeout=120)
    assert png_path.exists(), run.stderr[-2000:]
    image = Image.open(png_path).convert("L")
    assert image.size == (1000, height)
    # Each chart's band of the page has dark pixels (text, marks), so every chart was drawn.
    top = 16 + 60  # body margin and the h1
    for name, h in zip(sample_charts, heights):
        band = image.crop((16, int(top), 16 + 760, int(top + h)))
        dark = sum(1 for v in band.getdata() if v < 128)
        assert dark > 500, name
        top += h + 16
