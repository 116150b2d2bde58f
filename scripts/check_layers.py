#!/usr/bin/python3
"""Checks that the source tree keeps the architecture its folders describe.

    scripts/check_layers.py          # from anywhere; exit 0 when every rule holds, 1 otherwise
    scripts/check_layers.py --root DIR   # check another tree (the tests do)

Rules (README, "Design"):
1. Every library header and source lies in a layer folder: include/qaframe/<layer>/ and
   src/<layer>/, the same names (stats/ may have sub-folders, e.g. stats/agreement/).
2. Dependencies go one way, down: cli -> report -> {render, publish, analysis} ; render -> doc ->
   model ; publish -> model ; analysis -> {tally, readers} ; readers -> io -> model -> stats ;
   tally -> model. A file may include its own layer and the layers below it.
3. The include graph (public and private headers) has no cycle.
4. A source file sits in the folder of the same name as its header's folder.
5. No folder holds more than 12 source files (headers and sources counted together).
6. Bindings include only public headers (and their own), never a private header of src/.
Every violation is printed with the file and the include; nothing is fixed.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if len(sys.argv) == 3 and sys.argv[1] == "--root":
    ROOT = Path(sys.argv[2]).resolve()
INCLUDE = ROOT / "include" / "qaframe"
SRC = ROOT / "src"
BINDINGS = ROOT / "bindings"
MAX_FILES = 12

# What each layer may include besides itself.
BELOW = {
    "stats": set(),
    "model": {"stats"},
    "doc": {"model", "stats"},
    "io": {"model", "stats"},
    "readers": {"io", "model", "stats"},
    "tally": {"model", "stats"},
    "analysis": {"tally", "readers", "io", "model", "stats"},
    "publish": {"model", "stats"},
    "render": {"doc", "model", "stats"},
    "report": {"render", "publish", "doc", "analysis", "tally", "readers", "io", "model", "stats"},
    "cli": {"report", "render", "publish", "doc", "analysis", "tally", "readers", "io", "model",
            "stats"},
}
# Files at the top of include/qaframe/: the version (depends on nothing; anyone may include
# it) and the umbrella (includes everything; nothing in the library may include it).
ROOT_HEADERS = {"version.hpp": "model", "qaframe.hpp": None}
INCLUDE_RE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.MULTILINE)
SOURCE_SUFFIXES = {".hpp", ".cpp", ".h", ".cc"}


def layer_of(path: Path) -> str | None:
    """The layer of a library file from its folder, or None outside the layer folders."""
    for base in (INCLUDE, SRC):
        try:
            rel = path.relative_to(base)
        except ValueError:
            continue
        if len(rel.parts) == 1:
            return ROOT_HEADERS.get(rel.name, None) if base == INCLUDE else None
        return rel.parts[0]
    return None


def resolve(include: str, including: Path) -> Path | None:
    """The library file an include names: "qaframe/..." (public) or "<layer>/..." (private,
    relative to src/), or a file beside the including one; None for third-party headers."""
    if include.startswith("qaframe/"):
        candidate = ROOT / "include" / include
        return candidate if candidate.exists() else None
    for candidate in (SRC / include, including.parent / include):
        if candidate.exists():
            return candidate.resolve()
    return None


def library_files() -> list[Path]:
    return sorted(p for base in (INCLUDE, SRC) for p in base.rglob("*")
                  if p.suffix in SOURCE_SUFFIXES)


def main() -> int:
    problems: list[str] = []
    files = library_files()
    graph: dict[Path, list[Path]] = {}

    for f in files:
        rel = f.relative_to(ROOT)
        layer = layer_of(f)
        if layer is None and f.name not in ROOT_HEADERS and f != SRC / "cli" / "main.cpp":
            problems.append(f"{rel}: not in a layer folder ({', '.join(BELOW)})")
            continue
        if layer is not None and layer not in BELOW:
            problems.append(f"{rel}: '{layer}' is not a layer ({', '.join(BELOW)})")
            continue
        edges = []
        for inc in INCLUDE_RE.findall(f.read_text(encoding="utf-8")):
            target = resolve(inc, f)
            if target is None:
                continue
            edges.append(target)
            if f.name == "qaframe.hpp" and f.parent == INCLUDE:
                continue  # the umbrella includes everything
            if target == INCLUDE / "qaframe.hpp":
                problems.append(f"{rel}: includes the umbrella header {inc}")
                continue
            to = layer_of(target)
            if to is None or layer is None:
                continue
            if to != layer and to not in BELOW[layer]:
                problems.append(f"{rel}: {layer}/ includes {inc} ({to}/), a layer above it")
        graph[f.resolve()] = edges

    # Rule 3: no cycle (depth-first search, colouring nodes).
    state: dict[Path, int] = {}
    stack: list[Path] = []

    def visit(node: Path) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in graph.get(node, []):
            if state.get(nxt) == 1:
                cycle = stack[stack.index(nxt):] + [nxt]
                problems.append("include cycle: " +
                                " -> ".join(str(p.relative_to(ROOT)) for p in cycle))
            elif state.get(nxt) is None:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in list(graph):
        if state.get(node) is None:
            visit(node)

    # Rule 4: a source file whose first include is its own public header sits in that
    # header's folder ("qaframe/io/csv.hpp" -> src/io/csv.cpp).
    for f in files:
        if f.suffix != ".cpp" or not f.is_relative_to(SRC):
            continue
        includes = INCLUDE_RE.findall(f.read_text(encoding="utf-8"))
        if includes and includes[0].startswith("qaframe/"):
            header = Path(includes[0])
            if header.stem == f.stem and header.parent.parts[1:] != f.parent.relative_to(SRC).parts:
                problems.append(f"{f.relative_to(ROOT)}: its header {includes[0]} is in another "
                                "folder")

    # Rule 5: folder sizes.
    for base in (INCLUDE, SRC):
        if not base.is_dir():
            continue
        for folder in [base, *sorted(p for p in base.rglob("*") if p.is_dir())]:
            count = sum(1 for p in folder.iterdir() if p.suffix in SOURCE_SUFFIXES)
            if count > MAX_FILES:
                problems.append(f"{folder.relative_to(ROOT)}/: {count} source files "
                                f"(at most {MAX_FILES}); split it by concept")

    # Rule 6: bindings use the public API only.
    for f in sorted(BINDINGS.glob("*")) if BINDINGS.is_dir() else []:
        if f.suffix not in SOURCE_SUFFIXES:
            continue
        for inc in INCLUDE_RE.findall(f.read_text(encoding="utf-8")):
            target = resolve(inc, f)
            if target is not None and target.is_relative_to(SRC):
                problems.append(f"{f.relative_to(ROOT)}: includes the private header {inc}")

    for p in problems:
        print(f"check_layers: {p}")
    if problems:
        print(f"check_layers: {len(problems)} problem(s)")
        return 1
    print(f"check_layers: {len(files)} files in {len(BELOW)} layers; one-way includes, "
          f"no cycle, at most {MAX_FILES} files a folder")
    return 0


if __name__ == "__main__":
    sys.exit(main())
