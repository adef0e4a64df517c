"""Reading the descriptive words around a place name.

Place strings rarely come bare. UCDP writes "Western Deir ez Zor governorate",
"Maarrat al-Numan town" and "Tall Tawil (Tall Tamr area) village"; reports write
"the northern Hama countryside", "Idlib's southern countryside", "#Rif_Dimashq",
"near the town of Kafr Nabl" or "Tadmur/Palmyra". ``parse`` splits such a string into
the names to look up and what the words around them say about the kind of place
(a governorate, a district, a settlement) and about a compass sector.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# What a descriptor word says about the place kind. Values are "kind classes" the
# gazetteer understands: admin1, admin2, admin3, settlement, village (a settlement that is
# not a city), neighbourhood, area, countryside.
_SUFFIX_KIND: dict[str, str] = {
    "governorate": "admin1",
    "province": "admin1",
    "governate": "admin1",
    "muhafaza": "admin1",
    "muhafazat": "admin1",
    "region": "area",
    "district": "admin2",
    "mantiqa": "admin2",
    "mantiqat": "admin2",
    "subdistrict": "admin3",
    "sub-district": "admin3",
    "nahiya": "admin3",
    "nahia": "admin3",
    "town": "settlement",
    "city": "settlement",
    "village": "village",
    "hamlet": "village",
    "villages": "settlement",
    "towns": "settlement",
    "township": "settlement",
    "farms": "settlement",
    "suburb": "settlement",
    "suburbs": "countryside",
    "outskirts": "settlement",
    "camp": "settlement",
    "neighbourhood": "neighbourhood",
    "neighborhood": "neighbourhood",
    "quarter": "neighbourhood",
    "neighbourhoods": "neighbourhood",
    "neighborhoods": "neighbourhood",
    "area": "area",
    "areas": "area",
    "countryside": "countryside",
    "countrysides": "countryside",
    "plain": "area",
    "plains": "area",
    "mountain": "area",
    "mountains": "area",
    "valley": "area",
    "desert": "area",
    "border": "area",
    "front": "area",
    "frontline": "area",
    "axis": "area",
    "environs": "countryside",
    "surroundings": "countryside",
    "vicinity": "settlement",
    "rural": "countryside",
    "countyside": "countryside",
}
_PREFIX_KIND: dict[str, str] = {
    "town": "settlement",
    "city": "settlement",
    "village": "village",
    "villages": "settlement",
    "province": "admin1",
    "governorate": "admin1",
    "district": "admin2",
    "subdistrict": "admin3",
    "countryside": "countryside",
    "outskirts": "settlement",
    "suburbs": "countryside",
    "neighbourhood": "neighbourhood",
    "neighborhood": "neighbourhood",
    "area": "area",
    "region": "area",
    "camp": "settlement",
    "vicinity": "settlement",
    "environs": "countryside",
    "rif": "countryside",
    "reef": "countryside",
    "rural": "countryside",
}
_DIRECTIONS: dict[str, str] = {
    "north": "northern",
    "northern": "northern",
    "south": "southern",
    "southern": "southern",
    "east": "eastern",
    "eastern": "eastern",
    "west": "western",
    "western": "western",
    "northeast": "north-eastern",
    "north-east": "north-eastern",
    "northeastern": "north-eastern",
    "north-eastern": "north-eastern",
    "northwest": "north-western",
    "north-west": "north-western",
    "northwestern": "north-western",
    "north-western": "north-western",
    "southeast": "south-eastern",
    "south-east": "south-eastern",
    "southeastern": "south-eastern",
    "south-eastern": "south-eastern",
    "southwest": "south-western",
    "south-west": "south-western",
    "southwestern": "south-western",
    "south-western": "south-western",
}
_FILLER = {
    "the",
    "of",
    "in",
    "near",
    "nearby",
    "around",
    "at",
    "on",
    "outside",
    "inside",
    "central",
    "rebel-held",
    "opposition-held",
    "regime-held",
    "government-held",
    "besieged",
    "greater",
    "city",
    "town",
    "village",
    "part",
    "parts",
    "its",
    "from",
    "to",
    "and",
    "de",
    "du",
    "la",
    "countryside",
    "province",
    "governorate",
    "area",
    "district",
    "entire",
    "whole",
    "rural",
    "rif",
    "reef",
    "outskirts",
    "suburbs",
    "vicinity",
    "environs",
    "region",
}
_NEAR_WORDS = (
    "near",
    "outside",
    "outskirts of",
    "around",
    "close to",
    "vicinity of",
    "west of",
    "east of",
    "north of",
    "south of",
    "northwest of",
    "northeast of",
    "southwest of",
    "southeast of",
    "north-west of",
    "north-east of",
    "south-west of",
    "south-east of",
)


# Words that qualify a settlement's name ("Qastun al-Gharbi" = western Qastun, "Baghuz
# Fawqani" = upper Baghuz). When the full name is unknown, the bare name is the same
# locality give or take a few kilometres.
MODIFIERS = frozenset(
    {
        "gharbi",
        "gharbiya",
        "gharbiyah",
        "gharbiyeh",
        "sharqi",
        "sharqiya",
        "sharqiyah",
        "sharqiyeh",
        "shamali",
        "shamaliya",
        "janubi",
        "janubiya",
        "kabir",
        "kabira",
        "kabirah",
        "kubra",
        "saghir",
        "saghira",
        "saghirah",
        "sughra",
        "fawqani",
        "fouqani",
        "tahtani",
        "jadid",
        "jadida",
        "jadidah",
        "qadim",
        "qadima",
        "western",
        "eastern",
        "northern",
        "southern",
        "upper",
        "lower",
        "new",
        "old",
        "big",
        "small",
        "greater",
    }
)


_ALL_WORDS = (
    frozenset(_SUFFIX_KIND)
    | frozenset(_PREFIX_KIND)
    | frozenset(_DIRECTIONS)
    | frozenset(w for phrase in _NEAR_WORDS for w in phrase.split())
    | {
        "the",
        "of",
        "in",
        "a",
        "military",
        "refugee",
        "displacement",
        "idp",
        "idps",
        "air",
        "army",
        "between",
        "oil",
        "gas",
        "field",
    }
)


@dataclass
class Query:
    """A place string taken apart: the names to try, in order, and what was said about them."""

    raw: str
    names: list[str] = field(default_factory=list)
    kind: str | None = None  # admin1|admin2|admin3|settlement|village|neighbourhood|area|countryside
    direction: str | None = None  # "northern", "south-western", ...
    near: bool = False  # "near X", "outskirts of X": X is a reference point
    context: list[str] = field(default_factory=list)  # "(Tall Tamr area)" -> ["Tall Tamr"]
    # what the descriptor word of each context part said ("(Raqqa governorate)" -> "admin1")
    context_kinds: list[str | None] = field(default_factory=list)
    between: bool = False  # "between X and Y": names holds both ends


_HASHTAG = re.compile(r"#(\w+)")
_SPECIAL = re.compile(r"[#_()/'’,]")
_INNER_NEAR = re.compile(
    r"\b(?:near|outside|nearby|close to|outskirts of|on the outskirts of|"
    r"(?:north|south|east|west)(?:-?(?:east|west))? of)\s+(?:the\s+)?",
    re.IGNORECASE,
)
_POSSESSIVE = re.compile(r"(\w)['’]s\b")
_PAREN = re.compile(r"\(([^()]*)\)")
_BETWEEN = re.compile(r"\bbetween\s+(?:the\s+)?(.+?)\s+and\s+(?:the\s+)?(.+)$", re.IGNORECASE)
_CONTEXT_LEAD = re.compile(r"^\s*(?:in|of|at|near|inside|within|the)\s+", re.IGNORECASE)


def _add_context(q: Query, text: str) -> None:
    """One bracketed or comma-separated qualifier: its name and what kind it says it is."""
    inner = text.strip()
    while True:
        m = _CONTEXT_LEAD.match(inner)
        if not m:
            break
        inner = inner[m.end() :]
    if not inner or len(inner) > 80:
        return
    sub = parse(inner)
    name = sub.names[0] if sub.names else ""
    if not name:
        return
    q.context.append(name)
    q.context_kinds.append(sub.kind)


def parse(text: str) -> Query:
    """Split a place string into lookup names plus descriptor information.

    >>> q = parse("Western Deir ez Zor governorate"); (q.names, q.kind, q.direction)
    (['Deir ez Zor'], 'admin1', 'western')
    >>> parse("#Rif_Dimashq").names
    ['Rif Dimashq']
    """
    q = Query(raw=text)
    s = text.strip()
    # fast path: a bare name with no descriptor, direction, hashtag, bracket or alternative
    if s and not _SPECIAL.search(s):
        lows = s.lower().split()
        if _ALL_WORDS.isdisjoint(lows):
            q.names = [s]
            return q
        # "Jallayn town", "Abu Juraif village": a bare name and one trailing descriptor
        if len(lows) > 1 and lows[-1] in _SUFFIX_KIND and _ALL_WORDS.isdisjoint(lows[:-1]):
            q.names = [s.rsplit(None, 1)[0].strip()]
            q.kind = _SUFFIX_KIND[lows[-1]]
            return q
    s = _HASHTAG.sub(lambda m: m.group(1).replace("_", " "), s)
    s = s.replace("_", " ")
    for m in _PAREN.finditer(s):
        _add_context(q, m.group(1))
    s = _PAREN.sub(" ", s)
    # "X village, Idlib governorate", "Kafr Nabl, in rural Idlib": the parts after a comma
    # say where X lies; they are context, not alternatives.
    if "," in s:
        head, *rest = s.split(",")
        if head.strip() and rest:
            for part in rest:
                _add_context(q, part)
            s = head
    # "between As Sukhnah and Tadmur", "road between X and Y"
    bm = _BETWEEN.search(s)
    if bm:
        ends = [parse(bm.group(1)), parse(bm.group(2))]
        if all(e.names for e in ends):
            q.between = True
            q.near = True
            q.names = [ends[0].names[0], ends[1].names[0]]
            return q
    s = _POSSESSIVE.sub(r"\1", s)
    # "Field outside Ein Issa town", "farmland near Kafr Nabl": the reference place follows.
    inner_near = _INNER_NEAR.search(s)
    if inner_near and inner_near.start() > 0:
        q.near = True
        s = s[inner_near.end() :]
    if "/" in s:
        # "Gassanieh town/Inkizik town", "Tadmur/Palmyra": parse each alternative
        alts = [parse(a) for a in s.split("/") if a.strip()]
        if len(alts) > 1:
            for a in alts:
                q.names += [n for n in a.names if n not in q.names]
                q.kind = q.kind or a.kind
                q.direction = q.direction or a.direction
            return q
    s = re.sub(r"\s+", " ", s).strip(" ,.;:-")
    low = s.lower()
    for w in _NEAR_WORDS:
        if low.startswith(w + " "):
            q.near = True
            s = s[len(w) + 1 :]
            low = s.lower()
            break
    words = s.split(" ")
    # leading "the", directions, descriptor prefixes ("the town of", "countryside of", "Rif")
    changed = True
    while changed and len(words) > 1:
        changed = False
        w = words[0].lower().strip(",")
        if w in ("the", "of", "in", "a"):
            words = words[1:]
            changed = True
        elif w in _DIRECTIONS:
            q.direction = q.direction or _DIRECTIONS[w]
            words = words[1:]
            changed = True
        elif (
            w in _PREFIX_KIND
            and len(words) > 1
            and (words[1].lower() == "of" or w in ("rif", "reef", "rural", "countryside"))
        ):
            # "town of X" / "countryside of X"; "Rif Dimashq" keeps its name (aliases know it)
            if w in ("rif", "reef", "rural"):
                # "Rif Dimashq" is a name in its own right; "rural Idlib" is Idlib's countryside.
                q.names = [" ".join(words[1:])]
                q.kind = q.kind or "countryside"
                break
            q.kind = q.kind or _PREFIX_KIND[w]
            words = words[1:]
            changed = True
    # trailing descriptor words ("X governorate", "X countryside", "X town", "X northern countryside")
    while len(words) > 1:
        w = words[-1].lower().strip(",.")
        if w in _SUFFIX_KIND:
            kind = _SUFFIX_KIND[w]
            if q.kind is None or (q.kind in ("settlement", "village") and kind in ("admin1", "countryside")):
                q.kind = kind
            words = words[:-1]
        elif w in _DIRECTIONS and q.kind in ("countryside", "admin1", "area", None) and len(words) > 1:
            q.direction = q.direction or _DIRECTIONS[w]
            words = words[:-1]
        elif w in ("military", "refugee", "displacement", "idp", "idps", "air", "army", "oil", "gas"):
            words = words[:-1]
        else:
            break
    core = " ".join(words).strip(" ,.;:-")
    if not core:
        return q
    rest = q.names
    q.names = []
    q.names = [core]
    q.names += [r for r in rest if r not in q.names]
    return q
