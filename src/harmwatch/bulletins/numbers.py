"""Counts as bulletins write them, turned into :class:`~harmwatch.models.Range`.

The word tables, qualifiers, vague amounts, :func:`words_to_int` and the range
semantics (SPEC: "at least 16" is ``{best 16, low 16, high None}``, "dozens" is
``{best None, low 24, high None}``) live in :mod:`harmwatch.extract.numbers`, so
a bulletin and a news report read the same words the same way. What is kept here
is the bulletin-specific matching: table cells and lists ("12-14", "Aleppo: 20",
"Idlib/Hama"), so a figure must not sit against a date, time or path, and a
lone "a child" / "a woman" counts one person.
"""

from __future__ import annotations

import re

from harmwatch.extract.numbers import (
    DIGITS,
    NUM,
    QUALIFIERS,
    VAGUE_PATTERN,
    qualified_range,
    vague_range,
    words_to_int,
)
from harmwatch.extract.numbers import Count as _Count
from harmwatch.models import Range, Span

__all__ = ["COUNT_RE", "Count", "find_counts", "words_to_int"]

# Intentional difference from news text: a bulletin's "above 40" is "more than 40".
# In news "above" is more often a place or an age ("above the town", "above 18"),
# so the shared table leaves it out. "under 18" is an age in both and is no
# qualifier anywhere (the bulletin parser used to read it as "at most 17").
_SYNONYMS = {"above": "more than"}
_QUAL = "|".join(sorted((re.escape(q) for q in (*QUALIFIERS, *_SYNONYMS)), key=len, reverse=True))

# People a bare "a"/"an" counts as one of ("a child was killed in Daraa").
_ONE_OF = (
    "child|woman|girl|boy|man|martyr|civilian|person|baby|infant|toddler|"
    "fighter|soldier|member|minor|teenager|journalist|elderly"
)

COUNT_RE = re.compile(
    rf"(?<![\w.,/:-])(?:(?P<qual>{_QUAL})\s+)?"
    rf"(?:between\s+(?P<lo>{NUM})\s+and\s+(?P<hi>{NUM})"
    rf"|(?P<lo2>{DIGITS})\s*(?:-|–|to)\s*(?P<hi2>{DIGITS})(?![\w/-])"
    rf"|(?P<num>{NUM})(?![\w/])"
    rf"|(?P<vague>{VAGUE_PATTERN})(?:\s+of)?(?!\w)"
    rf"|(?P<a>\ban?)\s+(?=(?:{_ONE_OF})\b))",
    re.I,
)


class Count(_Count):
    """A count in a bulletin: the shared :class:`~harmwatch.extract.numbers.Count`
    under the names the bulletin parser reads (``value``, ``best``)."""

    @property
    def value(self) -> Range:
        return self.range

    @property
    def best(self) -> int | None:
        return self.best_or_low


def _range(m: re.Match[str]) -> Range | None:
    if m.group("a"):
        return Range(1, 1, 1)
    if m.group("vague"):
        return vague_range(m.group("vague"))
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
    qual = " ".join((m.group("qual") or "").lower().split())
    return qualified_range(n, _SYNONYMS.get(qual, qual))


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
        out.append(Count(value, start, end, m.group(0)))
    return out
