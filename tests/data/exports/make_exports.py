#!/usr/bin/python3
"""Writes the export variants of tests/data/exports/ from the sample (data/sample/audits.csv),
deterministically: the sample as case-management systems write it (Mosaic-, Liquidlogic LCS- and
Eclipse-style headers, title and footer rows, `PRW`/`core` spellings, numeric grades, workbooks
from openpyxl and xlsxwriter with several sheets and a title row), each with the export profile
that reads it back, and the manifest (manifest.tsv) saying what each case must give: the
sample's set, or an exact message.

    tests/data/exports/make_exports.py              # rewrite the files here
    tests/data/exports/make_exports.py --out DIR    # write them elsewhere (the tests compare)

Files named fmt_* (encodings, delimiters, date-times, Unicode spaces) belong to the formats work
and are not written here.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import zipfile
from pathlib import Path

import openpyxl
import xlsxwriter
from openpyxl.styles import Font

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent.parent
SAMPLE = ROOT / "data" / "sample" / "audits.csv"
FIXED = dt.datetime(2020, 1, 1, 0, 0, 0)
ZIP_TIME = (2020, 1, 1, 0, 0, 0)

CANONICAL = ["audit_id", "child_id", "team", "audit_type", "programme", "audit_date", "auditor",
             "grade", "moderated_grade", "moderator", "domain:assessment", "domain:supervision",
             "domain:planning", "domain:voice_of_child"]
GRADE_COLUMNS = {"grade", "moderated_grade", "domain:assessment", "domain:supervision",
                 "domain:planning", "domain:voice_of_child"}

# Each system's headers for the sample's columns.
MOSAIC = ["Form ID", "Person ID", "Team Name", "Form Type", "Audit Programme", "Audit Date",
          "Auditor", "Overall Grade", "Moderated Grade", "Moderator",
          "Assessment and case history", "Supervision and oversight", "Planning",
          "Voice of the child"]
LCS = ["Audit ID", "LCS ID", "Worker Team", "Audit Type", "Programme", "Date Completed",
       "Completed By", "Overall judgement", "Moderated Judgement", "Moderated By",
       "Q1 Assessment", "Q2 Supervision", "Q3 Planning", "Q4 Voice of Child"]
ECLIPSE = ["Workflow ID", "Client ID", "Responsible Team", "Form Name", "Audit Round",
           "Completion Date", "Auditor Name", "Overall Rating", "Moderated Overall Grade",
           "Moderator Name", "Assessment", "Supervision", "Planning", "Child's Voice"]

NUMERIC = {"Outstanding": "1", "Good": "2", "Requires Improvement": "3", "Inadequate": "4",
           "N/A": "-"}


def sample() -> list[dict[str, str]]:
    with SAMPLE.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def csv_text(header: list[str], rows: list[list[str]], delimiter: str = ",") -> str:
    out = io.StringIO()
    w = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return out.getvalue()


def values(rows: list[dict[str, str]], transform=None) -> list[list[str]]:
    out = []
    for r in rows:
        line = []
        for c in CANONICAL:
            v = r[c]
            line.append(transform(c, v) if transform else v)
        out.append(line)
    return out


def toml_columns(header: list[str]) -> str:
    lines = []
    for canonical, exported in zip(CANONICAL, header):
        key = f'"{canonical}"' if ":" in canonical else canonical
        lines.append(f'{key} = "{exported}"')
    return "\n".join(lines) + "\n"


def programme(c: str, v: str) -> str:
    if c != "programme":
        return v
    return {"Core": "core", "Practice Review Week": "PRW"}[v]


def numeric(c: str, v: str) -> str:
    return NUMERIC.get(v, v) if c in GRADE_COLUMNS and v else v


def normalised(data: bytes) -> bytes:
    """The archive again with fixed timestamps (entry order and compression kept)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, ZIP_TIME)
            fixed.compress_type = info.compress_type
            fixed.external_attr = info.external_attr
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def day(text: str) -> dt.datetime:
    d, m, y = (int(p) for p in text.split("/"))
    return dt.datetime(y, m, d)


