"""The C interface (qaframe.h, libqaframe_c.so) through ctypes, as another language would use it:
the sample's headline, every problem of a bad file, options refused by name, errors as values,
and separate handles on separate threads; its numbers against the Python package's."""

from __future__ import annotations

import ctypes
import json
import math
import os
import threading
from pathlib import Path

import openpyxl
import pytest

import qaframe

ROOT = Path(__file__).resolve().parents[2]
LIBRARY = Path(os.environ.get("QAFRAME_C_LIBRARY", ROOT / "build" / "libqaframe_c.so"))
SAMPLE = ROOT / "data" / "sample" / "audits.csv"


@pytest.fixture(scope="module")
def lib():
    assert LIBRARY.is_file(), f"{LIBRARY} is not built: cmake --build build --target qaframe_c"
    c = ctypes.CDLL(str(LIBRARY))
    h, s, i = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int
    owned = ctypes.POINTER(ctypes.c_char)  # a char* the caller frees: not converted by ctypes
    signatures = {
        "qf_version": (s, []),
        "qf_audits_read": (h, [s, s]),
        "qf_audits_read_buffer": (h, [s, ctypes.c_size_t, s, s]),
        "qf_problems_count": (ctypes.c_size_t, [h]),
        "qf_problems_total": (ctypes.c_size_t, [h]),
        "qf_problem": (owned, [h, ctypes.c_size_t]),
        "qf_problems_json": (owned, [h]),
        "qf_audits_size": (ctypes.c_size_t, [h]),
        "qf_report": (owned, [h, s, s]),
        "qf_table_json": (owned, [h, s]),
        "qf_table": (owned, [h, s, s]),
        "qf_tables_xlsx": (i, [h, s, s]),
        "qf_profile_json": (owned, [h, s]),
        "qf_moderation_json": (owned, [h, s]),
        "qf_triangulation_json": (owned, [h, s]),
        "qf_last_error": (s, [h]),
        "qf_string_free": (None, [owned]),
        "qf_audits_free": (None, [h]),
    }
    for name, (restype, argtypes) in signatures.items():
        f = getattr(c, name)
        f.restype, f.argtypes = restype, argtypes
    return c


def take(lib, p) -> str | None:
    """The text of a returned char* (None for NULL), freed with qf_string_free."""
    if not p:
        return None
    try:
        return ctypes.string_at(p).decode("utf-8")
    finally:
        lib.qf_string_free(p)


def opt(options: dict | None) -> bytes | None:
    return None if options is None else json.dumps(options).encode()


class Audits:
    """A handle, freed at the end of a `with` block."""

    def __init__(self, lib, path=None, data: bytes | None = None, name="buffer", options=None):
        self.lib = lib
        if data is None:
            self.h = lib.qf_audits_read(str(path).encode(), opt(options))
        else:
            self.h = lib.qf_audits_read_buffer(data, len(data), name.encode(), opt(options))
        assert self.h

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.lib.qf_audits_free(self.h)

    def problems(self) -> list[str]:
        return [take(self.lib, self.lib.qf_problem(self.h, i))
                for i in range(self.lib.qf_problems_count(self.h))]

    def call(self, name, *args):
        return take(self.lib, getattr(self.lib, name)(self.h, *args))

    def error(self) -> str | None:
        e = self.lib.qf_last_error(self.h)
        return None if e is None else e.decode()


def test_version_is_the_package_version(lib):
    assert lib.qf_version().decode() == qaframe.__version__


def test_reads_the_sample_and_reports_its_headline(lib):
    with Audits(lib, SAMPLE) as a:
        assert lib.qf_problems_count(a.h) == 0
        assert lib.qf_audits_size(a.h) == 118
        markdown = a.call("qf_report", b"markdown", None)
        assert "30% (38% adjusted) Inadequate or Requires Improvement" in markdown
        assert "49% (62% adjusted) Good or Outstanding" in markdown
        assert markdown == str(qaframe.read_audits(SAMPLE).report(source="audits.csv"))
        assert "C-22282" not in markdown  # never a child's identifier
        report = json.loads(a.call("qf_report", b"json", opt({"by": ["team"]})))
        assert json.loads(str(qaframe.read_audits(SAMPLE).report(
            format="json", by=["team"], source="audits.csv"))) == report
        html = a.call("qf_report", b"html", None)
        assert html.lower().startswith("<!doctype html>")


