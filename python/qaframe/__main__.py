"""``python -m qaframe``: the same command line as the C++ ``qaframe`` program."""

import sys

from . import _core


def main(argv: list[str] | None = None) -> int:
    """Run the command line with `argv` (default: sys.argv[1:]); return the exit code."""
    code, out, err = _core.run_cli(list(sys.argv[1:] if argv is None else argv))
    buffer = getattr(sys.stdout, "buffer", None)  # bytes: `crosstab --format xlsx` is binary
    if buffer is None:  # a text-only stream (a notebook's, a test's capture)
        sys.stdout.write(out.decode("utf-8", errors="replace"))
    else:
        sys.stdout.flush()
        buffer.write(out)
        buffer.flush()
    sys.stderr.write(err)
    return code


if __name__ == "__main__":
    sys.exit(main())
