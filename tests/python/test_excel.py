"""Excel output (.xlsx): grade tables and the report's tables reopen with openpyxl to the same
numbers, as number cells; labels that a spreadsheet would run as formulas are text cells; the
notes sheet states the rules; files are replaced whole."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

import qaframe

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = ["=1+1", "+SUM(A1:A2)", "-2+3", "@cmd", '=HYPERLINK("http://example.org","x")',
           "=cmd|' /C calc'!A0", "\tTab", "Plain", "Line\nbreak", "Ctrl\x01char"]


def hostile_audits():
    rows = ["audit_id,child_id,team,audit_date,grade"]
    grades = ["Good", "Inadequate", "N/A", "Outstanding", "RI"]
    for i, team in enumerate(HOSTILE * 3):
        quoted = '"' + team.replace('"', '""') + '"'
        rows.append(f"A{i},C{i % 7},{quoted},2018-01-{1 + i % 28:02d},{grades[i % 5]}")
    return qaframe.AuditSet(qaframe._core.parse_audits("\n".join(rows) + "\n", "hostile.csv",
                                                       qaframe.GradeScale.ofsted()))


def excel_escaped(text: str) -> str:
    return re.sub(r"[\x00-\x08\x0b-\x1f]", lambda m: f"_x{ord(m.group()):04X}_", text)


def sheet_rows(ws, first=3):
    return [list(r) for r in ws.iter_rows(min_row=first, values_only=True)]


def test_grade_table_reopens_with_the_same_numbers(sample, tmp_path):
    path = tmp_path / "team.xlsx"
    sample.tally("team").to_excel(path, source="audits.csv")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["grades-by-team", "Notes"]
    ws = book["grades-by-team"]
    assert ws["A1"].value == "Audits by grade and team"
    frame = sample.crosstab("team")
    assert [c.value for c in ws[2]] == ["Team", *frame.columns]
    rows = sheet_rows(ws)
    assert rows == [[label, *counts] for label, counts in zip(frame.index,
                                                              frame.to_numpy().tolist())]
    for row in ws.iter_rows(min_row=3, min_col=2):
        assert all(c.data_type == "n" and isinstance(c.value, int) for c in row)
    assert ws.cell(ws.max_row, 1).font.b  # the total row is bold
    notes = [r[0] for r in book["Notes"].iter_rows(values_only=True)]
    assert notes[0] == "Notes" and "Source: audits.csv" in notes
    assert any("never a formula" in n for n in notes)
    assert any("final grade" in n for n in notes)
    assert any(n == f"Produced with qaframe {qaframe.__version__}." for n in notes)


def test_hostile_labels_are_text_cells_never_formulas(tmp_path):
    audits = hostile_audits()
    path = tmp_path / "hostile.xlsx"
    audits.tally("team").to_excel(path)
    book = openpyxl.load_workbook(path)
    ws = book["grades-by-team"]
    labels = [ws.cell(r, 1) for r in range(3, ws.max_row)]
    # As read, in order; control characters as Excel's escapes (_x0001_), which Excel shows as
    # the character and openpyxl leaves as written.
    assert [c.value for c in labels] == [excel_escaped(t) for t in audits.tally("team").rows]
    assert {"=1+1", "+SUM(A1:A2)", "-2+3", "@cmd"} <= {c.value for c in labels}
    assert all(c.data_type == "s" for c in labels)
    with zipfile.ZipFile(path) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/")]
        assert sheets and not any(b"<f>" in z.read(n) or b"<f " in z.read(n) for n in sheets)
    # The numbers are the table's, row by row.
    frame = audits.crosstab("team")
    assert sheet_rows(ws) == [[excel_escaped(label), *counts] for label, counts in zip(
        frame.index, frame.to_numpy().tolist())]


def test_several_tables_a_sheet_each_and_the_file_replaced_whole(sample, tmp_path):
    path = tmp_path / "tables.xlsx"
    path.write_text("an older file")
    qaframe.write_excel(path, [sample.tally("programme"), sample.tally(["team", "programme"]),
                               sample.tally("programme", grades="original")], grades="final")
    assert [p.name for p in tmp_path.iterdir()] == ["tables.xlsx"]  # no temporary left
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["grades-by-programme", "grades-by-team _ programme",
                               "grades-by-programme_2", "Notes"]
    core = next(r for r in sheet_rows(book["grades-by-programme"]) if r[0] == "Core")
    assert core[1:] == [1, 4, 9, 1, 24, 39]
    with pytest.raises(OSError, match="cannot write"):
        sample.tally("team").to_excel(tmp_path / "missing" / "t.xlsx")


def test_report_tables_to_excel(sample, tmp_path):
    path = tmp_path / "report.xlsx"
    sample.to_excel(path, source="audits.csv")
    book = openpyxl.load_workbook(path)
    names = book.sheetnames
    assert names[-1] == "Notes" and len(names) > 4
    for by in ("programme", "team", "audit_type"):
        ws = book[f"grades-by-{by}"]
        frame = sample.crosstab(by)
        assert sheet_rows(ws) == [[label, *counts] for label, counts in zip(
            frame.index, frame.to_numpy().tolist())]
    # Shares are numbers with a percentage format, not text.
    shares = [c for ws in book.worksheets[:-1] for row in ws.iter_rows(min_row=3) for c in row
              if c.number_format == "0%"]
    assert shares and all(isinstance(c.value, (int, float)) and 0 <= c.value <= 1
                          for c in shares)
    assert any(isinstance(c.value, float) for c in shares)
    notes = [r[0] for r in book["Notes"].iter_rows(values_only=True)]
    assert any("never a formula" in n for n in notes)


@pytest.mark.parametrize("runner", ["cpp", "python"])
def test_crosstab_format_xlsx_on_the_command_line(runner, sample, tmp_path):
    sample_path = ROOT / "data" / "sample" / "audits.csv"
    cmd = ([str(ROOT / "build" / "qaframe")] if runner == "cpp"
           else [sys.executable, "-m", "qaframe"])
    out = subprocess.run(cmd + ["crosstab", str(sample_path), "--by", "team", "--format", "xlsx"],
                         capture_output=True, check=True, env={"PYTHONPATH": str(ROOT / "python")})
    book = openpyxl.load_workbook(io.BytesIO(out.stdout))
    frame = sample.crosstab("team")
    assert sheet_rows(book["grades-by-team"]) == [[label, *counts] for label, counts in zip(
        frame.index, frame.to_numpy().tolist())]
    assert "Source: audits.csv" in [r[0] for r in book["Notes"].iter_rows(values_only=True)]
    # With --output, the same workbook to a file (written whole), nothing on stdout.
    target = tmp_path / "team.xlsx"
    written = subprocess.run(cmd + ["crosstab", str(sample_path), "--by", "team", "--format",
                                    "xlsx", "--output", str(target)],
                             capture_output=True, check=True,
                             env={"PYTHONPATH": str(ROOT / "python")})
    assert written.stdout == b"" and [p.name for p in tmp_path.iterdir()] == ["team.xlsx"]
    assert sheet_rows(openpyxl.load_workbook(target)["grades-by-team"]) == \
        sheet_rows(book["grades-by-team"])
    bad = subprocess.run(cmd + ["profile", str(sample_path), "--format", "xlsx"],
                         capture_output=True, env={"PYTHONPATH": str(ROOT / "python")})
    assert bad.returncode == 1 and b"unknown format 'xlsx' for profile" in bad.stderr
