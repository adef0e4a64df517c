"""Building one incident from its draft: date, place, type, doers, toll and targets.

Each field comes from the draft's own sentences first and records the report's
claim with the sentence it came from. The main incident may also take what its
sentences leave open from the headline (``fill_from_headline``), because a
headline names the story's main event, its place and often its means and toll.
Where the draft names no place, the report's title or its whole text is
geoparsed as a last resort. The rules that decide each field live in their own
modules (cause, doers, tolls, facility_events); this module puts them together
in the order the fields depend on one another.
"""

from __future__ import annotations

import datetime as dt
import re

from harmwatch.extract.actors import attribution_in, media_speaker
from harmwatch.extract.cause import clash_toll, headline_mechanism, main_types, sentence_type
from harmwatch.extract.doers import RESPONSE, UNCERTAIN, in_link_list, other_attack, unnamed_doer
from harmwatch.extract.facility_events import facilities_in
from harmwatch.extract.lexicon import NO_CLAIM_RE
from harmwatch.extract.places import PlaceMention
from harmwatch.extract.sentences import ATTACK_VERB, Draft, SentenceInfo, with_span
from harmwatch.extract.text import Sentence
from harmwatch.extract.tolls import FIELD, has_killed, set_victims, victims
from harmwatch.models import (
    REPORT_DATE_USED,
    Claim,
    DateSpan,
    Incident,
    Perpetrator,
    Place,
    Range,
    Span,
    Target,
    content_id,
)

_HEAD_KILLING = re.compile(
    r"\b(?:kill|kills|killing|killed|dead|deaths?|died|dies|massacres?|toll|slain|martyred|executes?|executed"
    r"|lives|victims|casualties)\b",
    re.I,
)
_BLAME = re.compile(r"\b(?:blamed|blames|blaming|accused|accuses|accusing|held\s+responsible)\b", re.I)


def fill_from_headline(inc: Incident, d: Draft, head: SentenceInfo, rid: str, source: str | None) -> None:
    """What the main incident's own sentences leave open, the headline may say."""
    quote = head.sent.text

    def claim(kind: str, fld: str, value: object) -> None:
        inc.claims.append(Claim(rid or None, source, kind, fld, value, quote))

    def span(start: int, end: int, txt: str) -> Span | None:
        return None if head.virtual else Span(head.sent.start + start, head.sent.start + end, txt)

    if not inc.perpetrators:
        for mm in head.actors:
            if mm.doer and mm.actor != "unknown" and all(p.actor != mm.actor for p in inc.perpetrators):
                inc.perpetrators.append(
                    Perpetrator(
                        mm.actor, attribution_in(quote, mm, head.actors), span(mm.start, mm.end, mm.text)
                    )
                )
                claim("report", "perpetrators", mm.actor)
    htype = sentence_type(head)
    if inc.event_type in ("unknown", "clash"):
        if htype != "unknown" and htype != inc.event_type:
            inc.event_type = htype
            claim("report", "event_type", inc.event_type)
    elif htype == "clash" and clash_toll(head) and not (d.type_sentence and d.type_sentence.own_casualties):
        # "34 killed in clashes": the headline says how its dead died; a body
        # sentence without a toll ("fighters also blew up two car bombs")
        # names a weapon used on the way.
        inc.event_type = htype
        claim("report", "event_type", inc.event_type)
    elif htype != inc.event_type and headline_mechanism(head, htype, d.type_sentence):
        # The headline names what killed in the story's main event ("Shelling
        # of rebel bastion kills 19"); a body sentence may lead with another
        # weapon it mentions on the way.
        inc.event_type = htype
        claim("report", "event_type", inc.event_type)
    if not has_killed(inc.victims) and head.own_casualties:
        hv = victims(Draft(sentences=[head]), lambda *a: None)
        for f in ("killed", "killed_civilians", "killed_children", "killed_women", "killed_combatants"):
            r: Range | None = getattr(hv, f)
            if r is not None:
                if head.virtual:
                    r = Range(r.best, r.low, r.high, None)
                setattr(inc.victims, f, r)
                claim("report", f"victims.{f}", {"best": r.best, "low": r.low, "high": r.high})
    if inc.place.precision == "unknown" and head.event_places:
        pl = _headline_place(head).place
        inc.place = with_span(pl, None) if head.virtual else pl
    # The headline picks the story's main toll; where the body gives that same
    # figure among several, it is the incident's.
    for c in head.own_casualties:
        if c.outcome != "killed" or c.cls not in ("total", "civilians") or not c.range.best:
            continue
        fld = FIELD[("killed", c.cls)]
        cur: Range | None = getattr(inc.victims, fld)
        if cur is None or cur.best == c.range.best:
            continue
        for s in d.sentences:
            match = next(
                (
                    x
                    for x in s.own_casualties
                    if x.outcome == "killed" and x.cls == c.cls and x.range.best == c.range.best
                ),
                None,
            )
            if match is not None:
                set_victims(inc, fld, match.range, s.sent.text, rid, source)
                break


