"""Governorate names as monitoring groups write them, resolved to OCHA admin1.

Bulletins name governorates in many ways: "Rif Dimashq", "#Rif_Dimashq",
"the Damascus countryside", "Reef Damascus", "Damascus Suburbs" all mean Rural
Damascus (SY03). Two jobs live here:

* :func:`spot_areas` finds governorate mentions in running text. It needs a
  lexicon of surface forms, so it carries the spellings below (facts: names
  and P-codes of the OCHA COD for Syria, 2016, attribution OCHA/HDX).
* :func:`resolve_governorate` turns a name into ``(OCHA English name, pcode)``.
  It asks the project gazetteer (:mod:`harmwatch.geo`), which also places
  districts and towns ("Douma", "Afrin") in their governorate. The table here
  only adds the spellings the gazetteer lacks ("Houran", "Edleb", "Tarsous"),
  and is the whole resolver if the gazetteer cannot be loaded.

"Damascus" plus a rural qualifier ("countryside", "suburbs", "rural", "Rif",
"Reef") is Rural Damascus; any other governorate with such a qualifier is the
governorate itself ("Idlib countryside" is Idleb).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

# OCHA English name, P-code, other spellings seen in English-language bulletins.
_GOVERNORATES: list[tuple[str, str, tuple[str, ...]]] = [
    ("Damascus", "SY01", ("damascus", "dimashq", "damascus city", "demashq", "dimashk")),
    ("Aleppo", "SY02", ("aleppo", "halab", "haleb", "aleppo city")),
    (
        "Rural Damascus",
        "SY03",
        (
            "rural damascus",
            "rif dimashq",
            "rif dimashk",
            "reef dimashq",
            "rif damascus",
            "reef damascus",
            "rief damascus",
            "rif demashq",
            "damascus countryside",
            "damascus suburbs",
            "damascus suburb",
            "suburbs of damascus",
            "countryside of damascus",
            "damascus countryside governorate",
            "damascus rural",
            "rural of damascus",
            "damascus reef",
            "damascus rif",
            "ghouta",
            "eastern ghouta",
            "western ghouta",
            "east ghouta",
            "west ghouta",
            "qalamoun",
        ),
    ),
    ("Homs", "SY04", ("homs", "hims", "hums")),
    ("Hama", "SY05", ("hama", "hamah", "hamaa", "hamat")),
    (
        "Lattakia",
        "SY06",
        (
            "lattakia",
            "latakia",
            "latakkia",
            "ladhiqiyah",
            "al ladhiqiyah",
            "lattaquie",
            "al lathqiyah",
            "lathqiyah",
            "latakiya",
            "lattakiya",
        ),
    ),
    ("Idleb", "SY07", ("idleb", "idlib", "edlib", "idlep", "edleb")),
    (
        "Al-Hasakeh",
        "SY08",
        (
            "al hasakeh",
            "hasakeh",
            "hasakah",
            "hasaka",
            "hassakeh",
            "hassakah",
            "hassaka",
            "al hasakah",
            "al hasaka",
            "al hassakeh",
            "hasake",
            "hasseke",
            "al hasakah governorate",
        ),
    ),
    (
        "Deir-ez-Zor",
        "SY09",
        (
            "deir ez zor",
            "deir ezzor",
            "deir el zor",
            "deir al zor",
            "deir al zour",
            "deir ez zour",
            "deir azzor",
            "deir ezzour",
            "dayr az zawr",
            "deirezzor",
            "deir el zour",
            "deir zor",
            "deir al zur",
            "deir ezor",
            "deir ez zur",
            "der ez zor",
            "deir elzor",
            "deir alzour",
        ),
    ),
    ("Tartous", "SY10", ("tartous", "tartus", "tartoos", "tarsous")),
    (
        "Ar-Raqqa",
        "SY11",
        (
            "ar raqqa",
            "raqqa",
            "raqqah",
            "al raqqa",
            "al raqqah",
            "rakka",
            "raqa",
            "ar raqqah",
            "al rakka",
            "arraqqa",
        ),
    ),
    (
        "Dar'a",
        "SY12",
        (
            "dar a",
            "daraa",
            "deraa",
            "dara a",
            "dera a",
            "dara",
            "der a",
            "deraa",
            "dar aa",
            "daraa governorate",
            "houran",
            "hauran",
        ),
    ),
    (
        "As-Sweida",
        "SY13",
        (
            "as sweida",
            "sweida",
            "suwayda",
            "suwaida",
            "al suwayda",
            "al suwaida",
            "sweyda",
            "swaida",
            "soueida",
            "as suwayda",
            "suwaydaa",
            "sweida a",
            "al sweida",
            "alsweida",
        ),
    ),
    (
        "Quneitra",
        "SY14",
        (
            "quneitra",
            "qunaitra",
            "kuneitra",
            "quneitrah",
            "al qunaytirah",
            "qunaytirah",
            "al quneitra",
            "qunitra",
        ),
    ),
]

# Qualifiers that, around "Damascus", mean Rural Damascus; around any other
# governorate they are dropped.
_RURAL = r"(?:countryside|suburbs?|rural|rif|reef|rief|outskirts|province|governorate|gov\.?)"

# Names that cover two governorates at once ("Damascus and its suburbs").
COMBINED: dict[str, tuple[str, ...]] = {"Damascus and Rural Damascus": ("SY01", "SY03")}


@dataclass(frozen=True)
class AreaMention:
    """A governorate named in a text, with where it was named."""

    start: int
    end: int
    text: str
    name: str
    pcode: str | None


def normalise(name: str) -> str:
    """Lowercase ASCII words: '#Rif_Dimashq' -> 'rif dimashq', "Dar'a" -> 'dar a'."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.lower().replace("_", " ").replace("#", " ")
    s = re.sub(r"[^a-z0-9]+", " ", s)
    return re.sub(r"\s+", " ", s).strip()


