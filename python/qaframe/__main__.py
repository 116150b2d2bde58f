"""``python -m qaframe``: the same command line as the C++ ``qaframe`` program."""

import sys

from . import _core


def main(argv: list[str] | None = None) -> int:
    """Run the command line with `argv` (default: sys.argv[1:]); return the exit code."""
    code, out, err = _core.run_cli(list(sys.argv[1:] if argv is None else argv))
    sys.stdout.write(out)
    sys.stderr.write(err)
    return code


if __name__ == "__main__":
    sys.exit(main())
