"""Large alternations dispatched on first characters (harmwatch.extract.fastre) match as one regex."""

from __future__ import annotations

import random
import re
from collections.abc import Iterable

from harmwatch.extract.fastre import Alternation, first_chars, split_branches
from harmwatch.extract.lexicon import WEAPON_ANY_LOW, WEAPON_ANY_RE, WEAPON_PATTERNS
from harmwatch.extract.text import lower_ascii


def _spans(it: Iterable[re.Match[str]]) -> list[tuple[int, int, str | None]]:
    return [(m.start(), m.end(), m.lastgroup) for m in it]


def _same(alt: Alternation, text: str) -> None:
    assert _spans(alt.finditer(text)) == _spans(alt.regex.finditer(text)), text


def test_split_branches_keeps_groups_and_classes_whole() -> None:
    assert split_branches(r"a(?:b|c)|[|x]d|\|e|f") == ["a(?:b|c)", "[|x]d", r"\|e", "f"]
    assert split_branches(r"[]|]x|y") == ["[]|]x", "y"]


def test_first_chars() -> None:
    assert first_chars(r"\b(?:in)?fighting\b") == {"i", "f"}
    assert first_chars(r"(?<!non-)strikes?") == {"s"}
    assert first_chars(r"[a-c]x") == {"a", "b", "c"}
    assert first_chars(r"\w+") is None
    assert first_chars(r"(?:x)?") is None  # can match nothing


def test_weapon_lexicon_is_dispatched_and_is_the_same_regex() -> None:
    # A weapon pattern that starts with \w or can be empty would silently bring back the slow scan.
    assert WEAPON_ANY_LOW.pattern == re.compile(WEAPON_ANY_RE.pattern).pattern
    assert WEAPON_ANY_LOW._by_char is not None


def test_weapon_matches_equal_the_single_regex() -> None:
    words = [w for _, _, p in WEAPON_PATTERNS for w in re.findall(r"[a-z]{3,}", p)]
    words += ["the", "in", "on", "of", "killed", "-", ",", "non", "anti", "x", "2", "al-", "'s"]
    rng = random.Random(5)
    alt = WEAPON_ANY_LOW
    for _ in range(400):
        text = lower_ascii(" ".join(rng.choice(words) + rng.choice(["", "s", "ed", "-"]) for _ in range(25)))
        _same(alt, text)
    _same(alt, "shelling killed 5; barrel-bombs, car bomb-laden truck, the air strikes. Sniper fire")


def test_suffix_lookbehind_order_and_fallback() -> None:
    pats = [r"(?<!non-)strike", r"strikes?\s+on|str\w+", r"\bgas\b|gun", r"[a-c]\d+"]
    alt = Alternation(pats, name="g", suffix=r"\b")
    assert alt._by_char is not None
    for text in ["strike non-strike strikes on gas gun a12 b2x gasgun strikers", "c9 strikes  on", ""]:
        _same(alt, text)
    # a branch whose first character is unknown: the single regex serves, with the same result
    slow = Alternation([r"\w+ing", "shell"], name="h")
    assert slow._by_char is None
    _same(slow, "shelling the shell")


def test_speaker_organisations_are_dispatched() -> None:
    from harmwatch.extract.statements import _ORG_RE, _ORG_SPEAKERS

    assert _ORG_RE._by_char is not None
    for text in [
        "the russian defence ministry denied it, while the us-led coalition and state media said so",
        " reuters ",
        "the national coalition said; the coalition said",
        "",
    ]:
        _same(_ORG_RE, text)
        found = _ORG_RE.search(text)
        want = _ORG_RE.regex.search(text)
        assert (found and (found.span(), found.lastgroup)) == (want and (want.span(), want.lastgroup))
    assert len(_ORG_RE.names) == len(_ORG_SPEAKERS)


def test_sentence_split_abbreviation_tail_is_wide_enough() -> None:
    # split_sentences looks for an abbreviation only in the last _ABBREV_WIDTH characters
    import importlib

    from harmwatch.extract import text as T

    widest = importlib.import_module("re._parser").parse(T._ABBREV.pattern).getwidth()[1]
    assert widest <= T._ABBREV_WIDTH
    s = "He met Mr. Smith in the U.S. on Jan. 5. Then approx. 20 left. X. Y went home."
    assert [x.text for x in T.split_sentences(s)] == [
        "He met Mr. Smith in the U.S. on Jan. 5.",
        "Then approx. 20 left.",
        "X. Y went home.",
    ]


def test_full_dates_gate_holds_for_every_pattern() -> None:
    # find_full_dates skips text without a 19xx/20xx year: each pattern must require one
    from harmwatch.extract import dates as D

    for rx in D._FULL_DATE_RES:
        assert r"(?P<y>(?:19|20)\d\d)" in rx.pattern or r"(?P<y>20\d\d)" in rx.pattern, rx.pattern
    assert [e.text for e in D.find_full_dates("Tue 05 Jul 2016: on 26.12.2014 and April 4, 2017")] == [
        "Tue 05 Jul 2016",
        "26.12.2014",
        "April 4, 2017",
    ]
    assert D.find_full_dates("On 5 July 16 people died") == []