@lru_cache(maxsize=1)
def _alias_table() -> dict[str, tuple[str, str]]:
    table: dict[str, tuple[str, str]] = {}
    for eng, pcode, aliases in _GOVERNORATES:
        table[normalise(eng)] = (eng, pcode)
        for a in aliases:
            table[normalise(a)] = (eng, pcode)
    return table


def _fallback_admin1(name: str) -> tuple[str, str] | None:
    return _alias_table().get(normalise(name))


def _gazetteer() -> Any | None:
    """The project gazetteer, or None while :mod:`harmwatch.geo` is not installed."""
    try:
        from harmwatch.geo import get_gazetteer  # type: ignore[attr-defined,unused-ignore]
    except Exception:  # geo not there (yet), or broken: the table here still works
        return None
    try:
        return get_gazetteer()
    except Exception:
        return None


_STRIP_RE = re.compile(
    r"^(?:the|in|of)\s+|\s+(?:city|governorate|province|gov|region|area|areas|countryside|"
    r"suburbs?|rural|outskirts)$"
)
_PREFIX_RE = re.compile(
    r"^(?:rural|northern|southern|eastern|western|north|south|east|west|central|"
    r"north eastern|north western|south eastern|south western|northeast|northwest|"
    r"southeast|southwest)\s+"
)


@lru_cache(maxsize=4096)
def resolve_governorate(name: str) -> tuple[str, str] | None:
    """``(OCHA English name, admin1 pcode)`` for a governorate as written, or None.

    >>> resolve_governorate("#Rif_Dimashq")
    ('Rural Damascus', 'SY03')
    >>> resolve_governorate("Idlib countryside")
    ('Idleb', 'SY07')
    """
    n = normalise(name)
    if not n or len(n) > 80:
        return None
    if _is_rural_damascus(n):
        return _lookup("Rural Damascus") or ("Rural Damascus", "SY03")
    hit = _gazetteer_admin1(name.strip())  # the name as written ("Dar'a", "#Deir_ez-Zor")
    if hit is not None:
        return hit
    # Peel articles, directions and qualifiers until a name is known.
    for _ in range(4):
        hit = _lookup(n)
        if hit is not None:
            return hit
        stripped = _PREFIX_RE.sub("", _STRIP_RE.sub("", n)).strip()
        if stripped.startswith("al ") and _lookup(stripped[3:]) is not None:
            return _lookup(stripped[3:])
        if stripped == n:
            break
        n = stripped
    return None


