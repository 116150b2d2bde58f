"""Export profiles from Python: the corpus of export variants (tests/data/exports/, written by
make_exports.py from the sample) each read with its profile to a set equal to the sample's, or
refused with its exact message; the same settings as arguments; notes on the set; the starter
profile; the report naming what it left out when no programme value maps."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

import qaframe

ROOT = Path(__file__).resolve().parents[2]
EXPORTS = ROOT / "tests" / "data" / "exports"
SAMPLE = ROOT / "data" / "sample" / "audits.csv"


def manifest() -> list[dict[str, str]]:
    with (EXPORTS / "manifest.tsv").open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


CASES = manifest()


def messages(error: qaframe.DataError) -> list[str]:
    """The problems' texts and the error's, with paths relative to the corpus folder (as the
    manifest gives them)."""
    return [m.replace(f"{EXPORTS}/", "")
            for m in [str(p) for p in error.problems] + [str(error)]]


@pytest.mark.parametrize("case", CASES, ids=[c["case"] for c in CASES])
def test_each_export_reads_to_the_sample_or_fails_by_name(case):
    sample = qaframe.read_audits(SAMPLE)
    profile = EXPORTS / case["profile"] if case["profile"] else None
    if case["expected"] == "sample":
        audits = qaframe.read_audits(EXPORTS / case["file"], profile=profile)
        assert audits._impl == sample._impl
        assert audits.to_frame().equals(sample.to_frame())
        return
    with pytest.raises(qaframe.DataError) as e:
        qaframe.read_audits(EXPORTS / case["file"], profile=profile)
    got = messages(e.value)
    assert case["expected"] in got, got


def test_the_corpus_has_at_least_twelve_variants_of_its_own():
    mine = [c for c in CASES if not c["file"].startswith("fmt_")]
    assert len(mine) >= 12
    assert len({c["file"] for c in mine}) >= 10


def test_generator_rewrites_the_checked_in_files_byte_for_byte(tmp_path):
    subprocess.run([sys.executable, str(EXPORTS / "make_exports.py"), "--out", str(tmp_path)],
                   check=True)
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written, "the generator wrote nothing"
    for name in written:
        assert (tmp_path / name).read_bytes() == (EXPORTS / name).read_bytes(), name


def test_arguments_instead_of_a_profile():
    mosaic = qaframe.read_profile(EXPORTS / "mosaic.toml")
    columns = dict(mosaic.columns)
    assert columns["child_id"] == "Person ID"
    sample = qaframe.read_audits(SAMPLE)
    audits = qaframe.read_audits(EXPORTS / "title_rows.csv", columns=columns, header_row="auto")
    assert audits._impl == sample._impl
    # An argument wins over the profile's setting: the profile says line 4, the argument auto.
    same = qaframe.read_audits(EXPORTS / "title_rows.csv", profile=EXPORTS / "title_rows_line.toml",
                               header_row="auto")
    assert same._impl == sample._impl
    with pytest.raises(qaframe.DataError, match="delimiter: unknown delimiter '|'"):
        qaframe.read_audits(SAMPLE, delimiter="|")


def test_notes_say_what_reading_did():
    audits = qaframe.read_audits(EXPORTS / "everything.csv", profile=EXPORTS / "everything.toml")
    notes = audits.notes
    assert notes[0] == "1 title row above the header (line 2) skipped"
    assert notes[1].startswith(f"columns renamed by {EXPORTS / 'everything.toml'}: audit_id "
                               "('Workflow ID'), child_id ('Client ID'), team ('Responsible Team')")
    assert notes[2] == (f"programme values read by {EXPORTS / 'everything.toml'}: 'core' as "
                        "'Core' (39 audits), 'PRW' as 'Practice Review Week' (79 audits)")
    assert notes[3].startswith(f"grade values read by {EXPORTS / 'everything.toml'}: ")
    assert notes[-1] == "1 footer row (footer_rows) left out: line 121"
    assert qaframe.read_audits(SAMPLE).notes == []
    # The report shows them, so that its reader can check what was done to the export.
    assert "Note: Reading the export: 1 title row above the header (line 2) skipped" in str(
        audits.report())


def test_a_problem_names_the_column_and_its_export_header(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("Form ID,Person ID,Team Name,Audit Date,Overall Grade\n"
                    "A1,C1,North,02/10/2017,Goodish\n", encoding="utf-8")
    with pytest.raises(qaframe.DataError) as e:
        qaframe.read_audits(path, columns={"audit_id": "Form ID", "child_id": "Person ID",
                                           "team": "Team Name", "grade": "Overall Grade"})
    p = e.value.problems[0]
    assert (p.column, p.exported_column, p.value) == ("grade", "Overall Grade", "Goodish")
    assert str(p).startswith(f"{path}:2: column 'grade' ('Overall Grade'): value 'Goodish': ")


def test_profile_mistakes_name_file_line_and_key(tmp_path):
    path = tmp_path / "p.toml"
    path.write_text('[input]\nheader_row = "first"\n', encoding="utf-8")
    with pytest.raises(qaframe.DataError) as e:
        qaframe.read_profile(path)
    assert str(e.value) == (f"{path}:2: key 'input.header_row': expected a row number >= 1 or "
                            "\"auto\", found 'first'")
    p = qaframe.parse_profile('[audits.grades]\n"4" = "Inadequate"\n', "inline")
    assert p.grades == [("4", "Inadequate")]


def test_init_profile_guesses_and_marks_them(tmp_path):
    out = tmp_path / "starter.toml"
    text = qaframe.init_profile(EXPORTS / "everything.csv", output=out)
    assert out.read_text(encoding="utf-8") == text
    assert 'child_id = "Client ID"  # guessed from \'Client ID\'' in text
    assert 'audit_id = "Workflow ID"  # guessed from \'Workflow ID\'' in text
    assert "header_row = 2  # guessed: 1 row above it (titles) skipped" in text
    assert 'core = ["core"]' in text and 'practice_review_week = ["PRW"]' in text
    assert '# "4" = ""' in text            # numeric grades listed, never guessed
    assert "C-22282" not in text            # no child identifier is quoted
    # The starter, once its grade levels are filled in and the footer declared, reads the file.
    filled = (text.replace('# "1" = ""', '"1" = "Outstanding"')
                  .replace('# "2" = ""', '"2" = "Good"')
                  .replace('# "3" = ""', '"3" = "Requires Improvement"')
                  .replace('# "4" = ""', '"4" = "Inadequate"')
                  .replace("[input]\n", "[input]\nfooter_rows = 1\n")
                  .replace("[audits.columns]\n",
                           '[audits]\nnot_applicable = ["-"]\n\n[audits.columns]\n'
                           '"domain:assessment" = "Assessment"\n'
                           '"domain:supervision" = "Supervision"\n'
                           '"domain:planning" = "Planning"\n'
                           '"domain:voice_of_child" = "Child\'s Voice"\n'))
    out.write_text(filled, encoding="utf-8")
    sample = qaframe.read_audits(SAMPLE)
    assert qaframe.read_audits(EXPORTS / "everything.csv", profile=out)._impl == sample._impl


def test_missing_column_hints():
    assert qaframe.missing_column_hints(["Audit ID", "LCS ID", "Worker Team", "Date Completed",
                                         "Overall Grade"])[0] == (
        "child_id: did you mean 'LCS ID'? Add to the profile: [audits.columns] child_id = "
        "\"LCS ID\" (or columns={\"child_id\": \"LCS ID\"} in Python)")


def test_report_names_sections_left_out_when_no_programme_value_maps():
    audits = qaframe.read_audits(EXPORTS / "programme_spellings.csv")   # PRW and core, unmapped
    text = str(audits.report())
    assert ("Core audits month by month: no audit is in the programme 'Core' (no programme value "
            "is 'Core'; the values are: core, PRW; an export profile's \\[audits.programmes\\] "
            "maps other spellings)") in text
    assert ("Practice Review Weeks compared: the data has 0 Practice Review Weeks; two are needed "
            "(or name two periods to compare) (no programme value is 'Practice Review Week'; the "
            "values are: core, PRW;") in text
    mapped = qaframe.read_audits(EXPORTS / "programme_spellings.csv",
                                 profile=EXPORTS / "programme_spellings.toml")
    assert "Core audits month by month:" not in str(mapped.report())


def test_report_without_a_programme_column_names_what_it_left_out(tmp_path):
    frame = qaframe.read_audits(SAMPLE).to_frame().drop(columns=["programme"])
    path = tmp_path / "no_programme.csv"
    frame.to_csv(path, index=False)
    text = str(qaframe.read_audits(path).report())
    assert "Grades by programme: the data has no programme column" in text
    assert "Core audits month by month: the data has no programme column" in text
    assert "Practice Review Weeks compared: the data has no programme column" in text


def test_cli_profile_and_init_profile(tmp_path):
    cli = [sys.executable, "-m", "qaframe"]
    env = {"PYTHONPATH": str(ROOT / "python")}
    r = subprocess.run(cli + ["validate", str(EXPORTS / "mosaic_headers.csv"), "--profile",
                              str(EXPORTS / "mosaic.toml")], capture_output=True, text=True,
                       env=env)
    assert r.returncode == 0, r.stderr
    assert r.stdout == f"{EXPORTS / 'mosaic_headers.csv'}: 118 audits, no problems\n"
    r = subprocess.run(cli + ["validate", str(EXPORTS / "mosaic_headers.csv")],
                       capture_output=True, text=True, env=env)
    assert r.returncode == 2
    assert "child_id: did you mean 'Person ID'?" in r.stderr
    out = tmp_path / "p.toml"
    r = subprocess.run(cli + ["init-profile", str(EXPORTS / "mosaic_headers.csv"), "--output",
                              str(out)], capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stderr
    assert r.stdout == ""
    assert 'child_id = "Person ID"  # guessed from \'Person ID\'' in out.read_text()
    r = subprocess.run(cli + ["validate", str(EXPORTS / "mosaic_headers.csv"), "--profile",
                              str(out)], capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stderr
