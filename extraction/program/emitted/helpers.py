"""The helpers of emitted Python programs, each copied into a program that calls it (see
doc.go). They transcribe program/semantics.go and the pointer definitions where Python differs
(round, %, errors); helpers_test.go checks that they agree."""

import math


def at(hist, i):
    """hist[i], or 0 before the start of the sequence (i < 0)."""
    return hist[i] if i >= 0 else 0.0


def cos(a):
    """math.cos, but NaN for an infinite a instead of an error."""
    return math.cos(a) if not math.isinf(a) else math.nan


def div(a, b):
    """a / b, and 0 when b is 0."""
    return a / b if b != 0 else 0.0


def exp(a):
    """math.exp, but inf on overflow instead of an error."""
    try:
        return math.exp(a)
    except OverflowError:
        return math.inf


def floor(a):
    """math.floor as a float, and a itself when it is infinite or NaN (instead of an error)."""
    return float(math.floor(a)) if math.isfinite(a) else a


def last_equal(keys, values, t):
    """values[j] for the latest j < t with keys[j] == keys[t], or 0 when there is none."""
    for j in range(t - 1, -1, -1):
        if keys[j] == keys[t]:
            return values[j]
    return 0.0


def maximum(a, b):
    """The larger of a and b, NaN when either is NaN (Python's max depends on the order)."""
    if a != a or b != b:
        return math.nan
    return a if a > b else b


def minimum(a, b):
    """The smaller of a and b, NaN when either is NaN (Python's min depends on the order)."""
    if a != a or b != b:
        return math.nan
    return a if a < b else b


def mod(a, b):
    """The floored remainder a % b (the sign of b), and 0 when b is 0."""
    return a % b if b != 0 else 0.0


def round_half_away(a):
    """Rounds half away from zero, as Go's math.Round (Python's round() rounds half to even)."""
    if not math.isfinite(a):
        return a
    r = math.floor(abs(a))
    if abs(a) - r >= 0.5:
        r += 1
    return math.copysign(r, a)


def sin(a):
    """math.sin, but NaN for an infinite a instead of an error."""
    return math.sin(a) if not math.isinf(a) else math.nan


def square(a):
    """a * a."""
    return a * a
