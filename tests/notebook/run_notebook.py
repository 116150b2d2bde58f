#!/usr/bin/env python3
"""Executes notebooks/sample_report.ipynb in a Jupyter kernel and checks what its cells show.

    python tests/notebook/run_notebook.py [--kernel NAME] [NOTEBOOK]

The test command runs it with the kernel registered from the virtual environment
(`python -m ipykernel install --user --name qaframe`), as an analyst would open the notebook;
tests/python/test_notebook.py runs it in the default kernel of the source checkout. Exit 0 when
every cell ran and showed what it should; the failures otherwise. Standard library, nbformat
and nbclient (Debian: python3-nbclient).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).resolve().parent.parent.parent / "notebooks" / "sample_report.ipynb"


def outputs(nb) -> dict:
    """The text of each cell's results by cell id: 'text/plain' of results, stdout, the mime
    types shown."""
    out = {}
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        plain, stdout, mimes = [], [], set()
        for o in cell.get("outputs", []):
            if o.output_type == "stream" and o.name == "stdout":
                stdout.append(o.text)
            elif o.output_type in ("execute_result", "display_data"):
                mimes.update(o.data)
                if "text/plain" in o.data and o.output_type == "execute_result":
                    plain.append(o.data["text/plain"])
            elif o.output_type == "error":
                raise AssertionError(f"cell {cell.id}: {o.ename}: {o.evalue}")
        out[cell.id] = {"plain": "\n".join(plain), "stdout": "".join(stdout), "mimes": mimes}
    return out


def check(nb, version: str | None) -> list[str]:
    got = outputs(nb)
    failures = []

    def expect(cell: str, ok: bool, what: str) -> None:
        if not ok:
            failures.append(f"cell {cell}: expected {what}; got {got.get(cell)}")

    if version is not None:
        expect("version", got["version"]["plain"] == repr(version), f"version {version!r}")
    expect("read", got["read"]["plain"] == "(118, 118)", "118 audits of 118 children")
    expect("crosstab", "text/html" in got["crosstab"]["mimes"], "an HTML table")
    expect("crosstab", "Practice Review Week" in got["crosstab"]["plain"], "the programmes")
    expect("core", got["core"]["plain"] == "[1, 4, 9, 1, 24, 39]", "the Core row of the seed")
    expect("profile", got["profile"]["plain"] == "(0.297, 0.376)", "the headline shares")
    expect("report", "30% (38% adjusted) Inadequate or Requires Improvement"
           in got["report"]["stdout"], "the report's headline")
    expect("plot", "image/png" in got["plot"]["mimes"], "a chart")
    return failures


def run(path: Path = NOTEBOOK, kernel: str | None = None, version: str | None = None,
        cwd: str | None = None) -> list[str]:
    """Executes the notebook (in `cwd`, default a folder of its own) and returns the failures."""
    nb = nbformat.read(path, as_version=4)
    name = kernel or nb.metadata.get("kernelspec", {}).get("name", "python3")
    client = NotebookClient(nb, kernel_name=name, timeout=300,
                            resources={"metadata": {"path": cwd or str(path.parent)}})
    client.execute()
    return check(nb, version)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebook", nargs="?", default=str(NOTEBOOK))
    parser.add_argument("--kernel", default=None, help="kernel name (default: the notebook's)")
    parser.add_argument("--version", default=None, help="the qaframe version the kernel must show")
    parser.add_argument("--cwd", default=None, help="folder the kernel runs in")
    args = parser.parse_args(argv)
    failures = run(Path(args.notebook), args.kernel, args.version, args.cwd)
    for f in failures:
        print(f"run_notebook: {f}", file=sys.stderr)
    print(f"run_notebook: {args.notebook} in kernel {args.kernel or 'of the notebook'}: "
          f"{'ok' if not failures else f'{len(failures)} failure(s)'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
