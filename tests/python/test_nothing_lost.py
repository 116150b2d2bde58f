"""Nothing lost (README, "Nothing lost, nothing leaked").

A writer killed at random points leaves the old file or the new one, complete; a full disk leaves
the old log whole and says why; a misspelt --log changes nothing; a file rewritten while it is
read gives an error, never a crash; endless or huge inputs are refused within a memory bound.
Kills, disks and memory are observed in child processes, so that this process is never at risk.
"""

from __future__ import annotations

import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import qaframe

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample"
CLI = ROOT / "build" / "qaframe"
ENV = {"PYTHONPATH": str(ROOT / "python"), "PATH": "/usr/bin:/bin"}
HEADER = ("kloe_id,raised,theme,unit,evidence,question,owner,status,review_by,closed,outcome,"
          "updated\n")


def big_log_text(n: int) -> str:
    """A log of `n` closed KLOEs, each a row of about 340 bytes, ending as qaframe ends a log."""
    rows = [
        f"KLOE-2017{1 + i % 12:02d}-{i:06d},2017-{1 + i % 12:02d}-15,Theme {i % 40},Unit {i},"
        f"\"Unconfirmed concern in Unit {i}, Theme {i % 40}: audits 41% Good or better (n 27) "
        f"against 62% in the rest of the service.\",What lies behind the weaker picture in Unit "
        f"{i}?,\"Service Manager, Unit {i}\",closed,,2017-12-31,\"Reviewed by the QA Steering "
        f"Group; actions agreed and done.\",2017-12-31\n" for i in range(n)]
    return HEADER + "".join(rows) + f"#end of log: {n} KLOEs\n"


def cli() -> list[str]:
    return [str(CLI)] if CLI.exists() else [sys.executable, "-m", "qaframe"]


def report_args(log: Path, write: Path | None = None) -> list[str]:
    args = ["report", str(SAMPLE / "audits.csv"),
            "--evidence-map", str(SAMPLE / "evidence_map.csv"),
            "--survey", str(SAMPLE / "survey.csv"),
            "--performance", str(SAMPLE / "performance.csv"),
            "--indicators", str(SAMPLE / "indicators.csv"), "--log", str(log)]
    return args + ["--write-log", str(write if write is not None else log)]


PY_LOG_WRITER = textwrap.dedent("""
    import sys, qaframe
    S = sys.argv[2]
    audits = qaframe.read_audits(S + "/audits.csv")
    t = qaframe.triangulate(audits, survey=S + "/survey.csv", performance=S + "/performance.csv",
                            indicators=S + "/indicators.csv", evidence_map=S + "/evidence_map.csv")
    t.update_log(sys.argv[1]).to_csv(sys.argv[1])
""")

PY_AUDITS_WRITER = textwrap.dedent("""
    import sys, qaframe
    qaframe.read_audits(sys.argv[2]).to_csv(sys.argv[1])
""")


def temporaries(folder: Path, name: str) -> list[str]:
    return [f for f in os.listdir(folder) if f.startswith(f".{name}.tmp.")]


