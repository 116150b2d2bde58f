"""Hostile input, case by case (issue 6), from Python and from both command lines: exports that
must load do, with the right values; exports that must fail raise DataError naming file, line,
column and reason (exit code 2 on the command line); labels from the data come out inert."""

import subprocess
import sys

import pandas as pd
import pytest

import qaframe

HEADER = "audit_id,child_id,team,audit_date,grade\n"
ROW = "A1,C1,Alpha,01/02/2018,Good\n"

# -- input that must work -------------------------------------------------------------------

GOOD = {
    "utf-8 without a byte-order mark": (HEADER + "A1,C1,Équipe Nord,01/02/2018,Good\n").encode(),
    "utf-8 with a byte-order mark": ("\ufeff" + HEADER + "A1,C1,Équipe Nord,01/02/2018,Good\n").encode(),
    "crlf line ends": (HEADER + "A1,C1,Équipe Nord,01/02/2018,Good\n").replace("\n", "\r\n").encode(),
    "no final line end": (HEADER + "A1,C1,Équipe Nord,01/02/2018,Good").encode(),
    "quoted comma, quote and line break": (
        HEADER + 'A1,C1,"Équipe, ""Nord""\r\nsite",01/02/2018,Good\n').encode(),
    "trailing empty columns and blank lines": (
        "\n" + HEADER.replace("\n", ",,\n") + "\nA1,C1,Équipe Nord,01/02/2018,Good,,\n\n,,,,,,\n\n").encode(),
    "padding past the header": (HEADER + "A1,C1,Équipe Nord,01/02/2018,Good,,,\n").encode(),
    "surrounding spaces": (HEADER + " A1 , C1 ,  Équipe Nord ,01/02/2018 , Good \n").encode(),
    "headers in any case and order": (
        "Grade,TEAM, Audit Date ,Child-ID,Audit ID\nGood,Équipe Nord,01/02/2018,C1,A1\n").encode(),
}


@pytest.mark.parametrize("name", GOOD)
def test_input_that_must_work(write_csv, name):
    audits = qaframe.read_audits(write_csv(GOOD[name]))
    frame = audits.to_frame()
    assert len(frame) == 1
    assert frame["audit_id"].tolist() == ["A1"]
    assert frame["child_id"].tolist() == ["C1"]
    expected_team = 'Équipe, "Nord"\r\nsite' if "quoted" in name else "Équipe Nord"
    assert frame["team"].tolist() == [expected_team]
    assert frame["audit_date"].tolist() == [pd.Timestamp("2018-02-01")]
    assert frame["grade"].tolist() == ["Good"]


def test_grade_spellings_and_extra_columns(write_csv):
    text = ("audit_id,child_id,team,audit_date,grade,Notes,Reviewer\n"
            "A1,C1,T,01/02/2018,Good ,\"a, b\",Jo\n"
            "A2,C2,T,01/02/2018,RI,,Jo\n"
            "A3,C3,T,01/02/2018,requires improvement to be good,,\n"
            "A4,C4,T,01/02/2018,N/A,,\n")
    audits = qaframe.read_audits(write_csv(text))
    assert audits.columns[-2:] == ["Notes", "Reviewer"]
    frame = audits.to_frame()
    assert frame["grade"].tolist()[:3] == ["Good", "Requires Improvement", "Requires Improvement"]
    assert pd.isna(frame["grade"].tolist()[3])
    assert frame["Notes"].tolist()[0] == "a, b"


def test_a_header_alone_is_an_empty_set(write_csv):
    audits = qaframe.read_audits(write_csv(HEADER))
    assert len(audits) == 0
    assert audits.columns == ["audit_id", "child_id", "team", "audit_date", "grade"]


# -- input that must fail -------------------------------------------------------------------

# name -> (bytes, line, column, phrase of the reason)
BAD = {
    "invalid utf-8": (HEADER.encode() + b"A1,C1,Caf\xe9,01/02/2018,Good\n", 2, "team",
                      "not valid UTF-8"),
    # A UTF-16 export is read as UTF-16 (its byte-order mark); one cut inside a character is not.
    "a utf-16 export cut off": ((HEADER + ROW).encode("utf-16")[:-1], 2, "",
                                "not valid UTF-16"),
    "a nul byte": (HEADER.encode() + b"A1,C1,Al\x00pha,01/02/2018,Good\n", 2, "team", "NUL byte"),
    "an unterminated quote": ((HEADER + ROW + 'A2,C2,"Alpha,01/02/2018,Good\n').encode(), 3,
                              "team", "never closed"),
    "too many fields": ((HEADER + "A1,C1,Smith, J.,01/02/2018,Good\n").encode(), 2, "(column 6)",
                        "found 6"),
    "too few fields": ((HEADER + "A1,C1,Alpha\n").encode(), 2, "audit_date", "found 3"),
    "an empty file": (b"", 1, "", "empty"),
    "a wrong header": (b"id,team,grade\nA1,T,Good\n", 1, "", "missing required columns"),
    "a repeated column": ((HEADER.strip() + ",Grade\n").encode(), 1, "Grade", "repeated"),
    "a field over the size limit": (
        (HEADER + "A1,C1," + "x" * 70_000 + ",01/02/2018,Good\n").encode(), 2, "team",
        "longer than the limit"),
    "a file cut off in a quoted field": ((HEADER + ROW + 'A2,C2,"Alp').encode(), 3, "team",
                                         "cut off"),
    "a file cut off between fields": ((HEADER + ROW + "A2,C2,Alpha,").encode(), 3, "grade",
                                      "found 4"),
}


