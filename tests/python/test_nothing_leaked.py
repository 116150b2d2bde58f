"""Nothing leaked (README, "Nothing lost, nothing leaked").

Identifiers stay in: no table, report, plot, comparison or triangulation by child_id unless
allowed, and no message listing other rows' identifiers. Control characters stay out: hostile
labels (ESC, other C0 controls, DEL, C1 NEL and CSI, the right-to-left override and an isolate,
MathJax's $x$, 6,000 characters) are fed through every output of the Python package and of the
command line, and none carries one raw. Data handed back (to_frame, AuditSet.to_csv, the log's
CSV) is exempt by design: it reads back equal.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

import qaframe  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample"
ENV = {"PYTHONPATH": str(ROOT / "python"), "PATH": "/usr/bin:/bin"}

# C0 controls but tab and line feed, DEL, C1 controls, bidi embeddings/overrides and isolates.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

HOSTILE = ["Team \x1b[31mRED\x1b[0m", "Bell\x07and\x08back", "Del\x7fete", "Nel\x85Csi\x9b2J",
           "abc\u202ecba", "iso\u2066late\u2069", "$x$ and $$y$$", "L" * 6000]


def raw_unsafe(text: str) -> list[str]:
    return [repr(m.group()) for m in UNSAFE.finditer(text)]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """An audit file whose teams, audit types, auditors, moderators, an extra column (named with
    an override) and its values are all hostile; Practice Review Weeks and moderation, so that
    every section of the report is drawn."""
    path = tmp_path_factory.mktemp("hostile") / "hostile.csv"
    grades = ["Good", "Requires Improvement", "Inadequate", "Outstanding"]
    dates = ["09/10/2017", "11/10/2017", "12/03/2018", "14/03/2018"]
    rows = []
    for i in range(160):
        label = HOSTILE[i % len(HOSTILE)]
        rows.append({"audit_id": f"A{i}", "child_id": f"C-{1000 + i % 40}", "team": label,
                     "audit_type": HOSTILE[(i + 3) % len(HOSTILE)],
                     "programme": "Practice Review Week", "audit_date": dates[i % 4],
                     "auditor": label, "grade": grades[i % 4],
                     "moderated_grade": grades[(i + 1) % 4] if i % 3 else "",
                     "moderator": label if i % 3 else "", "domain:planning": grades[(i * 7) % 4],
                     "notes\u202e": label})
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


@pytest.fixture(scope="module")
def hostile_log(tmp_path_factory):
    """A log whose units, themes, owners, outcomes and an extra column are hostile."""
    path = tmp_path_factory.mktemp("hostile_log") / "log.csv"
    rows = [{"kloe_id": f"K{i}", "raised": "2018-01-31", "theme": HOSTILE[i], "unit": HOSTILE[i],
             "evidence": HOSTILE[(i + 1) % 8], "question": HOSTILE[(i + 2) % 8],
             "owner": HOSTILE[(i + 3) % 8], "status": "open", "review_by": "", "closed": "",
             "outcome": HOSTILE[(i + 4) % 8], "updated": "", "RAG\u202e": HOSTILE[(i + 5) % 8]}
            for i in range(len(HOSTILE))]
    pd.DataFrame(rows).to_csv(path, index=False)
    with open(path, "a") as f:
        f.write(f"#end of log: {len(rows)} KLOEs\n")
    return path


def test_identifiers_are_refused_as_groupings_unless_allowed(sample):
    assert sample.identifier_columns == ["audit_id", "child_id"]
    for call in (lambda a: a.crosstab(by="child_id"), lambda a: a.tally(["team", "child_id"]),
                 lambda a: a.report(by=["child_id"]), lambda a: a.plot(by="child_id"),
                 lambda a: a.compare("C-22282", "C-19842", by="child_id")):
        with pytest.raises(ValueError, match="identifies people or cases") as caught:
            call(sample)
        assert "C-2" not in str(caught.value)
    with pytest.raises(ValueError, match="a triangulation by it"):
        qaframe.triangulate(sample, evidence_map=SAMPLE / "evidence_map.csv", by="child_id")
    table = sample.crosstab(by="child_id", allow_identifiers=True)
    assert len(table) == 119  # 118 children and the total
    plt.close(sample.plot(by="child_id", allow_identifiers=True).figure)


def test_messages_count_identifiers_instead_of_listing_them(sample):
    with pytest.raises(ValueError) as caught:
        sample.filter(child_id="C-NOPE")
    message = str(caught.value)
    assert "no audit has child_id 'C-NOPE'" in message
    assert "118 distinct values, not listed" in message
    assert "C-22282" not in message
    with pytest.raises(KeyError) as caught:
        sample.compare("C-22282", "C-NOPE", by="child_id", allow_identifiers=True)
    assert "118 distinct values, not listed" in str(caught.value)
    assert "C-19842" not in str(caught.value)
    # Another column's values are listed, as before.
    with pytest.raises(ValueError, match="the values are: Ambleside, Brambles"):
        sample.filter(team="Nowhere")


def test_a_reader_may_declare_more_identifier_columns(write_csv):
    path = write_csv("audit_id,child_id,team,audit_date,grade,NHS Number\n"
                     "A1,C1,DTA,01/04/2018,Good,943 476 5919\n"
                     "A2,C2,DCT,01/04/2018,RI,943 476 5870\n")
    audits = qaframe.read_audits(path, identifiers=["nhs_number"])
    assert audits.identifier_columns == ["audit_id", "child_id", "nhs_number"]
    with pytest.raises(ValueError, match="identifies people"):
        audits.crosstab(by="NHS Number")
    framed = qaframe.AuditSet.from_frame(audits.to_frame(), identifiers=["NHS Number"])
    with pytest.raises(ValueError, match="identifies people"):
        framed.crosstab(by="NHS Number")
    for chunk in qaframe.read_audits_chunked(path, rows=1, identifiers=["nhs_number"]):
        with pytest.raises(ValueError, match="identifies people"):
            chunk.crosstab(by="NHS Number")


def test_a_file_without_its_header_row_quotes_no_identifier(write_csv):
    path = write_csv("A1,C-0001,DTA,01/04/2018,Good\nA2,C-0002,DCT,01/04/2018,RI\n")
    with pytest.raises(qaframe.DataError) as caught:
        qaframe.read_audits(path)
    assert "the header row may be missing" in str(caught.value)
    assert "C-0001" not in str(caught.value)
    assert all("C-0001" not in p.value for p in caught.value.problems)


@pytest.mark.parametrize("runner", ["cpp", "python"])
def test_the_command_line_refuses_by_child_id_by_default(runner):
    cmd = [str(ROOT / "build" / "qaframe")] if runner == "cpp" else [sys.executable, "-m",
                                                                       "qaframe"]
    done = subprocess.run(cmd + ["crosstab", str(SAMPLE / "audits.csv"), "--by", "child_id"],
                          capture_output=True, text=True, env=ENV)
    assert done.returncode == 1
    assert done.stdout == ""
    assert "--allow-identifiers" in done.stderr and "C-2" not in done.stderr
    done = subprocess.run(cmd + ["crosstab", str(SAMPLE / "audits.csv"), "--by", "child_id",
                                 "--allow-identifiers"], capture_output=True, text=True, env=ENV)
    assert done.returncode == 0 and "C-22282" in done.stdout


def _plot_texts(ax) -> list[str]:
    ax.figure.canvas.draw()  # a label of 6,000 characters once stopped the drawing
    texts = [t.get_text() for t in ax.figure.findobj(matplotlib.text.Text)]
    plt.close(ax.figure)
    return texts


def test_hostile_labels_reach_no_output_raw(hostile, hostile_log, tmp_path):
    audits = qaframe.read_audits(hostile)
    outputs: dict[str, str] = {}
    for by in ["team", "auditor", "audit_type", "moderator", "notes\u202e"]:
        table = audits.tally(by)
        outputs[f"table markdown {by}"] = table.to_markdown()
        outputs[f"table json {by}"] = table.to_json()
        outputs[f"table csv {by}"] = table.to_csv()
        outputs[f"table html {by}"] = table._repr_html_()
        outputs[f"table repr {by}"] = repr(table)
        texts = _plot_texts(audits.plot(by=by))
        outputs[f"plot {by}"] = "\n".join(texts)
        assert max(len(t) for t in texts) < 120  # long labels end with an ellipsis
    report = audits.report(by=["team", "auditor", "notes\u202e"], source=HOSTILE[0])
    outputs["report markdown"] = report._repr_markdown_()
    outputs["report json"] = audits.report(format="json", by=["team", "auditor"])
    outputs["audits html"] = audits._repr_html_()
    outputs["audits repr"] = repr(audits)
    outputs["profile html"] = audits.profile()._repr_html_()
    moderation = audits.moderation(n_resamples=200)
    outputs["moderation html"] = moderation._repr_html_()
    outputs["moderation repr"] = repr(moderation)
    outputs["domains html"] = audits.domains()._repr_html_()
    outputs["key messages html"] = audits.key_messages()._repr_html_()
    comparison = audits.compare(HOSTILE[0], HOSTILE[4], by="team")
    outputs["comparison html"] = comparison._repr_html_()
    outputs["comparison repr"] = repr(comparison)
    outputs["trend html"] = audits.trend("month")._repr_html_()
    scale = qaframe.as_scale(["Bad\x1b[2J", "OK\u202e", "$Good$"])
    outputs["scale html"] = scale._repr_html_()
    map_path = tmp_path / "map.csv"
    map_path.write_text("theme,source,item,target\n\"Plan\u202e\x1b[2Jning\",audit,planning,0.9\n")
    tri = qaframe.triangulate(audits, evidence_map=map_path)
    outputs["triangulation markdown"] = tri.to_markdown()
    outputs["triangulation json"] = tri.to_json()
    outputs["triangulation html"] = tri._repr_html_()
    outputs["triangulation repr"] = repr(tri)
    log = tri.update_log(hostile_log)
    assert len(log) == len(HOSTILE)
    outputs["log html"] = log._repr_html_()
    outputs["log repr"] = repr(log)
    outputs["evidence map repr"] = repr(qaframe.read_evidence_map(map_path))
    # Messages: a hostile value in a bad row, a hostile filter.
    bad = tmp_path / "bad.csv"
    bad.write_text("audit_id,child_id,team,audit_date,grade\n"
                   "A1,C1,T,01/04/2018,\"Go\x1b\u202eod\"\n")
    with pytest.raises(qaframe.DataError) as caught:
        qaframe.read_audits(bad)
    outputs["data error"] = str(caught.value) + "".join(str(p) for p in caught.value.problems)
    with pytest.raises(ValueError) as caught:
        audits.filter(team="\x1b[31mnone\x9b")
    outputs["filter error"] = str(caught.value)
    # The command line, through Python.
    for args in (["report", str(hostile), "--by", "team,auditor"],
                 ["report", str(hostile), "--format", "json"],
                 ["crosstab", str(hostile), "--by", "moderator", "--format", "csv"],
                 ["crosstab", str(hostile), "--by", "auditor", "--format", "json"],
                 ["crosstab", str(hostile), "--by", "\x1b[2J\u202e"],
                 ["profile", str(hostile)], ["validate", str(bad)]):
        done = subprocess.run([sys.executable, "-m", "qaframe", *args], capture_output=True,
                              env=ENV)
        outputs[f"cli {args[0]} stdout"] = done.stdout.decode("utf-8")
        outputs[f"cli {args[0]} stderr"] = done.stderr.decode("utf-8")

    assert len(outputs) > 40
    found = {what: raw_unsafe(text) for what, text in outputs.items() if raw_unsafe(text)}
    assert found == {}
    for what, text in outputs.items():
        if "html" in what:
            assert "$" not in text, what  # MathJax would typeset it
            assert 'class="tex2jax_ignore"' in text, what
    # Shown, not dropped: the override as \u202E, the escape as \u001B.
    assert "abc\\u202Ecba" in outputs["table markdown team"]
    assert "\\u001B[31mRED" in outputs["table csv team"]
    assert "&#36;x&#36;" in outputs["table html team"]


def test_data_handed_back_is_exempt_and_reads_back_equal(hostile, hostile_log, tmp_path):
    audits = qaframe.read_audits(hostile)
    text = audits.to_csv()
    assert raw_unsafe(text)  # lossless by design: the labels as they were
    again = tmp_path / "again.csv"
    audits.to_csv(again)
    assert qaframe.read_audits(again) == audits
    assert set(audits.to_frame()["team"].astype(str)) == set(HOSTILE)
    log = qaframe.read_log(hostile_log)
    assert raw_unsafe(log.to_csv())
    assert set(log.to_frame()["owner"]) == set(HOSTILE)
    log.to_csv(tmp_path / "log.csv")
    assert qaframe.read_log(tmp_path / "log.csv") == log
