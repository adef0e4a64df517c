"""Find syndicated copies: one wire story republished by several outlets.

Five outlets that print one agency's story are one source, not five. A copy is
rarely byte-identical: outlets add a dateline, a headline, a "Read more" footer
or rewrite the opening sentence. So texts are compared on word 5-gram
shingles with the *containment* coefficient, ``|A ∩ B| / min(|A|, |B|)``: a
story with extra furniture around it still contains nearly all of the
original's shingles, while two independent reports of one strike, which share
names and numbers but not sentences, share few.

Only reports already linked to one incident are compared, so a publisher's
page template that repeats across unrelated stories cannot make them copies
of each other (and two reports of one publisher are one source anyway).
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Sequence

from rapidfuzz import fuzz

from harmwatch.models import Report

#: Containment at or above this makes two texts copies of one story.
CONTAINMENT_THRESHOLD = 0.6
SHINGLE_WORDS = 5
#: Texts shorter than this many shingles are compared as whole strings instead.
MIN_SHINGLES = 8
SHORT_RATIO_THRESHOLD = 97.0
#: Only the first characters of a report are compared (reports are hostile input).
MAX_CHARS = 40_000

_WORD = re.compile(r"\w+", re.UNICODE)


def normalise_text(text: str) -> list[str]:
    """Lower-case words without accents or punctuation."""
    text = unicodedata.normalize("NFKC", text[:MAX_CHARS]).casefold()
    return _WORD.findall(text)


def shingles(words: Sequence[str], k: int = SHINGLE_WORDS) -> set[int]:
    """Hashed word k-grams (CRC32, stable across runs)."""
    if len(words) < k:
        return {zlib.crc32(" ".join(words).encode())} if words else set()
    return {zlib.crc32(" ".join(words[i : i + k]).encode()) for i in range(len(words) - k + 1)}


def containment(a: set[int], b: set[int]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def is_copy(text_a: str, text_b: str) -> bool:
    """True when two texts are the same story (one contains nearly all of the other)."""
    wa, wb = normalise_text(text_a), normalise_text(text_b)
    sa, sb = shingles(wa), shingles(wb)
    if min(len(sa), len(sb)) < MIN_SHINGLES:
        return bool(wa and wb) and fuzz.ratio(" ".join(wa), " ".join(wb)) >= SHORT_RATIO_THRESHOLD
    return containment(sa, sb) >= CONTAINMENT_THRESHOLD


def find_copies(reports: Sequence[Report]) -> dict[str, str]:
    """Map each syndicated copy's id to the id of the earliest report it copies.

    Reports are taken in publication order (then id); the first of a group of
    near-identical texts is the original and is not in the result.
    """
    ordered = sorted(reports, key=lambda r: (r.published or "9999", r.id))
    prepared = []
    for r in ordered:
        words = normalise_text(r.text or "")
        prepared.append((r.id, words, shingles(words)))
    copy_of: dict[str, str] = {}
    for j, (rid, words_j, sh_j) in enumerate(prepared):
        for i in range(j):
            oid, words_i, sh_i = prepared[i]
            if oid in copy_of:
                continue  # compare with originals only
            if min(len(sh_i), len(sh_j)) < MIN_SHINGLES:
                same = (
                    bool(words_i and words_j)
                    and fuzz.ratio(" ".join(words_i), " ".join(words_j)) >= SHORT_RATIO_THRESHOLD
                )
            else:
                same = containment(sh_i, sh_j) >= CONTAINMENT_THRESHOLD
            if same:
                copy_of[rid] = oid
                break
    return copy_of