def kill_while_writing(cmd: list[str], target: Path, rng: random.Random, timeout: float = 20.0):
    """Run `cmd`, and SIGKILL it at a random point: half the time anywhere in the run, half the
    time while it writes (its temporary file beside `target` is watched for). Returns the exit
    code (-9 when killed)."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    start = time.monotonic()
    if rng.random() < 0.5:
        time.sleep(rng.uniform(0.0, 0.6))
    else:
        while not temporaries(target.parent, target.name) and proc.poll() is None:
            if time.monotonic() - start > timeout:
                break
            time.sleep(0.0005)
        time.sleep(rng.uniform(0.0, 0.08))
    proc.send_signal(signal.SIGKILL)
    return proc.wait(timeout=timeout)


def test_sigkill_while_rewriting_leaves_the_old_or_the_new_file_complete(tmp_path):
    """At least 20 kills of the CLI and of Python rewriting a 100,000-KLOE log (and an AuditSet
    file): every time the file is byte for byte the old version or the new one."""
    rng = random.Random(20180331)
    old_log = big_log_text(100_000).encode()
    work = tmp_path / "work"
    work.mkdir()
    log = work / "log.csv"

    # The new versions, from runs left to finish.
    log.write_bytes(old_log)
    subprocess.run(cli() + report_args(log), check=True, stdout=subprocess.DEVNULL, env=ENV)
    new_cli = log.read_bytes()
    log.write_bytes(old_log)
    subprocess.run([sys.executable, "-c", PY_LOG_WRITER, str(log), str(SAMPLE)], check=True,
                   env=ENV)
    new_py = log.read_bytes()
    assert new_cli != old_log and new_py != old_log
    assert qaframe.read_log(log).notes == [] and len(qaframe.read_log(log)) > 100_000

    big_audits = tmp_path / "big_audits.csv"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_audits_large.py"), "100000",
                    str(big_audits)], check=True, env=ENV)
    audits_target = work / "audits.csv"
    old_audits = (SAMPLE / "audits.csv").read_bytes()
    new_audits = qaframe.read_audits(big_audits).to_csv().encode()

    outcomes = {"old": 0, "new": 0}
    killed = 0
    runs = ([("cli", cli() + report_args(log), log, old_log, new_cli)] * 14 +
            [("python log", [sys.executable, "-c", PY_LOG_WRITER, str(log), str(SAMPLE)], log,
              old_log, new_py)] * 6 +
            [("python audits", [sys.executable, "-c", PY_AUDITS_WRITER, str(audits_target),
                                str(big_audits)], audits_target, old_audits, new_audits)] * 4)
    for what, cmd, target, old, new in runs:
        target.write_bytes(old)
        code = kill_while_writing(cmd, target, rng)
        killed += code == -signal.SIGKILL
        got = target.read_bytes()
        assert got in (old, new), f"{what}: a kill left {len(got)} bytes, neither version"
        outcomes["old" if got == old else "new"] += 1
        if got == old_log or got in (new_cli, new_py):
            assert qaframe.read_log(target) is not None  # and it reads back, complete
    print(f"\n{len(runs)} runs, {killed} killed before they finished; file left: {outcomes}")
    assert len(runs) >= 20
    assert killed >= 12, f"only {killed} of {len(runs)} runs were killed before they finished"
    assert outcomes["old"] >= 1


def test_a_full_disk_leaves_the_old_log_whole_and_says_why(tmp_path):
    """RLIMIT_FSIZE (SIGXFSZ ignored) in the child: write() fails as on a full disk."""
    log = tmp_path / "log.csv"
    old = big_log_text(20_000).encode()
    log.write_bytes(old)

    def limit():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (1 << 20, 1 << 20))

    done = subprocess.run(cli() + report_args(log), capture_output=True, text=True, env=ENV,
                          preexec_fn=limit)
    assert done.returncode == 1, done.stderr
    assert "File too large" in done.stderr
    assert f"'{log}' is unchanged" in done.stderr
    assert log.read_bytes() == old
    assert temporaries(tmp_path, "log.csv") == []
    assert not (tmp_path / "log.csv.bak").exists()


def test_a_really_full_disk_when_a_small_tmpfs_can_be_mounted(tmp_path):
    """As root: a tmpfs just larger than the log, so that its new version cannot fit."""
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    disk = tmp_path / "disk"
    disk.mkdir()
    old = big_log_text(5_000).encode()
    size = len(old) + (256 << 10)
    if subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(disk)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        log = disk / "log.csv"
        log.write_bytes(old)
        done = subprocess.run(cli() + report_args(log), capture_output=True, text=True, env=ENV)
        assert done.returncode == 1, done.stderr
        assert "No space left on device" in done.stderr
        assert log.read_bytes() == old
        assert temporaries(disk, "log.csv") == []
        # From Python: OSError with the reason; the log unchanged.
        reread = qaframe.read_log(log)
        with pytest.raises(OSError, match="No space left on device"):
            reread.to_csv(log)
        assert log.read_bytes() == old
        assert temporaries(disk, "log.csv") == []
    finally:
        subprocess.run(["umount", str(disk)], check=False)


def test_a_misspelt_log_exits_2_and_leaves_the_real_log_untouched(tmp_path):
    real = tmp_path / "real_log.csv"
    shutil.copy(SAMPLE / "improvement_log.csv", real)
    before = real.read_bytes()
    for runner in ([str(CLI)] if CLI.exists() else []) + [None]:
        cmd = [runner] if runner else [sys.executable, "-m", "qaframe"]
        args = report_args(tmp_path / "real_lgo.csv", real)
        done = subprocess.run(cmd + args, capture_output=True, text=True, env=ENV)
        assert done.returncode == 2, done.stderr
        assert "real_lgo.csv': no such file; nothing was written" in done.stderr
        assert "--new-log" in done.stderr
        assert real.read_bytes() == before
        assert not (tmp_path / "real_log.csv.bak").exists()
    # In Python the same mistake is a FileNotFoundError; a new log must be asked for.
    with pytest.raises(FileNotFoundError):
        qaframe.read_log(tmp_path / "real_lgo.csv")


def test_a_cut_log_is_refused_not_read_as_a_shorter_one(tmp_path):
    text = big_log_text(1000)
    path = tmp_path / "log.csv"
    # Cut at every one of the last lines' ends, and in the end line itself.
    lines = text.splitlines(keepends=True)
    for keep in (len(lines) - 1, len(lines) - 2, 500, 2):
        path.write_text("".join(lines[:keep]))
        with pytest.raises(qaframe.DataError, match="cut off"):
            qaframe.read_log(path)
    path.write_text(text[:-8])  # "#end of log: 1000 K"
    with pytest.raises(qaframe.DataError, match="cut off"):
        qaframe.read_log(path)
    # Rows added by hand (more than the end line says): read, with a warning.
    path.write_text(text.replace("#end of log: 1000 KLOEs", "#end of log: 998 KLOEs"))
    with pytest.warns(UserWarning, match="1000 KLOEs, 998 when qaframe last wrote it"):
        assert len(qaframe.read_log(path)) == 1000


REWRITER = textwrap.dedent("""
    import sys, threading, qaframe
    path = sys.argv[1]
    text = open(path, "rb").read()
    stop = False
    def rewrite():
        while not stop:
            with open(path, "r+b") as f:   # in place, as a careless program writes
                f.truncate(0)
                f.write(text[: len(text) // 2])
                f.flush()
                f.write(text[len(text) // 2:])
    t = threading.Thread(target=rewrite)
    t.start()
    outcomes = {"whole": 0, "error": 0, "shorter": 0}
    try:
        for _ in range(150):
            try:
                a = qaframe.read_audits(path)
                outcomes["whole" if len(a) == 20000 else "shorter"] += 1
            except (qaframe.DataError, OSError) as e:
                assert path in str(e), str(e)
                outcomes["error"] += 1
            try:
                for c in qaframe.read_audits_chunked(path, rows=5000):
                    pass
            except (qaframe.DataError, OSError) as e:
                assert path in str(e), str(e)
    finally:
        stop = True
        t.join()
    print(outcomes)
""")


def test_a_file_rewritten_while_it_is_read_gives_an_error_never_a_crash(tmp_path):
    """With the file memory-mapped this was SIGBUS (exit -7), the kernel of a notebook dying."""
    path = tmp_path / "audits.csv"
    rows = "".join(f"A{i},C{i % 97},T{i % 5},01/04/2018,Good\n" for i in range(20000))
    path.write_text("audit_id,child_id,team,audit_date,grade\n" + rows)
    done = subprocess.run([sys.executable, "-c", REWRITER, str(path)], capture_output=True,
                          text=True, env=ENV, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "'error'" in done.stdout


def _peak_in_child(code: str, *args: str) -> dict:
    """Runs `code` in a fresh interpreter after importing qaframe; it sets `result`; returns it
    with the peak resident memory added after the import (`extra`, bytes)."""
    script = textwrap.dedent("""
        import resource, sys, json
        import qaframe
        base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        result = {}
    """) + textwrap.dedent(code) + textwrap.dedent("""
        result["extra"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 - base
        print(json.dumps(result))
    """)
    done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True,
                          env=ENV, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    import json
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_100_mb_row_of_commas_is_refused_within_the_memory_bound(tmp_path):
    path = tmp_path / "commas.csv"
    with open(path, "wb") as f:
        f.write(b"audit_id,child_id,team,audit_date,grade\n")
        block = b"," * (1 << 20)
        for _ in range(100):
            f.write(block)
        f.write(b"\n")
    size = path.stat().st_size
    r = _peak_in_child("""
        try:
            qaframe.read_audits(sys.argv[1])
        except qaframe.DataError as e:
            result["reason"] = e.problems[0].reason
            result["line"] = e.problems[0].line
    """, str(path))
    assert r["reason"] == "a record with more than 10000 fields (the limit), from line 2"
    assert r["line"] == 2
    # The file is read into memory once (100 MB); the record is refused after 10,000 fields, not
    # after 100 million (40 bytes a field: 4 GB before).
    assert r["extra"] < 1.2 * size, r
    r = _peak_in_child("""
        try:
            for chunk in qaframe.read_audits_chunked(sys.argv[1], rows=1000):
                pass
        except qaframe.DataError as e:
            result["reason"] = e.problems[0].reason
    """, str(path))
    assert "a record with more than 10000 fields" in r["reason"]
    assert r["extra"] < 64 << 20, r  # a block (16 MiB) and a record limit, not the file


def test_dev_zero_and_endless_streams_are_refused_within_the_memory_bound():
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    r = _peak_in_child("""
        try:
            qaframe.read_audits("/dev/zero")
        except OSError as e:
            result["message"] = str(e)
    """)
    assert "holds a NUL byte at byte 0" in r["message"]
    assert r["extra"] < 16 << 20, r
    done = subprocess.run(cli() + ["validate", "/dev/zero"], capture_output=True, text=True,
                          env=ENV, timeout=60)
    assert done.returncode == 1 and "NUL byte" in done.stderr


def test_streams_and_standard_input_are_read(tmp_path):
    sample = (SAMPLE / "audits.csv").read_bytes()
    for cmd in ([[str(CLI)]] if CLI.exists() else []) + [[sys.executable, "-m", "qaframe"]]:
        done = subprocess.run(cmd + ["validate", "-"], input=sample, capture_output=True, env=ENV)
        assert done.returncode == 0, done.stderr
        assert done.stdout == b"standard input: 118 audits, no problems\n"
    fifo = tmp_path / "audits.fifo"
    os.mkfifo(fifo)
    writer = subprocess.Popen(["/bin/sh", "-c", f"cat '{SAMPLE / 'audits.csv'}' > '{fifo}'"])
    assert len(qaframe.read_audits(fifo)) == 118
    writer.wait(timeout=30)


def test_reading_holds_at_most_about_twice_the_input_plus_the_set(tmp_path):
    path = tmp_path / "large.csv"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_audits_large.py"), "200000",
                    str(path)], check=True, env=ENV)
    size = path.stat().st_size
    r = _peak_in_child("""
        def rss():
            for line in open("/proc/self/status"):
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
        before = rss()
        audits = qaframe.read_audits(sys.argv[1])
        result["set"] = rss() - before
        result["n"] = len(audits)
    """, str(path))
    assert r["n"] == 200_000
    assert r["extra"] <= 2 * size + r["set"], r


def test_merging_a_large_log_holds_about_twice_its_size(tmp_path):
    log = tmp_path / "log.csv"
    log.write_text(big_log_text(100_000))
    size = log.stat().st_size
    r = _peak_in_child("""
        S = sys.argv[2]
        audits = qaframe.read_audits(S + "/audits.csv")
        t = qaframe.triangulate(audits, survey=S + "/survey.csv",
                                performance=S + "/performance.csv",
                                indicators=S + "/indicators.csv",
                                evidence_map=S + "/evidence_map.csv")
        base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # the merge alone
        merged = t.update_log(sys.argv[1])
        merged.to_csv(sys.argv[1])
        result["merged"] = len(merged)
    """, str(log), str(SAMPLE))
    assert r["merged"] > 100_000
    # Measured 1.96x (the entries themselves hold 1.9x: 12 strings a KLOE); 5.4x before.
    assert r["extra"] <= 2.1 * size, r
