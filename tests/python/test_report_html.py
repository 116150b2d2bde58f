"""The publishable report: HTML that is valid, accessible, self-contained and safe, open in a real
browser; publication mode checked against an independent linear programme; team packs."""

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import html5lib
import numpy as np
import pandas as pd
import pytest
from scipy.optimize import linprog

import qaframe

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample"
CLI = ROOT / "build" / "qaframe"
SVG = "{http://www.w3.org/2000/svg}"
ARTIFACTS = Path(os.environ.get("QAFRAME_ARTIFACTS", "/tmp/qaframe-artifacts"))


@pytest.fixture(scope="module")
def audits():
    return qaframe.read_audits(SAMPLE / "audits.csv")


def triangulated_html(tmp_path, *extra):
    out = tmp_path / "report.html"
    args = [str(CLI), "report", str(SAMPLE / "audits.csv"), "--evidence-map",
            str(SAMPLE / "evidence_map.csv"), "--survey", str(SAMPLE / "survey.csv"),
            "--performance", str(SAMPLE / "performance.csv"), "--indicators",
            str(SAMPLE / "indicators.csv"), "--log", str(SAMPLE / "improvement_log.csv"),
            "--format", "html", "--output", str(out), "--produced", "2018-04-30",
            "--organisation", "Anyshire", *extra]
    r = subprocess.run(args, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return out.read_text(encoding="utf-8")


def strict_parse(page: str):
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    return parser.parse(page)  # raises on the first parse error


@pytest.mark.parametrize("publish", [False, True])
def test_html_is_strict_html5_accessible_and_self_contained(tmp_path, publish):
    page = triangulated_html(tmp_path, *(["--publish"] if publish else []))
    tree = strict_parse(page)
    root = tree  # the <html> element
    assert root.tag == "html" and root.get("lang") == "en-GB"
    assert len(root.findall(".//h1")) == 1
    # Headings never skip a level.
    levels = [int(e.tag[1]) for e in root.iter() if re.fullmatch(r"h[1-6]", str(e.tag))]
    assert levels[0] == 1 and all(b - a <= 1 for a, b in zip(levels, levels[1:]))
    tables = root.findall(".//table")
    assert len(tables) >= 10
    for t in tables:
        assert t.find("caption") is not None
        for th in t.findall("./thead/tr/th"):
            assert th.get("scope") == "col"
        for th in t.findall("./tbody/tr/th"):
            assert th.get("scope") == "row"
    # Every chart is an image with a title and a description, both non-empty.
    charts = [e for e in root.iter() if str(e.tag).endswith("svg")]
    assert len(charts) >= (9 if not publish else 3)
    for svg in charts:
        assert svg.get("role") == "img"
        ids = svg.get("aria-labelledby").split()
        texts = {e.get("id"): "".join(e.itertext()) for e in svg.iter() if e.get("id") in ids}
        assert len(texts) == 2 and all(v.strip() for v in texts.values()), texts
    # Nothing outside the file: no script, no external reference, links only within the page.
    assert "<script" not in page.lower()
    for e in root.iter():
        for attr in ("href", "src", "xlink:href", "{http://www.w3.org/1999/xlink}href"):
            v = e.get(attr)
            if v is not None:
                assert v.startswith("#"), (e.tag, attr, v)
    assert "url(" not in page and "@import" not in page
    # (An SVG's xmlns is a namespace name, not a reference: nothing is fetched from it.)
    assert not re.search(r"https?://", re.sub(r'xmlns(:\w+)?="[^"]*"', "", page))
    # Metadata, with what is missing said to be missing.
    assert "Anyshire" in page and "2018-04-30" in page
    assert "not given" in page  # author and title were not given


def test_html_opens_in_chromium_without_errors_and_draws_every_chart(tmp_path):
    webdriver = pytest.importorskip("selenium.webdriver")
    if not (shutil.which("chromedriver") and Path("/usr/bin/chromium").exists()):
        pytest.skip("Chromium and chromedriver are not installed")
    page = tmp_path / "report.html"
    page.write_text(triangulated_html(tmp_path), encoding="utf-8")
    options = webdriver.ChromeOptions()
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}",
                 "--window-size=1200,1600"):
        options.add_argument(flag)
    options.binary_location = "/usr/bin/chromium"
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    from selenium.webdriver.chrome.service import Service
    service = Service(executable_path=shutil.which("chromedriver"))
    driver = webdriver.Chrome(options=options, service=service)
    try:
        driver.get(page.as_uri())
        charts = driver.find_elements("css selector", "svg[role=img]")
        assert len(charts) >= 9
        for svg in charts:
            size = svg.size
            assert size["width"] > 200 and size["height"] > 50, size
            assert len(svg.find_elements("css selector", "rect, path, circle, line")) > 3
        errors = [e for e in driver.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]
        assert errors == []
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        height = driver.execute_script("return document.body.scrollHeight")
        driver.set_window_size(1200, min(int(height) + 100, 16000))
        assert driver.save_screenshot(str(ARTIFACTS / "report.png"))
        assert (ARTIFACTS / "report.png").stat().st_size > 50_000
    finally:
        driver.quit()