def strip_virtual_spans(inc: Incident, head: SentenceInfo) -> None:
    """An incident read from the title argument alone has no spans in the text."""
    if not head.virtual:
        return
    inc.date.span = None
    inc.place = with_span(inc.place, None)
    for p in inc.perpetrators:
        p.span = None
    for f in (
        "killed",
        "killed_civilians",
        "killed_children",
        "killed_women",
        "killed_combatants",
        "injured",
        "injured_children",
        "injured_women",
    ):
        r = getattr(inc.victims, f)
        if r is not None:
            setattr(inc.victims, f, Range(r.best, r.low, r.high, None))
    for t in inc.targets:
        t.span = None


def build_incident(
    d: Draft,
    idx: int,
    ref: dt.date | None,
    rid: str,
    source: str | None,
    text: str,
    title: str | None,
    finder: object,
    infos: list[SentenceInfo],
    head: SentenceInfo | None = None,
) -> Incident:
    inc = Incident()
    if rid:
        inc.id = content_id("inc", rid, str(idx))
        inc.report_ids = [rid]
    lead = d.sentences[0]

    def claim(kind: str, fld: str, value: object, quote: str) -> None:
        inc.claims.append(Claim(rid or None, source, kind, fld, value, quote))

    # date
    de = d.date
    if de is not None:
        inc.date = de.to_datespan()
        claim("report", "date", inc.date.start, _sentence_of(d, de.start).text)
    elif ref is not None:
        inc.date = DateSpan(ref.isoformat(), ref.isoformat(), "day", None)
        inc.review.append(REPORT_DATE_USED)
    else:
        inc.review.append("no date")

    # place
    place = _pick_place(d, idx, title, finder, text, head)
    if place is not None:
        inc.place = place
    else:
        inc.review.append("no place")

    # event type and weapons
    # The mechanism of the sentence that gives the toll, else of the first
    # sentence that says by what means; weapon words only in asides about
    # another event ("hours after a gas attack") come last.
    etype = "unknown"
    ts: SentenceInfo | None = None
    ranked = sorted(
        (s for s in d.sentences if s.types),
        key=lambda s: (not main_types(s), not s.own_casualties),
    )
    if ranked and (main_types(ranked[0]) or not any(x.own_casualties for x in d.sentences)):
        ts = ranked[0]
        etype = sentence_type(ts)
    inc.event_type = etype
    d.type_sentence = ts
    for s in d.sentences:
        for _t, w, _b, _e in s.types:
            if w and w not in inc.weapons:
                inc.weapons.append(w)
    if etype != "unknown" and ts is not None:
        claim("report", "event_type", etype, ts.sent.text)

    # perpetrators
    perps: dict[str, Perpetrator] = {}
    blame = [s for s in d.context if _BLAME.search(s.sent.text)]
    # A lead that gives the deadly attack only an unnamed doer ("terrorist
    # rocket attacks killed seven") is not outweighed by a group named in a
    # later sentence without a toll: that is another strike of the day.
    unnamed_lead = unnamed_doer(lead)
    for s in [*d.sentences, *blame]:
        if (
            unnamed_lead
            and s is not lead
            and s not in blame
            and not any(c.outcome == "killed" for c in s.own_casualties)
        ):
            continue
        if s is not lead and s not in blame and other_attack(s, etype):
            continue
        if s is not lead and s not in blame and RESPONSE.search(s.sent.text):
            continue
        if UNCERTAIN.search(s.sent.text):
            # "It was not clear who carried out the strikes, but the regime has
            # bombed the town before": no perpetrator from such a sentence.
            continue
        # Within a sentence the surest doer first ("killed by X" before "clashes with Y").
        for mm in sorted(s.actors, key=lambda m: -m.score):
            if not mm.doer or mm.actor in perps or mm.actor == "unknown":
                continue
            if in_link_list(s.sent.text, mm.start):
                continue
            span = Span(s.sent.start + mm.start, s.sent.start + mm.end, mm.text)
            perps[mm.actor] = Perpetrator(mm.actor, attribution_in(s.sent.text, mm, s.actors), span)
            claim("report", "perpetrators", mm.actor, s.sent.text)
    deniers: set[str] = set()
    for s in [*d.sentences, *d.context]:
        for actor, kind in s.statements:
            if kind == "responsibility" and NO_CLAIM_RE.search(s.sent.text):
                continue
            if kind == "denial":
                deniers.add(actor)
                claim("denial", "perpetrators", actor, s.sent.text)
                if actor in perps:
                    perps[actor].attribution = "denied"
            elif kind in ("admission", "responsibility"):
                claim(kind, "perpetrators", actor, s.sent.text)
                if actor in perps:
                    perps[actor].attribution = "admitted"
                else:
                    perps[actor] = Perpetrator(actor, "admitted", None)
        speaker = media_speaker(s.sent.text)
        if (
            speaker
            and speaker in perps
            and perps[speaker].attribution in ("stated", "alleged")
            and any(mm.actor == speaker and mm.doer for mm in s.actors)
            and s in d.sentences
        ):
            perps[speaker].attribution = "admitted"
            claim("admission", "perpetrators", speaker, s.sent.text)
    if deniers and len(perps) >= 2:
        blamed = [a for a, p in perps.items() if p.attribution in ("alleged", "denied", "stated")]
        if (
            len(blamed) >= 2
            and any(a not in deniers for a in blamed)
            and any(
                re.search(r"\b(?:blamed|accused|behind|responsible)\b", s.sent.text, re.I)
                for s in [*d.sentences, *d.context]
            )
        ):
            for a in blamed:
                perps[a].attribution = "contested"
    inc.perpetrators = list(perps.values())

    # victims
    inc.victims = victims(d, claim)

    # targets
    for s in d.sentences:
        for kind, name, span in facilities_in(s, text):
            if not ATTACK_VERB.search(s.sent.text):
                continue
            if any(t.kind == kind and t.name == name for t in inc.targets):
                continue
            inc.targets.append(Target(kind, name, None, span))
    if lead.background:
        inc.review.append("lead sentence reads like background")
    return inc


