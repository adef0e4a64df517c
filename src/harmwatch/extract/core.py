"""One report in, its incidents out.

The report is split into sentences. Each sentence is read for casualty figures,
attack words, dates, actors, places and facilities. Sentences that report an
event are grouped into incidents: the first is the report's main event, and a new
incident starts where the report moves on ("Elsewhere", "Meanwhile"), to another
day, or to another governorate with its own toll. Background (the war's history,
totals since 2011) is read but not emitted. Every value keeps the span it came
from, and each incident carries the report's claims with their exact quotes.
"""

from __future__ import annotations

import datetime as dt
import gc
import re

from harmwatch.extract.actors import attribution_in, find_actor_mentions, media_speaker, score_doers
from harmwatch.extract.cause import clash_toll, headline_mechanism, main_types, resolve_bombing, sentence_type
from harmwatch.extract.dates import find_dateline, parse_iso
from harmwatch.extract.doers import (
    RESPONSE,
    UNCERTAIN,
    anaphor_doer,
    blamed_for_the_attack,
    context_doer,
    headline_doer_first,
    in_link_list,
    other_attack,
    parsed_doer,
    unnamed_doer,
)
from harmwatch.extract.facility_events import facilities_in, facility_events
from harmwatch.extract.grouping import group, is_context, main_first
from harmwatch.extract.lexicon import NO_CLAIM_RE
from harmwatch.extract.places import PlaceMention, get_finder
from harmwatch.extract.sentences import (
    ATTACK_VERB,
    Draft,
    SentenceInfo,
    attach_places,
    mostly_inside,
    places_in,
    read_sentence,
    with_span,
)
from harmwatch.extract.statements import apply_statements
from harmwatch.extract.text import Sentence, clean_text, find_title, furniture, split_sentences
from harmwatch.extract.tolls import (
    FIELD,
    complement,
    has_killed,
    matching_breakdown,
    rank_toll,
    set_victims,
    victims,
)
from harmwatch.language import detect_language
from harmwatch.models import (
    REPORT_DATE_USED,
    Claim,
    DateSpan,
    Extraction,
    Incident,
    Perpetrator,
    Place,
    Range,
    Span,
    Target,
    content_id,
)

MAX_INCIDENTS = 200
MAX_TITLE = 400
GC_PAUSE_CHARS = 500_000

_HEAD_KILLING = re.compile(
    r"\b(?:kill|kills|killing|killed|dead|deaths?|died|dies|massacres?|toll|slain|martyred|executes?|executed"
    r"|lives|victims|casualties)\b",
    re.I,
)
_BLAME = re.compile(r"\b(?:blamed|blames|blaming|accused|accuses|accusing|held\s+responsible)\b", re.I)


def extract_report(
    text: str,
    *,
    title: str | None = None,
    published: str | None = None,
    source: str | None = None,
    report_id: str | None = None,
) -> Extraction:
    """Turn one report into its incidents and facility events.

    Empty text gives no incidents; text that is not English is flagged with its
    language in ``Extraction.language`` and not mined.
    """
    # A long report builds hundreds of thousands of small objects and no cycles;
    # the cyclic collector would rescan them again and again, so it is paused.
    pause = isinstance(text, str) and len(text) > GC_PAUSE_CHARS and gc.isenabled()
    if pause:
        gc.disable()
    try:
        return _extract(text, title=title, published=published, source=source, report_id=report_id)
    finally:
        if pause:
            gc.enable()