def test_tables_profile_and_moderation_equal_the_python_package(lib, sample):
    with Audits(lib, SAMPLE) as a:
        table = json.loads(a.call("qf_table_json", b"team"))
        assert table == json.loads(sample.tally("team").to_json())
        core = next(r for r in json.loads(a.call("qf_table_json", b"programme"))["rows"]
                    if r["label"] == "Core")
        assert core["counts"] + [core["total"]] == sample.crosstab("programme").loc["Core"].tolist()
        both = json.loads(a.call("qf_table", b"json", opt({"by": ["team", "programme"]})))
        assert both == json.loads(sample.tally(["team", "programme"]).to_json())
        assert a.call("qf_table", b"csv", opt({"by": "team", "grades": "original"})) == \
            sample.tally("team", grades="original").to_csv()

        profile = json.loads(a.call("qf_profile_json", None))
        p = sample.profile()
        assert (profile["n"], profile["n_graded"], profile["n_children"]) == \
            (p.n, p.n_graded, p.n_children)

        m = json.loads(a.call("qf_moderation_json", opt({"n_resamples": 500, "seed": 7})))
        expected = sample.moderation(n_resamples=500, seed=7)
        assert m["table"] == expected._impl.table
        assert (m["audits"], m["moderated"], m["pairs"]) == \
            (expected._impl.audits, expected._impl.moderated, expected._impl.pairs)
        # JSON numbers are written with 12 significant digits (doc::Data), NaN as null.
        assert len(m["agreement"]) == len(expected._impl.agreement) == 5
        for got, want in zip(m["agreement"], expected._impl.agreement):
            assert got["statistic"] == want.statistic
            for key in ("estimate", "low", "high"):
                value = getattr(want, key)
                assert got[key] == (None if math.isnan(value) else
                                    pytest.approx(value, rel=1e-11, abs=1e-12)), key
        assert [r["label"] for r in m["by_auditor"]] == [r.label for r in expected._impl.by_auditor]


def test_triangulation_json(lib, sample):
    d = ROOT / "data" / "sample"
    files = {k: str(d / f"{k}.csv") for k in ("evidence_map", "survey", "performance",
                                              "indicators")}
    with Audits(lib, SAMPLE) as a:
        t = json.loads(a.call("qf_triangulation_json", opt(files)))
        expected = qaframe.triangulate(sample, survey=files["survey"],
                                       performance=files["performance"],
                                       indicators=files["indicators"],
                                       evidence_map=files["evidence_map"], by="team")
        assert len(t["kloes"]) == len(expected.kloes)
        assert a.call("qf_triangulation_json", opt({"survey": files["survey"]})) is None
        assert "evidence_map" in a.error()


def test_every_problem_of_a_bad_file(lib):
    data = (b"audit_id,child_id,team,audit_date,grade\n"
            b"A1,C1,North,2017-10-02,Good\n"
            b"A2,C2,North,31/02/2018,Good\n"
            b"A3,C3,South,2017-10-04,Goodish\n"
            b"A1,C4,South,2017-10-05,Outstanding\n")
    with Audits(lib, data=data, name="bad.csv") as a:
        assert lib.qf_audits_size(a.h) == 0
        problems = a.problems()
        assert len(problems) == 3 and lib.qf_problems_total(a.h) == 3
        assert problems[0].startswith("bad.csv:3: column 'audit_date': value '31/02/2018': ")
        assert problems[1].startswith("bad.csv:4: column 'grade': value 'Goodish': ")
        assert problems[2].startswith("bad.csv:5: column 'audit_id': value 'A1': duplicate")
        # The same problems the Python package raises, field by field.
        with pytest.raises(qaframe.DataError) as err:
            qaframe.AuditSet(qaframe._core.parse_audits(data.decode(), "bad.csv",
                                                        qaframe.GradeScale.ofsted()))
        listed = json.loads(a.call("qf_problems_json"))
        assert [(p["source"], p["line"], p["row"], p["column"], p["value"], p["reason"])
                for p in listed] == [(p.source, p.line, p.row, p.column, p.value, p.reason)
                                     for p in err.value.problems]
        assert lib.qf_problem(a.h, 3) is not None and not lib.qf_problem(a.h, 3)
        assert a.call("qf_table_json", b"team") is None
        assert "did not load" in a.error()
    with Audits(lib, data=data, name="bad.csv", options={"max_problems": 2}) as a:
        assert lib.qf_problems_count(a.h) == 2 and lib.qf_problems_total(a.h) == 3
    with Audits(lib, ROOT / "no" / "such.csv") as a:
        assert len(a.problems()) == 1


