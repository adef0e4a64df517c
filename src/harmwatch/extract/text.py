"""Text plumbing: cleaning hostile input, splitting sentences with offsets, page furniture.

Offsets always refer to the caller's original string, so every span quotes the
report exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def lower_ascii(s: str) -> str:
    """Lower-case ASCII letters only: same length as ``s``, so offsets carry over."""
    return s.translate(_ASCII_LOWER)


def lowered(rx: re.Pattern[str]) -> re.Pattern[str]:
    """``rx`` without IGNORECASE, for use on :func:`lower_ascii` text.

    Case-insensitive matching makes the regex engine try every alternative at
    every position; on lower-cased text a case-sensitive pattern is several times
    faster. The pattern must spell its literals in lower case.
    """
    return re.compile(rx.pattern, rx.flags & ~re.IGNORECASE)


# Abbreviations that end in a period but do not end a sentence.
_ABBREV = re.compile(
    r"(?:\b(?:U\.S|U\.N|U\.K|Mr|Mrs|Ms|Dr|Lt|Col|Gen|Maj|Capt|Sgt|St|Brig|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept"
    r"|Oct|Nov|Dec|No|Vol|approx|e\.g|i\.e|vs|etc|Prof|Rev|Gov|Sen|Rep|Inc|Ltd|Co)\.|\b[A-Z]\.)$"
)
_ABBREV_WIDTH = 12  # at least the longest match of _ABBREV ("approx."); checked by a test
_BOUNDARY = re.compile(r"(?:[.!?]+[\"'”’)]*|\n\s*\n|\s\s-\s|\t\s*\t)\s*")
MAX_SENTENCE = 1200


@dataclass
class Sentence:
    start: int
    end: int
    text: str


def split_sentences(text: str, breaks: list[int] | None = None) -> list[Sentence]:
    """Split into sentences, keeping offsets. Linear in the length of the text.

    ``breaks`` are extra offsets where a sentence must end (page furniture glued
    to the story, a dateline run into the lead). Very long runs without
    punctuation are cut every ``MAX_SENTENCE`` characters at a space so that no
    later rule sees an unbounded string.
    """
    out: list[Sentence] = []
    start = 0
    n = len(text)
    extra = sorted({b for b in breaks or () if 0 < b < n})
    bi = 0
    for m in _BOUNDARY.finditer(text):
        while bi < len(extra) and extra[bi] <= m.start():
            if extra[bi] > start:
                _emit(text, start, extra[bi], out)
                start = extra[bi]
            bi += 1
        end = m.end()
        piece = text[start : m.start() + 1].rstrip()
        # an abbreviation ends the piece ($) and is at most _ABBREV_WIDTH long: search
        # only its tail (``pos`` keeps the character before it for \b), not every position
        if _ABBREV.search(piece, max(0, len(piece) - _ABBREV_WIDTH - 1)):
            continue
        # A boundary must be followed by something that can start a sentence.
        starts_ok = text[end].isupper() or text[end].isdigit() or text[end] in "\"'“‘(-" if end < n else True
        if not starts_ok and not m.group(0).startswith("\n"):
            continue
        _emit(text, start, m.end(), out)
        start = end
    while bi < len(extra):
        if extra[bi] > start:
            _emit(text, start, extra[bi], out)
            start = extra[bi]
        bi += 1
    if start < n:
        _emit(text, start, n, out)
    return out


# Page furniture that news sites glue to the story: photo credits, tag lists,
# share widgets. A caption describes a picture, not the news, and its place and
# date must not become the event's.
_CREDIT = re.compile(
    r"\((?:(?:AFP|AP|Reuters|REUTERS|TRT\s+World(?:\s+and\s+Agencies)?|Anadolu(?:\s+Agency)?|SANA|EPA|Getty"
    r"(?:\s+Images)?|file|archive)(?:\s+(?:photo|file\s+photo|picture|image))?|(?:AFP|AP|File|Reuters)\s+Photo"
    r"|Photo(?::|\s+by)?\s+[A-Z][\w./-]*(?:\s+[A-Z][\w./-]*){0,3}|photo|file\s+photo|archive)\)",
    re.I,
)
_CAPTION_START = re.compile(
    r"^\W*(?:(?:in\s+)?(?:this|a|an|the)\s+(?:file\s+)?(?:photo|picture|image|handout|still|frame\s+grab)"
    r"(?:\s+\w+){0,6}?\s+(?:taken|released|provided|shows?|made|obtained|posted|distributed|grabbed)"
    r"|(?:photo|picture|image)\s*:|file\s+photo)",
    re.I,
)
_TAGS = re.compile(r"(?:^|(?<=[\s.]))Tags\s+(?=[A-Z])")
_SHARE = re.compile(
    r"(?:\(updated\s+[\d:]+\s+[\d.]+\)\s*)?Get\s+short\s+URL(?:\s+Topic\s+[^\n(]{0,80}\(\d+\))?(?:\s+\d+){0,3}",
    re.I,
)
# A block of links to other stories ("... 87 Related Turkey Detains 49 ...", "Topic X (1881)
# Related <headlines> Tags ...", "Related News ..."): their headlines carry other events'
# tolls and places. The block is cut when a closing word (a tag list, a category, a comment
# box) ends it soon after, or when it runs to the tag list or the end of the page with no
# sentence end in it (headlines have none). A "Related" that the story goes on after cannot
# be told from the story, and is left alone.
_RELATED = re.compile(
    r"(?:\.\.\.\s*\d+\s+)?(?:Topic\s+[^\n(]{0,80}\(\d+\)\s+)?(?:(?<=[\d.)\s])|^)Related"
    r"(?:\s+(?:News|Coverage|Stories|Articles|Content|Posts|Topics|Links))?\s+(?=[A-Z0-9\"“'‘])"
)
_RELATED_CLOSE = re.compile(r"\b(?:Tags|Category|Comments?)\b")
_RELATED_CLOSED_MAX = 1500  # a closing word this near ends the block, sentences or not
_RELATED_MAX = 3000  # an unclosed block of headlines is never longer
_SENTENCE_END = re.compile(r"[a-z]{2}[.!](?:\s+[A-Z\"“]|\s*$)")
_AGENCY_SLUG = re.compile(r"\b[A-Z]{3,}(?:\s+[A-Z]{3,})?\s+\((?:Sputnik|AFP|Reuters|AP|SANA|Anadolu)\)\s*")


def furniture(text: str, limit: int = 200_000, floor: int = 0) -> tuple[list[tuple[int, int]], list[int]]:
    """Spans of page furniture in ``text`` and the sentence breaks around them.

    Returns ``(spans, breaks)``: spans whose words are not news (tag lists,
    share widgets, photo captions with their credit) and offsets where a sentence
    must end so that furniture does not run into the story. Only the first
    ``limit`` characters are searched: furniture sits at the top of a page. A
    caption never reaches back before ``floor`` (the end of the dateline or of
    the headline copy).
    """
    head = text[:limit]
    spans: list[tuple[int, int]] = []
    breaks: list[int] = []
    for m in _TAGS.finditer(head):
        end = _tags_end(head, m.end())
        spans.append((m.start(), end))
        breaks += [m.start(), end]
    for m in _RELATED.finditer(head) if "Related" in head else ():
        block_end = _related_end(text, head, m.end())
        if block_end is not None:
            spans.append((m.start(), block_end))
            breaks += [m.start(), block_end]
    for m in _SHARE.finditer(head):
        spans.append((m.start(), m.end()))
        breaks += [m.start(), m.end()]
    for m in _AGENCY_SLUG.finditer(head[:3000]):
        spans.append((m.start(), m.end()))
        breaks += [m.start(), m.end()]
    for m in _CREDIT.finditer(head):
        # The caption runs from the previous sentence end (or the credit itself
        # when it opens a sentence: then the sentence before it is the caption).
        cut = max(head.rfind(". ", 0, m.start()), head.rfind("\n", 0, m.start()))
        before = head[cut + 1 : m.start()].strip()
        if before:
            cap_start = cut + 1
        else:
            prev = max(head.rfind(". ", 0, max(cut, 0)), head.rfind("\n", 0, max(cut, 0)))
            cap_start = prev + 1 if cut > 0 else m.start()
        if cap_start < floor <= m.start():
            cap_start = floor
        spans.append((cap_start, m.end()))
        breaks += [cap_start, m.end()]
    return spans, breaks


def _related_end(text: str, head: str, pos: int) -> int | None:
    """Where a block of related-story links that starts at ``pos`` ends, or None when it is no such block."""
    close = _RELATED_CLOSE.search(head, pos, pos + _RELATED_CLOSED_MAX)
    if close:
        return close.start()
    tags = _TAGS.search(head, pos, pos + _RELATED_MAX)
    end = tags.start() if tags else len(text)
    if end - pos > _RELATED_MAX or _SENTENCE_END.search(text, pos, end):
        return None
    return end


# Words of running prose that a list of tags hardly ever holds.
_PROSE = frozenset(
    "the a an of in on at by to for from with and was were is are has have had been least killed said "  # noqa: SIM905
    "after that which who".split()
)
# Capitalised words that open a news sentence ("The", "At least", "A hospital").
_OPENERS = frozenset(
    (
        "the", "a", "an", "at", "in", "on", "after", "according", "almost", "nearly", "more", "dozens",
        "hundreds", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
    )
)  # fmt: skip


def _tags_end(text: str, pos: int) -> int:
    """Where a "Tags A B C" list ends: where the story's first sentence starts.

    Tags are names and topic words; prose has function words. The story starts at
    the first capitalised word (or figure) whose next six words hold two prose
    words; when a sentence opener ("The", "At", "A") follows within three words,
    the list runs to that opener ("... video Palmyra The Islamic State group has").
    Without such a word the list ends before the first lower-case word.
    """
    words = [w for w in re.finditer(r"\S+", text[pos : pos + 400]) if any(c.isalnum() for c in w.group(0))]
    toks = [w.group(0) for w in words]
    for i, tok in enumerate(toks):
        if not (tok[:1].isupper() or tok[:1].isdigit()):
            continue
        window = [t.strip(".,;:") for t in toks[i + 1 : i + 7]]
        if sum(t in _PROSE for t in window) < 2:  # lower-case only: "The" in a tag list is a name
            continue
        for j in range(i, min(i + 4, len(toks))):
            if toks[j][:1].isupper() and toks[j].lower() in _OPENERS:
                return pos + words[j].start()
        return pos + words[i].start()
    last_cap = 0
    for i, tok in enumerate(toks):
        if tok[:1].isupper() or tok[:1].isdigit() or tok.lower().startswith(("al-", "el-")):
            last_cap = i
            continue
        return pos + words[max(i - 1, 0)].start() if i > 0 else pos
    return pos + (words[last_cap].end() if words else 0)


def is_caption(sentence: str) -> bool:
    """A sentence that describes a picture ("A picture taken on ... shows ...")."""
    return bool(_CAPTION_START.match(sentence)) or bool(_CREDIT.search(sentence))


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


def clean_text(text: str) -> str:
    """Replace control characters (binary junk) with spaces, keeping length and offsets."""
    if not text:
        return ""
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", " ", text)


_TITLE_SUFFIX = re.compile(r"\s+(?:\||-|–|—)\s+[^|\-–—]{0,60}$")
_TITLE_PREFIX = re.compile(r"^\s*(?:title\s*:|UPDATED\s+)\s*", re.I)


def _folded(s: str, limit: int) -> tuple[str, list[int]]:
    """Lower-case letters and digits with single spaces, and each one's offset in ``s``."""
    chars: list[str] = []
    pos: list[int] = []
    space = True
    for i, ch in enumerate(s[:limit]):
        if ch.isalnum():
            chars.append(ch.lower())
            pos.append(i)
            space = False
        elif not space and ch not in "'’":
            chars.append(" ")
            pos.append(i)
            space = True
    return "".join(chars), pos


def find_title(text: str, title: str | None, window: int = 700) -> tuple[int, int] | None:
    """Where the headline is copied into the top of the text, as ``(start, end)``.

    Sites repeat the headline before or after the dateline, sometimes with the
    site's name appended to the title ("... | Jordan Times"). The match is made on
    folded text (case, punctuation) so the copy is found however it is glued in.
    """
    if not title:
        return None
    t = _TITLE_PREFIX.sub("", title)
    t = _TITLE_SUFFIX.sub("", t) if len(t) > 30 else t
    ft, _ = _folded(t, 400)
    ft = ft.strip()
    if len(ft) < 12:
        return None
    fx, pos = _folded(text, window + len(t))
    key = ft[: min(len(ft), 40)]
    i = fx.find(key)
    if i < 0:
        return None
    j = i + len(key)
    k = len(key)
    while k < len(ft) and j < len(fx) and fx[j] == ft[k]:
        j += 1
        k += 1
    if k < len(ft) * 0.8:
        return None
    start = pos[i]
    end = pos[j - 1] + 1
    return start, end
