"""Excel workbooks from Python: the sample export written to .xlsx by openpyxl and by xlsxwriter
(dates as date cells, empty cells absent) reads back to the same AuditSet as the CSV file; bad
cells raise DataError naming each cell; files that are not workbooks are named for what they
are; read_audits chooses the reader by the file's content."""

import datetime as dt
import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import xlsxwriter

import qaframe

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "xlsx"


def sample_rows(sample_path):
    """The sample's header and rows, dates as date objects and empty values as None."""
    frame = pd.read_csv(sample_path, dtype=str, keep_default_na=False)
    header = list(frame.columns)
    rows = []
    for record in frame.itertuples(index=False):
        row = []
        for name, value in zip(header, record):
            if name == "audit_date":
                row.append(dt.datetime.strptime(value, "%d/%m/%Y").date())
            else:
                row.append(value if value != "" else None)
        rows.append(row)
    return header, rows


def write_openpyxl(path, header, rows, title=None, first_sheet=None):
    wb = openpyxl.Workbook()
    ws = wb.active
    if first_sheet is not None:
        ws.title = first_sheet
        ws["A1"] = "notes"
        ws = wb.create_sheet("Audits")
    else:
        ws.title = "Audits"
    if title is not None:
        ws["A1"] = title
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
        ws.append([])
    ws.append(header)
    for row in rows:
        ws.append(row)
    for row in ws.iter_rows():
        for c in row:
            if isinstance(c.value, dt.date):
                c.number_format = "dd/mm/yyyy"  # as a UK export shows its dates
    wb.save(path)


def write_xlsxwriter(path, header, rows):
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Audits")
    day = wb.add_format({"num_format": "dd/mm/yyyy"})
    ws.write_row(0, 0, header)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, dt.date):
                ws.write_datetime(r, c, dt.datetime.combine(value, dt.time()), day)
            else:
                ws.write_string(r, c, value)
    wb.close()


@pytest.mark.parametrize("writer", ["openpyxl", "xlsxwriter"])
def test_sample_written_by_each_writer_reads_back_equal(tmp_path, sample_path, sample, writer):
    header, rows = sample_rows(sample_path)
    path = tmp_path / "audits.xlsx"
    (write_openpyxl if writer == "openpyxl" else write_xlsxwriter)(path, header, rows)
    audits = qaframe.read_audits(path)
    pd.testing.assert_frame_equal(audits.to_frame(), sample.to_frame())
    assert audits._impl == sample._impl
    assert len(audits) == 118


def test_title_row_and_second_sheet(tmp_path, sample_path, sample):
    header, rows = sample_rows(sample_path)
    path = tmp_path / "audits.xlsx"
    write_openpyxl(path, header, rows, title="Case audits 2017-18", first_sheet="Read me")
    assert qaframe.xlsx_sheet_names(path) == ["Read me", "Audits"]
    audits = qaframe.read_audits(path, sheet="Audits")
    pd.testing.assert_frame_equal(audits.to_frame(), sample.to_frame())
    # Without a sheet the first is read, and the error says which others there are.
    with pytest.raises(qaframe.DataError) as e:
        qaframe.read_audits(path)
    assert "the workbook also has 'Audits': name the sheet to read" in str(e.value)
    with pytest.raises(qaframe.DataError, match="there is no sheet named 'Nope'"):
        qaframe.read_audits(path, sheet="Nope")


