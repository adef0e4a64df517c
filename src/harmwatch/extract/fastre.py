"""A large named alternation, matched as fast as its first characters allow.

The lexicons scan each sentence with one regex of the form
``\\b(?:(?P<w0>p0)|(?P<w1>p1)|...)``: one named group per weapon or facility
kind, the first that matches winning. Python's regex engine tries every branch
at every word start, and it cannot skip a branch wrapped in a group by its
first letter, so with some hundred branches that scan was the extractor's
single costliest line.

:class:`Alternation` gives the same matches (same spans, same ``lastgroup``)
from the same pattern strings. Each pattern's top-level branches are sorted by
the characters they can start with, and for each such character one regex holds
only the branches that can start there, in their original order and under
their original group names. A scan finds the candidate word starts with one
cheap regex and tries there only that character's regex. A branch that cannot
match at a position because its first character differs is the only thing left
out, so the first branch that matches is the one the whole regex would take.

Where a pattern's first characters cannot be worked out (a class such as ``\\w``
at its start, a case-insensitive group, a branch that can match the empty string) the
whole alternation falls back to the single regex: the result is the same, only
slower.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator, Sequence
from typing import Any

# The parser behind ``re.compile`` (Python 3.11+); private, so it is optional here.
_c: Any
_sre_parse: Any
try:
    _c = importlib.import_module("re._constants")
    _sre_parse = importlib.import_module("re._parser")
except ImportError:  # pragma: no cover - another Python: the single regex is used
    _c = _sre_parse = None


def split_branches(pattern: str) -> list[str]:
    """The top-level ``|`` branches of a regex source (groups and classes kept whole)."""
    out: list[str] = []
    cur: list[str] = []
    depth = 0
    in_class = False
    i, n = 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            cur.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class:
            if ch == "]" and not (cur and cur[-1] in ("[", "[^")):
                in_class = False
            cur.append(ch)
        elif ch == "[":
            in_class = True
            cur.append("[^" if pattern.startswith("[^", i) else "[")
            i += 2 if pattern.startswith("[^", i) else 1
            continue
        elif ch == "|" and depth == 0:
            out.append("".join(cur))
            cur = []
        else:
            depth += ch == "("
            depth -= ch == ")"
            cur.append(ch)
        i += 1
    out.append("".join(cur))
    return out


def _first(items: Any) -> tuple[set[str] | None, bool]:
    """The characters a parsed sequence can start with (None: unknown), and whether it can be empty."""
    acc: set[str] = set()
    for op, av in items:
        if op is _c.AT or op is _c.ASSERT or op is _c.ASSERT_NOT:
            # \b, ^, lookahead, lookbehind: zero-width, so the first character
            # consumed comes after them (they only narrow where a match starts)
            continue
        if op is _c.LITERAL:
            acc.add(chr(av))
            return acc, False
        if op is _c.IN:
            for o, a in av:
                if o is _c.LITERAL:
                    acc.add(chr(a))
                elif o is _c.RANGE:
                    acc.update(chr(x) for x in range(a[0], a[1] + 1))
                else:  # a negated class or a category (\w, \s): anything
                    return None, False
            return acc, False
        if op is _c.SUBPATTERN:
            _group, add_flags, _del_flags, sub = av
            if add_flags & _c.SRE_FLAG_IGNORECASE:
                return None, False
            f, empty = _first(sub.data)
            if f is None:
                return None, False
            acc |= f
            if not empty:
                return acc, False
            continue
        if op is _c.BRANCH:
            any_empty = False
            for b in av[1]:
                f, empty = _first(b.data)
                if f is None:
                    return None, False
                acc |= f
                any_empty = any_empty or empty
            if not any_empty:
                return acc, False
            continue
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
            lo, _hi, sub = av
            f, empty = _first(sub.data)
            if f is None:
                return None, False
            acc |= f
            if lo > 0 and not empty:
                return acc, False
            continue
        return None, False  # backreferences, conditionals, anything else: unknown
    return acc, True


def first_chars(branch: str, flags: int = 0) -> set[str] | None:
    """The characters a match of ``branch`` can start with; None when that cannot be told."""
    if _sre_parse is None or flags & re.IGNORECASE:
        return None
    try:
        parsed = _sre_parse.parse(branch, flags)
    except (re.error, TypeError, ValueError):
        return None
    if parsed.state.flags & re.IGNORECASE:
        return None
    chars, empty = _first(parsed.data)
    return None if empty else chars


class Alternation:
    """``re.compile(prefix + "(?:" + "|".join(f"(?P<{name}{i}>{p})") + ")" + suffix, flags)``, faster.

    ``prefix`` must be zero-width (``\\b`` or empty) and ``flags`` must not
    include IGNORECASE (scan :func:`~harmwatch.extract.text.lower_ascii` text).
    ``finditer`` and ``search`` return the matches that regex's ``finditer`` and
    ``search`` return.
    """

    def __init__(
        self, patterns: Sequence[str], *, name: str, prefix: str = r"\b", suffix: str = "", flags: int = 0
    ) -> None:
        self.names = [f"{name}{i}" for i in range(len(patterns))]
        body = "|".join(f"(?P<{g}>{p})" for g, p in zip(self.names, patterns, strict=True))
        self.regex = re.compile(f"{prefix}(?:{body}){suffix}", flags)
        self.pattern = self.regex.pattern
        self._by_char: dict[str, re.Pattern[str]] | None = None
        self._starts: re.Pattern[str] | None = None
        if prefix not in ("", r"\b"):
            return
        buckets: dict[str, list[str]] = {}
        for g, p in zip(self.names, patterns, strict=True):
            per_char: dict[str, list[str]] = {}
            for br in split_branches(p):
                chars = first_chars(br, flags)
                if not chars:
                    return  # unknown (or no possible) start: keep the single regex
                for ch in chars:
                    per_char.setdefault(ch, []).append(br)
            for ch, brs in per_char.items():
                buckets.setdefault(ch, []).append(f"(?P<{g}>{'|'.join(brs)})")
        self._by_char = {
            ch: re.compile(f"(?:{'|'.join(alts)}){suffix}", flags) for ch, alts in buckets.items()
        }
        cls = "".join(re.escape(ch) for ch in sorted(buckets))
        self._starts = re.compile(f"{prefix}(?=[{cls}])", flags)

    def search(self, string: str) -> re.Match[str] | None:
        """The leftmost match, as the whole regex's ``search`` gives it."""
        return next(self.finditer(string), None)

    def finditer(self, string: str) -> Iterator[re.Match[str]]:
        """The matches of the whole alternation in ``string``, left to right, not overlapping."""
        if self._by_char is None or self._starts is None:
            yield from self.regex.finditer(string)
            return
        by_char = self._by_char
        nxt = 0
        for c in self._starts.finditer(string):
            pos = c.start()
            if pos < nxt:
                continue
            m = by_char[string[pos]].match(string, pos)
            if m is not None:
                yield m
                nxt = m.end()
