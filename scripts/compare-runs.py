#!/usr/bin/env python3
"""compare-runs.py: compare a suite folder's outcomes with the committed ones, search by search.

    scripts/compare-runs.py NEW_RUNS [OLD_RUNS]     (OLD_RUNS default: bench/mips/runs)

For every task/seed present in NEW_RUNS (e.g. a sample run with `w2c bench -tasks ... -out DIR`),
prints whether the chosen architecture, the verdict level, the hard model's accuracy and the
program text equal those of OLD_RUNS, and exits non-zero when any differs. Used to check that a
refactoring changed no program (issue 15), or to list what a new mechanism changed.
"""
import json
import pathlib
import sys


def outcome(path):
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return None


def main():
    if len(sys.argv) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    new = pathlib.Path(sys.argv[1])
    old = pathlib.Path(sys.argv[2] if len(sys.argv) > 2 else "bench/mips/runs")
    fields = ("arch", "level", "verified", "correct", "hard_sequence_accuracy", "program")
    same = differ = 0
    for path in sorted(new.glob("*/seed*/outcome.json")):
        rel = path.relative_to(new)
        a, b = outcome(path), outcome(old / rel)
        name = str(rel.parent)
        if b is None:
            print(f"{name}: no committed outcome to compare with")
            differ += 1
            continue
        diffs = [f for f in fields if a.get(f) != b.get(f)]
        if diffs:
            differ += 1
            print(f"{name}: DIFFERENT in {', '.join(diffs)}")
            for f in diffs:
                print(f"    {f}: was {str(b.get(f))[:160]!r}\n    {' ' * len(f)}  now {str(a.get(f))[:160]!r}")
        else:
            same += 1
            print(f"{name}: same ({a.get('arch')}, {a.get('level') or 'not verified'})")
    print(f"{same} same, {differ} different")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
