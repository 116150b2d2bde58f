"""The report's drafted three-column summary on the sample's full evidence, checked against the
sections it is drawn from, and the author's own text merged with --text (exit 2 for a section the
report does not have)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample"
CLI = ROOT / "build" / "qaframe"


def run(*extra, check=True):
    s = SAMPLE
    args = [str(CLI), "report", str(s / "audits.csv"), "--evidence-map", str(s / "evidence_map.csv"),
            "--survey", str(s / "survey.csv"), "--performance", str(s / "performance.csv"),
            "--indicators", str(s / "indicators.csv"), "--log", str(s / "improvement_log.csv"),
            "--actions", str(s / "actions.csv"), "--escalations", str(s / "escalations.csv"),
            "--teams", str(s / "teams.csv"), "--as-of", "2018-04-30", *extra]
    return subprocess.run(args, capture_output=True, text=True, check=check)


def test_summary_is_drawn_from_the_sections_it_summarises():
    r = json.loads(run("--format", "json").stdout)
    s = r["summary"]
    assert s["draft"] is True
    t = r["triangulation"]
    cells = [{"unit": u, "theme": th, "status": t["matrix"][i][j]}
             for i, u in enumerate(t["units"]) for j, th in enumerate(t["themes"])]
    strengths = [c for c in cells if c["status"] == "corroborated strength"]
    concerns = [c for c in cells if c["status"] in ("corroborated concern", "divergent")]
    # One line per corroborated strength; per corroborated concern or divergence, then the
    # cycle's concerns (overdue actions, escalation, teams behind).
    assert len(s["gone_well"]) == len(strengths) >= 1
    assert all(line.startswith(f"{c['unit']}, {c['theme']}: corroborated strength")
               for line, c in zip(s["gone_well"], strengths))
    overdue = r["actions"]["overdue"]
    assert overdue > 0
    cycle_lines = [l for l in s["concern"] if "overdue" in l or "Escalation" in l
                   or "behind the audit programme" in l]
    assert len(s["concern"]) == len(concerns) + len(cycle_lines)
    assert f"{overdue} of {r['actions']['actions']} actions overdue" in " ".join(
        s["concern"])
    flagged = r["programme"]["flagged"]
    assert any(l.startswith(f"{len(flagged)} teams behind the audit programme for 2 months "
                            f"running: {', '.join(flagged)}") for l in s["concern"])
    # What we will do: every KLOE of the log not closed, then the cycle's follow-ups.
    log = [k for k in r["improvement_log"]["entries"] if k["status"] != "closed"]
    answers = [l for l in s["will_do"] if l.startswith("Answer ")]
    assert [a.split(" ")[1] for a in answers] == [k["kloe_id"] for k in log]
    assert len(answers) >= 1
    assert f"Complete or re-plan with their owners the {overdue} overdue actions." in s["will_do"]


def test_author_text_replaces_the_draft_and_opens_a_section(tmp_path):
    text = tmp_path / "text.md"
    text.write_text("## Summary\n\n- Practice improved in **Planning**.\n- <b>not bold</b>\n\n"
                    "## Moderation\nModerators met monthly.\n", encoding="utf-8")
    html = run("--format", "html", "--text", str(text)).stdout
    assert "Draft, drawn from the evidence" not in html
    assert "<strong>Planning</strong>" in html
    assert "&lt;b&gt;not bold&lt;/b&gt;" in html
    md = run("--text", str(text)).stdout
    assert "## Summary\n\n- Practice improved in **Planning**." in md
    moderation = md.split("## Moderation", 1)[1]
    assert moderation.lstrip().startswith("Moderators met monthly.")


def test_author_text_naming_no_section_is_bad_input(tmp_path):
    text = tmp_path / "text.md"
    text.write_text("## Finances\nx\n", encoding="utf-8")
    r = run("--text", str(text), check=False)
    assert r.returncode == 2
    assert r.stdout == ""
    assert f"{text}:1: section 'Finances' is not a section of this report; its sections are: " \
           "Headline; Summary;" in r.stderr
    missing = run("--text", str(tmp_path / "nope.md"), check=False)
    assert missing.returncode != 0 and "nope.md" in missing.stderr


def test_author_text_from_python(tmp_path):
    import qaframe

    audits = qaframe.read_audits(SAMPLE / "audits.csv")
    text = tmp_path / "text.md"
    text.write_text("Circulated to the Board.\n\n## Moderation\nModerators met monthly.\n",
                    encoding="utf-8")
    md = str(audits.report(text=text))
    assert md.split("## Moderation", 1)[1].lstrip().startswith("Moderators met monthly.")
    assert "Circulated to the Board." in md
    assert "Moderators met monthly." in audits.report(text=text).to_html()
    assert "Moderators met monthly." not in str(audits.report())
    bad = tmp_path / "bad.md"
    bad.write_text("## Finances\nx\n", encoding="utf-8")
    try:
        audits.report(text=bad)
    except qaframe.DataError as e:
        assert f"{bad}:1: section 'Finances' is not a section of this report" in str(e)
    else:
        raise AssertionError("a section the report lacks must be refused")
