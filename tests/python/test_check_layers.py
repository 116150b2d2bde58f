"""scripts/check_layers.py: the real tree passes, and each rule catches its violation."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "check_layers.py"


def run(root=None):
    args = [sys.executable, str(SCRIPT)] + (["--root", str(root)] if root else [])
    return subprocess.run(args, capture_output=True, text=True)


def write(root: Path, rel: str, text: str = "") -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_the_tree_keeps_its_layers():
    r = run()
    assert r.returncode == 0, r.stdout
    assert "one-way includes, no cycle" in r.stdout


def test_a_clean_small_tree_passes(tmp_path):
    write(tmp_path, "include/qaframe/model/a.hpp", '#include "qaframe/stats/s.hpp"\n')
    write(tmp_path, "include/qaframe/stats/s.hpp")
    write(tmp_path, "src/model/a.cpp", '#include "qaframe/model/a.hpp"\n')
    write(tmp_path, "bindings/module.cpp", '#include "qaframe/model/a.hpp"\n')
    r = run(tmp_path)
    assert r.returncode == 0, r.stdout
    assert "3 files in 12 layers" in r.stdout


def test_the_c_interface_is_the_top_layer(tmp_path):
    # qaframe.h and src/capi/ may use every layer (cli too); nothing may include them.
    write(tmp_path, "include/qaframe/qaframe.h")
    write(tmp_path, "include/qaframe/cli/cli.hpp")
    write(tmp_path, "src/capi/c_api.cpp",
          '#include "qaframe/qaframe.h"\n#include "qaframe/cli/cli.hpp"\n')
    assert run(tmp_path).returncode == 0
    write(tmp_path, "src/cli/cli.cpp", '#include "qaframe/qaframe.h"\n')
    r = run(tmp_path)
    assert r.returncode == 1
    assert "src/cli/cli.cpp: cli/ includes qaframe/qaframe.h (capi/), a layer above it" in r.stdout


def test_each_rule_reports_its_violation(tmp_path):
    # An include upwards: model -> report.
    write(tmp_path, "include/qaframe/model/a.hpp", '#include "qaframe/report/r.hpp"\n')
    write(tmp_path, "include/qaframe/report/r.hpp")
    # A cycle between two io headers.
    write(tmp_path, "include/qaframe/io/x.hpp", '#include "qaframe/io/y.hpp"\n')
    write(tmp_path, "include/qaframe/io/y.hpp", '#include "qaframe/io/x.hpp"\n')
    # A source away from its header's folder.
    write(tmp_path, "src/analysis/x.cpp", '#include "qaframe/io/x.hpp"\n')
    # A private header included by a binding.
    write(tmp_path, "src/report/escape.hpp")
    write(tmp_path, "bindings/module.cpp", '#include "report/escape.hpp"\n')
    # A folder outside the layers, and one with too many files.
    write(tmp_path, "src/misc/z.cpp")
    for i in range(13):
        write(tmp_path, f"include/qaframe/stats/s{i}.hpp")
    r = run(tmp_path)
    assert r.returncode == 1
    out = r.stdout
    assert ("include/qaframe/model/a.hpp: model/ includes qaframe/report/r.hpp (report/), "
            "a layer above it") in out
    assert "include cycle: include/qaframe/io/x.hpp -> include/qaframe/io/y.hpp -> " \
           "include/qaframe/io/x.hpp" in out
    assert "src/analysis/x.cpp: its header qaframe/io/x.hpp is in another folder" in out
    assert "bindings/module.cpp: includes the private header report/escape.hpp" in out
    assert "src/misc/z.cpp: 'misc' is not a layer" in out
    assert "include/qaframe/stats/: 13 source files (at most 12)" in out
    assert "check_layers: 6 problem(s)" in out
