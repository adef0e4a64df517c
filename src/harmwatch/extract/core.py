"""One report in, its incidents out: the extractor's entry point and the order of its stages.

The report is split into sentences. Each sentence is read for casualty figures,
attack words, dates, actors, places and facilities. Sentences that report an
event are grouped into incidents: the first is the report's main event, and a new
incident starts where the report moves on ("Elsewhere", "Meanwhile"), to another
day, or to another governorate with its own toll. Background (the war's history,
totals since 2011) is read but not emitted. Every value keeps the span it came
from, and each incident carries the report's claims with their exact quotes.

This module only orders the stages (``_extract`` reads as numbered steps); each
stage's rules live in its own module, lowest first:

- :mod:`~harmwatch.extract.sentences` reads each sentence once (``SentenceInfo``, ``Draft``);
- :mod:`~harmwatch.extract.cause` says which mechanism a sentence gives (the event type);
- :mod:`~harmwatch.extract.grouping` groups sentences into incidents, the main event first;
- :mod:`~harmwatch.extract.doers` finds the doer where the incident's sentences name none;
- :mod:`~harmwatch.extract.tolls` chooses the killed and injured and their breakdown;
- :mod:`~harmwatch.extract.facility_events` says what happened to each facility named;
- :mod:`~harmwatch.extract.incident` builds one incident from its sentences and the headline;
- :mod:`~harmwatch.extract.statements` then reads denials, admissions and claims.
"""

from __future__ import annotations

import datetime as dt
import gc

from harmwatch.extract.actors import find_actor_mentions, score_doers
from harmwatch.extract.cause import resolve_bombing
from harmwatch.extract.dates import DateExpr, find_dateline, parse_iso
from harmwatch.extract.doers import (
    anaphor_doer,
    blamed_for_the_attack,
    context_doer,
    headline_doer_first,
    parsed_doer,
)
from harmwatch.extract.facility_events import facility_events
from harmwatch.extract.grouping import group, is_context, main_first
from harmwatch.extract.incident import build_incident, fill_from_headline, strip_virtual_spans
from harmwatch.extract.places import get_finder
from harmwatch.extract.sentences import (
    Draft,
    SentenceInfo,
    attach_places,
    mostly_inside,
    places_in,
    read_sentence,
)
from harmwatch.extract.statements import apply_statements
from harmwatch.extract.text import Sentence, clean_text, find_title, furniture, split_sentences
from harmwatch.extract.tolls import complement, matching_breakdown, rank_toll
from harmwatch.language import detect_language
from harmwatch.models import DateSpan, Extraction

MAX_INCIDENTS = 200
MAX_TITLE = 400
GC_PAUSE_CHARS = 500_000


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
    # 1. Clean the text; only English is mined.
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

    # 2. The report's date, which relative dates ("on Friday") are read against.
    dateline = find_dateline(text)
    ref: dt.date | None = parse_iso(published) if published else None
    if ref is not None:
        ext.report_date = DateSpan(ref.isoformat(), ref.isoformat(), "day", None)
    elif dateline is not None and dateline.date_start is not None:
        ref = dateline.date_start
        ext.report_date = dateline.to_datespan()
    else:
        ext.notes.append("no report date: relative dates left unresolved")

    # 3. Read every sentence once (harmwatch.extract.sentences), and the headline.
    finder = get_finder()
    if finder.name != "harmwatch.geo":
        ext.notes.append("places from the governorate fallback (harmwatch.geo not available)")
    infos = _read_sentences(text, title, ref, dateline, finder)
    head = _headline(infos, title, ref, finder)

    # 4. Group the sentences into draft incidents, the main event first (harmwatch.extract.grouping).
    drafts = group(infos, ref)
    if head is not None:
        drafts = main_first(drafts, head)
    # Beyond the main event, a draft told only in background sentences (the war so far,
    # a week's bombardment, "the latest in a series of") is context, not an incident.
    drafts = drafts[:1] + [d for d in drafts[1:] if not all(is_context(x) for x in d.sentences)]

    # 5. Build each incident (harmwatch.extract.incident); the main one (idx 0) also
    #    takes what it lacks from the headline, the doer fallbacks (harmwatch.extract.doers,
    #    tried in this order while it has no doer) and the report's other toll sentences.
    for idx, d in enumerate(drafts[:MAX_INCIDENTS]):
        inc = build_incident(d, idx, ref, rid, source, text, title, finder, infos, head)
        if idx == 0 and head is not None:
            fill_from_headline(inc, d, head, rid, source)
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
    # 6. A report whose body tells no event may still tell one in its headline.
    if not ext.incidents and head is not None and (head.own_casualties or head.eventful):
        d = Draft(sentences=[head])
        inc = build_incident(d, 0, ref, rid, source, text, title, finder, infos, head)
        strip_virtual_spans(inc, head)
        ext.incidents.append(inc)
        drafts = [d]

    # 7. What happened to each facility the report names (harmwatch.extract.facility_events).
    ext.facility_events = facility_events(infos, drafts[:MAX_INCIDENTS], ext.incidents, text)
    # 8. Denials, admissions and claims of responsibility: see harmwatch.extract.statements.
    apply_statements(ext, text, title=title, published=published, source=source, report_id=rid)
    return ext


def _read_sentences(
    text: str, title: str | None, ref: dt.date | None, dateline: DateExpr | None, finder: object
) -> list[SentenceInfo]:
    """The report's sentences, each read once, with their places from one gazetteer pass."""
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
    return infos


def _headline(
    infos: list[SentenceInfo], title: str | None, ref: dt.date | None, finder: object
) -> SentenceInfo | None:
    """The headline: its copy at the top of the text, else the title argument read as a sentence."""
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
    return head
