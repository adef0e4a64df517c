"""Folding Arabic place names written in Latin letters down to comparable keys.

One Syrian town is spelt a dozen ways ("Maarat al-Numan", "Ma'arrat an-Nu'man",
"Marret Numan", "Maaret al-Noman") because each writer transliterates Arabic with their
own conventions: French or English vowels, the article assimilated or not, the ayn and
hamza written as ``'`` or `````, or dropped, doubled letters kept or not, the final
ta marbuta as -a, -ah or -eh. Three keys absorb most of that:

``norm_key``
    lower case, no diacritics or apostrophes, articles (al-, el-, as-, ash-, ...) removed,
    tokens joined by single spaces. Exact but forgiving of punctuation.
``canon_key``
    the normalised key with generic words (Tall/Tell/Tal, Kafr/Kfar, Deir/Dayr, Ain/Ein/
    Ayn, Khirbet/Kherbet, ...), endings (-iyeh/-iyah/-iya/-iyet), an opening E/A and a few
    letter pairs (ou/u, o/u, e/i, ee/i, ei/ay, q/k) written one way, al-Din written into the word
    split off: looser than the key, far safer than the skeleton.
``skeleton``
    the consonant skeleton of the tokens after folding the usual alternations (q/k,
    sh/ch, kh, ou/u, ee/i, -eh/-ah endings, doubled letters), vowels dropped except
    a leading one, spaces removed. "Tel/Tall/Tal", "Deir/Dayr/Der" and "Jisr al-Shughur /
    Jisr ash-Shughour" collapse to the same key.

A skeleton is lossy on purpose; callers rank skeleton hits below exact hits and
check them with a string similarity.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Articles and their sun-letter assimilations as transliterators write them.
ARTICLES = frozenset(
    {
        "al",
        "el",
        "il",
        "ul",
        "l",
        "as",
        "es",
        "ad",
        "ed",
        "ash",
        "esh",
        "an",
        "en",
        "ar",
        "er",
        "az",
        "ez",
        "at",
        "et",
        "ath",
        "adh",
        "ats",
        "ut",
        "us",
        "ud",
        "uz",
        "un",
    }
)

# Bump when any key function below changes: the build stores precomputed keys with it,
# and a mismatch makes the loader recompute them.
NORMALISER_VERSION = 8

_APOSTROPHES = "'`´‘’ʿʾʻʼ′ʹ"
_APOS_RE = re.compile("[" + re.escape(_APOSTROPHES) + "]")
_SPLIT_RE = re.compile(r"[^0-9a-z\u0621-\u064a]+")
_ARABIC_DIACRITICS = re.compile("[\u064b-\u0652\u0670\u0640]")  # harakat, superscript alef, tatweel
_ARABIC_RE = re.compile("[\u0600-\u06ff]")
_ARABIC_MAP = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"})
_LATIN_SPECIAL = str.maketrans(
    {"ı": "i", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ł": "l", "ð": "d", "þ": "th"}
)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case, strip diacritics and apostrophes; separators become spaces."""
    if text.isascii():
        # the common case: no diacritics to strip, no Arabic to fold
        s = text.lower()
        if "'" in s or "`" in s:
            s = s.replace("'", "").replace("`", "")
        return " ".join(_SPLIT_RE.split(s)).strip()
    s = unicodedata.normalize("NFKD", text)
    s = "".join(c for c in s if not unicodedata.combining(c) or _ARABIC_RE.match(c))
    s = s.lower().translate(_LATIN_SPECIAL)
    s = _APOS_RE.sub("", s)
    if _ARABIC_RE.search(s):
        s = _ARABIC_DIACRITICS.sub("", s).translate(_ARABIC_MAP)
    return " ".join(_SPLIT_RE.split(s)).strip()


def _arabic_token(t: str) -> str:
    if t.startswith("ال") and len(t) > 3:
        return t[2:]
    if t.startswith("وال") and len(t) > 4:
        return t[3:]
    return t


def tokens(text: str) -> list[str]:
    """Folded tokens with articles dropped (``"Ma'arrat an-Nu'man"`` -> ``["maarrat", "numan"]``)."""
    return list(_tokens(text))


@lru_cache(maxsize=65536)
def _tokens(text: str) -> tuple[str, ...]:
    out = []
    for t in fold(text).split():
        if t in ARTICLES:
            continue
        if t[0] >= "\u0600":
            t = _arabic_token(t)
        out.append(t)
    return tuple(out)


def norm_key(text: str) -> str:
    """The exact-match key: folded tokens without articles, space-joined."""
    return " ".join(_tokens(text))