def openpyxl_book(rows: list[dict[str, str]]) -> bytes:
    """Three sheets; the audits (Mosaic headers) under a merged title row, dates as date cells."""
    wb = openpyxl.Workbook()
    readme = wb.active
    readme.title = "Read me"
    readme["A1"] = "Case audit export"
    readme["A2"] = "Produced by the case-management system; one row per audit form."
    ws = wb.create_sheet("Audits")
    ws["A1"] = "Case audits, 2017-18 (Mosaic export)"
    ws["A1"].font = Font(bold=True)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(MOSAIC))
    ws.append(MOSAIC)
    for r in values(rows):
        cells: list[object] = list(r)
        cells[5] = day(r[5])
        ws.append(cells)
        ws.cell(row=ws.max_row, column=6).number_format = "dd/mm/yyyy"
    lookups = wb.create_sheet("Lookups")
    for g in ["Inadequate", "Requires Improvement", "Good", "Outstanding"]:
        lookups.append([g])
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    buf = io.BytesIO()
    wb.save(buf)
    return normalised(buf.getvalue())


def xlsxwriter_book(rows: list[dict[str, str]]) -> bytes:
    """Two sheets; the audits (LCS headers, numeric grades) under a title row, a Total footer."""
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    wb.set_properties({"created": FIXED})
    summary = wb.add_worksheet("Summary")
    summary.write(0, 0, "Audits by team")
    summary.write(1, 0, "See the Audits sheet")
    ws = wb.add_worksheet("Audits")
    bold = wb.add_format({"bold": True})
    ws.merge_range(0, 0, 0, len(LCS) - 1, "LCS case audit report", bold)
    ws.write_row(1, 0, LCS, bold)
    body = values(rows, numeric)
    for i, r in enumerate(body):
        ws.write_row(2 + i, 0, r)
    ws.write_row(2 + len(body), 0, ["Total", str(len(body))])
    wb.close()
    return normalised(buf.getvalue())


def files() -> dict[str, bytes | str]:
    rows = sample()
    plain = values(rows)
    out: dict[str, bytes | str] = {}

    # 1-3. Each system's headers, mapped by its profile.
    for name, header in (("mosaic", MOSAIC), ("lcs", LCS), ("eclipse", ECLIPSE)):
        out[f"{name}_headers.csv"] = csv_text(header, plain)
        out[f"{name}.toml"] = (f"# {name}: headers as the system exports them\n"
                               "[audits.columns]\n" + toml_columns(header))
    # 4. Title rows above the header (and a blank line), found by header_row = "auto".
    out["title_rows.csv"] = ("Children's Services case audits\nExported 01/04/2018 09:00,by QA team\n"
                             "\n" + csv_text(MOSAIC, plain))
    out["title_rows.toml"] = ('[input]\nheader_row = "auto"\n\n[audits.columns]\n'
                              + toml_columns(MOSAIC))
    # 5. The same file with the header's line given.
    out["title_rows_line.toml"] = ('[input]\nheader_row = 4\n\n[audits.columns]\n'
                                   + toml_columns(MOSAIC))
    # 6. Footer rows after the audits.
    out["footer_rows.csv"] = (csv_text(CANONICAL, plain) + f"Total,{len(plain)}\n"
                              "Report run 01/04/2018 09:00\n")
    out["footer_rows.toml"] = "[input]\nfooter_rows = 2\n"
    # 7. Programmes spelt PRW and core.
    out["programme_spellings.csv"] = csv_text(CANONICAL, values(rows, programme))
    out["programme_spellings.toml"] = (
        '[audits.programmes]\ncore = ["core", "Monthly audit"]\n'
        'practice_review_week = ["PRW", "Practice Review Week"]\n')
    # 8. Numeric grades (1 Outstanding ... 4 Inadequate; "-" not applicable), with their map.
    out["numeric_grades.csv"] = csv_text(MOSAIC, values(rows, numeric))
    out["numeric_grades.toml"] = (
        '[audits]\nnot_applicable = ["-"]\n\n[audits.columns]\n' + toml_columns(MOSAIC)
        + '\n[audits.grades]\n"1" = "Outstanding"\n"2" = "Good"\n"3" = "Requires Improvement"\n'
        '"4" = "Inadequate"\n')
    # 9. Everything at once: Eclipse headers, titles, footer, PRW/core, numeric grades.
    everything = values(rows, lambda c, v: numeric(c, programme(c, v)))
    out["everything.csv"] = ("Eclipse case audit extract\n" + csv_text(ECLIPSE, everything)
                             + "Total,,,,,,,,,,,,,\n")
    out["everything.toml"] = (
        '# Eclipse, as exported: a title, a footer, PRW/core, numeric grades\n'
        '[input]\nencoding = "utf-8"\ndelimiter = ","\nheader_row = "auto"\nfooter_rows = 1\n\n'
        '[audits]\nnot_applicable = ["-", "N/A"]\n\n[audits.columns]\n' + toml_columns(ECLIPSE)
        + '\n[audits.programmes]\ncore = ["core"]\npractice_review_week = ["PRW"]\n'
        '\n[audits.grades]\n"1" = "Outstanding"\n"2" = "Good"\n"3" = "Requires Improvement"\n'
        '"4" = "Inadequate"\n\n[audits.domains]\nvoice_of_child = "Voice of the child"\n')
    # 10-11. Workbooks from both writers, several sheets, a title row.
    out["openpyxl_mosaic.xlsx"] = openpyxl_book(rows)
    out["openpyxl_mosaic.toml"] = '[input]\nsheet = "Audits"\n\n[audits.columns]\n' + toml_columns(MOSAIC)
    out["xlsxwriter_lcs.xlsx"] = xlsxwriter_book(rows)
    out["xlsxwriter_lcs.toml"] = (
        '[input]\nsheet = "Audits"\nheader_row = 2\nfooter_rows = 1\n\n[audits]\n'
        'not_applicable = ["-"]\n\n[audits.columns]\n' + toml_columns(LCS)
        + '\n[audits.grades]\n"1" = "Outstanding"\n"2" = "Good"\n"3" = "Requires Improvement"\n'
        '"4" = "Inadequate"\n')
    # Failures, with the exact message expected.
    out["mosaic_typo.toml"] = ("[audits.columns]\naudit_id = \"Form ID\"\nchld_id = \"Person ID\"\n")
    out["grades_without_map.toml"] = '[audits.columns]\n' + toml_columns(MOSAIC)
    out["manifest.tsv"] = MANIFEST
    return out


