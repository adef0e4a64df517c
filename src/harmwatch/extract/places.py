"""A thin seam between extraction and ``harmwatch.geo``.

Extraction needs only "which places does this stretch of text mention, and in
which role". ``harmwatch.geo`` answers that with the full gazetteer. While it is
not importable (or fails), a small fallback that knows the 14 governorates and
their best-known towns keeps extraction working and says so in its notes.

Place facts in the fallback (names and OCHA P-codes) come from the OCHA common
operational dataset for Syria (HDX, attribution required).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

from harmwatch.models import Place

log = logging.getLogger(__name__)


@dataclass
class PlaceMention:
    """A place named in text; ``role`` is event|mentioned|foreign|origin|government."""

    start: int
    end: int
    surface: str
    place: Place
    role: str = "event"
    score: float = 1.0


class PlaceFinder(Protocol):
    name: str

    def find(self, text: str) -> list[PlaceMention]: ...


# OCHA admin1 names and P-codes.
GOVERNORATES: dict[str, str] = {
    "Damascus": "SY01",
    "Aleppo": "SY02",
    "Rural Damascus": "SY03",
    "Homs": "SY04",
    "Hama": "SY05",
    "Lattakia": "SY06",
    "Idleb": "SY07",
    "Al-Hasakeh": "SY08",
    "Deir-ez-Zor": "SY09",
    "Tartous": "SY10",
    "Ar-Raqqa": "SY11",
    "Dar'a": "SY12",
    "Quneitra": "SY13",
    "As-Sweida": "SY14",
}

# name variants -> admin1; the governorate seat first, then well-known towns.
_FALLBACK: dict[str, list[str]] = {
    "Damascus": [
        "damascus",
        "dimashq",
        "jobar",
        "qaboun",
        "barzeh",
        "yarmouk",
        "mezzeh",
        "bab tuma",
        "bab touma",
        "midan",
        "kafr sousa",
        "tadamon",
        "qadam",
    ],
    "Rural Damascus": [
        "rural damascus",
        "rif dimashq",
        "damascus countryside",
        "eastern ghouta",
        "east ghouta",
        "western ghouta",
        "ghouta",
        "douma",
        "harasta",
        "zamalka",
        "ain tarma",
        "arbin",
        "saqba",
        "hamouriyeh",
        "hamouria",
        "kafr batna",
        "daraya",
        "darayya",
        "moadamiyeh",
        "muadamiya",
        "zabadani",
        "madaya",
        "qalamoun",
        "yabroud",
        "sayyida zeinab",
        "sayyeda zeinab",
        "sayeda zeinab",
        "rankus",
        "qudsaya",
        "wadi barada",
        "khan al-shih",
        "babbila",
        "beit sahem",
        "jaramana",
        "erbin",
        "misraba",
        "nashabiyeh",
        "otaybah",
        "marj al-sultan",
        "deir al-asafir",
        "ain al-fijeh",
        "kisweh",
        "dumayr",
        "al-tal",
    ],
    "Aleppo": [
        "aleppo",
        "halab",
        "manbij",
        "al-bab",
        "azaz",
        "aazaz",
        "a'zaz",
        "jarablus",
        "afrin",
        "tal rifaat",
        "kobani",
        "kobane",
        "ain al-arab",
        "atareb",
        "anadan",
        "haritan",
        "safira",
        "deir hafer",
        "khan al-asal",
        "sheikh maqsoud",
        "salaheddin",
        "salah al-din",
        "bustan al-qasr",
        "masaken hanano",
        "sukkari",
        "shaar",
        "kallaseh",
        "hreitan",
        "tal rifat",
        "marea",
        "al-rai",
        "kafr hamra",
        "castello",
        "ramouseh",
        "hamdaniyeh",
        "khan touman",
        "zahraa",
        "nubl",
        "dabiq",
    ],
    "Idleb": [
        "idlib",
        "idleb",
        "khan sheikhoun",
        "khan shaykhun",
        "khan sheikhun",
        "khan shaikhoun",
        "maarat al-numan",
        "maaret al-numan",
        "marret numan",
        "maarrat al-numan",
        "maaret al-noaman",
        "saraqib",
        "ariha",
        "jisr al-shughour",
        "jisr al-shughur",
        "kafr nabl",
        "kafranbel",
        "binnish",
        "sarmada",
        "atmeh",
        "harem",
        "salqin",
        "taftanaz",
        "al-foua",
        "foua",
        "fuaa",
        "kefraya",
        "kafraya",
        "hass",
        "darkush",
        "kafr takharim",
        "abu al-duhur",
        "abu duhur",
        "maarat misrin",
        "sarmin",
        "jabal al-zawiya",
        "urum al-jawz",
        "dana",
        "kafr nubl",
        "maarrat misrin",
        "heish",
        "tamanaa",
    ],
    "Ar-Raqqa": [
        "raqqa",
        "raqa",
        "ar-raqqa",
        "al-raqqa",
        "tabqa",
        "tal abyad",
        "ain issa",
        "karama",
        "mansoura",
        "thawra",
    ],
    "Deir-ez-Zor": [
        "deir ezzor",
        "deir ez-zor",
        "deir el-zour",
        "deir al-zour",
        "deir ez zor",
        "deir ezzour",
        "deir al-zor",
        "deir ezzor",
        "mayadin",
        "mayadeen",
        "bukamal",
        "albu kamal",
        "abu kamal",
        "al-bukamal",
        "hajin",
        "muhasan",
        "deir el-zor",
        "deir-ez-zor",
        "deir al zour",
        "ashara",
        "al-qouriya",
        "deirezzor",
        "deir el zour",
        "deir al-zur",
    ],
    "Homs": [
        "homs",
        "palmyra",
        "tadmur",
        "tadmor",
        "rastan",
        "talbiseh",
        "al-waer",
        "alwaer",
        "waer",
        "qusayr",
        "houla",
        "shayrat",
        "qaryatayn",
        "al-qaryatain",
        "taldou",
        "mukharram",
        "tal kalakh",
        "al-sukhnah",
        "sukhnah",
        "akrama",
        "zahra",
    ],
    "Hama": [
        "hama",
        "latamneh",
        "lataminah",
        "kafr zita",
        "morek",
        "suran",
        "soran",
        "halfaya",
        "mhardeh",
        "salamiyeh",
        "salamiya",
        "qalaat al-madiq",
        "sahl al-ghab",
        "ghab plain",
        "kafr nabuda",
        "tremseh",
        "taybat al-imam",
        "khattab",
        "maardes",
        "aqrab",
        "mahardeh",
    ],
    "Al-Hasakeh": [
        "hasakeh",
        "hasaka",
        "hassakeh",
        "al-hasakah",
        "hasakah",
        "qamishli",
        "qamishlo",
        "ras al-ain",
        "shaddadi",
        "al-shaddadi",
        "tal tamr",
        "amuda",
        "malikiyeh",
        "derbasiyeh",
        "al-hol",
        "hol camp",
        "tal hamis",
    ],
    "Lattakia": [
        "latakia",
        "lattakia",
        "qardaha",
        "jableh",
        "kessab",
        "kassab",
        "rabia",
        "salma",
        "jabal al-akrad",
        "jabal al-turkman",
        "turkmen mountains",
    ],
    "Tartous": ["tartus", "tartous", "baniyas", "banias", "safita"],
    "Dar'a": [
        "daraa",
        "deraa",
        "dar'a",
        "busra al-sham",
        "bosra",
        "nawa",
        "inkhil",
        "sheikh maskin",
        "tafas",
        "jasim",
        "izraa",
        "deir al-adas",
        "al-harra",
        "daael",
        "tseel",
        "dael",
    ],
    "As-Sweida": ["sweida", "suwayda", "suweida", "as-sweida", "sweyda"],
    "Quneitra": [
        "quneitra",
        "qunaitra",
        "hader",
        "hadar",
        "khan arnabeh",
        "jubata al-khashab",
        "golan heights",
    ],
}
_FOREIGN = r"turkey|jordan|lebanon|iraq|israel|germany|europe|britain|france|russia|iran|egypt"
_FOREIGN_BEFORE = re.compile(
    rf"\b(?:in|to|into|across\s+the\s+border\s+(?:in|into|to))\s+(?:{_FOREIGN})\b", re.I
)
_ORIGIN_BEFORE = re.compile(
    r"(?:\bfrom|residents\s+of|natives?\s+of|evacuated\s+from|displaced\s+from|fled|fleeing|originally\s+from"
    r"|hail(?:ed|ing)\s+from)\s+(?:the\s+)?(?:\w+\s+){0,4}$",
    re.I,
)


class FallbackFinder:
    """Governorates and a few dozen towns; used only while ``harmwatch.geo`` is missing."""

    name = "fallback"

    def __init__(self) -> None:
        variants: list[tuple[str, str]] = []
        for admin1, names in _FALLBACK.items():
            for n in names:
                variants.append((n, admin1))
        variants.sort(key=lambda v: len(v[0]), reverse=True)
        self._lookup = {n: a for n, a in variants}
        alts = "|".join(re.escape(n).replace(r"\-", "[- ]?").replace(r"\ ", r"[\s-]+") for n, _ in variants)
        self._re = re.compile(rf"(?<![\w-])(?:al[- ])?(?P<name>{alts})(?:'?s)?(?![\w-])", re.I)

    def find(self, text: str) -> list[PlaceMention]:
        out: list[PlaceMention] = []
        for m in self._re.finditer(text):
            surface = m.group("name")
            key = re.sub(r"[\s-]+", " ", surface.lower())
            admin1 = None
            for n, a in self._lookup.items():
                if re.sub(r"[\s-]+", " ", n) == key:
                    admin1 = a
                    break
            if admin1 is None:
                continue
            is_gov = key in (admin1.lower(), re.sub(r"[\s-]+", " ", admin1.lower()))
            place = Place(
                name=surface if not is_gov else admin1,
                admin1=admin1,
                admin1_pcode=GOVERNORATES[admin1],
                precision="admin1" if is_gov else "town",
                country="SY",
            )
            role = "event"
            before = text[max(0, m.start() - 60) : m.start()]
            if _ORIGIN_BEFORE.search(before):
                role = "origin"
            out.append(PlaceMention(m.start(), m.end(), surface, place, role, 0.5))
        return out


# Descriptions that name a place without its name. The gazetteer matches names;
# news says "the Syrian capital" as often as "Damascus".
_DESCRIBED = [
    (
        re.compile(r"\b(?:the\s+)?(?:syrian|syria'?s)\s+capital\b(?!\s+(?:city\s+of\s+)?damascus)", re.I),
        "Damascus",
    ),
]


_SEAT_BEFORE = re.compile(
    r"\b(?:office|council|committee|directorate|coordinators?|network|union|governor|mayor|correspondent)"
    r"\s+(?:of|in|from)\s+(?:the\s+)?$",
    re.I,
)
_SIDE_BEFORE = re.compile(r"\b(?:pro|anti)-?\s?$", re.I)
# "despite Damascus promises of a truce", "Damascus denied": the capital's name
# standing for the government that sits there, not a place where something happened.
_SEAT_OF_POWER = frozenset({"damascus"})
_AS_GOVERNMENT_AFTER = re.compile(
    r"^(?:'?s)?\s+(?:promises?|promised|government|regime|authorities|ally|allies|officials?|said|says"
    r"|accused|accuses|denied|denies|announced|agreed|insisted|insists|claimed|claims|blamed|blames"
    r"|rejected|rejects|refused|refuses|wants|wanted|vowed|vows|warned|warns|pledged|demanded|demands)\b",
    re.I,
)
_NOT_THE_STATE = re.compile(
    r"(?:de\s+facto|self-?\s?(?:proclaimed|styled|declared)|so-?\s?called|its|their|group'?s|caliphate'?s"
    r"|militants'?|jihadists'?|\bis'?|isis'?|daesh'?)\s+$",
    re.I,
)


class GeoFinder:
    """Adapter over ``harmwatch.geo``'s gazetteer."""

    name = "harmwatch.geo"

    def __init__(self, gazetteer: Any) -> None:
        self._gaz = gazetteer
        self._described: dict[str, Place | None] = {}

    def _described_place(self, name: str) -> Place | None:
        if name not in self._described:
            try:
                place = self._gaz.resolve(name)
            except Exception:  # a geocoder bug must not lose the report
                place = None
            self._described[name] = place if place is not None and getattr(place, "admin1", None) else None
        return self._described[name]

    def find(self, text: str) -> list[PlaceMention]:
        out = self._find(text)
        for o in out:
            # "pro-Damascus media", "anti-Damascus rebels": a side, not a place
            if o.role == "event" and _SIDE_BEFORE.search(text[max(0, o.start - 6) : o.start]):
                o.role = "mentioned"
            elif (
                o.role in ("event", "mentioned")
                and o.surface.lower() in _SEAT_OF_POWER
                and _AS_GOVERNMENT_AFTER.search(text[o.end : o.end + 30])
            ):
                o.role = "government"
            # "the media office of Ashayer", "the local council of Douma": the seat of a source
            elif o.role == "event" and _SEAT_BEFORE.search(text[max(0, o.start - 40) : o.start]):
                o.role = "origin"
        for rx, name in _DESCRIBED:
            for m in rx.finditer(text):
                if _NOT_THE_STATE.search(text[max(0, m.start() - 30) : m.start()]):
                    continue  # "the group's de facto Syrian capital" is Raqqa, not Damascus
                clash = [o for o in out if o.start < m.end() and m.start() < o.end]
                if any(o.place.precision != "country" for o in clash):
                    continue
                out = [o for o in out if o not in clash]
                place = self._described_place(name)
                if place is not None:
                    out.append(PlaceMention(m.start(), m.end(), m.group(0), place, "event", 0.8))
        return out

    def _find(self, text: str) -> list[PlaceMention]:
        out: list[PlaceMention] = []
        for m in self._gaz.find_mentions(text):
            place = getattr(m, "place", None)
            if place is None:
                continue
            out.append(
                PlaceMention(
                    int(m.start),
                    int(m.end),
                    str(m.surface),
                    place,
                    str(getattr(m, "role", "event")),
                    float(getattr(m, "score", 1.0)),
                )
            )
        return out


@lru_cache(maxsize=1)
def get_finder() -> PlaceFinder:
    """The best place finder available: ``harmwatch.geo`` if it imports, else the fallback."""
    try:
        from harmwatch import geo

        gaz = geo.get_gazetteer()
        finder = GeoFinder(gaz)
        finder.find("Airstrikes hit Aleppo.")
        return finder
    except Exception as exc:  # geo missing or broken: extraction must still work
        log.info("harmwatch.geo unavailable (%s); using the governorate fallback", exc)
        return FallbackFinder()


def foreign_context(text: str, start: int) -> bool:
    """True when a mention sits in a phrase about a place abroad ("treated in Turkey")."""
    return bool(_FOREIGN_BEFORE.search(text[max(0, start - 40) : start + 40]))