def _is_rural_damascus(n: str) -> bool:
    return bool(
        re.fullmatch(rf"(?:the )?(?:{_RURAL} (?:of )?)?damascus(?: {_RURAL})?", n)
        and re.search(r"countryside|suburb|rural|rif|reef|rief|outskirts", n)
    )


def _gazetteer_admin1(name: str) -> tuple[str, str] | None:
    gaz = _gazetteer()
    if gaz is None:
        return None
    try:
        hit = gaz.admin1(name)
    except Exception:  # a gazetteer fault must not stop a bulletin being read
        return None
    return (str(hit[0]), str(hit[1])) if hit else None


def _lookup(n: str) -> tuple[str, str] | None:
    """The gazetteer first; this module's table adds spellings it lacks ("Houran", "Edleb")."""
    return _gazetteer_admin1(n) or _fallback_admin1(n)


# --- spotting governorates in running text --------------------------------------


def _alias_pattern(alias: str) -> str:
    # "dar a" must match "Dar'a", "Dar’a", "Dara"; "deir ez zor" matches "Deir ez-Zor", "Deir_ez_Zor".
    parts = [re.escape(p) for p in alias.split(" ")]
    return r"[\s_\-'’‘`]*".join(parts)


@lru_cache(maxsize=1)
def _spot_re() -> re.Pattern[str]:
    aliases = sorted(_alias_table(), key=len, reverse=True)
    alt = "|".join(_alias_pattern(a) for a in aliases)
    rural = r"(?:countryside|suburbs?|outskirts|rural|rif|reef|rief)"
    damascus = _alias_pattern("damascus")
    combined = (
        rf"(?P<combined>{damascus}\s+(?:and|&)\s+(?:its\s+)?(?:{rural}|{_alias_pattern('rif dimashq')}|"
        rf"{_alias_pattern('rural damascus')}))"
    )
    rural_dam = (
        rf"(?P<ruraldam>(?:(?:the\s+)?{damascus}[\s_\-]+{rural}\b)|(?:(?:the\s+)?{rural}[\s_\-]+(?:of\s+)?"
        rf"{damascus}))"
    )
    qualified = (
        rf"(?:(?:{rural}|northern|southern|eastern|western|north|south|east|west|central)[\s_\-]+)?"
        rf"(?P<core>(?:al[\s_\-]+|ar[\s_\-]+|as[\s_\-]+|el[\s_\-]+)?(?:{alt}))"
        rf"(?:['’]s)?(?:[\s_\-]+(?:city|governorate|province|countryside|suburbs|outskirts))?"
    )
    return re.compile(rf"(?<![\w])#?(?:{combined}|{rural_dam}|{qualified})(?![\w])", re.I)


def spot_areas(text: str) -> list[AreaMention]:
    """Every governorate mention in ``text``, left to right, longest first."""
    out: list[AreaMention] = []
    for m in _spot_re().finditer(text):
        surface = m.group(0)
        if m.group("combined"):
            out.append(AreaMention(m.start(), m.end(), surface, "Damascus and Rural Damascus", None))
            continue
        if m.group("ruraldam"):
            hit = resolve_governorate("rural damascus")
        else:
            core = m.group("core") or surface
            # A bare "Dara" or "Hama" inside a person's name is rare in bulletins;
            # "Golan" or "Houran" are regions, kept because groups use them as headings.
            hit = resolve_governorate(surface) or resolve_governorate(core)
        if hit is None:
            continue
        out.append(AreaMention(m.start(), m.end(), surface, hit[0], hit[1]))
    return out


def area_pcodes(name: str, pcode: str | None) -> tuple[str, ...]:
    """The admin1 pcodes an area line covers (two for "Damascus and its suburbs")."""
    if pcode:
        return (pcode,)
    return COMBINED.get(name, ())
