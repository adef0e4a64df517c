"""Spotting place names in free text and saying what role each plays.

Off-the-shelf NER tags small Syrian towns as people and misses transliterations, so the
spotter works from the gazetteer itself: the text is tokenised once, and at each token
that can start a known name the longest run of tokens whose normalised (or skeleton)
key is in the gazetteer index wins. Work is linear in the text: each start token tries
at most ``MAX_TOKENS`` dictionary look-ups, and only tokens that begin some key are tried.

Each mention gets a role from the words around it:

``event``      where something happened ("in X", "struck X", "X's countryside", "near X")
``origin``     a place only mentioned as the seat of an actor: a group's HQ ("the
               London-based observatory"), a capital issuing a statement ("Moscow denied"),
               a hospital abroad where the wounded were treated ("taken to Reyhanli")
``foreign``    any other place outside Syria
``mentioned``  anything else
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from harmwatch.geo.normalise import ARTICLES, GENERIC_WORDS, canon_key, fold, skeleton_of_tokens
from harmwatch.geo.stoplist import ENGLISH, PERSONAL, PHRASES, TITLES
from harmwatch.models import Place, Span

if TYPE_CHECKING:
    from harmwatch.geo.gazetteer import Gazetteer, Resolution

MAX_TOKENS = 6
MAX_TEXT = 5_000_000
SKELETON_TEXT_MIN = 84.0  # fuzz.ratio floor for a skeleton-only match in running text
# The floor where the text itself calls the name a town, village or district ("the village of
# Taduf"): Arabic writes no short vowels, so writers supply them each their own way ("Taduf" /
# "Tadef", "Qustul" / "Qastal", "Waar" / "Wa'er"), and the consonants are what the name is. Such
# a spot is still kept only where it resolves in a governorate the text is about (as the
# resolver's own floor with a governorate hint, SKELETON_MIN_SIM_CTX).
SKELETON_CUE_MIN = 70.0
ROLES = ("event", "mentioned", "foreign", "origin")

_TOKEN_RE = re.compile(r"[^\W_]+(?:['’`ʿʾ][^\W_]+)*", re.UNICODE)
_DIRECTION_WORDS = {
    "north",
    "northern",
    "south",
    "southern",
    "east",
    "eastern",
    "west",
    "western",
    "northeast",
    "northeastern",
    "northwest",
    "northwestern",
    "southeast",
    "southeastern",
    "southwest",
    "southwestern",
    "north-east",
    "north-eastern",
    "north-west",
    "north-western",
    "south-east",
    "south-eastern",
    "south-west",
    "south-western",
}
_AFTER_WORDS = {
    "countryside",
    "province",
    "governorate",
    "city",
    "town",
    "village",
    "district",
    "suburbs",
    "outskirts",
    "neighbourhood",
    "neighborhood",
    "camp",
    "subdistrict",
    "countrysides",
}
_BEFORE_OF = {
    "countryside",
    "outskirts",
    "suburbs",
    "province",
    "city",
    "town",
    "village",
    "district",
    "neighbourhood",
    "neighborhood",
    "governorate",
    "subdistrict",
}
_MAJOR_KINDS = frozenset(
    {"admin1", "admin2", "admin3", "city", "region", "foreign_city", "foreign_country", "country"}
)
_CAPITAL_KINDS = ("foreign_city", "foreign_country", "admin1", "city", "country")

_EVENT_BEFORE = re.compile(
    r"\b(?:in|on|at|near|around|outside|inside|into|across|over|targeting|targeted|target|struck|strike|"
    r"strikes|hit|hitting|hits|bombed|bombing|bombings|bombarded|bombardment|shelled|shelling|pounded|"
    r"pounding|attacked|attack|attacks|raid|raids|raided|besieged|besieging|stormed|captured|seized|"
    r"recaptured|entered|killed|wounded|massacre|of|from)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}$",
    re.IGNORECASE,
)
_EVENT_BEFORE_STRICT = re.compile(
    r"\b(?:town|village|city|area|areas|outskirts|countryside|suburbs|neighbourhood|neighborhood|district|"
    r"province|governorate|east|west|north|south|northeast|northwest|southeast|southwest|vicinity)"
    r"\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_EVENT_AFTER = re.compile(
    r"^(?:['’]?s)?\s*(?:(?:northern|southern|eastern|western|north|south|east|west)[\w-]*\s+)?"
    r"(?:countryside|province|governorate|outskirts|suburbs)\b"
    r"|^\s+(?:was|were|has been|have been|came under|is being)\s+(?:\w+\s+)?"
    r"(?:hit|struck|bombed|shelled|targeted|attacked|pounded|raided|stormed)",
    re.IGNORECASE,
)
_BASED_AFTER = re.compile(r"^\s*[-–]?\s*based\b", re.IGNORECASE)
_BASED_BEFORE = re.compile(
    r"\b(?:based|headquartered|headquarters|stationed)\s+(?:in|at)\s+(?:the\s+)?$", re.IGNORECASE
)
# "Hmeimim airbase in Latakia", "Kilis, Turkey": the place that locates an origin is the origin's too
_ORIGIN_SEAT_GAP = re.compile(
    r"^\s*(?:(?:air\s*base|airbase|airport|military\s+airport|base|camp|headquarters)\s+)?(?:in|,|near)\s+"
    r"(?:the\s+)?(?:(?:province|governorate|city|town)\s+of\s+)?$",
    re.IGNORECASE,
)
_STATEMENT_AFTER = re.compile(
    r"^(?:['’]?s)?\s+(?:(?:has|have|had|also|again|officially|swiftly|later|quickly|firmly|strongly)\s+)?"
    r"(?:said|says|denied|denies|deny|accused|accuses|accuse|announced|announces|claimed|claims|condemned|"
    r"condemns|warned|warns|rejected|rejects|insisted|insists|stated|states|blamed|blames|responded|"
    r"dismissed|dismisses|maintained|maintains|confirmed|confirms|vowed|vows|called|calls|urged|urges|"
    r"demanded|demands|threatened|threatens|responded|argued|argues|admitted|admits|acknowledged)\b",
    re.IGNORECASE,
)
_TREATED_BEFORE = re.compile(
    r"\b(?:treated|treatment|hospitali[sz]ed|taken|transferred|transported|evacuated|rushed|referred|"
    r"admitted|brought|moved|sent|carried|died)\b[^.;]{0,60}?\b(?:to|in|into|at)\s+(?:a\s+|the\s+)?"
    r"(?:(?:field\s+)?hospitals?\s+(?:in|across|at)\s+(?:the\s+)?(?:border\s+(?:town|city)\s+of\s+)?|"
    r"(?:neighbouring|neighboring)\s+)?$"
    r"|\bhospitals?\s+(?:in|at)\s+(?:neighbouring\s+|neighboring\s+)?$"
    r"|\bacross\s+the\s+border\s+(?:in|to|into)\s+$",
    re.IGNORECASE,
)
# Where people came from, not where the event was: "evacuees from the towns of X and Y",
# "civilians who fled from X" (the words between name no other place: "in", "at"... end it).
_LEFT_FROM_BEFORE = re.compile(
    r"\b(?:evacuees|evacuated|evacuating|fled|fleeing|displaced|refugees|escaped|escaping|expelled)\s+"
    r"(?:(?:people|families|civilians|residents|persons|children|women)\s+)?"
    r"from\s+(?:the\s+)?(?:(?!(?:in|at|near|on|to|into|toward|towards)\b)[\w'’-]+,?\s+){0,5}$"
    # "evacuees from the besieged towns of X and Y in Idlib province": the towns' governorate
    # is still where they came from (no verb between says otherwise)
    r"|\b(?:evacuees|evacuated|fled|fleeing|displaced|refugees|escaped|escaping|expelled)\s+"
    r"(?:(?:people|families|civilians|residents|persons)\s+)?from\s+(?:the\s+)?(?:[\w-]+\s+)?"
    r"(?:towns?|villages?|cities|city|areas?|camps?|neighbou?rhoods?)\s+of\s+"
    r"(?:(?!(?:were|was|are|is|had|have|has|been|being|in|at|near|on|to|into)\b)[\w'’-]+,?\s+){1,6}in\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# Where the fire came from, not where it fell: "rockets fired from Idlib hit Mhardeh", "shells
# fired by militants from Eastern Ghouta", "missiles launched from the occupied Golan",
# "terrorists positioned in X targeted Y", "from their positions in X".
_FIRED_FROM_BEFORE = re.compile(
    r"\b(?:fired|launched|lobbed|shot|fire|launch|firing|launching|took\s+off|taking\s+off|take\s+off"
    r"|flew\s+in|flying\s+in|departed|departing)\s+(?:(?:by|at|on|into|toward|towards)\s+)?"
    r"(?:(?!(?:in|at|on|hit|hitting|struck|killing)\b)[\w'’-]+\s+){0,4}?from\s+(?:the\s+)?"
    r"(?:(?:direction|area|outskirts|side)\s+of\s+(?:the\s+)?)?"
    r"(?:(?!(?:in|at|on|over|near|inside|ground|air|sky)\b)[\w'’-]+\s+){0,2}$"
    r"|\bfrom\s+(?:(?:their|its|his|her|rebel|militant|terrorist|army|regime)\s+)?positions?\s+"
    r"(?:in|at|on|near|inside)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}$"
    r"|\b(?:positioned|stationed|entrenched|deployed|holed\s+up|hiding|barricaded)\s+(?:in|at|inside)\s+"
    r"(?:the\s+)?(?:[\w'’-]+\s+){0,2}$",
    re.IGNORECASE,
)
_ORIGIN_WORDS = re.compile(
    r"evacu|fled|flee|displac|refugee|escap|expel|fir[ei]|launch|lobbed|shot|took|taking|take|flew|flying"
    r"|depart|position|station|entrench|deploy|holed|hiding|barricad|hospital|clinic|medical|occup|annex",
    re.IGNORECASE,
)
# Where the wounded were treated: "taken to hospitals in Idlib" names no event place.
_TREATED_HOSPITAL_BEFORE = re.compile(
    r"\b(?:treated|taken|transferred|transported|evacuated|rushed|referred|admitted|brought|moved|carried)"
    r"\b[^.;]{0,60}?\b(?:to|in|into|at)\s+(?:a\s+|the\s+)?(?:\w+\s+)?(?:hospitals?|clinics?|medical\s+points?)"
    r"\s+(?:in|at)\s+(?:the\s+)?(?:\w+\s+)?$",
    re.IGNORECASE,
)
# Land named as held by another state: "the (Israeli-)occupied Golan Heights", "Israel, which
# occupies the Golan": the attacker's ground or background, not where the strike fell.
_OCCUPIED_BEFORE = re.compile(
    r"(?:\bisraeli-occupied|(?<![\w-])(?:occupied|occupies|annexed|annexes|occupy))\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_HOSPITAL_AFTER = re.compile(r"^(?:['’]?s)?\s+(?:\w+\s+){0,2}hospitals?\b", re.IGNORECASE)
# Words that put something in or near a place: a name after them is read as the place even
# when it is also a person's or a medium's name.
_LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|near|outside|around|inside|into|toward|towards)\s+(?:the\s+)?(?:town\s+of\s+|city\s+of\s+)?$",
    re.IGNORECASE,
)
_SAID_AFTER = re.compile(r"^\s*,?\s+(?:said|told|says|added|explained|wrote|tweeted)\b", re.IGNORECASE)


@dataclass
class Mention:
    """One toponym found in a text."""

    start: int
    end: int
    surface: str
    place: Place
    role: str = "mentioned"  # one of ROLES
    score: float = 0.0


@dataclass
class _Tok:
    start: int
    end: int
    raw: str
    key: str
    article: bool
    cap: bool
    sent_start: bool
    possessive: bool = False
    tail: int = 0  # characters of a possessive ending cut off after ``end`` ("'s", or "s")


@dataclass
class _Spot:
    i: int
    j: int  # token range [i, j)
    start: int
    end: int
    surface: str
    tier: str  # exact | canon | skeleton | skeleton_ctx (kept only if the text's governorate vouches)
    res: Resolution | None = None
    query: str = ""  # the span as the resolver reads it (a bare possessive "s" cut out)
    extra_tokens: list[int] = field(default_factory=list)
    cue_skel: str = ""  # a spot read from its consonants because the text calls it a place
    cue_quarter: bool = False  # ... and calls it a neighbourhood or district of a city


_SENT_END = frozenset('.!?:"“(')


@lru_cache(maxsize=200_000)
def _token_key(raw: str) -> str:
    k = fold(raw).replace(" ", "")
    if k.startswith("ال") and len(k) > 3:
        k = k[2:]
    return k


def _tokenise(text: str) -> list[_Tok]:
    toks: list[_Tok] = []
    prev_end = 0
    for m in _TOKEN_RE.finditer(text):
        raw = m.group(0)
        start, end = m.start(), m.end()
        possessive = False
        if len(raw) > 2 and raw[-2] in "'’" and raw[-1] in "sS":
            raw = raw[:-2]
            end -= 2
            possessive = True
        gap = text[prev_end:start]
        sent_start = not toks or "\n" in gap or gap.rstrip()[-1:] in _SENT_END
        k = _token_key(raw)
        toks.append(
            _Tok(
                start,
                end,
                raw,
                k,
                k in ARTICLES,
                raw[:1].isupper() or raw[:1] >= "\u0600",
                sent_start,
                possessive,
                2 if possessive else 0,
            )
        )
        prev_end = m.end()
    return toks


class Spotter:
    """The toponym index over a gazetteer's keys, built once per gazetteer."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.first: set[str] = set()
        self.prefixes: set[str] = set()
        self.lower_ok: set[str] = set()  # keys that may start lower-case ("eastern aleppo")
        for key, ids in gaz.exact.items():
            parts = key.split(" ")
            if len(parts) > MAX_TOKENS:
                continue
            self.first.add(parts[0])
            for m in range(1, len(parts) + 1):
                self.prefixes.add(" ".join(parts[:m]))
            if len(parts) >= 2 and any(gaz.rows[i].kind in ("region", "sector") for i in ids):
                self.lower_ok.add(key)
        self.first_skel: set[str] = set()
        self.phrases = {tuple(p.split()) for p in PHRASES}
        self.phrase_words = {w for p in self.phrases for w in p if w not in ARTICLES}

    # --- spotting ------------------------------------------------------------------
    def mark_bare_possessives(self, text: str, toks: list[_Tok]) -> None:
        """ "Idlibs countryside", "Syrias Afrin": a possessive whose apostrophe was lost.

        A capitalised word ending in "s" is read as "<Place>'s" when "<Place>" is a
        one-word name in the gazetteer and the word itself starts no known name, and
        another word follows on the same line ("Homs" stays Homs; "Aleppos." at the
        end of a sentence is left alone)."""
        exact = self.gaz.exact
        for k, t in enumerate(toks):
            key = t.key
            if (
                t.possessive
                or not t.cap
                or len(key) < 5
                or key[-1] != "s"
                or key in self.first
                or key[:-1] not in exact
                or key[:-1] in ENGLISH
                or k + 1 >= len(toks)
                or _gap_breaks(text, t.end, toks[k + 1].start)
            ):
                continue
            t.raw = t.raw[:-1]
            t.end -= 1
            t.key = key[:-1]
            t.possessive = True
            t.tail = 1

    def spots(self, text: str, toks: list[_Tok]) -> list[_Spot]:
        gaz = self.gaz
        lower_words = {t.key for t in toks if not t.cap}
        out: list[_Spot] = []
        n = len(toks)
        i = 0
        while i < n:
            # an article may open the span ("Al-Bab", "al-Raqqa"); the name starts after it
            k0 = i
            while k0 < n and toks[k0].article and k0 - i < 2:
                k0 += 1
            if k0 >= n or (toks[k0].key not in self.first and not toks[k0].cap):
                i += 1
                continue
            best: _Spot | None = None
            content: list[str] = []
            j = k0
            while j < n and len(content) < MAX_TOKENS:
                tj = toks[j]
                if j > k0 and _gap_breaks(text, toks[j - 1].end, tj.start):
                    break
                if tj.article and j > k0:
                    j += 1
                    continue
                content.append(tj.key)
                key = " ".join(content)
                j += 1
                if key not in self.prefixes:
                    break
                if key in gaz.exact:
                    best = _Spot(i, j, 0, 0, "", "exact")
                if toks[j - 1].possessive:
                    break
            if best is not None:
                best = self._accept(text, toks, best, lower_words)
            if best is None and toks[k0].cap and not toks[k0].article:
                best = self._skeleton_spot(text, toks, i, k0, lower_words)
            elif (
                best is not None
                and toks[k0].cap
                and not toks[k0].article
                and self._runs_on(text, toks, best.j)
            ):
                # "Tal Hamis", "Khan Shaikhoun": the first word alone is a known name
                # ("Tal", "Khan"), the whole is a variant spelling of a longer one; the
                # longer reading wins when it is as sure as a canonical match.
                alt = self._skeleton_spot(text, toks, i, k0, lower_words)
                if alt is not None and alt.j > best.j and alt.tier in ("skeleton", "canon"):
                    best = alt
                elif best.j - k0 == 1 and toks[k0].key in GENERIC_WORDS:
                    # "Khirbat-Jawed", "Tal Sukkar": a generic word that opens a name the
                    # gazetteer lacks is not the village that is called just "Khirbat"
                    best = None
            if best is None:
                i += 1
                continue
            out.append(best)
            i = best.j
        return out

    def _accept(self, text: str, toks: list[_Tok], sp: _Spot, lower_words: set[str]) -> _Spot | None:
        """Capitalisation and stoplist checks for an exact match."""
        content = [t for t in toks[sp.i : sp.j] if not t.article]
        if not content:
            return None
        first = content[0]
        key = " ".join(t.key for t in content)
        opener = toks[sp.i]
        if not (first.cap or opener.cap) and key not in self.lower_ok:
            return None
        locative = _LOCATIVE_BEFORE.search(text[max(0, toks[sp.i].start - 30) : toks[sp.i].start]) is not None
        if self._in_phrase(toks, sp, allow_whole=locative):
            return None
        if len(content) == 1 and first.key[:1] >= "\u0600":
            # Arabic script has no capitals to tell "مسجد" (a mosque) from a village named so:
            # a lone Arabic word counts only when it names a governorate, district, city or region.
            kinds = {self.gaz.rows[r].kind for r in self.gaz.exact.get(key, ())}
            if not kinds & _MAJOR_KINDS:
                return None
        elif len(content) == 1:
            w = first.key
            if len(w) < 3 and not w.isupper():
                return None
            if w in ENGLISH and not self._strong_place_cue(text, toks, sp):
                return None
            if w in PERSONAL and not (locative or self._strong_place_cue(text, toks, sp)):
                # a name that is also a person's or a medium's ("Mayadeen"): a place only
                # where the text puts something in or near it
                return None
            # a word the same text also writes in lower case is an English word
            if w in lower_words and not self._strong_place_cue(text, toks, sp):
                return None
        sp.start = toks[sp.i].start if (opener.cap or _hyphen_after(text, opener)) else content[0].start
        sp.end = toks[sp.j - 1].end
        sp.surface = text[sp.start : sp.end]
        return sp

    def _skeleton_spot(
        self, text: str, toks: list[_Tok], i: int, k0: int, lower_words: set[str]
    ) -> _Spot | None:
        gaz = self.gaz
        if toks[k0].key in _TITLE_ABBREVIATIONS and k0 + 1 < len(toks) and toks[k0 + 1].cap:
            # "Dr Ali Darwish", "Mr Salman": a title before a person's name; written "Dr" it
            # has the consonants of "Deir" ("Deir Ali"), but no place name opens that way
            return None
        content: list[_Tok] = []
        best: _Spot | None = None
        j = k0
        n = len(toks)
        while j < n and len(content) < 4:
            tj = toks[j]
            if j > k0 and _gap_breaks(text, toks[j - 1].end, tj.start):
                break
            if tj.article and j > k0:
                j += 1
                continue
            if not tj.cap and not tj.article:
                break
            content.append(tj)
            j += 1
            nk = " ".join(c.key for c in content)
            if (best is None or best.tier == "skeleton_ctx") and self._cued_skeleton(
                text, toks, content, j, nk, lower_words, toks[i].start
            ):
                quarter = bool(
                    _QUARTER_BEFORE.search(text[max(0, toks[i].start - 40) : toks[i].start])
                    or _QUARTER_AFTER.match(text[toks[j - 1].end : toks[j - 1].end + 20])
                )
                best = _Spot(i, j, 0, 0, "", "skeleton_ctx", cue_skel=nk, cue_quarter=quarter)
            if len(content) == 1 and (len(nk) < 5 or nk in ENGLISH or nk in PERSONAL or nk in lower_words):
                # a short name ("Hass" / "Has") only where the text calls it a town or village
                if (
                    len(nk) >= 3
                    and nk not in ENGLISH
                    and nk not in lower_words
                    and canon_key(nk) in gaz.canon
                    and self._strong_place_cue(text, toks, _Spot(i, j, 0, 0, "", "canon"))
                ):
                    best = _Spot(i, j, 0, 0, "", "canon")
                continue
            if canon_key(nk) in gaz.canon:
                # the same name in canonical spelling ("Marea" / "Mare'"), however short
                # its consonant skeleton
                best = _Spot(i, j, 0, 0, "", "canon")
                continue
            sk = skeleton_of_tokens([c.key for c in content])
            if len(sk) < 4 or sk not in gaz.skel:
                continue
            rows = gaz.skel[sk][:20]
            sim = max((fuzz.ratio(nk, k) for r in rows for k in gaz._row_keys(r)[0]), default=0.0)
            if sim >= SKELETON_TEXT_MIN:
                best = _Spot(i, j, 0, 0, "", "skeleton")
            elif best is None or best.tier != "skeleton":
                # "Abadeen" ~ "Abdin": far apart as written, close once both are spelt
                # canonically. Such a spot is only kept if, resolved in the governorate the
                # rest of the text is about, it lands there (see find_mentions).
                ck = canon_key(nk)
                csim = max((fuzz.ratio(ck, k) for r in rows for k in gaz._row_keys(r)[1]), default=0.0)
                if csim >= 100.0:
                    # the same canonical spelling ("Efrin" / "Afrin"): as sure as the
                    # resolver's canonical tier
                    best = _Spot(i, j, 0, 0, "", "canon")
                elif csim >= SKELETON_TEXT_MIN and (best is None or best.tier == "skeleton_ctx"):
                    best = _Spot(i, j, 0, 0, "", "skeleton_ctx")
        if best is None:
            return None
        if self._in_phrase(toks, best):
            return None
        opener = toks[best.i]
        first = next(t for t in toks[best.i : best.j] if not t.article)
        best.start = opener.start if (opener.cap or _hyphen_after(text, opener)) else first.start
        best.end = toks[best.j - 1].end
        best.surface = text[best.start : best.end]
        return best

    def _cued_skeleton(
        self,
        text: str,
        toks: list[_Tok],
        content: list[_Tok],
        j: int,
        nk: str,
        lower_words: set[str],
        at: int,
    ) -> bool:
        """A name the text calls a place ("the village of X", "X village") whose consonants are
        those of a gazetteer name spelt with other vowels (see ``SKELETON_CUE_MIN``)."""
        if len(nk) < 4 or nk in ENGLISH or nk in PERSONAL or nk in lower_words:
            return False
        before = text[max(0, at - 40) : at]
        # the cue first, on plain strings: most capitalised words have none
        if before.rstrip().lower().endswith((" of", " of the")):
            if not _EVENT_BEFORE_STRICT.search(before):
                return False
        else:
            after = text[toks[j - 1].end : toks[j - 1].end + 20]
            if after[1:2].lower() not in _PLACE_WORD_INITIALS or not _PLACE_WORD_AFTER.match(after):
                return False
        sk = skeleton_of_tokens([c.key for c in content])
        rows = self.gaz.skel.get(sk)
        if len(sk) < 3 or not rows:
            return False
        sim = max((fuzz.ratio(nk, k) for r in rows[:20] for k in self.gaz._row_keys(r)[0]), default=0.0)
        return sim >= SKELETON_CUE_MIN

    @staticmethod
    def _runs_on(text: str, toks: list[_Tok], j: int) -> bool:
        """Whether a capitalised word follows token ``j - 1`` within the same name."""
        return (
            j < len(toks)
            and toks[j].cap
            and not toks[j - 1].possessive
            and not _gap_breaks(text, toks[j - 1].end, toks[j].start)
        )

    def _in_phrase(self, toks: list[_Tok], sp: _Spot, *, allow_whole: bool = False) -> bool:
        """Whether the spot is part of a stop phrase ("Ahrar al-Sham", "Al Mayadeen").

        With ``allow_whole`` a phrase that is exactly the spot does not count ("in Al
        Mayadeen" after a locative is the town, not the channel)."""
        lo = max(0, sp.i - 3)
        window = [t.key for t in toks[lo : min(len(toks), sp.j + 2)]]
        if not any(k in self.phrase_words for k in window):
            return False
        for ph in self.phrases:
            L = len(ph)
            for a in range(0, len(window) - L + 1):
                if tuple(window[a : a + L]) == ph:
                    # the phrase must overlap the spot
                    s_idx = lo + a
                    if allow_whole and s_idx >= sp.i and s_idx + L <= sp.j:
                        continue
                    if s_idx > sp.i and s_idx + L <= sp.j and not toks[sp.i].article:
                        # a longer name that ends in the phrase ("Busra al-Sham" is not "al-Sham")
                        continue
                    if s_idx < sp.j and s_idx + L > sp.i:
                        return True
        return False

    @staticmethod
    def _strong_place_cue(text: str, toks: list[_Tok], sp: _Spot) -> bool:
        before = text[max(0, toks[sp.i].start - 40) : toks[sp.i].start]
        return bool(_EVENT_BEFORE_STRICT.search(before)) or bool(
            re.match(
                r"^\s+(?:village|town|city|countryside|province|governorate)\b",
                text[toks[sp.j - 1].end : toks[sp.j - 1].end + 20],
                re.IGNORECASE,
            )
        )

    # --- extension ------------------------------------------------------------------
    def extend(self, text: str, toks: list[_Tok], sp: _Spot) -> tuple[int, int]:
        """The span including adjacent descriptor words, which the resolver reads."""
        start, end = sp.start, sp.end
        # after: "'s northern countryside", " province", " city"
        j = sp.j
        after = []
        k = j
        while k < len(toks) and k < j + 2:
            w = toks[k].raw.lower()
            gap_start = toks[k - 1].end + toks[k - 1].tail
            if _gap_breaks(text, gap_start, toks[k].start):
                break
            if w in _DIRECTION_WORDS and k == j:
                after.append(k)
                k += 1
                continue
            if w in _AFTER_WORDS:
                after.append(k)
                k += 1
                break
            break
        if after and toks[after[-1]].raw.lower() in _AFTER_WORDS:
            end = toks[after[-1]].end
            sp.extra_tokens.extend(after)
        # before: a direction word, "countryside of", "outskirts of the"
        i = sp.i
        if (
            i >= 1
            and toks[i - 1].raw.lower() == "rural"
            and not _gap_breaks(text, toks[i - 1].end, toks[i].start)
        ):
            # "rural Damascus" is Rural Damascus, "western rural Aleppo" its countryside part
            b = i - 1
            if (
                b >= 1
                and toks[b - 1].raw.lower() in _DIRECTION_WORDS
                and not _gap_breaks(text, toks[b - 1].end, toks[b].start)
            ):
                b -= 1
            start = toks[b].start
        elif (
            i >= 1
            and toks[i - 1].raw.lower() in _DIRECTION_WORDS
            and not _gap_breaks(text, toks[i - 1].end, toks[i].start)
        ):
            start = toks[i - 1].start
        elif i >= 2 and toks[i - 1].key in ("of",) and toks[i - 2].raw.lower() in _BEFORE_OF:
            b = i - 2
            if b >= 1 and toks[b - 1].raw.lower() in _DIRECTION_WORDS:
                b -= 1
            start = toks[b].start
        elif (
            i >= 3
            and toks[i - 1].key == "the"
            and toks[i - 2].key == "of"
            and toks[i - 3].raw.lower() in _BEFORE_OF
        ):
            start = toks[i - 3].start
        return start, end


