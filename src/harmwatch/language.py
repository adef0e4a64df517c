"""Which language a report is written in.

Only English is mined for incidents; everything else is stored and flagged.
Arabic script is recognised directly (cheap and certain), and so is English
prose by its function words. Other text goes to langdetect with a fixed seed so
the answer is repeatable, but only when it has enough words for a statistical
guess: on a headline of five words langdetect names Danish or Afrikaans about
as readily as English, so such text is ``"und"``.
"""

from __future__ import annotations

import re
from functools import lru_cache

_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")
_LETTER = re.compile(r"[^\W\d_]")
_SAMPLE_CHARS = 4000
_WORD = re.compile(r"[^\W\d_]+")
_ENGLISH_SHARE = 0.12  # English prose runs at 0.3-0.5; other Latin-script languages below 0.05
_MIN_WORDS_TO_GUESS = 8
# Function words that make up a large share of any English prose and little of other languages'.
_ENGLISH = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "is",
        "was",
        "were",
        "that",
        "for",
        "on",
        "with",
        "as",
        "by",
        "at",
        "from",
        "it",
        "he",
        "she",
        "they",
        "his",
        "her",
        "their",
        "said",
        "has",
        "have",
        "had",
        "been",
        "are",
        "be",
        "this",
        "which",
        "who",
        "after",
        "an",
        "or",
        "not",
        "but",
        "also",
        "more",
        "than",
        "its",
        "killed",
    ]
)


def detect_language(text: str) -> str:
    """An ISO 639-1 code such as ``"en"`` or ``"ar"``, or ``"und"`` when unsure."""
    sample = text[:_SAMPLE_CHARS]
    letters = len(_LETTER.findall(sample))
    if letters < 3:
        return "und"
    if len(_ARABIC.findall(sample)) / letters > 0.3:
        return "ar"
    words = _WORD.findall(sample.lower())
    if len(words) >= 3 and sum(w in _ENGLISH for w in words) / len(words) >= _ENGLISH_SHARE:
        return "en"  # the cheap, certain case; langdetect costs ~10 ms a call
    if len(words) < _MIN_WORDS_TO_GUESS:
        return "und"
    try:
        from langdetect.lang_detect_exception import LangDetectException
    except ImportError:  # pragma: no cover - langdetect is a core dependency
        return "und"
    try:
        return _factory().detect(sample)
    except LangDetectException:
        return "und"


class _Detector:
    def detect(self, text: str) -> str:
        from langdetect import DetectorFactory, detect

        DetectorFactory.seed = 0
        return str(detect(text))


@lru_cache(maxsize=1)
def _factory() -> _Detector:
    return _Detector()
