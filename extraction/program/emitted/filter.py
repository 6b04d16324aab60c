"""The filter around an emitted Python program's function, copied into every program (see
doc.go): one JSON array xs[t][c] per input line, one JSON array ys[t][k] per output line. The
program defines CHANNELS and the function that compute stands for here."""

import json
import math
import sys


def reject_constant(name):
    raise ValueError(f"{name} is not a number")


def parse_sequence(line):
    """The sequence xs[t][c] of one input line, a JSON array of arrays of CHANNELS numbers."""
    xs = json.loads(line, parse_constant=reject_constant)
    if not isinstance(xs, list):
        raise ValueError("want a JSON array of positions, each an array of numbers")
    for t, row in enumerate(xs):
        if not isinstance(row, list) or len(row) != CHANNELS:
            raise ValueError(f"position {t}: want an array of {CHANNELS} numbers")
        for c, v in enumerate(row):
            if isinstance(v, bool) or not isinstance(v, (int, float)):
                raise ValueError(f"position {t}, channel {c}: want a number")
            try:
                row[c] = float(v)
            except OverflowError:
                raise ValueError(f"position {t}, channel {c}: number out of range") from None
            if not math.isfinite(row[c]):
                raise ValueError(f"position {t}, channel {c}: number out of range")
    return xs


def format_number(v):
    """Integers as integers (3, not 3.0), other numbers in the shortest form that reads back."""
    if v != v:
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    if v == math.floor(v) and abs(v) < 1e16:
        return str(int(v))
    return repr(v)


def format_outputs(ys):
    """One output line: ys as a JSON array of arrays."""
    return "[" + ",".join("[" + ",".join(format_number(v) for v in row) + "]" for row in ys) + "]"


def main():
    for number, raw in enumerate(sys.stdin.buffer, 1):
        try:
            line = raw.decode("utf-8")
            if not line.strip():
                continue
            xs = parse_sequence(line)
        except ValueError as err:
            sys.stdout.flush()
            print(f"line {number}: {err}", file=sys.stderr)
            sys.exit(1)
        print(format_outputs(compute(xs)))


if __name__ == "__main__":
    main()
