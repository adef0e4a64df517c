"""Facility names: folding, the parts of a name, and when two names are the same.

Reports name one hospital many ways: "Al-Quds Hospital", "al-Quds in Aleppo",
"the MSF-supported hospital in Sukkari", "مستشفى القدس", a code name "M10".
A name is split into what identifies it and what does not:

- ``core``: the distinctive tokens ("quds", "rahmeh", "m10"). Two names with
  matching cores name the same facility *if they are in the same place*.
- ``descriptors``: words that many facilities share ("national", "children",
  "surgical", "msf-supported", "cave"). A name made only of these is generic:
  every town has a "national hospital", so generic names are only merged
  within one town.
- the kind words ("hospital", "medical point") and the place words ("in
  Khan Shaykhoun", or the town's own name) are set aside.

Tokens are compared on a folded spelling and on a consonant skeleton, so
transliterations (Rahmeh/Rahme/Rahma, Oudai/Owdai) and Arabic script
(الرحمة) meet.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz

__all__ = [
    "NameInfo",
    "aliases_from_text",
    "analyse_name",
    "fold",
    "names_match",
    "skeleton",
    "tokens",
]

STOP = {
    "the",
    "a",
    "an",
    "of",
    "in",
    "at",
    "for",
    "and",
    "on",
    "near",
    "to",
    "by",
    "with",
    "its",
    "al",
    "el",
    "ad",
    "ash",
    "as",
    "ar",
    "az",
    "ul",
    "il",
    "bin",
    "town",
    "city",
    "village",
    "called",
    "named",
    "so",
    "only",
    "one",
    "another",
    "local",
    "nearby",
    "main",
    "which",
    "that",
    "this",
    "former",
}
# Words naming the kind of facility. They never identify one.
KIND_WORDS = {
    "hospital",
    "hospitals",
    "hosp",
    "mustashfa",
    "mashfa",
    "clinic",
    "clinics",
    "dispensary",
    "polyclinic",
    "infirmary",
    "medical",
    "health",
    "healthcare",
    "care",
    "centre",
    "center",
    "centres",
    "centers",
    "point",
    "points",
    "facility",
    "facilities",
    "post",
    "station",
    "unit",
    "complex",
    "building",
    "ambulance",
    "ambulances",
    "مستشفى",
    "المستشفى",
    "مشفى",
    "المشفى",
    "مستوصف",
    "المستوصف",
    "عيادة",
    "العيادة",
    "نقطة",
    "النقطة",
    "طبية",
    "الطبية",
    "مركز",
    "المركز",
    "صحي",
    "الصحي",
    "منشأة",
    "المنشأة",
}
# Words many facilities share: a name made only of these is generic.
DESCRIPTORS = {
    "national",
    "central",
    "general",
    "university",
    "universal",
    "children",
    "childrens",
    "child",
    "pediatric",
    "paediatric",
    "paediatrics",
    "pediatrics",
    "women",
    "womens",
    "maternity",
    "obstetric",
    "obstetrics",
    "gynecology",
    "gynaecology",
    "surgical",
    "surgery",
    "specialist",
    "specialised",
    "specialized",
    "field",
    "military",
    "public",
    "private",
    "state",
    "government",
    "governmental",
    "municipal",
    "civil",
    "old",
    "new",
    "big",
    "large",
    "small",
    "district",
    "regional",
    "provincial",
    "emergency",
    "trauma",
    "eye",
    "ophthalmic",
    "dental",
    "orthopaedic",
    "orthopedic",
    "psychiatric",
    "mental",
    "cardiac",
    "heart",
    "kidney",
    "dialysis",
    "blood",
    "bank",
    "burns",
    "cancer",
    "oncology",
    "teaching",
    "referral",
    "underground",
    "cave",
    "makeshift",
    "temporary",
    "mobile",
    "supported",
    "run",
    "backed",
    "funded",
    "msf",
    "sams",
    "uossm",
    "icrc",
    "irc",
    "who",
    "unicef",
    "srd",
    "doctors",
    "without",
    "borders",
    "medecins",
    "sans",
    "frontieres",
    "red",
    "crescent",
    "sarc",
    "charity",
    "charitable",
    "islamic",
    "primary",
    "secondary",
    "tertiary",
    "comprehensive",
    "obstetrical",
    "delivery",
    "birth",
    "polyclinics",
    "community",
    "family",
    "rural",
    "western",
    "eastern",
    "northern",
    "southern",
    "west",
    "east",
    "north",
    "south",
    "الوطني",
    "الوطنية",
    "الجامعي",
    "الجراحي",
    "التخصصي",
    "الميداني",
    "العام",
    "الأطفال",
    "النسائية",
    "التوليد",
    "الكهف",
    "الحكومي",
}
# Spellings of one descriptor, so "children's" and "paediatric" agree.
DESCRIPTOR_CANON = {
    "childrens": "children",
    "child": "children",
    "pediatric": "children",
    "paediatric": "children",
    "pediatrics": "children",
    "paediatrics": "children",
    "الأطفال": "children",
    "womens": "women",
    "maternity": "women",
    "obstetric": "women",
    "obstetrics": "women",
    "obstetrical": "women",
    "gynecology": "women",
    "gynaecology": "women",
    "delivery": "women",
    "birth": "women",
    "النسائية": "women",
    "التوليد": "women",
    "surgery": "surgical",
    "الجراحي": "surgical",
    "الوطني": "national",
    "الوطنية": "national",
    "الجامعي": "university",
    "universal": "university",
    "التخصصي": "specialist",
    "specialised": "specialist",
    "specialized": "specialist",
    "الميداني": "field",
    "العام": "general",
    "الكهف": "cave",
    "underground": "cave",
    "orthopedic": "orthopaedic",
    "government": "public",
    "governmental": "public",
    "state": "public",
    "الحكومي": "public",
}
FIELD_WORDS = {"field", "makeshift", "الميداني"}
CLINIC_PHRASES = (
    "medical point",
    "health point",
    "medical center",
    "medical centre",
    "health center",
    "health centre",
    "healthcare center",
    "healthcare centre",
    "health care center",
    "health care centre",
    "clinic",
    "dispensary",
    "polyclinic",
    "health post",
    "medical post",
    "primary health",
    "medical station",
    "نقطة طبية",
    "النقطة الطبية",
    "مركز صحي",
    "المركز الصحي",
    "مستوصف",
    "عيادة",
)
LOCATIVE = {"in", "at", "near", "outside", "inside"}

_APOSTROPHES = "'’‘`ʿʾ´"
_ARABIC_RE = re.compile(r"[\u0600-\u06FF]")
_ARABIC_MAP = {
    "ا": "a",
    "أ": "a",
    "إ": "i",
    "آ": "a",
    "ب": "b",
    "ت": "t",
    "ث": "th",
    "ج": "j",
    "ح": "h",
    "خ": "kh",
    "د": "d",
    "ذ": "dh",
    "ر": "r",
    "ز": "z",
    "س": "s",
    "ش": "sh",
    "ص": "s",
    "ض": "d",
    "ط": "t",
    "ظ": "z",
    "ع": "",
    "غ": "gh",
    "ف": "f",
    "ق": "q",
    "ك": "k",
    "ل": "l",
    "م": "m",
    "ن": "n",
    "ه": "h",
    "ة": "a",
    "و": "w",
    "ي": "y",
    "ى": "a",
    "ئ": "y",
    "ؤ": "w",
    "ء": "",
}
_CODE_RE = re.compile(r"^(?=.*\d)(?=.*[a-z])[a-z0-9]{2,6}$")


def fold(text: str) -> str:
    """Lower case, no accents or apostrophes, punctuation to spaces.

    >>> fold("Ma'arrat al-Nu‘man")
    'maarrat al numan'
    """
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch) or _ARABIC_RE.match(ch))
    text = text.lower()
    for ch in _APOSTROPHES:
        text = text.replace(ch, "")
    # Arabic diacritics (harakat) and tatweel carry no identity.
    text = re.sub(r"[\u064B-\u065F\u0640]", "", text)
    text = re.sub(r"[^\w\u0600-\u06FF]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def tokens(text: str) -> list[str]:
    return fold(text).split()


def _arabic_token(tok: str) -> str:
    if tok.startswith("ال") and len(tok) > 3:
        tok = tok[2:]
    return "".join(_ARABIC_MAP.get(ch, "") for ch in tok)


def _phonetic(token: str) -> str:
    t = _latin(token).lower()
    for a, b in (
        ("kh", "x"),
        ("sh", "$"),
        ("th", "t"),
        ("dh", "d"),
        ("gh", "g"),
        ("ph", "f"),
        ("ou", "u"),
        ("ow", "u"),
        ("oo", "u"),
        ("ee", "i"),
        ("q", "k"),
        ("c", "k"),
    ):
        t = t.replace(a, b)
    t = t.translate(str.maketrans("eoy", "iui"))
    t = re.sub(r"h$", "", t)
    return re.sub(r"(.)\1+", r"\1", t)


def skeleton(token: str) -> str:
    """A consonant skeleton that survives transliteration: ``rahmeh`` and ``الرحمة`` give ``rhm``."""
    if _ARABIC_RE.search(token):
        token = _arabic_token(token)
        # Arabic ة and final ه are a vowel ending, as in Latin "-eh"/"-a".
        token = re.sub(r"a$", "", token)
    t = token.lower()
    for a, b in (
        ("kh", "x"),
        ("sh", "$"),
        ("th", "t"),
        ("dh", "d"),
        ("gh", "g"),
        ("ph", "f"),
        ("ou", "u"),
        ("ow", "u"),
        ("ch", "$"),
        ("q", "k"),
        ("c", "k"),
        ("ee", "i"),
        ("oo", "u"),
    ):
        t = t.replace(a, b)
    t = re.sub(r"h$", "", t)  # Rahmeh / Rahme
    t = re.sub(r"[aeiouyw]", "", t)
    t = re.sub(r"(.)\1+", r"\1", t)
    return t


def _latin(token: str) -> str:
    return _arabic_token(token) if _ARABIC_RE.search(token) else token


def token_match(a: str, b: str) -> bool:
    """Two name tokens are the same word, allowing for spelling and script."""
    if a == b:
        return True
    if _CODE_RE.match(a) or _CODE_RE.match(b):
        return False  # code names (M10, M2) must match exactly
    la, lb = _latin(a), _latin(b)
    if len(la) >= 4 and len(lb) >= 4 and fuzz.ratio(la, lb) >= 85:
        return True
    pa, pb = _phonetic(a), _phonetic(b)
    if len(pa) >= 4 and pa == pb:
        return True
    sa, sb = skeleton(a), skeleton(b)
    return len(sa) >= 3 and sa == sb


@dataclass(frozen=True)
class NameInfo:
    """One way of naming a facility, split into its parts."""

    raw: str
    core: frozenset[str] = frozenset()
    descriptors: frozenset[str] = frozenset()
    kind: str | None = None
    place_hint: str | None = None  # "Khan Shaykhoun" in "the Rahmeh hospital in Khan Shaykhoun"
    aliases: tuple[str, ...] = field(default=())

    @property
    def distinctive(self) -> bool:
        return bool(self.core)

    @property
    def generic(self) -> bool:
        return not self.core and bool(self.descriptors)

    @property
    def bare(self) -> bool:
        """A name with nothing in it but kind and place: "the hospital", "Kafranbel Hospital"."""
        return not self.core and not self.descriptors


def _kind_of(folded: str, toks: Iterable[str]) -> str | None:
    tset = set(toks)
    has_hospital = bool(
        tset
        & {"hospital", "hospitals", "hosp", "mustashfa", "mashfa", "مستشفى", "المستشفى", "مشفى", "المشفى"}
    )
    if has_hospital and tset & FIELD_WORDS:
        return "field_hospital"
    if has_hospital:
        return "hospital"
    if any(p in folded for p in CLINIC_PHRASES):
        return "clinic"
    if tset & {"ambulance", "ambulances"}:
        return "ambulance"
    return None


def _place_words(place_names: Iterable[str]) -> list[str]:
    out: list[str] = []
    for n in place_names:
        toks = [t for t in tokens(n) if t not in STOP]
        out.extend(toks)
        if len(toks) > 1:
            out.append("".join(toks))  # "Kafr Nobol" vs "Kafranbel"
    return out


def _is_place_token(tok: str, place_words: list[str]) -> bool:
    return any(token_match(tok, w) for w in place_words)


_PAREN_RE = re.compile(r"\(([^()]{1,80})\)")


def analyse_name(name: str, place_names: Iterable[str] = ()) -> NameInfo:
    """Split a facility name into core, descriptors, kind and place hint.

    ``place_names`` are the names of where the report puts the facility; their
    words are not part of the facility's own name.

    >>> n = analyse_name("The medical point of Khan Shaykoun (Al Rahmeh)", ["Khan Shaykhoun"])
    >>> sorted(n.core), n.kind
    (['rahmeh'], 'clinic')
    """
    name = (name or "").strip()[:300]
    # "... supported by Syria Relief and Development": who funds it is not its name.
    main = re.split(r"\b(?:supported|run|operated|funded|backed|managed) by\b", name, maxsplit=1, flags=re.I)[
        0
    ]
    aliases = tuple(a.strip() for a in _PAREN_RE.findall(main) if a.strip())
    main = _PAREN_RE.sub(" ", main)
    folded = fold(main)
    toks = folded.split()
    kind = _kind_of(fold(name), tokens(name))
    place_words = _place_words(place_names)

    # "... in Khan Shaykhoun": the words after a locative preposition are a place.
    place_hint: str | None = None
    for i, t in enumerate(toks):
        if t in LOCATIVE and i > 0 and i + 1 < len(toks):
            place_hint = " ".join(toks[i + 1 :])
            toks = toks[:i]
            break
    # "... of Marret Numan": only when those words name the place.
    if "of" in toks:
        i = len(toks) - 1 - toks[::-1].index("of")
        rest = [t for t in toks[i + 1 :] if t not in STOP]
        if rest and place_words and all(_is_place_token(t, place_words) for t in rest):
            place_hint = place_hint or " ".join(toks[i + 1 :])
            toks = toks[:i]

    core: set[str] = set()
    desc: set[str] = set()
    for i, t in enumerate(toks):
        if t in STOP or t in KIND_WORDS:
            continue
        nxt = toks[i + 1] if i + 1 < len(toks) else ""
        if nxt in {"supported", "run", "backed", "funded"}:
            desc.add(t)  # the supporter in "MSF-supported"
            continue
        if t in DESCRIPTORS:
            desc.add(DESCRIPTOR_CANON.get(t, t))
            continue
        if place_words and _is_place_token(t, place_words):
            continue
        if len(t) == 1 and not t.isdigit():
            continue
        core.add(t)
    # A possessive town name ("Kafranbel's hospital") is folded into the token; keep it as is.
    return NameInfo(
        raw=name,
        core=frozenset(core),
        descriptors=frozenset(desc),
        kind=kind,
        place_hint=place_hint,
        aliases=aliases,
    )


def cores_match(a: frozenset[str], b: frozenset[str]) -> bool:
    """Every token of the shorter core is in the longer one (spelling-tolerant)."""
    if not a or not b:
        return False
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return all(any(token_match(s, t) for t in large) for s in small)


def descriptors_match(a: frozenset[str], b: frozenset[str]) -> bool:
    if not a or not b:
        return False
    return len(a & b) * 2 >= max(len(a), len(b))


def names_match(a: NameInfo, b: NameInfo) -> str | None:
    """How two names agree: ``"core"``, ``"descriptors"``, or None. Place is checked elsewhere."""
    if cores_match(a.core, b.core):
        return "core"
    if not a.core and not b.core and descriptors_match(a.descriptors, b.descriptors):
        return "descriptors"
    return None


_AKA_RE = re.compile(
    r"(?:also |locally |commonly |widely |popularly |better |previously |formerly )?"
    r"(?:known as|referred to as|nicknamed|dubbed|code-?named|called)\s+"
    r"[\"“']?((?:the\s+)?[^\"”.,;:()\n]{2,60}?)[\"”']?(?=\s*(?:[.,;:()\n]|$|\s(?:as|because|which|since|and|or)\s))",
    re.IGNORECASE,
)


def aliases_from_text(text: str) -> list[str]:
    """Other names a report gives a facility: "also known as the cave hospital", "code-named M10"."""
    out: list[str] = []
    for m in _AKA_RE.finditer((text or "")[:5000]):
        alias = re.sub(r"\s+", " ", m.group(1)).strip()
        if alias and len(alias.split()) <= 7 and alias.lower() not in {"the", "a"}:
            out.append(alias)
    return out
