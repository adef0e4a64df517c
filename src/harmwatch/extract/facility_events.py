"""Facility events: what one report says happened to each hospital, school or market it names.

The facility registry (:mod:`harmwatch.facilities`) keeps a status timeline per
facility and needs one statement per facility per incident, not one per
mention: a page about one strike names its hospital many times, mostly as "the
hospital", and also names hospitals abroad where the wounded were taken. This
module finds the facilities a sentence names (also used for an incident's
targets), reads each mention's status from the words nearest to it, and folds
the mentions of one incident into one event per facility.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from harmwatch.extract.lexicon import FACILITY_ANY_LOW, FACILITY_PATTERNS, HEALTH_KINDS
from harmwatch.extract.sentences import Draft, SentenceInfo
from harmwatch.extract.text import lower_ascii, lowered
from harmwatch.models import FacilityEvent, Incident, Place, Span

_FAC_STATUS: list[tuple[str, re.Pattern[str]]] = [
    (
        "destroyed",
        re.compile(
            r"\b(?:destroyed|destroying|razed|reduced\s+to\s+rubble|levell?ed|flattened"
            r"|completely\s+(?:destroyed|demolished)|demolished|obliterated)\b",
            re.I,
        ),
    ),
    (
        "out_of_service",
        re.compile(
            r"\b(?:out\s+of\s+(?:service|action|operation|commission)|stopped\s+(?:working"
            r"|functioning|operating)|ceased\s+(?:to\s+)?(?:function|operat|work)\w*"
            r"|forced\s+to\s+(?:close|shut|suspend)|shut\s+down|closed|suspended"
            r"|no\s+longer\s+(?:functioning|operating|working|operational)|non-?functional"
            r"|not\s+functioning|unable\s+to\s+operate)\b",
            re.I,
        ),
    ),
    ("evacuated", re.compile(r"\bevacuat(?:ed|ing|ion)\b", re.I)),
    (
        "relocated",
        re.compile(
            r"\b(?:moved\s+underground|relocated|moved\s+to|transferred\s+to\s+a\s+new"
            r"|re-?established\s+(?:in|at))\b",
            re.I,
        ),
    ),
    (
        "functioning",
        re.compile(
            r"\b(?:reopened|re-opened|resumed|back\s+in\s+service|still\s+(?:functioning"
            r"|operating|working|open)|operational|functioning|continues?\s+to\s+(?:operate"
            r"|function|work)|received|receiving|treated|admitted|was\s+treating|were\s+treated"
            r"|crowded|overwhelmed)\b",
            re.I,
        ),
    ),
    (
        "damaged",
        re.compile(
            r"\b(?:damaged|damaging|hit|struck|targeted|targeting|bombed|shelled|attacked|raided"
            r"|strikes?\s+on|attacks?\s+on|bombing\s+of|shelling\s+of|blast\s+at|explosion\s+at"
            r"|partially|was\s+hit|were\s+hit|fire\s+at)\b",
            re.I,
        ),
    ),
]
_FAC_NAME_BEFORE = re.compile(
    r"(?P<name>(?:(?:[A-Z][\w'’-]*|al-[A-Z][\w'-]*|al|el|bin|of|the)\s+){0,4}?(?:[A-Z][\w'’-]*|M\d{1,2}))\s*$"
)
_FAC_NAME_AFTER = re.compile(
    r"^\s+(?:of|in)\s+(?P<name>(?:al-|el-)?[A-Z][\w'’-]*(?:\s+(?:al-)?[A-Z][\w'’-]*){0,3})"
)
_FAC_CODE = re.compile(r"\b(?P<code>M\d{1,2})\b")
# Words of a person's title or role that may precede a facility's name.
_TITLE_WORDS = {
    "managing",
    "director",
    "manager",
    "head",
    "chief",
    "staff",
    "doctor",
    "dr",
    "nurse",
    "spokesman",
    "spokeswoman",
    "official",
    "administrator",
    "employee",
    "worker",
    "patient",
    "member",
}
_NAME_STOP = {
    "the",
    "a",
    "an",
    "its",
    "their",
    "his",
    "her",
    "this",
    "that",
    "syrian",
    "syrias",
    "syria's",
    "main",
    "only",
    "in",
    "on",
    "at",
    "of",
    "al",
    "el",
    "bin",
    "local",
    "one",
    "two",
    "three",
    "another",
    "nearby",
    "largest",
    "biggest",
    "last",
    "second",
    "makeshift",
    "field",
    "children's",
    "childrens",
    "maternity",
    "military",
    "national",
    "general",
    "central",
    "public",
    "private",
    "many",
    "several",
    "other",
    "all",
    "both",
    "some",
    "tuesday",
    "monday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "when",
    "after",
    "while",
}
_ABROAD = re.compile(
    r"\b(?:in|to|into|across\s+the\s+border\s+(?:in|into|to))\s+(?:neighbou?ring\s+)?(?:turkey|jordan|lebanon|iraq"
    r"|israel|germany|europe)\b|\b(?:turkish|jordanian|lebanese|israeli)\s+hospitals?\b",
    re.I,
)
_PLURAL_GENERIC = re.compile(
    r"\b(?:hospitals|clinics|schools|markets|mosques|bakeries|camps|facilities|ambulances)\b", re.I
)


def facilities_in(s: SentenceInfo, text: str) -> list[tuple[str, str | None, Span]]:
    """Facilities the sentence names, as (kind, name, span); read once per sentence."""
    if s.facilities is not None:
        return s.facilities
    t = s.sent.text
    out: list[tuple[str, str | None, Span]] = []
    for m in FACILITY_ANY_LOW.finditer(lower_ascii(t)):
        if m.lastgroup is None:
            continue
        kind = FACILITY_PATTERNS[int(m.lastgroup[1:])][0]
        name = _facility_name(t, m.start(), m.end(), kind)
        start, end = m.start(), m.end()
        if name:
            ni = t.rfind(name, 0, end + len(name) + 5)
            if ni >= 0:
                start, end = min(start, ni), max(end, ni + len(name))
        out.append((kind, name, Span(s.sent.start + start, s.sent.start + end, t[start:end])))
    s.facilities = out
    return out


def _facility_name(t: str, start: int, end: int, kind: str) -> str | None:
    """The facility's own name around its noun, or None for a bare "the hospital".

    A plural noun ("one of Hama's hospitals") names no single facility.
    """
    before = t[max(0, start - 60) : start]
    noun = t[start:end]
    if _PLURAL_GENERIC.fullmatch(noun):
        return None
    m = _FAC_NAME_BEFORE.search(before)
    if m:
        words = m.group("name").split()
        # "Managing Director of the Central hospital": the name is what follows
        # the last "of"; what comes before it is a person's title or a larger phrase.
        low_words = [w.lower() for w in words]
        if "of" in low_words:
            words = words[len(low_words) - low_words[::-1].index("of") :]
        while words and words[0].lower() in _NAME_STOP:
            words = words[1:]
        while words and words[0].lower().rstrip("s") in _TITLE_WORDS:
            words = words[1:]
        # A single capitalised word opening the sentence is not a name ("Hospitals were hit").
        # An Arabic article marks a name even there ("Al-Quds hospital was destroyed").
        at_start = (
            len(words) == 1
            and not before[: before.rfind(words[0])].strip()
            and not re.match(r"(?:al|el|ar|an|as|ad|ash|az|at)-", words[0], re.I)
        )
        if words and not at_start and not all(w.lower() in _NAME_STOP for w in words):
            return f"{' '.join(words)} {noun}"
    a = _FAC_NAME_AFTER.match(t[end : end + 60])
    if a and kind in HEALTH_KINDS and not noun.lower().endswith("s"):
        pre = re.search(r"((?:national|general|central|main|public|children'?s|maternity)\s+)$", before, re.I)
        return f"{pre.group(1) if pre else ''}{noun}{t[end : end + a.end()]}".strip()
    code = _FAC_CODE.search(t[max(0, start - 30) : end + 30])
    if code and kind in HEALTH_KINDS:
        return code.group("code")
    return None


_FAC_STATUS_L = [(status, lowered(rx)) for status, rx in _FAC_STATUS]


def _facility_status(t: str, start: int, end: int) -> str:
    best: tuple[int, str] | None = None
    low = lower_ascii(t)
    for status, rx in _FAC_STATUS_L:
        for m in rx.finditer(low):
            dist = m.start() - end if m.start() >= end else start - m.end()
            if best is None or dist < best[0]:
                best = (dist, status)
    if best is None or best[0] > 160:
        return "unknown"
    return best[1]


_STATUS_RANK = {
    "destroyed": 6,
    "out_of_service": 5,
    "evacuated": 4,
    "relocated": 3,
    "damaged": 2,
    "functioning": 1,
    "unknown": 0,
}
_KIND_WORDS = re.compile(
    r"\b(?:the|a|an|of|in|at|al|el|hospitals?|clinics?|field|makeshift|underground|cave|medical|health|centers?"
    r"|centres?|points?|facilit(?:y|ies)|complex|posts?|dispensar(?:y|ies)|schools?|markets?|mosques?"
    r"|baker(?:y|ies)|camps?|ambulances?)\b",
    re.I,
)
_HEALTH_FAMILY = {"hospital": "health", "field_hospital": "health", "clinic": "health"}


@dataclass
class _FacMention:
    sent: SentenceInfo
    kind: str
    name: str | None
    span: Span
    status: str
    idx: int | None


def _name_tokens(name: str) -> frozenset[str]:
    """Distinctive words of a facility name: "the national hospital of Marret Numan" gives marret, numan."""
    folded = re.sub(r"['’`]", "", name.lower())
    folded = _KIND_WORDS.sub(" ", folded)
    return frozenset(w for w in re.findall(r"[a-z0-9]+", folded) if len(w) > 1)


def facility_events(
    infos: list[SentenceInfo], drafts: list[Draft], incidents: list[Incident], text: str
) -> list[FacilityEvent]:
    """One facility event per facility per incident.

    A page about one attack names its hospital many times, mostly as "the
    hospital"; the facility registry needs what the report says about each
    facility, not each mention. Mentions are grouped by incident: names whose
    distinctive words are contained in one another are one facility; unnamed
    mentions go to the incident's only named facility of the same kind, or else
    form one unnamed facility of that kind. Each event keeps the most severe
    status the report gives, with that sentence as its quote, and the most
    precise place named where the facility is.
    """
    owner: dict[int, int] = {}
    for i, d in enumerate(drafts):
        for s in [*d.sentences, *d.context]:
            owner[s.index] = i
    mentions: list[_FacMention] = []
    for s in infos:
        if s.background or s.furniture:
            continue
        t = s.sent.text
        for kind, name, span in facilities_in(s, text):
            if kind not in HEALTH_KINDS and kind not in ("school", "market", "bakery", "mosque", "camp"):
                continue
            rel_s, rel_e = span.start - s.sent.start, span.end - s.sent.start
            if _ABROAD.search(t[max(0, rel_s - 50) : rel_e + 50]) or _abroad_place(s, span):
                continue
            if name is None and _PLURAL_GENERIC.search(t[rel_s:rel_e]):
                continue
            if kind not in HEALTH_KINDS and not s.eventful:
                continue
            status = _facility_status(t, rel_s, rel_e)
            mentions.append(_FacMention(s, kind, name, span, status, owner.get(s.index)))
    # group per incident, keeping the order of first mention
    groups: list[list[_FacMention]] = []
    by_idx: dict[int | None, list[list[_FacMention]]] = {}
    unnamed: list[_FacMention] = []
    # distinct name keys per group (a long page repeats the same few names many times)
    keys: dict[int, set[frozenset[str]]] = {}
    for m in mentions:
        if m.name is None:
            unnamed.append(m)
            continue
        toks = _name_tokens(m.name)
        fam = _HEALTH_FAMILY.get(m.kind, m.kind)
        for g in by_idx.get(m.idx, []):
            if _HEALTH_FAMILY.get(g[0].kind, g[0].kind) != fam:
                continue
            gk = keys[id(g)]
            if toks in gk or any(_same_name(toks, k) for k in gk):
                g.append(m)
                gk.add(toks)
                break
        else:
            g = [m]
            groups.append(g)
            keys[id(g)] = {toks}
            by_idx.setdefault(m.idx, []).append(g)
    for m in unnamed:
        fam = _HEALTH_FAMILY.get(m.kind, m.kind)
        cands = [g for g in by_idx.get(m.idx, []) if _HEALTH_FAMILY.get(g[0].kind, g[0].kind) == fam]
        # "the hospital" is the named hospital; a bare "medical facility" may be
        # any named health facility; a field hospital is never the hospital.
        # (a group is named exactly when it was opened by a named mention: it has keys)
        named = [g for g in cands if id(g) in keys and g[0].kind == m.kind]
        if not named and m.kind == "clinic":
            named = [g for g in cands if id(g) in keys]
        if len(named) == 1:
            named[0].append(m)
        else:
            bare = [g for g in cands if id(g) not in keys and g[0].kind == m.kind]
            if bare:
                bare[0].append(m)
            else:
                g = [m]
                groups.append(g)
                by_idx.setdefault(m.idx, []).append(g)
    groups.sort(key=lambda g: min(x.span.start for x in g))
    events: list[FacilityEvent] = []
    for g in groups:
        named_ms = [x for x in g if x.name]
        name = (
            max(named_ms, key=lambda x: (len(_name_tokens(x.name or "")), -x.span.start)).name
            if named_ms
            else None
        )
        kinds = [x.kind for x in g if x.name] or [x.kind for x in g]
        kind = max(set(kinds), key=lambda k: (kinds.count(k), k != "clinic"))
        top = max(g, key=lambda x: (_STATUS_RANK.get(x.status, 0), -x.span.start))
        idx = g[0].idx
        inc = incidents[idx] if idx is not None and idx < len(incidents) else None
        place = _facility_place(g, inc)
        events.append(
            FacilityEvent(
                name=name,
                kind=kind,
                place=place,
                date=inc.date.start if inc else None,
                status=top.status,
                perpetrators=list(inc.perpetrators)
                if inc and top.status in ("damaged", "destroyed", "out_of_service")
                else [],
                incident_index=idx,
                quote=top.sent.sent.text,
            )
        )
    return events


def _abroad_place(s: SentenceInfo, span: Span) -> bool:
    """A facility named with a place abroad ("the state hospital in Kilis", "a Kilis hospital"):
    where the wounded were taken, not a target in Syria."""
    return any(
        (p.role == "foreign" or p.place.country not in (None, "SY"))
        and (span.end <= p.start <= span.end + 40 or span.start - 30 <= p.end <= span.end)
        for p in s.places
    )


def _same_name(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two names of one facility: the distinctive words of one contain the other's."""
    if not a or not b:
        return a == b
    return a <= b or b <= a


_PLACE_RANK = {"point": 7, "neighbourhood": 6, "town": 5, "admin3": 4, "admin2": 3, "admin1": 2, "country": 1}


def _facility_place(g: list[_FacMention], inc: Incident | None) -> Place:
    """Where the facility is: a town named in its own sentences, near the name, else the incident's place."""
    best: tuple[int, int, Place] | None = None
    for m in g:
        for pm in m.sent.event_places:
            if pm.place.country not in (None, "SY"):
                continue
            rank = _PLACE_RANK.get(pm.place.precision, 0)
            dist = abs(pm.start - m.span.start)
            if rank >= 4 and dist <= 150 and (best is None or (rank, -dist) > (best[0], -best[1])):
                best = (rank, dist, pm.place)
    # A town in the facility's own sentence wins unless it contradicts the
    # incident's governorate.
    if best is not None and (inc is None or inc.place.admin1 in (None, best[2].admin1)):
        return best[2]
    return inc.place if inc else Place()