@pytest.mark.parametrize("options, message", [
    ('{"scale": "ofsted", "colour": 1}', "unknown key 'colour'"),
    ('{"scale": "ofsted",}', "malformed JSON at byte 19"),
    ('{"scale": "ofsted", "scale": "met_not_met"}', "key 'scale' given twice"),
    ('{"max_problems": 0}', "'max_problems' must be a whole number from 1"),
    ('{"max_problems": "10"}', "'max_problems' must be a whole number"),
    ('{"scale": "five-point"}', "unknown scale 'five-point'"),
    ('{"domain_scales": {"voice_of_child": 3}}', "'domain_scales.voice_of_child'"),
    ('[1, 2]', "must be a JSON object"),
    ('{"a": "\\ud800"}', "low surrogate"),
    ('{"a": NaN}', "malformed JSON"),
    ('{"a": ' + "[" * 40 + "]" * 40 + "}", "nesting"),
])
def test_options_are_checked_and_refused_by_name(lib, options, message):
    with Audits(lib, SAMPLE, options=None) as a:
        assert lib.qf_problems_count(a.h) == 0
    h = lib.qf_audits_read(str(SAMPLE).encode(), options.encode())
    try:
        problems = [take(lib, lib.qf_problem(h, i)) for i in range(lib.qf_problems_count(h))]
        assert len(problems) == 1 and message in problems[0], problems
        assert problems[0].startswith("options: ") and "options: options" not in problems[0]
        assert lib.qf_audits_size(h) == 0
    finally:
        lib.qf_audits_free(h)


def test_options_read_a_custom_scale_and_domain_scales(lib, tmp_path):
    path = tmp_path / "met.csv"
    path.write_text("audit_id,child_id,team,audit_date,grade,domain:voice\n"
                    "A1,C1,N,2018-01-01,Met,Good\nA2,C2,N,2018-01-02,Not met,RI\n")
    with Audits(lib, path, options={"scale": "met_not_met",
                                    "domain_scales": {"voice": "ofsted"}}) as a:
        assert a.problems() == []
        assert json.loads(a.call("qf_table_json", b"team"))["columns"] == \
            ["Not met", "Met", "N/A", "Total"]
    with Audits(lib, path, options={"scale": ["Not met", "Met"]}) as a:
        assert a.problems() == []


def test_call_errors_are_values_and_a_success_clears_them(lib):
    with Audits(lib, SAMPLE) as a:
        assert a.call("qf_report", b"pdf", None) is None and "pdf" in a.error()
        assert a.call("qf_report", b"json", b'{"format": "json"}') is None
        assert "unknown key 'format' (accepted: by, grades, threshold, source, compare)" \
            in a.error()
        assert a.call("qf_report", b"json", b'{"threshold": "Superb"}') is None
        assert a.call("qf_table_json", b"no_such_column") is None
        assert "no_such_column" in a.error()
        assert a.call("qf_table_json", b"team") is not None and a.error() is None
        assert a.call("qf_moderation_json", b'{"level": 1.5}') is None and "level" in a.error()
    assert lib.qf_problems_count(None) == 0
    assert not lib.qf_report(None, b"json", None)


def test_xlsx_tables_reopen_with_the_same_numbers(lib, sample, tmp_path):
    path = tmp_path / "tables.xlsx"
    with Audits(lib, SAMPLE) as a:
        assert lib.qf_tables_xlsx(a.h, str(path).encode(), opt({"by": ["team", "programme"]})) == 0
        assert lib.qf_tables_xlsx(a.h, str(tmp_path / "no" / "t.xlsx").encode(), None) != 0
        assert "cannot write" in a.error()
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["grades-by-team", "grades-by-programme", "Notes"]
    rows = list(book["grades-by-team"].iter_rows(min_row=3, values_only=True))
    assert [list(r) for r in rows] == [[label, *counts] for label, counts in zip(
        sample.crosstab("team").index, sample.crosstab("team").to_numpy().tolist())]


def test_separate_handles_on_separate_threads(lib):
    with Audits(lib, SAMPLE) as a:
        expected = a.call("qf_report", b"json", None)
    results, errors = [], []

    def work():
        try:
            for _ in range(4):
                with Audits(lib, SAMPLE) as a:  # ctypes releases the GIL during each call
                    results.append(a.call("qf_report", b"json", None))
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(results) == 16 and all(r == expected for r in results)