def _sentence_of(d: Draft, pos: int) -> Sentence:
    for s in [*d.sentences, *d.context]:
        if s.sent.start <= pos < s.sent.end:
            return s.sent
    return d.sentences[0].sent


def _gov_group(admin1: str | None) -> str | None:
    return "Damascus" if admin1 == "Rural Damascus" else admin1


def _headline_place(head: SentenceInfo) -> PlaceMention:
    """The headline's place of the main event.

    Where the headline names places in several governorates ("Army advances in
    Aleppo, kills 140 terrorists in Hama"), the one that follows its toll is where
    the killing happened; else the first.
    """
    cands = head.event_places
    if len({_gov_group(c.place.admin1) for c in cands}) < 2:
        return cands[0]
    tolls = [c.span.start for c in head.own_casualties if c.outcome == "killed"]
    if not tolls:
        return cands[0]
    t0 = min(tolls)
    after = [c for c in cands if c.start >= t0]
    return after[0] if after else cands[0]


def _pick_place(
    d: Draft, idx: int, title: str | None, finder: object, text: str, head: SentenceInfo | None = None
) -> Place | None:
    if idx == 0 and head is not None and head.event_places:
        # The headline names where the main event happened; the story's own
        # sentences may name it more precisely.
        hp = _headline_place(head)
        group = _gov_group(hp.place.admin1)
        lead = d.sentences[0] if d.sentences else None
        if (
            lead is not None
            and lead.own_casualties
            and not head.own_casualties
            and not _HEAD_KILLING.search(head.sent.text)
        ):
            # A headline that tells of no killing ("X condemns the bombing of Aleppo")
            # names its topic; where the lead sentence gives the toll in another
            # governorate and names no place of the headline's, the killing happened there.
            own = [c for c in lead.event_places if c.role == "event"]
            if own and all(_gov_group(c.place.admin1) != group for c in lead.event_places):
                return own[0].place
        found: Place | None = None
        for s in [*d.sentences, *d.context]:
            for c in s.event_places:
                if _gov_group(c.place.admin1) == group and (
                    found is None or found.precision in ("admin1", "country")
                ):
                    found = c.place
            if found is not None and found.precision not in ("admin1", "country"):
                break
        if found is not None:
            return found
        return with_span(hp.place, None) if head.virtual else hp.place
    for s in d.sentences:
        cands = s.event_places
        if cands:
            best = cands[0]
            # Prefer a more precise place in the same governorate over the governorate itself.
            for c in cands[1:]:
                if (
                    c.place.admin1 == best.place.admin1
                    and best.place.precision in ("admin1", "country")
                    and c.place.precision not in ("admin1", "country", "unknown")
                ):
                    best = c
                    break
            return best.place
    for s in d.context:
        if s.event_places:
            return s.event_places[0].place
    if idx == 0:
        return _report_place(text, title, finder)
    return None


def _report_place(text: str, title: str | None, finder: object) -> Place | None:
    """The report's event place when the main incident's own sentences name none."""
    if title:
        try:
            tm = [
                m
                for m in finder.find(title)  # type: ignore[attr-defined]
                if m.place.admin1 and m.role not in ("origin", "foreign", "government")
            ]
        except Exception:  # a geocoder bug must not lose the report
            tm = []
        if tm:
            return with_span(tm[0].place, None)
    try:
        from harmwatch.geo import geoparse

        ev = geoparse(text[:20000], title=title).event_place
    except Exception:  # geo missing or failing: no place rather than no report
        return None
    return ev if ev is not None and ev.admin1 else None
