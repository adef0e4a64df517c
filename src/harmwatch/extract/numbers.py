"""Counts as reports write them, turned into UCDP-style ranges.

Reports write "at least 16", "nearly 60", "dozens", "between 12 and 14", "a family
of five" or "Sixteen". The product keeps what the words commit to and no more:
``best`` is the figure a careful coder would enter (UCDP GED practice), ``low`` and
``high`` are the bounds the wording allows, and vague quantities have no ``best``.

All patterns here are anchored and bounded so that matching stays linear in the
length of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from harmwatch.extract.text import lower_ascii, lowered
from harmwatch.models import Range, Span

UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fourty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1000}

# Vague quantities: (low, high). "dozens" is at least two dozen (SPEC).
VAGUE = {
    "dozens": (24, None),
    "scores": (40, None),
    "hundreds": (200, None),
    "thousands": (2000, None),
    "tens": (20, None),
    "several dozen": (24, None),
    "several": (3, None),
    "a few": (2, None),
    "a number of": (2, None),
    "a handful of": (2, None),
    "a couple of": (2, None),
    "numerous": (3, None),
    "several hundred": (200, None),
}

_WORD = "|".join(sorted([*UNITS, *TENS], key=len, reverse=True))
_WORD_NUM = (
    rf"(?:(?:{_WORD})(?:[\s-]+(?:{_WORD}))?"
    rf"(?:\s+(?:hundred|thousand)(?:\s+(?:and\s+)?(?:{_WORD})(?:[\s-]+(?:{_WORD}))?)?)?"
    r"|a\s+hundred|a\s+thousand|a\s+dozen|one\s+dozen)"
)
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d{1,7})(?![\d.,]\d)"
NUM = rf"(?:{_DIGITS}|{_WORD_NUM})"

QUALIFIERS: dict[str, str] = {
    "at least": "min",
    "no fewer than": "min",
    "no less than": "min",
    "a minimum of": "min",
    "more than": "min",
    "over": "min",
    "upwards of": "min",
    "in excess of": "min",
    "nearly": "max",
    "almost": "max",
    "up to": "max",
    "as many as": "max",
    "close to": "max",
    "just under": "max",
    "less than": "max",
    "fewer than": "max",
    "around": "about",
    "about": "about",
    "some": "about",
    "approximately": "about",
    "roughly": "about",
    "an estimated": "about",
    "estimated": "about",
    "at most": "max",
    "no more than": "max",
    "not less than": "min",
}
_QUAL = "|".join(sorted((re.escape(q) for q in QUALIFIERS), key=len, reverse=True))
_VAGUE = "|".join(sorted((re.escape(v) for v in VAGUE), key=len, reverse=True))
# Public pieces for other readers of counts (the bulletin parser builds its own
# COUNT_RE for table cells and slash-separated lists from these).
DIGITS = _DIGITS
QUALIFIER_PATTERN = _QUAL
VAGUE_PATTERN = _VAGUE

COUNT_RE = re.compile(
    rf"(?<![\w-])(?:(?P<qual>{_QUAL})\s+)?"
    rf"(?:between\s+(?P<lo>{NUM})\s+and\s+(?P<hi>{NUM})"
    rf"|(?P<a>{NUM})\s+(?:or|to)\s+(?P<b>{NUM})(?=\s+[a-z])"
    rf"|a\s+family\s+of\s+(?P<family>{NUM})"
    rf"|(?P<vague>{_VAGUE})(?:\s+of)?"
    rf"|(?P<num>{NUM}))(?![\w])",
    re.IGNORECASE,
)


def words_to_int(s: str) -> int | None:
    """Parse "twenty-two", "one hundred and five", "1,200" or "a dozen" into an int."""
    s = s.strip().lower().replace(",", "")
    if s.isdigit():
        return int(s)
    if s in ("a dozen", "one dozen"):
        return 12
    tokens = [t for t in re.split(r"[\s-]+", s) if t and t != "and"]
    if not tokens:
        return None
    total = 0
    current = 0
    seen = False
    for tok in tokens:
        if tok in ("a", "an"):
            current = 1
            seen = True
        elif tok in UNITS:
            current += UNITS[tok]
            seen = True
        elif tok in TENS:
            current += TENS[tok]
            seen = True
        elif tok in SCALES:
            current = max(current, 1) * SCALES[tok]
            if SCALES[tok] >= 1000:
                total += current
                current = 0
            seen = True
        else:
            return None
    return total + current if seen else None


def qualified_range(n: int, qual: str, span: Span | None = None) -> Range:
    """The range a figure ``n`` commits to after qualifier ``qual`` (SPEC, UCDP GED).

    The stated figure stays the best estimate, as UCDP codes it: "at least 16" and
    "more than 16" give low 16, "nearly 60", "up to 60" and "fewer than 60" give
    high 60 (no off-by-one: the writer's figure is the bound), "about 30" gives no
    bound, and no qualifier gives the exact figure.
    """
    kind = QUALIFIERS.get(" ".join(qual.lower().split()), "")
    if kind == "min":
        return Range(n, n, None, span)
    if kind == "max":
        return Range(n, None, n, span)
    if kind == "about":
        return Range(n, None, None, span)
    return Range(n, n, n, span)


def vague_range(phrase: str, span: Span | None = None) -> Range | None:
    """The range of a vague amount ("dozens", "hundreds of"); no best (SPEC), or None."""
    v = " ".join(phrase.lower().split())
    bounds = VAGUE.get(v) or VAGUE.get(v.removesuffix(" of"))
    if bounds is None:
        return None
    return Range(None, bounds[0], bounds[1], span)


@dataclass
class Count:
    """A count found in text, before we know what it counts."""

    range: Range
    start: int
    end: int
    text: str

    @property
    def best_or_low(self) -> int | None:
        return self.range.best if self.range.best is not None else self.range.low


def parse_count_match(m: re.Match[str], text: str, offset: int = 0) -> Count | None:
    """Turn one ``COUNT_RE`` match into a :class:`Count` with its SPEC range."""
    qual = m.group("qual") or ""
    start, end = m.start() + offset, m.end() + offset
    surface = text[m.start() : m.end()]
    span = Span(start, end, surface)
    rng: Range
    if m.group("lo"):
        lo, hi = words_to_int(m.group("lo")), words_to_int(m.group("hi"))
        if lo is None or hi is None or hi < lo:
            return None
        rng = Range((lo + hi) // 2, lo, hi, span)
    elif m.group("a"):
        lo, hi = words_to_int(m.group("a")), words_to_int(m.group("b"))
        if lo is None or hi is None or hi <= lo:
            return None
        rng = Range((lo + hi) // 2, lo, hi, span)
    elif m.group("family"):
        n = words_to_int(m.group("family"))
        if n is None:
            return None
        rng = Range(n, n, n, span)
    elif m.group("vague"):
        vague = vague_range(m.group("vague"), span)
        if vague is None:
            return None
        rng = vague
    else:
        n = words_to_int(m.group("num"))
        if n is None:
            return None
        rng = qualified_range(n, qual, span)
    return Count(rng, start, end, surface)


_COUNT_RE_L = lowered(COUNT_RE)


def find_counts(text: str, offset: int = 0) -> list[Count]:
    """Every count expression in ``text`` (offsets shifted by ``offset``)."""
    out: list[Count] = []
    for m in _COUNT_RE_L.finditer(lower_ascii(text)):
        c = parse_count_match(m, text, offset)
        if c is not None:
            out.append(c)
    return out