# case	file	profile	expected ("sample": equal to the sample's set; else an exact problem
# or message the reading must give)
MANIFEST = "\t".join(["case", "file", "profile", "expected"]) + "\n" + "\n".join("\t".join(r) for r in [
    ["mosaic", "mosaic_headers.csv", "mosaic.toml", "sample"],
    ["lcs", "lcs_headers.csv", "lcs.toml", "sample"],
    ["eclipse", "eclipse_headers.csv", "eclipse.toml", "sample"],
    ["title_rows_auto", "title_rows.csv", "title_rows.toml", "sample"],
    ["title_rows_line", "title_rows.csv", "title_rows_line.toml", "sample"],
    ["footer_rows", "footer_rows.csv", "footer_rows.toml", "sample"],
    ["programme_spellings", "programme_spellings.csv", "programme_spellings.toml", "sample"],
    ["numeric_grades", "numeric_grades.csv", "numeric_grades.toml", "sample"],
    ["everything", "everything.csv", "everything.toml", "sample"],
    ["openpyxl_workbook", "openpyxl_mosaic.xlsx", "openpyxl_mosaic.toml", "sample"],
    ["xlsxwriter_workbook", "xlsxwriter_lcs.xlsx", "xlsxwriter_lcs.toml", "sample"],
    ["mosaic_without_profile", "mosaic_headers.csv", "",
     "mosaic_headers.csv:1: child_id: did you mean 'Person ID'? Add to the profile: "
     "[audits.columns] child_id = \"Person ID\" (or columns={\"child_id\": \"Person ID\"} in "
     "Python)"],
    ["profile_typo", "mosaic_headers.csv", "mosaic_typo.toml",
     "mosaic_typo.toml:3: key 'audits.columns.chld_id': unknown column 'chld_id' (the columns: "
     "audit_id, child_id, team, audit_type, programme, audit_date, auditor, grade, "
     "moderated_grade, moderator, domain:<name>)"],
    ["numeric_without_map", "numeric_grades.csv", "grades_without_map.toml",
     "numeric_grades.csv:2: column 'grade' ('Overall Grade'): value '2': unknown grade on the "
     "ofsted scale (accepted grades listed below)"],
    ["footer_without_footer_rows", "footer_rows.csv", "",
     "footer_rows.csv:120: column 'team': value '': expected 14 fields as in the header, found 2"],
    ["title_rows_without_header_row", "title_rows.csv", "mosaic.toml",
     "title_rows.csv:4: line 4 holds every required column: the lines above it look like "
     "titles; set header_row = \"auto\" (or 4) in the profile's [input]"],
]) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for name, content in files().items():
        path = args.out / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="\n")


if __name__ == "__main__":
    main()
