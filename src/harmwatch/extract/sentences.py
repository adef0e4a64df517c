"""Reading sentences: what each sentence of a report says, before any grouping.

Every later stage (grouping, cause, doers, tolls, facilities) decides from these
per-sentence records, so each sentence is read once, here, and the costly rules
run only behind a cheap test for attack words: most sentences of a long report
say nothing about an attack. Places are the exception to "one sentence at a
time": the gazetteer reads the report once, in chunks of whole sentences, which
keeps its memory bounded and its work linear, and each sentence gets its share.

``SentenceInfo`` and ``Draft`` (the sentences that will become one incident)
live here because every other stage of the extractor passes them around.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from harmwatch.extract.actors import ActorMention, actor_statements, find_actor_mentions, score_doers
from harmwatch.extract.casualties import Casualty, find_casualties, find_rest_clause
from harmwatch.extract.dates import DateExpr, find_date_expressions
from harmwatch.extract.lexicon import FACILITY_ANY_LOW, WEAPON_ANY_LOW, WEAPON_PATTERNS
from harmwatch.extract.places import PlaceMention, foreign_context
from harmwatch.extract.text import Sentence, lower_ascii, lowered
from harmwatch.models import Place, Span

# The gazetteer reads a long report in chunks of whole sentences of about this size.
GEO_CHUNK = 60_000

_TRANSITION = re.compile(
    # a live blog's timestamped entry ("13:05 - ...", "09:30 GMT: ...") is a new item
    r"^\W*(?:\d{1,2}[:.]\d{2}\s*(?:gmt|utc|local(?:\s+time)?|am|pm)?\s*[-\u2013\u2014:|]"
    r"|elsewhere|meanwhile|separately|in\s+(?:a\s+)?(?:separate|another|other|related)\b|also\s+on\b"
    r"|in\s+the\s+meantime|on\s+the\s+other\s+hand|in\s+addition|additionally|earlier\s+on\s+\w+day"
    r"|(?:hours|minutes|a\s+day|days|a\s+week|weeks)\s+later\b"
    r"|(?:the|this|that|it)\s+(?:\w+\s+){0,2}(?:came|comes|occurred|happened)\s+(?:as|after|a\s+day|days|hours|a\s+week"
    r"|one\s+day|two\s+days|shortly)"
    r"|in\s+(?:a\s+|the\s+)?(?:second|third|similar)\s+(?:attack|incident|strike))",
    re.I,
)
_BACKGROUND = re.compile(
    r"\b(?:since\s+the\s+(?:start|beginning|outbreak|onset)\s+of|since\s+(?:march\s+)?2011|the\s+(?:war|conflict"
    r"|uprising|crisis)\s+(?:has|have|had|began|erupted|started|broke)|in\s+recent\s+(?:months|years|weeks)"
    r"|ha(?:s|ve)\s+(?:repeatedly|previously|long|frequently|often)|previously|in\s+the\s+past\b|years?\s+ago"
    r"|months\s+ago|the\s+(?:worst|deadliest)\s+(?:attack|incident|single)|is\s+home\s+to|turned\s+into\s+a"
    r"|the\s+(?:war|conflict)\s+in\s+syria\s+has|more\s+than\s+\d+\s+(?:years|months)|began\s+in\s+(?:march\s+)?2011"
    r"|(?:is|are)\s+(?:also\s+)?being\s+(?:targeted|bombed|hit|attacked|pounded)"
    r"|(?:is|was)\s+not\s+the\s+first|had\s+(?:already\s+|previously\s+)?been\s+(?:hit|bombed|struck|targeted|attacked"
    r"|shelled)|remains?\s+a\s+common|has\s+killed\s+(?:more\s+than|over|at\s+least|some|around|nearly)\s+[\d,]{5,})\b",
    re.I,
)


_GATE = re.compile(
    r"kill|dead|death|die|wound|injur|strik|struck|raid|shell|bomb|blast|explo|attack|missile|rocket|mortar"
    r"|artiller|execut|shot|shoot|gunfire|fire|clash|fight|battle|chemic|gas\b|gases|chlorine|sarin|toxic"
    r"|hospital|clinic|medical|health|ambulance|school|market|baker|mosque|camp|deni|deny|claim|blame|accus"
    r"|responsib|admit|acknowledg|toll|massacre|barrel|jet|plane|helicopter|drone|aircraft|victim|casualt"
    r"|martyr|slain|behead|rest\b|remainder|others\b|target|hit\b|hits\b|murder|slaughter|perish|lives"
    r"|throat|crucif|firing\s+squad|stoned|crash|downed|downing|hanged|hanging|grenade|howitzer|gunm"
    r"|eliminat|neutrali|liquidat|destroy",
    re.I,
)
_DATE_GATE = re.compile(
    r"\d|day|night|yesterday|today|morning|evening|week|month|year|jan|feb|mar|apr|may|jun|jul|aug|sep|oct"
    r"|nov|dec",
    re.I,
)
_STATEMENT_GATE = re.compile(
    r"deni|deny|claim|blame|accus|responsib|admit|acknowledg|said|video|footage", re.I
)


ATTACK_VERB = re.compile(
    r"\b(?:hit|hits|struck|strikes?|targeted|targeting|bombed|bombing|shelled|shelling|attacked|attack|raided"
    r"|pounded|dropped|fired|exploded|explosion|blast|detonated|killed|killing|kills|executed|destroyed|damaged"
    r"|stormed|massacre|wounded|injured|set\s+off|went\s+off|crashed|gassed|shot|beheaded|slit|crucified|hanged)\b",
    re.I,
)
# The same patterns for lower-cased text (see ``text.lowered``).
_GATE_L = lowered(_GATE)
_DATE_GATE_L = lowered(_DATE_GATE)
_STATEMENT_GATE_L = lowered(_STATEMENT_GATE)
# A deed that kills, told by its verb ("killed", "executed", "shot dead").
_KILLING_L = lowered(
    re.compile(
        r"\b(?:killed|kills|kill|executed|executes|execute|massacred|slaughtered|slaughters|slaughter|beheaded"
        r"|beheads|behead|assassinated|assassinates|assassinate|shot\s+dead|shoots?\s+dead|gunned\s+down"
        r"|guns?\s+down|murdered|murders|crucified|crucifies"
        r"|commit(?:s|ted)?\s+(?:(?:a|an|the|another|new|horrific|brutal|bloody)\s+){0,2}massacres?)\b",
        re.I,
    )
)
ATTACK_VERB_L = lowered(ATTACK_VERB)
_BACKGROUND_L = lowered(_BACKGROUND)


_TRANSITION_L = lowered(_TRANSITION)


@dataclass
class SentenceInfo:
    """What one sentence says, before sentences are grouped into incidents."""

    index: int
    sent: Sentence
    casualties: list[Casualty] = field(default_factory=list)
    types: list[tuple[str, str | None, int, int]] = field(default_factory=list)
    dates: list[DateExpr] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)
    statements: list[tuple[str, str]] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    rest: str | None = None
    background: bool = False
    transition: bool = False
    eventful: bool = False
    furniture: bool = False  # page furniture (tags, captions): not news
    gated: bool = False  # passed the cheap test for attack words: read in full
    headline: bool = False  # the title, or its copy at the top of the text
    virtual: bool = False  # read from the title argument, not from the text: no spans
    facilities: list[tuple[str, str | None, Span]] | None = None  # cache of facilities_in

    @property
    def event_dates(self) -> list[DateExpr]:
        return [d for d in self.dates if d.kind == "event" and d.date_start is not None]

    @property
    def own_casualties(self) -> list[Casualty]:
        return [c for c in self.casualties if not c.running]

    @property
    def event_places(self) -> list[PlaceMention]:
        return [
            p for p in self.places if p.role not in ("origin", "foreign", "government") and p.place.admin1
        ]


@dataclass
class Draft:
    sentences: list[SentenceInfo] = field(default_factory=list)
    context: list[SentenceInfo] = field(default_factory=list)
    type_sentence: SentenceInfo | None = None

    @property
    def date(self) -> DateExpr | None:
        """The incident's date: from the lead or a sentence with its own toll; a
        vaguer date ("last week") from a side sentence is more often background."""
        for i, s in enumerate(self.sentences):
            if s.event_dates and (i == 0 or s.own_casualties):
                return s.event_dates[0]
        for s in self.sentences:
            for d in s.event_dates:
                if d.precision == "day":
                    return d
        return None

    @property
    def admin1(self) -> str | None:
        for s in self.sentences:
            if s.event_places:
                return s.event_places[0].place.admin1
        return None


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


def mostly_inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    n = max(end - start, 1)
    covered = sum(max(0, min(end, b) - max(start, a)) for a, b in spans)
    return covered * 2 >= n


def read_sentence(i: int, s: Sentence, ref: dt.date | None, dateline: DateExpr | None) -> SentenceInfo:
    """Everything one sentence says except its places (those come from one pass per report)."""
    info = SentenceInfo(i, s)
    t = s.text
    # Most sentences of a long report say nothing about an attack: a cheap test
    # first, so the costly rules run only where they can pay.
    low = lower_ascii(t)
    if not _GATE_L.search(low):
        return info
    for m in WEAPON_ANY_LOW.finditer(low):
        if m.lastgroup is not None and not _not_a_means(low, m.start(), m.end()):
            etype, weapon, _p = WEAPON_PATTERNS[int(m.lastgroup[1:])]
            info.types.append((etype, weapon, m.start(), m.end()))
    if len(info.types) > 1:
        # A bare "was bombed" says only that something hit; a sentence that names the means keeps it.
        info.types = [ty for ty in info.types if low[ty[2] : ty[3]] != "bombed"] or info.types
    all_dates = find_date_expressions(t, s.start, ref) if _DATE_GATE_L.search(low) else []
    info.casualties = find_casualties(t, s.start, [(d.start - s.start, d.end - s.start) for d in all_dates])
    info.dates = [
        d
        for d in all_dates
        if not (dateline is not None and d.start < dateline.end and dateline.start < d.end)
    ]
    info.rest = find_rest_clause(t)
    # A bare "was bombed" makes an event of a sentence only where it names what was hit
    # ("the hospital was bombed again"); "rebel areas were bombed despite the truce" is a summary.
    attack_types = [
        ty
        for ty in info.types
        if ty[0] != "clash" and (low[ty[2] : ty[3]] != "bombed" or FACILITY_ANY_LOW.search(low))
    ]
    info.eventful = bool(info.own_casualties) or bool(attack_types and ATTACK_VERB_L.search(low))
    killing = _KILLING_L.search(low)
    if info.eventful or info.types or killing or _STATEMENT_GATE_L.search(low):
        victim_spans = [
            (c.span.start - s.start, max(c.noun_end, c.victim_end) - s.start) for c in info.casualties
        ]
        info.actors = score_doers(t, find_actor_mentions(t, low), victim_spans)
        info.statements = actor_statements(t, info.actors)
        if not info.eventful and killing:
            # "The army killed a terrorist commander": a named side that kills is an
            # event even when the dead are not counted.
            info.eventful = any(
                m.doer
                and m.score >= 0.9
                and not m.generic
                and m.actor != "unknown"
                and m.start < killing.start()
                for m in info.actors
            )
    info.background = bool(_BACKGROUND_L.search(low)) or (
        any(d.kind == "background" for d in info.dates) and not info.event_dates
    )
    info.transition = bool(_TRANSITION_L.match(low))
    info.gated = True
    return info


# A weapon named as equipment or stores ("vehicles equipped with machine guns",
# "machinegun-equipped trucks", "a mortar shell factory") is what was hit, not
# what killed.
_EQUIPMENT_AFTER_L = lowered(
    re.compile(
        r"\s*-\s*(?:equipped|mounted)\b|(?:\s+[\w-]+)?\s+(?:depots?|factor(?:y|ies)|plants?|workshops?"
        r"|warehouses?|caches?|stockpiles?|launch(?:ing)?\s+pads?)\b",
        re.I,
    )
)
_EQUIPMENT_BEFORE_L = lowered(
    re.compile(r"\b(?:equipped|fitted|mounted|loaded)\s+with\s+(?:[\w-]+\s+){0,2}$", re.I)
)


# "The army (also) strikes the militants' hideouts": "strike" as the verb of a
# ground force says it attacked, not that aircraft did.
_GROUND_STRIKES_BEFORE_L = lowered(
    re.compile(
        r"\b(?:army|armys|soldiers|troops|forces|units|fighters|militias?|rebels|militants)\s+"
        r"(?:(?:also|again|reportedly|continues\s+to|continue\s+to)\s+)?$",
        re.I,
    )
)
_STRIKES_OBJECT_L = lowered(
    re.compile(
        r"\s+(?:the|a|an|its|their|his|several|dozens|scores|hundreds|positions|targets|terrorists)\b", re.I
    )
)


def _not_a_means(low: str, start: int, end: int) -> bool:
    """Whether a weapon word names equipment hit, or is a ground force's verb "strikes"."""
    if (
        low.startswith("strike", start)
        and end - start <= 7
        and _GROUND_STRIKES_BEFORE_L.search(low, max(0, start - 40), start)
        and _STRIKES_OBJECT_L.match(low, end)
    ):
        return True
    return bool(
        _EQUIPMENT_AFTER_L.match(low, end) or _EQUIPMENT_BEFORE_L.search(low, max(0, start - 60), start)
    )


