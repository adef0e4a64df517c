"""Counts as ranges, with SPEC semantics."""

from harmwatch.extract.numbers import find_counts, words_to_int


def one(text: str) -> tuple[int | None, int | None, int | None]:
    counts = find_counts(text)
    assert counts, text
    r = counts[0].range
    return r.best, r.low, r.high


def test_spec_examples() -> None:
    assert one("at least 16 people") == (16, 16, None)
    assert one("dozens of villagers") == (None, 24, None)
    assert one("between 12 and 14 dead") == (13, 12, 14)


def test_qualifiers() -> None:
    assert one("nearly 40 people") == (40, None, 40)
    assert one("more than 300 soldiers") == (300, 300, None)
    assert one("about 7 men") == (7, None, None)
    assert one("up to 9 residents") == (9, None, 9)
    assert one("a family of five") == (5, 5, 5)


def test_words_and_digits() -> None:
    assert words_to_int("twenty-three") == 23
    assert words_to_int("one hundred and four") == 104
    assert words_to_int("1,250") == 1250
    assert one("Seventeen farmers") == (17, 17, 17)
    assert one("three or four shepherds") == (3, 3, 4)
