"""The bulletin parser reads counts with the shared tables of harmwatch.extract.numbers."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from harmwatch.bulletins.numbers import find_counts as bulletin_counts
from harmwatch.extract.numbers import Count, qualified_range, vague_range
from harmwatch.extract.numbers import find_counts as report_counts


def _ranges(counts: Sequence[Count]) -> list[tuple[int | None, int | None, int | None]]:
    return [(c.range.best, c.range.low, c.range.high) for c in counts]


@pytest.mark.parametrize(
    "text",
    [
        "at least 16 killed",
        "dozens of people",
        "between 12 and 14 dead",
        "nearly 60 civilians",
        "fewer than 10 people",
        "more than a dozen",
        "no more than 5",
        "not less than 7",
        "a couple of men",
        "twenty-one",
        "tens of civilians",
    ],
)
def test_bulletin_and_report_read_the_same_words_alike(text: str) -> None:
    assert _ranges(bulletin_counts(text)) == _ranges(report_counts(text))


def test_spec_ranges() -> None:
    assert _ranges(bulletin_counts("at least 16")) == [(16, 16, None)]
    assert _ranges(bulletin_counts("dozens")) == [(None, 24, None)]
    assert _ranges(bulletin_counts("between 12 and 14")) == [(13, 12, 14)]


def test_qualifier_helpers() -> None:
    assert qualified_range(40, "more  than") == qualified_range(40, "at least")
    assert (qualified_range(5, "no more than").low, qualified_range(5, "no more than").high) == (None, 5)
    assert vague_range("hundreds of") == vague_range("hundreds")
    assert vague_range("many") is None


def test_bulletin_specific_forms() -> None:
    assert _ranges(bulletin_counts("Aleppo: 12-14")) == [(13, 12, 14)]
    assert _ranges(bulletin_counts("a child was killed")) == [(1, 1, 1)]
    assert _ranges(bulletin_counts("above 40 martyrs")) == [(40, 40, None)]
    # An age limit is not a qualifier: the figure stays as written.
    assert _ranges(bulletin_counts("children under 18")) == [(18, 18, 18)]
    counts = bulletin_counts("Idlib: 20")
    assert counts[0].best == 20 and counts[0].value is counts[0].range