def test_bad_cells_are_named(tmp_path, sample_path):
    header, rows = sample_rows(sample_path)
    rows[12][header.index("grade")] = "Goodish"         # spreadsheet row 14 (header in row 1)
    rows[18][header.index("audit_date")] = "31/02/2018"  # row 20, a date written as text
    rows[30][header.index("team")] = "#N/A"              # row 32, an error cell
    rows[40][header.index("auditor")] = "=VLOOKUP(A42,Staff!A:B,2,FALSE)"  # row 42, no value
    path = tmp_path / "audits.xlsx"
    write_openpyxl(path, header, rows)
    with pytest.raises(qaframe.DataError) as e:
        qaframe.read_audits(path)
    problems = e.value.problems
    # A formula with no cached value is the workbook's problem: found before the audits are read.
    assert [(p.cell, p.line) for p in problems] == [("G42", 42)]
    assert str(problems[0]) == (
        f"{path}[Audits]!G42: value '=VLOOKUP(A42,Staff!A:B,2,FALSE)': a formula with no value "
        "saved: the program that wrote the workbook did not calculate it; open the workbook in "
        "Excel (or LibreOffice), let it calculate, and save it")
    rows[40][header.index("auditor")] = "J. Thornton"
    write_openpyxl(path, header, rows)
    with pytest.raises(qaframe.DataError) as e:
        qaframe.read_audits(path)
    problems = e.value.problems
    assert [(p.cell, p.column, p.value) for p in problems] == [
        ("H14", "grade", "Goodish"), ("F20", "audit_date", "31/02/2018"), ("C32", "team", "#N/A")]
    assert str(problems[0]).startswith(
        f"{path}[Audits]!H14: column 'grade': value 'Goodish': unknown grade on the ofsted scale")
    assert problems[0].source == f"{path}[Audits]"
    assert problems[0].line == 14
    assert e.value.total == 3


def test_csv_problems_have_no_cell(write_csv):
    path = write_csv("audit_id,child_id,team,audit_date,grade\nA1,C1,T,02/10/2017,Goodish\n")
    with pytest.raises(qaframe.DataError) as e:
        qaframe.read_audits(path)
    assert e.value.problems[0].cell == ""
    assert str(e.value.problems[0]).startswith(f"{path}:2: column 'grade': value 'Goodish'")


def test_reader_chosen_by_content(tmp_path, sample_path, sample):
    header, rows = sample_rows(sample_path)
    book = tmp_path / "audits.xlsx"
    write_xlsxwriter(book, header, rows)
    misnamed = tmp_path / "audits.csv"
    shutil.copy(book, misnamed)  # a workbook under a CSV name is still a workbook
    pd.testing.assert_frame_equal(qaframe.read_audits(misnamed).to_frame(), sample.to_frame())
    with pytest.raises(ValueError, match="read as CSV, which has no sheets"):
        qaframe.read_audits(sample_path, sheet="Audits")
    with pytest.raises(FileNotFoundError):
        qaframe.read_audits(tmp_path / "missing.xlsx")


@pytest.mark.parametrize("name, says, has_sheets", [
    ("legacy.xls", "it is an Excel 97-2003 workbook (.xls)", False),
    ("encrypted.xlsx", "it is a password-protected (encrypted) Excel workbook", False),
    ("spreadsheet.ods", "it is an OpenDocument spreadsheet (.ods", False),
    ("csv_named.xlsx", "it is a text file (a CSV file?) with a workbook's name", False),
    ("truncated.xlsx", "it cannot be read as a zip archive", False),
    # The workbook part is sound: its sheets are listed, but the hostile sheet is not read.
    ("bomb.xlsx", "which only a zip bomb does", True),
    ("doctype_entities.xlsx", "the XML declares a document type", True),
])
def test_hostile_and_foreign_files_are_named(name, says, has_sheets):
    with pytest.raises(qaframe.DataError) as e:
        qaframe.read_audits(FIXTURES / name)
    assert len(e.value.problems) == 1
    assert e.value.problems[0].source == str(FIXTURES / name)
    assert says in e.value.problems[0].reason
    if has_sheets:
        assert len(qaframe.xlsx_sheet_names(FIXTURES / name)) == 1
    else:
        with pytest.raises(qaframe.DataError):
            qaframe.xlsx_sheet_names(FIXTURES / name)


def test_workbook_values_agree_with_pandas(sample_path):
    """pandas (openpyxl) and qaframe read the same cells from a workbook the other writer wrote."""
    book = FIXTURES / "openpyxl_audits_good.xlsx"
    frame = pd.read_excel(book, engine="openpyxl", header=1, dtype=object)
    audits = qaframe.read_audits(book).to_frame()
    assert frame["Audit ID"].tolist() == audits["audit_id"].tolist()
    assert [str(v) for v in frame["Child ID"]] == audits["child_id"].tolist()
    dates = [pd.Timestamp(v).date() if not isinstance(v, str)
             else dt.datetime.strptime(v, "%d/%m/%Y").date() for v in frame["Audit Date"]]
    assert dates == [d.date() for d in audits["audit_date"]]