@pytest.mark.parametrize("name", BAD)
def test_input_that_must_fail(write_csv, name):
    data, line, column, reason = BAD[name]
    path = write_csv(data)
    with pytest.raises(qaframe.DataError) as caught:
        qaframe.read_audits(path)
    err = caught.value
    assert isinstance(err, ValueError)
    p = err.problems[0]
    assert (p.source, p.line, p.column) == (str(path), line, column)
    assert reason in p.reason
    assert f"{path}:{line}:" in str(err)
    assert "\n" not in p.value and "\x00" not in p.value


@pytest.mark.parametrize("runner", ["cpp", "python"])
def test_command_line_exit_code_2_for_every_bad_input(root, tmp_path, runner):
    cmd = [str(root / "build" / "qaframe")] if runner == "cpp" else [sys.executable, "-m", "qaframe"]
    for name, (data, line, _, reason) in BAD.items():
        path = tmp_path / "bad.csv"
        path.write_bytes(data)
        done = subprocess.run(cmd + ["validate", str(path)], capture_output=True,
                              env={"PYTHONPATH": str(root / "python"), "PATH": "/usr/bin:/bin"})
        stderr = done.stderr.decode("utf-8")  # always valid UTF-8, whatever the input held
        assert done.returncode == 2, (name, stderr)
        assert done.stdout == b"", name
        assert f"{path}:{line}:" in stderr and reason in stderr, (name, stderr)


def test_every_bad_value_is_listed_with_its_column(write_csv):
    data = HEADER.encode() + b"A1,C1,Caf\xe9,01/02/2018,Good\nA2,C\xff,T,01/02/2018,Good\n"
    with pytest.raises(qaframe.DataError) as caught:
        qaframe.read_audits(write_csv(data))
    got = [(p.line, p.column, p.value) for p in caught.value.problems]
    assert got == [(2, "team", "Caf\\xE9"), (3, "child_id", "C\\xFF")]


def test_from_frame_refuses_nul_bytes():
    frame = pd.DataFrame({"audit_id": ["A1"], "child_id": ["C1"], "team": ["Al\x00pha"],
                          "audit_date": ["2018-02-01"], "grade": ["Good"]})
    with pytest.raises(qaframe.DataError) as caught:
        qaframe.AuditSet.from_frame(frame)
    (p,) = caught.value.problems
    assert (p.row, p.column, p.value) == (0, "team", "Al\\x00pha")


# -- hostile content in outputs -------------------------------------------------------------

HOSTILE = (HEADER.replace("grade", "grade,auditor")
           + "A1,C1,<script>alert(1)</script>,01/02/2018,Good,<img src=x onerror=alert(1)>\n"
           + 'A2,C2,"=HYPERLINK(""http://x"",""y"")",01/02/2018,Good,=1+1\n'
           + "A3,C3,@SUM(A1),01/02/2018,Good,+1\n"
           + "A4,C4,-2,01/02/2018,Good,$\\notacommand$ and _x\n")


@pytest.fixture
def hostile(write_csv):
    return qaframe.read_audits(write_csv(HOSTILE))


def test_html_reprs_escape_labels(hostile):
    for html in (hostile._repr_html_(), hostile.tally("team")._repr_html_(),
                 hostile.tally("auditor")._repr_html_(), hostile.profile()._repr_html_()):
        assert "<script>" not in html and "<img" not in html


def test_markdown_and_json_escape_labels(hostile):
    for text in (str(hostile.report()), hostile.report(by=["team", "auditor"])._repr_markdown_(),
                 hostile.tally("team").to_markdown(), hostile.tally("auditor").to_json(),
                 str(hostile.report(format="json", by=["team", "auditor"]))):
        assert "<script>" not in text and "<img" not in text


def test_table_csv_neutralises_formulas_but_the_audit_csv_stays_exact(hostile):
    for by in ("team", "auditor"):
        lines = hostile.tally(by).to_csv().splitlines()
        for line in lines[1:]:
            assert line[0] not in "=+-@", line
            assert not line.startswith('"=')
    assert "'=HYPERLINK(" in hostile.tally("team").to_csv()
    # The audit file is data for data tools: written back exactly, read back equal.
    assert "A3,C3,@SUM(A1)," in hostile.to_csv()


def test_plot_draws_labels_as_text(hostile):
    import matplotlib
    matplotlib.use("Agg")
    ax = hostile.plot(by="auditor")
    ax.figure.canvas.draw()  # a label read as mathtext would fail to draw here
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert "\\$\\notacommand\\$ and _x (n=1)" in labels


def test_a_directory_is_not_an_empty_file(tmp_path):
    with pytest.raises(OSError, match="Is a directory"):  # the OS's words
        qaframe.read_audits(tmp_path)