HOSTILE = ["<script>alert(1)</script>", "=HYPERLINK(\"http://x\",\"y\")", "a|b",
           "line\nbreak", "evil\u202egnp.exe", "\x1b[31mred", "$x^2$"]


def hostile_audits():
    df = qaframe.read_audits(SAMPLE / "audits.csv").to_frame()
    teams = sorted(df["team"].astype(str).unique())
    mapping = {t: HOSTILE[i % len(HOSTILE)] + f" {i}" for i, t in enumerate(teams)}
    df["team"] = df["team"].astype(str).map(mapping)
    return qaframe.AuditSet.from_frame(df)


@pytest.mark.parametrize("fmt", ["markdown", "html", "json"])
def test_hostile_labels_are_inert_in_every_format(fmt):
    a = hostile_audits()
    text = str(a.report(format=fmt)) if fmt != "html" else a.report().to_html()
    assert "<script>" not in text
    assert "\u202e" not in text and "\x1b" not in text
    if fmt == "html":
        strict_parse(text)
        assert "&lt;script&gt;" in text
        assert "\\u202E" in text  # shown, not obeyed
        assert "$x^2$" not in text  # $ as &#36; (and the body opts out of MathJax)
    if fmt == "markdown":
        # No label breaks a table row: every table line has the header's number of cells.
        for block in text.split("\n\n"):
            lines = [l for l in block.splitlines() if l.startswith("|")]
            if lines:
                cells = [len(re.findall(r"(?<!\\)\|", l)) for l in lines]
                assert len(set(cells)) == 1, block
    if fmt == "json":
        data = json.loads(text)
        labels = {r["label"] for t in data["tables"] for r in t["rows"]}
        assert any(l.startswith("=HYPERLINK") for l in labels)  # kept exactly, as data


# --- publication mode: an independent check of every suppressed cell ------------------------

def published_tables(doc):
    """(section id, table) of every table the published document shows."""
    out = []

    def walk(section):
        for b in section["blocks"]:
            if "table" in b and isinstance(b["table"], dict):
                out.append((section["id"], b["table"]))
        for s in section["subsections"]:
            walk(s)

    for s in doc["sections"]:
        walk(s)
    return out


def test_publish_mode_protects_every_suppressed_cell_by_an_independent_lp(audits):
    doc = json.loads(str(audits.report(format="json", publish=True)))
    assert doc["published"] is True
    df = audits.to_frame()
    levels = audits.scale.labels + ["N/A"]
    grade = df["grade"].astype(object)
    final = df["moderated_grade"].astype(object).where(df["moderated_grade"].notna(), grade)
    df["g"] = final.astype(str).replace({"nan": "N/A"})
    bys = ["programme", "team", "audit_type"]
    base = df.groupby(bys + ["g"]).size().reset_index(name="n")
    x = base["n"].to_numpy(float)
    tables = {t["id"]: t for _, t in published_tables(doc) if t["id"].startswith("grades-by-")}
    assert set(tables) == {f"grades-by-{b}" for b in bys}
    # Every published value of the three tables as a linear constraint on the base cells.
    rows, rhs, hidden = [], [], []
    for by in bys:
        t = tables[f"grades-by-{by}"]
        for r in t["rows"]:
            label = r[0]
            for j, col in enumerate(t["columns"][1:], start=1):
                sel = np.ones(len(base), bool)
                if label != "Total":
                    sel &= (base[by] == label).to_numpy()
                if col != "Total":
                    sel &= (base["g"] == col).to_numpy()
                v = r[j]
                if isinstance(v, dict) and v.get("symbol") == "c":
                    hidden.append((by, label, col, sel.astype(float), float(x[sel].sum())))
                else:
                    assert isinstance(v, int)
                    assert v == x[sel].sum()  # published values are the true counts
                    assert not 1 <= v <= 5  # and none is small
                    rows.append(sel.astype(float))
                    rhs.append(float(v))
    assert len(hidden) > 0
    A, b = np.array(rows), np.array(rhs)
    for by, label, col, coef, true in hidden:
        # The attacker knows the rule: a suppressed count is 1 or more (zeros are shown).
        A_ub, b_ub = -coef[None, :], np.array([-1.0])
        lo = linprog(coef, A_ub=A_ub, b_ub=b_ub, A_eq=A, b_eq=b, bounds=(0, None), method="highs")
        hi = linprog(-coef, A_ub=A_ub, b_ub=b_ub, A_eq=A, b_eq=b, bounds=(0, None), method="highs")
        assert lo.status == 0
        upper = np.inf if hi.status == 3 else -hi.fun
        assert lo.fun <= true <= upper
        assert upper - lo.fun >= 6 - 1e-7, (by, label, col, lo.fun, upper)