_DIGRAPHS = (
    ("x", "ks"),
    ("dj", "j"),
    ("sch", "S"),
    ("sh", "S"),
    ("ch", "S"),
    ("kh", "x"),
    ("gh", "g"),
    ("th", "t"),
    ("dh", "d"),
    ("ph", "f"),
    ("ck", "k"),
    ("q", "k"),
    ("c", "k"),
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("z", "z"),
    ("v", "f"),
)
_END_H = re.compile(r"([aeiouy])h$")
_DOUBLED = re.compile(r"(.)\1+")
_VOWELS = frozenset("aeiouyw")


@lru_cache(maxsize=65536)
def skeleton_token(t: str) -> str:
    """Consonant skeleton of one folded token (``"maarrat"`` -> ``"mrt"``, ``"ain"`` -> ``"an"``)."""
    if not t or t[0] >= "\u0600" or t.isdigit():
        return t
    s = _END_H.sub(r"\1", t)
    for a, b in _DIGRAPHS:
        if a in s:
            s = s.replace(a, b)
    out = []
    first = s[0]
    if first in "aeiou":
        out.append("a")
    else:
        out.append(first)
    for ch in s[1:]:
        if ch in _VOWELS:
            continue
        if out and out[-1] == ch:
            continue
        out.append(ch)
    res = "".join(out)
    # a doubled letter across the first position ("aa" -> "a") collapses too
    return res


# Generic words that open Syrian place names, each spelt many ways; the canonical key
# writes each one way (facts of transliteration, not of any one place).
_GENERIC: dict[str, str] = {}
for _canon, _forms in {
    "tall": "tal tall tel tell til tulul",
    "kafr": "kafr kfar kafar kefr kfr kufr kafer kefer",
    "dayr": "dayr deir dair der dier deyr",
    "ayn": "ayn ain ein ayin aain eyn en",
    "jabal": "jabal jebel jabel jbel jabl jibal",
    "bayt": "bayt beit bait bet beyt",
    "qasr": "qasr kasr qaser kaser qsar",
    "khirbat": "khirbat khirbet kherbet kherbat khirba kherba khurbet khirbeh kharbet khrbet kharbat",
    "umm": "umm um om oum",
    "abu": "abu abou abo",
    "bir": "bir beer ber bire",
    "maarat": "maarat maarrat marat maaret marret maarrat maaret marrat maarret",
    "ras": "ras raas",
    "jisr": "jisr jesr jser",
    "shaykh": "shaykh sheikh shaikh sheik shekh shiekh cheikh",
    "harat": "harat haret",
    "hawsh": "hawsh hosh housh hush",
    "mazraat": "mazraat mazraa mazraet mazraah mazrat",
    "arab": "arab orban",
    "road": "road highway motorway",
}.items():
    for _f in _forms.split():
        _GENERIC[_f] = _canon
# The generic words themselves, in every spelling ("tal", "deir", "khirbet", ...).
GENERIC_WORDS = frozenset(_GENERIC)
# Arabic has no short "o": Latin "o" writes the damma or waw that others write "u" ("Rajo" /
# "Raju", "al-Forqan" / "al-Furqan", "Qosour" / "Qusur"), so the two are one vowel class here.
_CANON_END = re.compile(r"(?:iyy|iy|y|i)(?:eh|ah|a|e|et|at)$")
_CANON_SUBS = (
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("ei", "ay"),
    ("ey", "ay"),
    ("ai", "ay"),
    ("dj", "j"),
    ("q", "k"),
    ("ck", "k"),
    ("o", "u"),
)
_GLUED_EL = re.compile(r"^(?:al|el)(?=[a-z]{3,})")
# An opening alif written "E" or "A" ("Efrin"/"Afrin", "Erbin"/"Arbin"): one vowel class.
# "I" is left out: folding it too joined far-apart names (Irbid/Arbid, Iran/Aran) in the
# gazetteer, while "e"->"a" joined only five keys, four of them the same place.
_INITIAL_E = re.compile(r"^e(?=[^aeiouy])")


@lru_cache(maxsize=65536)
def canon_token(t: str) -> str:
    """One token in canonical spelling (see ``canon_key``)."""
    if not t or t[0] >= "\u0600" or t.isdigit():
        return t
    g = _GENERIC.get(t)
    if g is not None:
        return g
    s = _INITIAL_E.sub("a", t)
    for a, b in _CANON_SUBS:
        if a in s:
            s = s.replace(a, b)
    s = _CANON_END.sub("iya", s)
    if len(s) > 3 and s[-2:] in ("ah", "eh"):
        s = s[:-2] + "a"
    # the kasra, written "e" by some and "i" by others ("Tadef" / "Tadif", "Dabeq" / "Dabiq"):
    # one vowel class, once the endings (-eh) and diphthongs (ei, ey) have had their own rules
    s = s.replace("e", "i")
    return _DOUBLED.sub(r"\1", s)


