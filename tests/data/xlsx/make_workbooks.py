#!/usr/bin/env python3
"""Writes the workbook fixtures of tests/cpp/io/test_xlsx.cpp into this folder, deterministically.

    /usr/bin/python3 tests/data/xlsx/make_workbooks.py

Workbooks as the two writers analysts' tools use make them (Debian's python3-xlsxwriter and
python3-openpyxl), a few written by hand (zipfile) to reach what those writers never write
(namespace prefixes, _xHHHH_ escapes, ISO date cells, parts under other names), and hostile
files: a zip bomb, lying headers, XML with entities, a cut-off archive, and files that are not
.xlsx at all (.xls, encrypted, .ods, CSV, HTML). Running it again gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import struct
import zipfile
from pathlib import Path

import openpyxl
import xlsxwriter
from openpyxl.utils.datetime import CALENDAR_MAC_1904

HERE = Path(__file__).resolve().parent
FIXED = dt.datetime(2020, 1, 1, 0, 0, 0)
ZIP_TIME = (2020, 1, 1, 0, 0, 0)


def normalised(data: bytes) -> bytes:
    """The archive again with fixed timestamps, entry order and compression kept."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, ZIP_TIME)
            fixed.compress_type = info.compress_type
            fixed.external_attr = info.external_attr
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def save_openpyxl(wb: openpyxl.Workbook, name: str) -> None:
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    buf = io.BytesIO()
    wb.save(buf)
    (HERE / name).write_bytes(normalised(buf.getvalue()))


def xlsxwriter_book(name: str, **options) -> xlsxwriter.Workbook:
    wb = xlsxwriter.Workbook(str(HERE / name), options)
    wb.set_properties({"created": FIXED})
    return wb