def _gap_breaks(text: str, a: int, b: int) -> bool:
    """Tokens separated by anything but spaces or a hyphen do not form one name."""
    gap = text[a:b]
    return not (gap == "" or gap.strip(" -‐‑–_\u00a0") == "") or "\n" in gap or len(gap) > 3


def _hyphen_after(text: str, tok: _Tok) -> bool:
    return text[tok.end : tok.end + 1] in ("-", "‐", "‑")


# --- roles -----------------------------------------------------------------------------


def classify_role(text: str, start: int, end: int, place: Place, kind: str | None) -> str:
    """``event``, ``origin``, ``foreign`` or ``mentioned`` from the words around a mention."""
    before = text[max(0, start - 120) : start]
    after = text[end : end + 80]
    foreign = bool(place.country) and place.country != "SY"
    if _BASED_AFTER.match(after) or _BASED_BEFORE.search(before):
        return "origin"
    if (kind in _CAPITAL_KINDS or foreign) and _STATEMENT_AFTER.match(after):
        return "origin"
    if foreign:
        if _TREATED_BEFORE.search(before) or _HOSPITAL_AFTER.match(after):
            return "origin"
        return "foreign"
    # (the patterns run only where one of their words is there: roles are read for every mention)
    if _ORIGIN_WORDS.search(before) and (
        _LEFT_FROM_BEFORE.search(before)
        or _FIRED_FROM_BEFORE.search(before[-100:])
        or _TREATED_HOSPITAL_BEFORE.search(before)
        or _OCCUPIED_BEFORE.search(before[-30:])
    ):
        return "origin"
    if _EVENT_AFTER.match(after) or _EVENT_BEFORE_STRICT.search(before[-40:]):
        return "event"
    if _EVENT_BEFORE.search(before[-60:]):
        return "event"
    return "mentioned"


