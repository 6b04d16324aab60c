#!/usr/bin/python3
"""Inspect executed Jupyter notebooks (GoNB) for failures that nbconvert does not report.

Usage: /usr/bin/python3 scripts/check-notebook.py EXECUTED.ipynb [...]

GoNB ignores a program's exit status, so a Go panic, os.Exit(N), a failing `!` shell command or
(with --allow-errors) a compile error leaves nbconvert exiting 0. This script fails (exit 1) when
any code cell of an executed notebook has
  - an output of type "error" (compile errors, failed `go get`, kernel errors), or
  - stream / text output containing "panic:", "fatal error:", "exit status N", a goroutine trace,
    "[ERROR]", or a Go compiler message ("# gonb_...", "file.go:L:C: ..."), or
  - no execution count (the cell never ran).
A cell tagged "raises-exception" (the Jupyter convention for cells expected to fail) is skipped.

Only the json module is used, so it runs on the system python3 with no Jupyter packages.
"""
import json
import re
import sys

PATTERNS = [
    ("Go panic", re.compile(r"panic: ")),
    ("Go fatal error", re.compile(r"^fatal error: ", re.M)),
    ("non-zero exit status", re.compile(r"exit status \d+")),
    ("goroutine trace", re.compile(r"^goroutine \d+ \[", re.M)),
    ("[ERROR] message", re.compile(r"\[ERROR\]")),
    ("compile error", re.compile(r"^# gonb_", re.M)),
    ("compile error", re.compile(r"^\S*\.go:\d+:\d+: ", re.M)),
]


ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def text_of(x):
    """Joins a notebook text field (string or list of lines) and drops ANSI colour codes."""
    return ANSI.sub("", "".join(x) if isinstance(x, list) else str(x or ""))


def excerpt(text, match, width=240):
    start = text.rfind("\n", 0, match.start()) + 1
    return text[start:start + width].rstrip()


def check(path):
    """Returns a list of problem descriptions for one executed notebook."""
    try:
        with open(path, encoding="utf-8") as f:
            nb = json.load(f)
    except (OSError, ValueError) as e:
        return ["cannot read executed notebook: %s" % e]
    problems = []
    code_index = 0
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        code_index += 1
        src = text_of(cell.get("source")).strip()
        if not src:
            continue
        where = "cell %d (%s)" % (code_index, src.splitlines()[0][:60])
        if "raises-exception" in cell.get("metadata", {}).get("tags", []):
            continue
        if cell.get("execution_count") is None:
            problems.append("%s: not executed" % where)
        for out in cell.get("outputs", []):
            kind = out.get("output_type")
            if kind == "error":
                msg = (out.get("ename", "") + ": " + out.get("evalue", "")).strip()
                problems.append("%s: error output: %s" % (where, msg[:600]))
                continue
            if kind == "stream":
                texts = [text_of(out.get("text"))]
            elif kind in ("execute_result", "display_data"):
                texts = [text_of(out.get("data", {}).get("text/plain"))]
            else:
                continue
            for text in texts:
                for name, rx in PATTERNS:
                    m = rx.search(text)
                    if m:
                        problems.append("%s: %s in %s output: %s" % (
                            where, name, out.get("name", kind), excerpt(text, m)))
                        break
    return problems


def main(paths):
    failed = 0
    for path in paths:
        problems = check(path)
        if problems:
            failed += 1
            print("  problems in %s:" % path)
            for p in problems:
                print("    - " + p.replace("\n", "\n      "))
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1:]))