def _extract(
    text: str,
    *,
    title: str | None,
    published: str | None,
    source: str | None,
    report_id: str | None,
) -> Extraction:
    rid = report_id or ""
    ext = Extraction(id=rid)
    if not isinstance(text, str) or not text.strip():
        ext.notes.append("empty text")
        return ext
    title = clean_text(title).strip() if isinstance(title, str) and title.strip() else None
    text = clean_text(text)
    # Text too short to tell ("und") is read as English: the rules find nothing in other languages.
    lang = detect_language(text if len(text) > 200 or not title else f"{title} {text}")
    ext.language = "en" if lang == "und" else lang
    if lang not in ("und", "en"):
        ext.notes.append(f"not English ({lang}); not mined")
        return ext

    dateline = find_dateline(text)
    ref: dt.date | None = parse_iso(published) if published else None
    if ref is not None:
        ext.report_date = DateSpan(ref.isoformat(), ref.isoformat(), "day", None)
    elif dateline is not None and dateline.date_start is not None:
        ref = dateline.date_start
        ext.report_date = dateline.to_datespan()
    else:
        ext.notes.append("no report date: relative dates left unresolved")

    finder = get_finder()
    if finder.name != "harmwatch.geo":
        ext.notes.append("places from the governorate fallback (harmwatch.geo not available)")
    # The page's own furniture (dateline, headline copy, tags, captions) is cut
    # off from the story so that its words do not read as the lead.
    title_span = find_title(text, title) if title else None
    floor = max(dateline.end if dateline else 0, title_span[1] if title_span else 0)
    fspans, breaks = furniture(text, floor=floor)
    if dateline is not None:
        breaks += [dateline.start, dateline.end]
    if title_span is not None:
        breaks += list(title_span)
    infos: list[SentenceInfo] = []
    for i, s in enumerate(split_sentences(text, breaks)):
        if fspans and mostly_inside(s.start, s.end, fspans):
            infos.append(SentenceInfo(i, s, furniture=True))
            continue
        info = read_sentence(i, s, ref, dateline)
        if title_span is not None and title_span[0] <= s.start and s.end <= title_span[1] + 2:
            info.headline = True
        infos.append(info)
    attach_places(text, infos, finder, fspans)
    head = next((x for x in infos if x.headline), None)
    if head is None and title:
        t = title[:MAX_TITLE]
        head = read_sentence(-1, Sentence(0, len(t), t), ref, None)
        head.places = places_in(t, 0, finder)
        head.headline = True
        head.virtual = True
    if head is not None and not head.actors:
        # A headline names its doer even without a toll or a weapon word
        # ("Syrian Army Kills Top Terrorist Commander").
        ht = head.sent.text
        spans = [(c.span.start - head.sent.start, c.noun_end - head.sent.start) for c in head.casualties]
        head.actors = score_doers(ht, find_actor_mentions(ht), spans)
    drafts = group(infos, ref)
    if head is not None:
        drafts = main_first(drafts, head)
    # Beyond the main event, a draft told only in background sentences (the war so far,
    # a week's bombardment, "the latest in a series of") is context, not an incident.
    drafts = drafts[:1] + [d for d in drafts[1:] if not all(is_context(x) for x in d.sentences)]
    for idx, d in enumerate(drafts[:MAX_INCIDENTS]):
        inc = _build_incident(d, idx, ref, rid, source, text, title, finder, infos, head)
        if idx == 0 and head is not None:
            _fill_from_headline(inc, d, head, rid, source)
            headline_doer_first(inc, d, head, rid, source)
        if not inc.perpetrators:
            context_doer(inc, d, rid, source)
        if idx == 0 and not inc.perpetrators:
            blamed_for_the_attack(inc, d, infos, rid, source)
        if idx == 0 and not inc.perpetrators:
            anaphor_doer(inc, d, infos, rid, source)
        if idx == 0 and not inc.perpetrators:
            parsed_doer(inc, d, head, rid, source)
        resolve_bombing(inc, d, head if idx == 0 else None, rid, source)
        if idx == 0:
            complement(inc, infos, rid, source)
            rank_toll(inc, d, head, infos, rid, source)
            matching_breakdown(inc, d, infos, rid, source)
        ext.incidents.append(inc)
    if not ext.incidents and head is not None and (head.own_casualties or head.eventful):
        d = Draft(sentences=[head])
        inc = _build_incident(d, 0, ref, rid, source, text, title, finder, infos, head)
        _strip_virtual_spans(inc, head)
        ext.incidents.append(inc)
        drafts = [d]
    ext.facility_events = facility_events(infos, drafts[:MAX_INCIDENTS], ext.incidents, text)
    # Denials, admissions and claims of responsibility: see harmwatch.extract.statements.
    apply_statements(ext, text, title=title, published=published, source=source, report_id=rid)
    return ext


def _fill_from_headline(inc: Incident, d: Draft, head: SentenceInfo, rid: str, source: str | None) -> None:
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


def _strip_virtual_spans(inc: Incident, head: SentenceInfo) -> None:
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


def _build_incident(
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
