"""Text plumbing: cleaning hostile input, splitting sentences with offsets, language.

Offsets always refer to the caller's original string, so every span quotes the
report exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Abbreviations that end in a period but do not end a sentence.
_ABBREV = re.compile(
    r"(?:\b(?:U\.S|U\.N|U\.K|Mr|Mrs|Ms|Dr|Lt|Col|Gen|Maj|Capt|Sgt|St|Brig|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept"
    r"|Oct|Nov|Dec|No|Vol|approx|e\.g|i\.e|vs|etc|Prof|Rev|Gov|Sen|Rep|Inc|Ltd|Co)\.|\b[A-Z]\.)$"
)
_BOUNDARY = re.compile(r"(?:[.!?]+[\"'”’)]*|\n\s*\n|\s\s-\s|\t\s*\t)\s*")
MAX_SENTENCE = 1200


@dataclass
class Sentence:
    start: int
    end: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    """Split into sentences, keeping offsets. Linear in the length of the text.

    Very long runs without punctuation are cut every ``MAX_SENTENCE`` characters
    at a space so that no later rule sees an unbounded string.
    """
    out: list[Sentence] = []
    start = 0
    n = len(text)
    for m in _BOUNDARY.finditer(text):
        end = m.end()
        piece = text[start : m.start() + 1]
        if _ABBREV.search(piece.rstrip()):
            continue
        # A boundary must be followed by something that can start a sentence.
        starts_ok = text[end].isupper() or text[end].isdigit() or text[end] in "\"'“‘(-" if end < n else True
        if not starts_ok and not m.group(0).startswith("\n"):
            continue
        _emit(text, start, m.end(), out)
        start = end
    if start < n:
        _emit(text, start, n, out)
    return out


def _emit(text: str, start: int, end: int, out: list[Sentence]) -> None:
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        if cut <= start:
            cut = start + MAX_SENTENCE
        _emit_one(text, start, cut, out)
        start = cut
    _emit_one(text, start, end, out)


def _emit_one(text: str, start: int, end: int, out: list[Sentence]) -> None:
    raw = text[start:end]
    lead = len(raw) - len(raw.lstrip())
    trail = len(raw.rstrip())
    if trail <= lead:
        return
    out.append(Sentence(start + lead, start + trail, raw[lead:trail]))


_EN_STOP = frozenset(
    "the of and to in a is was were that for on with by at from as said have has been killed "  # noqa: SIM905
    "are it this an which be their its his they after".split()
)
_WORD_RE = re.compile(r"[^\W\d_]+", re.UNICODE)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or ``None`` if there is too little text.

    A cheap test first: English stopwords among the first words. Only text that
    fails it is handed to ``langdetect`` (seeded, so the answer is stable), and if
    that is not installed a script test names Arabic, Cyrillic and the like.
    """
    sample = text[:4000]
    words = _WORD_RE.findall(sample.lower())
    if len(words) < 3:
        return None
    stop = sum(1 for w in words if w in _EN_STOP)
    if stop / len(words) >= 0.12:
        return "en"
    letters = [c for c in sample if c.isalpha()]
    if not letters:
        return None
    try:
        from langdetect import DetectorFactory, detect

        DetectorFactory.seed = 0
        return str(detect(sample))
    except Exception:
        pass
    arabic = sum(1 for c in letters if "\u0600" <= c <= "\u06ff")
    cyr = sum(1 for c in letters if "\u0400" <= c <= "\u04ff")
    if arabic / len(letters) > 0.5:
        return "ar"
    if cyr / len(letters) > 0.5:
        return "ru"
    return "und"


def clean_text(text: str) -> str:
    """Replace control characters (binary junk) with spaces, keeping length and offsets."""
    if not text:
        return ""
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", " ", text)