def find_mentions(gaz: Gazetteer, text: str, *, admin1_hint: str | None = None) -> list[Mention]:
    """Toponyms in ``text``, resolved in the context of each other (see module docs)."""
    if not isinstance(text, str) or not text:
        return []
    if len(text) > MAX_TEXT:
        text = text[:MAX_TEXT]
    spotter = gaz.spotter()
    toks = _tokenise(text)
    spotter.mark_bare_possessives(text, toks)
    spots = spotter.spots(text, toks)
    # first pass: resolve each spot on its own (with descriptor words around it)
    for sp in spots:
        sp.start, sp.end = spotter.extend(text, toks, sp)
        sp.surface = text[sp.start : sp.end]
        sp.query = _query_text(text, toks, sp)
        sp.res = gaz.resolve_full(sp.query, admin1_hint=admin1_hint)
    # context: the governorates the text talks about, from confident, unambiguous mentions
    ctx: Counter[str] = Counter()
    hint_pc = gaz._hint_pcode(admin1_hint) if admin1_hint else ""
    if hint_pc:
        ctx[hint_pc] += 3
    for sp in spots:
        r = sp.res
        if sp.tier == "skeleton_ctx":
            continue
        if r and r.row is not None and r.place.country == "SY" and r.place.admin1_pcode and r.score >= 0.9:
            w = 2 if r.row.kind in ("admin1", "sector", "region", "admin2", "city") else 1
            ctx[r.place.admin1_pcode] += w
    # second pass: names with namesakes in several governorates take the text's lead
    if ctx:
        sums: dict[str, list[float]] = {}
        for s in spots:
            if (
                s.res
                and s.res.place.admin1_pcode
                and s.res.place.lat is not None
                and s.res.place.lon is not None
            ):
                acc = sums.setdefault(s.res.place.admin1_pcode, [0.0, 0.0, 0.0])
                acc[0] += s.res.place.lat
                acc[1] += s.res.place.lon
                acc[2] += 1
        lead_of: dict[str | None, str | None] = {}
        for sp in spots:
            r = sp.res
            if r is None:
                continue
            if r.row is not None and r.row.kind in ("admin1", "sector", "foreign_city", "foreign_country"):
                continue
            own = r.place.admin1_pcode
            if own not in lead_of:
                others = Counter({k: v for k, v in ctx.items() if k != own or v > 1})
                lead_of[own] = None
                if others and not (own and ctx.get(own, 0) >= max(others.values())):
                    lead_of[own] = others.most_common(1)[0][0]
            lead = lead_of[own]
            if lead is None:
                continue
            near = None
            lead_sum = sums.get(lead)
            if lead_sum and lead_sum[2]:
                near = (lead_sum[0] / lead_sum[2], lead_sum[1] / lead_sum[2])
            alt = gaz.resolve_full(sp.query, admin1_hint=lead, near=near)
            if alt.row is not None and alt.place.admin1_pcode == lead and alt.score >= 0.75 * r.score:
                sp.res = alt
            elif sp.tier == "skeleton_ctx" and hint_pc and r.place.admin1_pcode != hint_pc:
                sp.res = None
    # a weak spot the governorates of the text did not vouch for is dropped
    top = max(ctx.values()) if ctx else 0
    for sp in spots:
        r = sp.res
        if sp.tier == "skeleton_ctx" and r is not None and (not ctx or r.place.admin1_pcode not in ctx):
            sp.res = None
        elif sp.cue_skel and r is not None:
            in_lead = ctx.get(r.place.admin1_pcode or "", 0) >= top
            if not _cue_holds(gaz, sp, r, in_lead):
                sp.res = None
    _contained_in_next(gaz, text, toks, spots)
    _lone_quarters(spots)
    out: list[Mention] = []
    for sp in spots:
        r = sp.res
        if r is None or r.place.precision == "unknown":
            continue
        place = r.place
        kind = r.row.kind if r.row is not None else None
        # a one-word village right next to a title or before "said" is a person
        if kind in ("village", "hamlet", "town", "neighbourhood") and _looks_like_person(text, toks, sp):
            continue
        place.span = Span(sp.start, sp.end, sp.surface)
        role = classify_role(text, sp.start, sp.end, place, kind)
        if role == "mentioned" and (sp.start, sp.end) != (toks[sp.i].start, toks[sp.j - 1].end):
            # "the town of X", "X province": the descriptor read into the span is itself the cue
            role = classify_role(text, toks[sp.i].start, toks[sp.j - 1].end, place, kind)
        if out and out[-1].role == "origin" and _ORIGIN_SEAT_GAP.match(text[out[-1].end : sp.start]):
            role = "origin"
        score = r.score * (0.85 if sp.tier in ("skeleton", "skeleton_ctx") else 1.0)
        out.append(Mention(sp.start, sp.end, sp.surface, place, role, round(score, 3)))
    return out