def write_zip(name: str, parts: list[tuple[str, bytes | str]],
              method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for part, data in parts:
            info = zipfile.ZipInfo(part, ZIP_TIME)
            info.compress_type = method
            z.writestr(info, data.encode() if isinstance(data, str) else data)
    data = buf.getvalue()
    (HERE / name).write_bytes(data)
    return data


# -- xlsxwriter: several sheets, a merged title above the header, every kind of cell -------------

def xlsxwriter_features() -> None:
    wb = xlsxwriter_book("xlsxwriter_features.xlsx")
    bold = wb.add_format({"bold": True})
    title = wb.add_format({"bold": True, "align": "center"})
    day = wb.add_format({"num_format": "dd/mm/yyyy"})
    day_time = wb.add_format({"num_format": "dd/mm/yyyy hh:mm"})
    uk_long = wb.add_format({"num_format": "[$-809]d mmmm yyyy;@"})
    clock = wb.add_format({"num_format": "hh:mm"})
    elapsed = wb.add_format({"num_format": "[h]:mm:ss"})
    money = wb.add_format({"num_format": '"£"#,##0.00;[Red]-"£"#,##0.00'})
    quoted = wb.add_format({"num_format": '0 "days"'})
    shaded = wb.add_format({"bg_color": "#DDDDDD"})

    notes = wb.add_worksheet("Notes")
    notes.write_string(0, 0, "Read me first")

    ws = wb.add_worksheet("Audits")
    ws.merge_range("A1:H1", "Quality assurance audits 2017-18", title)
    for c, name in enumerate(["audit_id", "child_id", "team", "audit_date", "grade", "score",
                              "flag", "note"]):
        ws.write_string(2, c, name, bold)
    # Row 4: shared and rich strings, a date, a number, a boolean.
    ws.write_string(3, 0, "AUD-1")
    ws.write_string(3, 1, "C-1")
    ws.write_rich_string(3, 2, "North ", bold, "Team")
    ws.write_datetime(3, 3, dt.datetime(2017, 10, 2), day)
    ws.write_string(3, 4, "Good")
    ws.write_number(3, 5, 3)
    ws.write_boolean(3, 6, True)
    ws.write_number(3, 7, 0.1)
    ws.write_blank(3, 9, None, shaded)  # a formatted empty cell right of the last value
    # Row 5: a date-time, a repeating fraction, formulas with cached values.
    ws.write_string(4, 0, "AUD-2")
    ws.write_string(4, 1, "C-2")
    ws.write_string(4, 2, "North Team")
    ws.write_datetime(4, 3, dt.datetime(2017, 10, 2, 14, 30), day_time)
    ws.write_formula(4, 4, '="Go"&"od"', None, "Good")
    ws.write_number(4, 5, 1 / 3)
    ws.write_boolean(4, 6, False)
    ws.write_formula(4, 7, "=F4*2", None, 6)
    # Row 6: sparse (B and D missing), an error value cached by a formula, a large integer.
    ws.write_string(5, 0, "AUD-3")
    ws.write_string(5, 2, "South")
    ws.write_formula(5, 4, "=NA()", None, "#N/A")
    ws.write_number(5, 5, 123456789012)
    ws.write_string(5, 7, "  spaced  ")
    # Row 7 is not written; row 8: numbers of every size, formats that are and are not dates.
    ws.write_string(7, 0, "AUD-4")
    ws.write_number(7, 1, -0.5)
    ws.write_number(7, 2, 1e21)
    ws.write_number(7, 3, 43010, uk_long)
    ws.write_number(7, 4, 1e-7)
    ws.write_number(7, 5, 0.75, clock)
    ws.write_number(7, 6, 1.5, elapsed)
    ws.write_number(7, 7, 1234.5, money)
    ws.write_number(7, 8, 12, quoted)
    # Trailing rows that are formatted but empty.
    for r in range(9, 12):
        ws.write_blank(r, 0, None, shaded)

    dates = wb.add_worksheet("Dates1900")
    for r, serial in enumerate([1, 59, 60, 61, 0, 2958465, -1, 43010.5]):
        dates.write_number(r, 0, serial)
        dates.write_number(r, 1, serial, day)
        dates.write_number(r, 2, serial, day_time)

    hidden = wb.add_worksheet("Hidden")
    hidden.write_string(0, 0, "secret")
    hidden.hide()

    chart_sheet = wb.add_chartsheet("Chart")
    chart = wb.add_chart({"type": "column"})
    chart.add_series({"values": "=Audits!$F$4:$F$6"})
    chart_sheet.set_chart(chart)
    wb.close()


def xlsxwriter_1904() -> None:
    wb = xlsxwriter_book("xlsxwriter_1904.xlsx", date_1904=True)
    day = wb.add_format({"num_format": "yyyy-mm-dd"})
    day_time = wb.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
    ws = wb.add_worksheet("Dates1904")
    ws.write_datetime(0, 0, dt.datetime(2017, 10, 2), day)
    ws.write_datetime(1, 0, dt.datetime(2017, 10, 2, 14, 30, 15), day_time)
    ws.write_number(2, 0, 0, day)
    ws.write_number(3, 0, 60, day)
    ws.write_number(4, 0, 41547, day)
    wb.close()


def xlsxwriter_constant_memory() -> None:
    # constant_memory writes strings inline, as some exporters do.
    wb = xlsxwriter_book("xlsxwriter_inline.xlsx", constant_memory=True)
    ws = wb.add_worksheet("Inline")
    ws.write_string(0, 0, "inline text")
    ws.write_number(0, 1, 7)
    ws.write_string(1, 0, "second")
    wb.close()


# -- openpyxl: inline strings, formulas it cannot calculate, both date systems -------------------

def openpyxl_features() -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Audits"
    ws["A1"] = "Audits exported 01/04/2018"
    ws.merge_cells("A1:F1")
    ws.append([])
    ws.append(["audit_id", "child_id", "team", "audit_date", "grade", "reviewed"])
    ws.append(["AUD-1", "C-1", "Ambleside", dt.date(2017, 10, 2), "Good", True])
    ws.append(["AUD-2", "C-2", "Brambles", dt.datetime(2018, 3, 5, 9, 15), "Outstanding", False])
    ws.append(["AUD-3", None, "Ambleside", dt.date(1900, 2, 28), "#N/A", 2.5])
    ws.append([None, None, None, None, None, None])
    formulas = wb.create_sheet("Formulas")
    formulas.append(["total", 1, 2])
    formulas["D1"] = "=SUM(B1:C1)"
    formulas["E1"] = "=B1&C1"
    save_openpyxl(wb, "openpyxl_features.xlsx")

    wb = openpyxl.Workbook()
    wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws.title = "Dates1904"
    ws.append([dt.date(2017, 10, 2)])
    ws.append([dt.datetime(2017, 10, 2, 14, 30)])
    save_openpyxl(wb, "openpyxl_1904.xlsx")


def openpyxl_audits() -> None:
    """Audits with a title above the header and a bad value of every kind, cell by cell."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Audits"
    ws["A1"] = "Case audits"
    ws.merge_cells("A1:F1")
    ws.append(["Audit ID", "Child ID", "Team", "Audit Date", "Grade", "Auditor"])
    rows = [
        ["A1", "C1", "Ambleside", dt.date(2017, 10, 2), "Good", "J. Thornton"],
        ["A2", "C2", "Brambles", dt.date(2017, 10, 4), "Goodish", "N. Sharma"],
        ["A3", "C3", "#N/A", "31/02/2018", "Inadequate", "J. Thornton"],
        ["A1", "C4", "Ambleside", dt.date(2017, 10, 6), "RI", "P. Quinn"],
        ["A5", "C5", "DCT", dt.datetime(2017, 10, 7, 14, 30), "N/A", "P. Quinn", "stray"],
    ]
    for row in rows:
        ws.append(row)
    save_openpyxl(wb, "openpyxl_audits_bad.xlsx")

    # Error cells in every kind of column: each is one problem, and nothing more is said of it.
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Audits"
    ws.append(["audit_id", "child_id", "team", "audit_date", "grade", "moderated_grade"])
    ws.append(["#N/A", "C1", "Ambleside", dt.date(2017, 10, 2), "Good", "Good"])
    ws.append(["#N/A", "C2", "Ambleside", "#VALUE!", "#DIV/0!", "#REF!"])
    ws.append(["A3", "#NAME?", "Ambleside", dt.date(2017, 10, 2), "Good", None])
    save_openpyxl(wb, "openpyxl_audits_errors.xlsx")

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Audits"
    ws["A1"] = "Case audits"
    ws.merge_cells("A1:E1")
    ws.append(["Audit ID", "Child ID", "Team", "Audit Date", "Grade"])
    ws.append(["A1", "C1", "Ambleside", dt.date(2017, 10, 2), "Good"])
    ws.append(["A2", "C2", "Brambles", "04/10/2017", "requires improvement"])
    ws.append(["A3", 3, "Ambleside", dt.datetime(2017, 10, 5, 23, 59, 59), "N/A"])
    save_openpyxl(wb, "openpyxl_audits_good.xlsx")


# -- by hand: what the writers never write ----------------------------------------------------

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
                 'openxmlformats.org/package/2006/content-types"/>')


def package(workbook_part: str, sheets: dict[str, tuple[str, str]], strings: str | None = None,
            styles: str | None = None, workbook_pr: str = "") -> list[tuple[str, str]]:
    """A minimal package: the workbook at `workbook_part`, sheets by name -> (part, xml)."""
    folder = workbook_part.rsplit("/", 1)[0]
    book = workbook_part.rsplit("/", 1)[1]
    sheet_list = "".join(f'<sheet name="{name}" sheetId="{i + 1}" r:id="rId{i + 1}"/>'
                         for i, name in enumerate(sheets))
    rels = "".join(f'<Relationship Id="rId{i + 1}" Type="{DOC}/worksheet" Target="{part}"/>'
                   for i, (part, _) in enumerate(sheets.values()))
    parts = [("[Content_Types].xml", CONTENT_TYPES),
             ("_rels/.rels", f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" '
                             f'Type="{DOC}/officeDocument" Target="{workbook_part}"/>'
                             "</Relationships>"),
             (workbook_part, f'<x:workbook xmlns:x="{MAIN}" xmlns:r="{DOC}">{workbook_pr}'
                             f"<x:sheets>{sheet_list.replace('<sheet', '<x:sheet')}</x:sheets>"
                             "</x:workbook>")]
    if strings is not None:
        rels += f'<Relationship Id="rIdS" Type="{DOC}/sharedStrings" Target="strings.xml"/>'
        parts.append((f"{folder}/strings.xml", strings))
    if styles is not None:
        rels += f'<Relationship Id="rIdT" Type="{DOC}/styles" Target="/{folder}/looks.xml"/>'
        parts.append((f"{folder}/looks.xml", styles))
    parts.append((f"{folder}/_rels/{book}.rels", f'<Relationships xmlns="{RELS}">{rels}'
                                                 "</Relationships>"))
    for part, xml in sheets.values():
        parts.append((f"{folder}/{part}" if not part.startswith("/") else part[1:], xml))
    return parts


def sheet_xml(rows: str, extra: str = "") -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="{MAIN}">'
            f"<x:sheetData>{rows}</x:sheetData>{extra}</x:worksheet>")


def handmade() -> None:
    strings = (f'<sst xmlns="{MAIN}"><si><t>line one_x000D__x000A_line two</t></si>'
               "<si><r><t>Kan</t></r><r><t>ji</t></r><rPh sb=\"0\" eb=\"1\"><t>かんじ</t></rPh>"
               "</si><si><t>_x005F_x0041_ and _xD83D__xDE00_ and _xD800_</t></si>"
               "<si><t/></si><si><t xml:space=\"preserve\">  both  </t></si></sst>")
    styles = (f'<styleSheet xmlns="{MAIN}"><numFmts><numFmt numFmtId="200" '
              'formatCode="yyyy\\-mm\\-dd"/><numFmt numFmtId="201" formatCode="&quot;d&quot;0"/>'
              "</numFmts><cellStyleXfs><xf numFmtId=\"14\"/></cellStyleXfs><cellXfs><xf numFmtId=\"0\"/>"
              '<xf numFmtId="200"/><xf numFmtId="201"/><xf numFmtId="14"/><xf numFmtId="22"/>'
              "</cellXfs></styleSheet>")
    # Rows without r (numbered by position), cells without r, ISO date cells, a shared date.
    rows = ('<x:row><x:c t="s"><x:v>0</x:v></x:c><x:c t="s"><x:v>1</x:v></x:c></x:row>'
            '<x:row><x:c t="s"><x:v>2</x:v></x:c><x:c t="s"><x:v>3</x:v></x:c>'
            '<x:c t="s"><x:v>4</x:v></x:c></x:row>'
            '<x:row r="5"><x:c r="B5" t="d"><x:v>2017-10-02</x:v></x:c>'
            '<x:c r="C5" t="d"><x:v>2017-10-02T14:30:00Z</x:v></x:c>'
            '<x:c r="D5" t="d" s="1"><x:v>2017-10-02T14:30:00</x:v></x:c>'
            '<x:c r="E5" s="2"><x:v>43010</x:v></x:c><x:c r="F5" s="3"><x:v>43010.25</x:v></x:c>'
            '<x:c r="G5" s="4"><x:v>43010.25</x:v></x:c>'
            '<x:c r="H5" t="str"><x:f>A1</x:f><x:v>tab_x0009_here</x:v></x:c></x:row>'
            '<x:row r="6"><x:c r="A6" t="inlineStr"><x:is><x:r><x:t>in</x:t></x:r><x:r>'
            '<x:t>line</x:t></x:r></x:is></x:c><x:c r="B6" t="e"><x:v>#REF!</x:v></x:c>'
            '<x:c r="C6" t="b"><x:v>0</x:v></x:c><x:c r="D6"><x:v>1.0000000000000001E-3</x:v>'
            '</x:c><x:c r="E6" t="str"><x:f>""</x:f><x:v></x:v></x:c></x:row>')
    write_zip("handmade_parts.xlsx", package(
        "xl/book.xml", {"Data": ("sheets/data.xml", sheet_xml(
            rows, '<x:mergeCells><x:mergeCell ref="A1:B1"/></x:mergeCells>'))},
        strings=strings, styles=styles))

    # Cell problems, all reported: a formula with no value, a missing string, a bad number.
    bad = ('<x:row r="2"><x:c r="A2"><x:f>1+1</x:f></x:c><x:c r="B2" t="s"><x:v>7</x:v></x:c>'
           '<x:c r="C2"><x:v>12abc</x:v></x:c><x:c r="D2" t="b"><x:v>2</x:v></x:c>'
           '<x:c r="E2" t="d"><x:v>2017-02-30</x:v></x:c><x:c r="F2" t="q"><x:v>1</x:v></x:c>'
           "</x:row>")
    write_zip("handmade_cell_problems.xlsx", package(
        "xl/workbook.xml", {"Bad": ("worksheets/sheet1.xml", sheet_xml(bad))},
        strings=f'<sst xmlns="{MAIN}"><si><t>only</t></si></sst>'))

    # Structure problems: rows out of order; a cell of another row.
    write_zip("handmade_rows_out_of_order.xlsx", package(
        "xl/workbook.xml", {"S": ("worksheets/sheet1.xml", sheet_xml(
            '<x:row r="3"><x:c r="A3"><x:v>1</x:v></x:c></x:row>'
            '<x:row r="2"><x:c r="A2"><x:v>2</x:v></x:c></x:row>'))}))
    write_zip("handmade_cell_of_other_row.xlsx", package(
        "xl/workbook.xml", {"S": ("worksheets/sheet1.xml", sheet_xml(
            '<x:row r="3"><x:c r="A4"><x:v>1</x:v></x:c></x:row>'))}))


# -- hostile --------------------------------------------------------------------------------

def hostile() -> None:
    ok_sheet = sheet_xml('<x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row>')
    # A zip bomb: 64 MiB of white space inside a valid sheet, deflated about 1,000 times over.
    def bomb(mib: int) -> list[tuple[str, str]]:
        xml = sheet_xml('<x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row>' + " " * (mib << 20))
        return package("xl/workbook.xml", {"Bomb": ("worksheets/sheet1.xml", xml)})

    write_zip("bomb.xlsx", bomb(64))
    data = write_zip("bomb_small.xlsx", bomb(2))

    # A smaller bomb (2 MiB) with headers that lie about its size: small (minizip stops there and
    # the checksum fails), and past the per-part limit (refused before inflating).
    def patch_sizes(data: bytes, part: str, size: int) -> bytes:
        data = bytearray(data)
        name = part.encode()
        at = 0
        while (at := data.find(b"PK\x01\x02", at)) >= 0:  # central directory entries
            n = struct.unpack_from("<H", data, at + 28)[0]
            if data[at + 46:at + 46 + n] == name:
                struct.pack_into("<I", data, at + 24, size)
            at += 4
        at = 0
        while (at := data.find(b"PK\x03\x04", at)) >= 0:  # local headers
            n = struct.unpack_from("<H", data, at + 26)[0]
            if data[at + 30:at + 30 + n] == name:
                struct.pack_into("<I", data, at + 22, size)
            at += 4
        return bytes(data)

    (HERE / "bomb_small_header.xlsx").write_bytes(
        patch_sizes(data, "xl/worksheets/sheet1.xml", 4096))
    (HERE / "bomb_huge_header.xlsx").write_bytes(
        patch_sizes(data, "xl/worksheets/sheet1.xml", 0xFFFFFFF0))

    laughs = ('<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa">'
              '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
              ']>' f'<sst xmlns="{MAIN}"><si><t>&c;</t></si></sst>')
    write_zip("doctype_entities.xlsx", package(
        "xl/workbook.xml", {"S": ("worksheets/sheet1.xml", sheet_xml(
            '<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c></x:row>'))}, strings=laughs))
    write_zip("malformed_xml.xlsx", package(
        "xl/workbook.xml", {"S": ("worksheets/sheet1.xml",
                                  sheet_xml('<x:row r="1"><x:c r="A1"><x:v>1</x:c></x:row>'))}))
    write_zip("undefined_entity.xlsx", package(
        "xl/workbook.xml", {"S": ("worksheets/sheet1.xml",
                                  sheet_xml('<x:row r="1"><x:c r="A1" t="inlineStr"><x:is>'
                                            "<x:t>&nbsp;</x:t></x:is></x:c></x:row>"))}))
    parts = package("xl/workbook.xml", {"S": ("worksheets/sheet1.xml", ok_sheet)})
    write_zip("missing_sheet_part.xlsx", [p for p in parts if not p[0].endswith("sheet1.xml")])
    write_zip("missing_workbook.xlsx", [p for p in parts if p[0] != "xl/workbook.xml"])
    write_zip("stored_parts.xlsx", parts, method=zipfile.ZIP_STORED)

    features = (HERE / "xlsxwriter_features.xlsx").read_bytes()
    (HERE / "truncated.xlsx").write_bytes(features[: len(features) // 2])
    # A byte changed inside the compressed sheet: the data or its checksum no longer match.
    data = bytearray((HERE / "stored_parts.xlsx").read_bytes())
    at = data.find(b"<x:v>1</x:v>")
    data[at + 5] = ord("7")
    (HERE / "corrupt_crc.xlsx").write_bytes(bytes(data))

    # Files that are not .xlsx at all.
    def compound_file(names: list[str]) -> bytes:
        header = bytearray(512)
        header[0:8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"
        struct.pack_into("<HHH", header, 24, 0x3E, 3, 0xFFFE)
        struct.pack_into("<H", header, 30, 9)  # 512-byte sectors
        struct.pack_into("<I", header, 48, 0)  # the directory starts at sector 0
        directory = bytearray()
        for i, name in enumerate(["Root Entry"] + names):
            entry = bytearray(128)
            encoded = name.encode("utf-16-le") + b"\0\0"
            entry[0:len(encoded)] = encoded
            struct.pack_into("<H", entry, 64, len(encoded))
            entry[66] = 5 if i == 0 else 2
            directory += entry
        directory += bytes(-len(directory) % 512)
        return bytes(header + directory)

    (HERE / "legacy.xls").write_bytes(compound_file(["Workbook", "\x05SummaryInformation"]))
    (HERE / "encrypted.xlsx").write_bytes(compound_file(
        ["EncryptionInfo", "EncryptedPackage", "\x06DataSpaces"]))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        info = zipfile.ZipInfo("mimetype", ZIP_TIME)
        z.writestr(info, "application/vnd.oasis.opendocument.spreadsheet")
        info = zipfile.ZipInfo("content.xml", ZIP_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, '<office:document-content xmlns:office="urn:oasis:names:tc:'
                         'opendocument:xmlns:office:1.0"/>')
    (HERE / "spreadsheet.ods").write_bytes(buf.getvalue())
    (HERE / "csv_named.xlsx").write_bytes(
        b"audit_id,child_id,team,audit_date,grade\nA1,C1,North,02/10/2017,Good\n")
    (HERE / "html_export.xls").write_bytes(
        b"<html><body><table><tr><td>audit_id</td></tr></table></body></html>\n")


def main() -> None:
    xlsxwriter_features()
    xlsxwriter_1904()
    xlsxwriter_constant_memory()
    openpyxl_features()
    openpyxl_audits()
    handmade()
    hostile()


if __name__ == "__main__":
    main()