# "al-Din" ("of the faith") closes many Arabic names and is often written into the word
# before it: "Salaheddine", "Salahuddin", "Nureddin", "Zeineddine" are "Salah ad-Din", "Nur
# al-Din", "Zein al-Din". The canonical key splits it off, so both writings meet; the word
# left before it must keep three letters (a name, not a bare "Haddin").
_GLUED_DIN = re.compile(r"^([a-z]{3,}?)(?:e|u|a|i|ee)?dd(?:in|ine|een|ean|eane)$")
_DIN_FORMS = frozenset(
    {"din", "dine", "deen", "dean", "eddin", "eddine", "uddin", "uddine", "addin", "iddin"}
)


@lru_cache(maxsize=65536)
def canon_key(text: str) -> str:
    """A normalised key with the spelling of generic words and endings made canonical:
    "Tal Al-Jayer" / "Tell al-Jayer", "Kherbet Khaled" / "Khirbet Khaled", "Salhiyeh" /
    "Salhiyet", "Jalaqah" / "Jalaqa" meet here. Unlike the skeleton it keeps the vowels
    of the distinctive part of the name, so a match needs no similarity check."""
    out = []
    for t in _tokens(text):
        if t in _DIN_FORMS:
            out.append("din")
            continue
        m = _GLUED_DIN.match(t) if len(t) >= 7 and t.endswith(("n", "ne")) else None
        if m is not None:
            out.append(canon_token(m.group(1)))
            out.append("din")
            continue
        if t not in _GENERIC and len(t) >= 5:
            # "Arraqqa", "Ezzor", "Elasfar": an article written into the word
            t = strip_glued_article(t)
            if len(t) >= 6:
                t = _GLUED_EL.sub("", t)
        out.append(canon_token(t))
    return " ".join(out)


def skeleton(text: str) -> str:
    """The skeleton key of a whole name: token skeletons joined without spaces."""
    return skeleton_of_tokens(tokens(text))


def skeleton_of_tokens(toks: list[str] | tuple[str, ...]) -> str:
    out = "".join(skeleton_token(t) for t in toks)
    # collapse letters doubled across a token boundary ("Tall Lahm" ~ "Tallahm"); a
    # function as replacement, because a "\\1" template costs microseconds per call
    # and this runs for every candidate span of every text
    return _DOUBLED.sub(_first_group, out)


def _first_group(m: re.Match[str]) -> str:
    return m.group(1)


_GLUED_ARTICLE = re.compile(r"^(?:[ae]l(?=[^aeiouy\s]{1}[a-z]{2,})|[ae]([tdrzsn])(?=\1[a-z]{2,}))")


@lru_cache(maxsize=65536)
def strip_glued_article(tok: str) -> str:
    """``"ezzor"`` -> ``"zor"``, ``"alkarama"`` -> ``"karama"``, ``"elkhalif"`` -> ``"khalif"``.

    Only used to make *extra* keys: "Ezzaz" is a real spelling of A'zaz, so the
    unstripped form must stay searchable.
    """
    return _GLUED_ARTICLE.sub("", tok, count=1)


def skeleton_variants(text: str) -> set[str]:
    """The skeleton plus the skeleton with glued articles stripped from each token."""
    toks = _tokens(text)
    keys = {skeleton_of_tokens(toks)}
    stripped = tuple(strip_glued_article(t) for t in toks)
    if stripped != toks:
        keys.add(skeleton_of_tokens(stripped))
    return keys


def full_key(text: str) -> str:
    """Where the articles stand, with each other token as its skeleton: "Al-Hama" and
    "Hama" differ here, "Ras al Ayn" and "Ras al-Ain" do not."""
    out = []
    for t in fold(text).split():
        out.append("al" if t in ARTICLES else skeleton_token(t))
    return " ".join(out)


@lru_cache(maxsize=65536)
def query_keys(name: str) -> tuple[str, str, tuple[str, ...], str]:
    """``(norm_key, full_key, skeleton variants, canon_key)`` of a query string, computed
    from one folding (the resolver needs all four for every name it looks up)."""
    return " ".join(_tokens(name)), full_key(name), tuple(skeleton_variants(name)), canon_key(name)


def alias_keys(name: str) -> tuple[str, str, list[str], str]:
    """``(norm_key, full_key, skeleton keys, canonical key)`` for one alias, as the index stores them."""
    return (
        norm_key(name),
        full_key(name),
        sorted(k for k in skeleton_variants(name) if len(k) >= 2),
        canon_key(name),
    )