def attach_places(
    text: str, infos: list[SentenceInfo], finder: object, fspans: list[tuple[int, int]]
) -> None:
    """Geoparse the report once, in chunks of whole sentences, and give each sentence its places.

    A long report is cut at sentence ends into chunks of at most ``GEO_CHUNK``
    characters so that the gazetteer's memory stays bounded and the work linear;
    sentences that say nothing about an attack are blanked out (same length, so
    offsets hold) because their places could not become an event's.
    """
    todo = [x for x in infos if not x.furniture]
    i = 0
    while i < len(todo):
        j = i
        a = todo[i].sent.start
        while j < len(todo) and (j == i or todo[j].sent.end - a <= GEO_CHUNK):
            j += 1
        chunk_infos = todo[i:j]
        parts: list[str] = []
        pos = a
        for x in chunk_infos:
            parts.append(" " * (x.sent.start - pos))
            parts.append(x.sent.text if x.gated else " " * (x.sent.end - x.sent.start))
            pos = x.sent.end
        chunk = "".join(parts)
        try:
            mentions = sorted(finder.find(chunk), key=lambda m: m.start)  # type: ignore[attr-defined]
        except Exception:  # a geocoder bug must not lose the report
            mentions = []
        k = 0
        for x in chunk_infos:
            s0, s1 = x.sent.start - a, x.sent.end - a
            while k < len(mentions) and mentions[k].start < s0:
                k += 1
            kk = k
            while kk < len(mentions) and mentions[kk].start < s1:
                m = mentions[kk]
                kk += 1
                if fspans and _inside(m.start + a, fspans):
                    continue
                role = m.role
                t = x.sent.text
                rel = m.start - s0
                if role == "event" and foreign_context(t, rel):
                    role = "foreign"
                span = Span(m.start + a, m.end + a, text[m.start + a : m.end + a])
                x.places.append(
                    PlaceMention(m.start + a, m.end + a, m.surface, with_span(m.place, span), role, m.score)
                )
            k = kk
        i = j


def places_in(t: str, offset: int, finder: object) -> list[PlaceMention]:
    out: list[PlaceMention] = []
    try:
        mentions = finder.find(t)  # type: ignore[attr-defined]
    except Exception:  # a geocoder bug must not lose the report
        return out
    for m in mentions:
        role = m.role
        if role == "event" and foreign_context(t, m.start):
            role = "foreign"
        place = m.place
        span = Span(m.start + offset, m.end + offset, t[m.start : m.end])
        out.append(
            PlaceMention(m.start + offset, m.end + offset, m.surface, with_span(place, span), role, m.score)
        )
    return out


def with_span(place: Place, span: Span | None) -> Place:
    return Place(
        place.name,
        place.admin1,
        place.admin1_pcode,
        place.admin2,
        place.admin2_pcode,
        place.admin3,
        place.admin3_pcode,
        place.lat,
        place.lon,
        place.precision,
        place.country,
        span,
    )
