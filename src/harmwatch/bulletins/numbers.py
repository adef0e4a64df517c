"""Counts as bulletins write them, turned into :class:`~harmwatch.models.Range`.

"87", "1,204", "at least 16", "more than 40", "between 12 and 14", "12-14",
"twenty-one", "a child", "dozens". The ranges follow UCDP GED practice, as the
SPEC fixes: "at least 16" is ``{best 16, low 16, high None}``; "dozens" is
``{best None, low 24, high None}``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from harmwatch.models import Range, Span

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
# Vague amounts: (best, low).
VAGUE = {
    "dozens": (None, 24), "dozens of": (None, 24), "scores": (None, 40), "scores of": (None, 40),
    "hundreds": (None, 200), "hundreds of": (None, 200), "several": (None, 3), "a few": (None, 2),
    "a dozen": (12, 12), "a couple of": (2, 2), "tens of": (None, 20), "tens": (None, 20),
}
LOWER_QUALS = ("at least", "no fewer than", "no less than", "not less than", "a minimum of", "upwards of")
ABOVE_QUALS = ("more than", "over", "above", "in excess of")
ABOUT_QUALS = ("about", "around", "approximately", "roughly", "some", "nearly", "almost", "close to",
               "up to", "an estimated", "estimated", "at most", "no more than", "less than", "fewer than",
               "under")

_WORD = "|".join(sorted([*UNITS, *TENS], key=len, reverse=True))
_WORD_NUM = (
    rf"(?:(?:(?:{_WORD})(?:[\s-]+(?:{_WORD}))?\s+hundred(?:\s+and)?(?:\s+(?:{_WORD})(?:[\s-]+(?:{_WORD}))?)?)"
    rf"|(?:a\s+hundred(?:\s+and\s+(?:{_WORD})(?:[\s-]+(?:{_WORD}))?)?)"
    rf"|(?:(?:{_WORD})(?:[\s-]+(?:{_WORD}))?))"
)
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d{1,6})(?![\d,.]\d)"
_NUM = rf"(?:{_DIGITS}|{_WORD_NUM})"
_ALLQ = sorted((*LOWER_QUALS, *ABOVE_QUALS, *ABOUT_QUALS), key=len, reverse=True)
_QUAL = "|".join(re.escape(q) for q in _ALLQ)
_VAGUE = "|".join(re.escape(v) for v in sorted(VAGUE, key=len, reverse=True))

COUNT_RE = re.compile(
    rf"(?<![\w.,/:-])(?:(?P<qual>{_QUAL})\s+)?"
    rf"(?:between\s+(?P<lo>{_NUM})\s+and\s+(?P<hi>{_NUM})"
    rf"|(?P<lo2>{_DIGITS})\s*(?:-|–|to)\s*(?P<hi2>{_DIGITS})(?![\w/-])"
    rf"|(?P<num>{_NUM})(?![\w/])"
    rf"|(?P<vague>{_VAGUE})(?!\w)"
    rf"|(?P<a>\ban?)\s+(?=(?:child|woman|girl|boy|man|martyr|civilian|person|baby|infant|toddler|"
    rf"fighter|soldier|member|minor|teenager|journalist|elderly)\b))",
    re.I,
)


def words_to_int(s: str) -> int | None:
    """'twenty-one' -> 21, 'one hundred and twelve' -> 112, '1,204' -> 1204."""
    s = s.strip().lower().replace(",", "")
    if s.isdigit():
        return int(s)
    total = 0
    current = 0
    seen = False
    for tok in re.split(r"[\s-]+", s):
        if tok in ("and", ""):
            continue
        if tok == "a":
            current = 1
            seen = True
        elif tok in UNITS:
            current += UNITS[tok]
            seen = True
        elif tok in TENS:
            current += TENS[tok]
            seen = True
        elif tok == "hundred":
            current = (current or 1) * 100
            seen = True
        elif tok == "thousand":
            total += (current or 1) * 1000
            current = 0
            seen = True
        else:
            return None
    return total + current if seen else None


@dataclass
class Count:
    """One number in the text, with its range reading and span."""

    start: int
    end: int
    text: str
    value: Range

    @property
    def best(self) -> int | None:
        return self.value.best if self.value.best is not None else self.value.low


def _range(m: re.Match[str]) -> Range | None:
    qual = (m.group("qual") or "").lower()
    qual = re.sub(r"\s+", " ", qual)
    if m.group("a"):
        return Range(1, 1, 1)
    if m.group("vague"):
        best, low = VAGUE[re.sub(r"\s+", " ", m.group("vague").lower())]
        return Range(best, low, best)
    lo_s = m.group("lo") or m.group("lo2")
    hi_s = m.group("hi") or m.group("hi2")
    if lo_s and hi_s:
        lo, hi = words_to_int(lo_s), words_to_int(hi_s)
        if lo is None or hi is None or hi < lo:
            return None
        return Range((lo + hi) // 2, lo, hi)
    n = words_to_int(m.group("num") or "")
    if n is None:
        return None
    if qual in LOWER_QUALS:
        return Range(n, n, None)
    if qual in ABOVE_QUALS:
        return Range(n, n, None)
    if qual in ("up to", "at most", "no more than"):
        return Range(n, None, n)
    if qual in ("less than", "fewer than", "under"):
        return Range(n - 1 if n > 0 else 0, None, n - 1 if n > 0 else 0)
    if qual in ABOUT_QUALS:
        return Range(n, None, None)
    return Range(n, n, n)


def find_counts(text: str, offset: int = 0) -> list[Count]:
    """Every count in ``text``; offsets are shifted by ``offset`` into the full report."""
    out: list[Count] = []
    for m in COUNT_RE.finditer(text):
        if not m.group(0).strip():
            continue
        value = _range(m)
        if value is None:
            continue
        start, end = m.start() + offset, m.end() + offset
        value.span = Span(start, end, m.group(0))
        out.append(Count(start, end, m.group(0), value))
    return out