def test_publish_mode_withholds_small_statistics_and_says_which_rule(audits):
    md = str(audits.report(publish=True))
    assert md.count("Publication mode.") == 1
    assert "Counts from 1 to 5 are suppressed and shown as c" in md
    # No published count in 1..5 in any table of the Markdown report.
    for line in md.splitlines():
        if line.startswith("| ") and not line.startswith("| Team pack"):
            cells = [c.strip() for c in line.strip("|").split("|")[1:]]
            for c in cells:
                assert not re.fullmatch(r"[1-5]", c), line
    # Agreement on 85 pairs is published; a team's 4 moderated pairs are not.
    assert "| quadratic-weighted kappa | 0.62 |" in md
    assert re.search(r"\| YOS \| c \| u \| u \| u \| u \| u \| u \|", md)
    # Staff pseudonyms only when asked, and then stable.
    key = "00112233445566778899aabbccddeeff"
    p1 = str(audits.report(publish=True, pseudonymise_staff=True, pseudonym_key=key))
    p2 = str(audits.report(publish=True, pseudonymise_staff=True, pseudonym_key=key))
    assert p1 == p2 and "A. Patel" not in p1 and "Staff " in p1
    with pytest.raises(ValueError, match="32 hexadecimal digits"):
        audits.report(publish=True, pseudonymise_staff=True, pseudonym_key="short")


def test_team_packs_for_every_team_with_no_small_count(audits, tmp_path):
    paths = audits.team_packs(tmp_path, publish=True, produced="2018-04-30")
    teams = audits.to_frame()["team"].astype(str).unique()
    assert len(paths) == len(teams)
    for team, path in zip(teams, paths):
        page = Path(path).read_text(encoding="utf-8")
        tree = strict_parse(page)
        assert f"Team pack: {team}" in "".join(tree.find(".//h1").itertext())
        for td in tree.iter("td"):
            text = "".join(td.itertext()).strip()
            assert not re.fullmatch(r"[1-5]", text), (team, text)
        assert "against the rest of the service" in page


def test_report_object_renders_and_saves_every_format(audits, tmp_path):
    r = audits.report()
    assert str(r).startswith("# Quality assurance report")
    assert r.to_html().startswith("<!DOCTYPE html>")
    assert json.loads(r.to_json())["audits"] == 118
    for suffix in (".md", ".html", ".json"):
        path = r.save(tmp_path / f"report{suffix}")
        assert path.read_text(encoding="utf-8") == {".md": r.to_markdown(),
                                                    ".html": r.to_html(),
                                                    ".json": r.to_json()}[suffix]
    assert "srcdoc=" in r._repr_html_() and "<script" not in r._repr_html_()
    with pytest.raises(ValueError, match="suffix"):
        r.save(tmp_path / "report.txt")


def test_report_names_the_grade_column_and_counts_in_number(audits):
    planning = str(audits.report(grades="planning"))
    assert "## Headline: Planning domain grades" in planning
    assert "Grades are Planning domain grades." in planning
    assert "Grades are final" not in planning
    one = qaframe.AuditSet.from_frame(audits.to_frame().head(1))
    assert str(one.report()).splitlines()[2].startswith("1 audit of 1 child,")


def test_pdf_is_printed_by_chromium(audits, tmp_path):
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Chromium is not installed")
    path = audits.report(title="QA report 2017-18").save(tmp_path / "report.pdf")
    data = path.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 20_000