_TITLE_ABBREVIATIONS = frozenset({"dr", "mr", "mrs", "ms", "gen", "col", "lt", "maj", "capt", "brig", "sgt"})
_PLACE_WORD_INITIALS = frozenset("vtcnd")
_PLACE_WORD_AFTER = re.compile(r"^\s+(?:village|town|city|neighbou?rhood|district)\b", re.IGNORECASE)
_QUARTER_BEFORE = re.compile(r"\b(?:neighbou?rhoods?|district|quarter)\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_QUARTER_AFTER = re.compile(r"^\s+(?:neighbou?rhood|district|quarter)\b", re.IGNORECASE)


def _cue_holds(gaz: Gazetteer, sp: _Spot, r: Resolution, in_lead: bool) -> bool:
    """A spot read from its consonants stands only as a row it matches that way: one in the
    governorate the text is most about, of the kind the text names (a city's neighbourhood
    for "district"), sharing the skeleton and close enough in spelling."""
    nk = sp.cue_skel
    if r.row is None or not in_lead:
        return False
    if sp.cue_quarter and r.row.kind != "neighbourhood":
        return False
    if r.row.idx not in gaz.skel.get(skeleton_of_tokens(nk.split()), ()):
        return False
    return max((fuzz.ratio(nk, k) for k in gaz._row_keys(r.row.idx)[0]), default=0.0) >= SKELETON_CUE_MIN


def _gov(pcode: str | None) -> str | None:
    return "SY01" if pcode == "SY03" else pcode


def _lone_quarters(spots: list[_Spot]) -> None:
    """A city quarter named in a text that never names its city's governorate, while naming
    others, is a namesake: "al-Rasafa" in a report on the Raqqa countryside is not the
    Rasafeh quarter of Aleppo city. Quarter names are common words ("the Midan", "the
    Salhiyeh"), so the reading needs its city's governorate somewhere in the text."""
    rows_in: dict[str | None, set[int]] = {}
    for sp in spots:
        r = sp.res
        if r is not None and r.row is not None and r.place.country == "SY" and r.place.admin1_pcode:
            rows_in.setdefault(_gov(r.place.admin1_pcode), set()).add(r.row.idx)
    for sp in spots:
        r = sp.res
        if r is None or r.row is None or r.row.kind != "neighbourhood":
            continue
        own = _gov(r.place.admin1_pcode)
        if rows_in.get(own, set()) <= {r.row.idx} and any(g != own for g in rows_in):
            sp.res = None


_SMALL_KINDS = frozenset({"village", "hamlet", "town", "neighbourhood"})
_CONTAINER_KINDS = frozenset({"admin1", "admin2", "city", "sector"})
_CONTAINED_GAP = re.compile(
    r"^(?:\s*,\s*|\s+(?:(?:neighbou?rhood|district|quarter|village|town|area|camp|suburb)\s+(?:of|in)|in)\s+"
    r"(?:the\s+)?(?:(?:city|town|province|governorate)\s+of\s+)?)$",
    re.IGNORECASE,
)


def _contained_in_next(gaz: Gazetteer, text: str, toks: list[_Tok], spots: list[_Spot]) -> None:
    """ "X in Y", "X, Y", "the X neighbourhood of Y city": the text says which governorate
    the small place X lies in.

    A village or neighbourhood whose reading lies in another governorate than Y is a
    namesake: it is read again within Y, and left unresolved when Y has no such place.
    """
    for a, b in pairwise(spots):
        ra, rb = a.res, b.res
        if ra is None or rb is None or ra.row is None or rb.row is None:
            continue
        if ra.row.kind not in _SMALL_KINDS or rb.row.kind not in _CONTAINER_KINDS:
            continue
        outer = rb.place.admin1_pcode
        if not outer or rb.place.country != "SY" or ra.place.admin1_pcode == outer:
            continue
        last = toks[a.j - 1]
        if not _CONTAINED_GAP.match(text[last.end + last.tail : toks[b.i].start]):
            continue
        alt = gaz.resolve_full(a.query, admin1_hint=outer)
        a.res = alt if alt.row is not None and alt.place.admin1_pcode == outer else None


def _query_text(text: str, toks: list[_Tok], sp: _Spot) -> str:
    """The spot's text without the "s" of a bare possessive ("Idlibs countryside" ->
    "Idlib countryside"), so the resolver sees the name as written."""
    cuts = [t.end for t in toks[sp.i : sp.j] if t.tail == 1 and sp.start <= t.end < sp.end]
    if not cuts:
        return sp.surface
    out, pos = [], sp.start
    for c in cuts:
        out.append(text[pos:c])
        pos = c + 1
    out.append(text[pos : sp.end])
    return "".join(out)


# Words that introduce a person's name and never a place's ("an activist who uses the name X").
_PERSON_NAME_CUE = re.compile(
    r"\b(?:(?:uses|using|used|goes\s+by|went\s+by|gave|giving|gives|under)\s+the\s+"
    r"(?:name|pseudonym|alias|nickname|nom\s+de\s+guerre)(?:\s+of)?"
    r"|nicknamed|pseudonym|alias|nom\s+de\s+guerre|a\.?k\.?a\.?)\s+$",
    re.IGNORECASE,
)


_SURNAME_APPOSITION = re.compile(
    r"^\s+[A-Z][\w'’-]+,?\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:"
    + "|".join(sorted(TITLES, key=len, reverse=True))
    + r")\b"
)


def _looks_like_person(text: str, toks: list[_Tok], sp: _Spot) -> bool:
    if _PERSON_NAME_CUE.search(text[max(0, sp.start - 40) : sp.start]):
        return True
    content = [t for t in toks[sp.i : sp.j] if not t.article]
    if len(content) > 1:
        return False
    if sp.i >= 1:
        prev = toks[sp.i - 1]
        if prev.key in TITLES or prev.key in PERSONAL:
            return True
        if (
            prev.cap
            and not prev.possessive  # "Syria's Afrin", "Syrias Afrin": not a surname
            and not prev.sent_start
            and not prev.article
            and prev.key not in ENGLISH
            and not _gap_breaks(text, prev.end, toks[sp.i].start)
        ):
            return True
    if _SURNAME_APPOSITION.match(text[sp.end : sp.end + 60]):
        # "Qassem Saadeddine, a commander ...": a given name, a surname and what the man is
        return True
    if _SAID_AFTER.match(text[sp.end : sp.end + 20]):
        return True
    if sp.j < len(toks):
        nxt = toks[sp.j]
        if nxt.cap and nxt.key in PERSONAL and not _gap_breaks(text, toks[sp.j - 1].end, nxt.start):
            return True
    return False
