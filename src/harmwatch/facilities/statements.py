"""Statements about all the facilities of an area, kept as evidence for that area.

Reports say things like "no hospital in eastern Aleppo is still working",
"all hospitals in the besieged districts are out of service", "only three
hospitals remain open in Douma", or "the approximately 250,000 people still
living in eastern Aleppo are left without any hospital services". These are
not about one facility, so they do not enter a facility's timeline; they are
returned with the area (resolved through the gazetteer), the date, what they
say (status, counts), any population figure, and the exact quote.
"""

from __future__ import annotations

import re
from typing import Any

from harmwatch.extract.dates import month_number
from harmwatch.facilities.places import _gazetteer, resolve_place
from harmwatch.models import Place, Range, content_id, to_jsonable

__all__ = ["area_statements", "parse_population"]

MAX_TEXT = 300_000
_FAC = (
    r"(?:hospitals?|medical (?:facilities|facility|centres?|centers?|points?|services)|"
    r"health (?:facilities|facility|centres?|centers?|services|care)|clinics?|healthcare|"
    r"hospital services|health-care)"
)
_NUMWORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "a single": 1,
    "a dozen": 12,
}
_NUM = r"(?P<n>\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a single|a dozen)"
_WORKING = (
    r"(?:functioning|functional|working|operating|operational|open|in service|running|"
    r"able to (?:receive|treat|function|work))"
)
_NOT_WORKING = (
    r"(?:out of (?:service|operation|action|commission)|destroyed|closed|shut(?: down)?|"
    r"non-?functional|not (?:functioning|working|operational)|knocked out|"
    r"no longer (?:functioning|working|operating|operational))"
)
_AREA_STOP_WORDS = (
    r"is|are|was|were|has|have|had|remains?|remained|still|that|which|who|now|"
    r"following|after|since|because|due|as|left|anymore|to|for|by|been|being|will|"
    r"would|could|can|could|including"
)
# An area phrase: words up to a verb or punctuation, never across one.
_AREA = rf"(?P<area>(?:(?!\b(?:{_AREA_STOP_WORDS})\b)[^.;:!?,()]){{2,80}}?)"
_PLACE_AFTER = rf"(?:in|across|throughout|inside|serving|of)\s+{_AREA}"
_STOP_AREA = (
    r"(?=\s+(?:is|are|was|were|has|have|had|remains?|remained|still|that|which|who|now|"
    r"following|after|since|because|due|as|left|anymore|any more|to|for|by)\b|[,.;:!?()]|$)"
)

# (what it says, pattern). Each pattern is tried on one sentence.
_RULES: list[tuple[str, re.Pattern[str]]] = [
    # "no hospital in X is still working", "none of the hospitals in X are functioning"
    (
        "none_working",
        re.compile(
            rf"\b(?:no|not a single|not one|none of the|there (?:is|are) no)\s+(?:\w+\s+){{0,2}}?{_FAC}\s+"
            rf"{_PLACE_AFTER}{_STOP_AREA}(?:[^.]{{0,60}}?)\b(?:still\s+)?{_WORKING}",
            re.I,
        ),
    ),
    # "there are no functioning hospitals in X", "no working hospital remains in X"
    (
        "none_working",
        re.compile(
            rf"\b(?:no|not a single|not one|none)\s+(?:(?:fully|partially|still)\s+)?{_WORKING}\s+"
            rf"(?:\w+\s+){{0,2}}?{_FAC}\s+(?:(?:left|remain(?:ing|s)?|anymore)\s+)?{_PLACE_AFTER}{_STOP_AREA}",
            re.I,
        ),
    ),
    # "X has no functioning hospital", "X is left without any hospital (services)"
    (
        "none_working",
        re.compile(
            rf"(?P<area>\b[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){{0,3}})\s+(?:now\s+)?(?:has|have|had)\s+"
            rf"(?:no|not a single)\s+(?:\w+\s+){{0,2}}?{_FAC}",
            re.I,
        ),
    ),
    (
        "none_working",
        re.compile(
            rf"(?:in|of)\s+{_AREA}(?:,[^.,]{{0,60}},)?\s+(?:(?:have|has|had)\s+)?(?:are|is|were|was|been)\s+"
            rf"(?:now\s+)?left without (?:any|a single|a|access to(?: a| any)?)\s+"
            rf"(?:(?:functioning|working)\s+)?"
            rf"{_FAC}",
            re.I,
        ),
    ),
    # "all hospitals in X are out of service"
    (
        "all_down",
        re.compile(
            rf"\b(?:all|every|each)\s+(?:of the\s+|the\s+)?(?:\w+\s+){{0,2}}?{_FAC}\s+{_PLACE_AFTER}"
            rf"{_STOP_AREA}(?:[^.]{{0,60}}?)\b{_NOT_WORKING}",
            re.I,
        ),
    ),
    # "the last (functioning) hospital in X was destroyed / put out of service"
    (
        "all_down",
        re.compile(
            rf"\bthe (?:last|only)\s+(?:(?:remaining|functioning|working|operational)\s+)?{_FAC}\s+"
            rf"{_PLACE_AFTER}{_STOP_AREA}(?:[^.]{{0,60}}?)\b{_NOT_WORKING}",
            re.I,
        ),
    ),
    # "only three hospitals remain open in X", "two hospitals are still functioning in X"
    (
        "count_working",
        re.compile(
            rf"\b(?:only|just)?\s*{_NUM}\s+(?:\w+\s+){{0,2}}?{_FAC}\s+(?:\w+\s+){{0,3}}?"
            rf"(?:remain|remains|are still|is still|still|left)\s+(?:\w+\s+){{0,2}}?{_WORKING}?[^.]{{0,20}}?"
            rf"{_PLACE_AFTER}{_STOP_AREA}",
            re.I,
        ),
    ),
    (
        "count_working",
        re.compile(
            rf"\b(?:only|just)\s+{_NUM}\s+(?:\w+\s+){{0,2}}?{_WORKING}\s+{_FAC}\s+(?:\w+\s+){{0,3}}?"
            rf"{_PLACE_AFTER}{_STOP_AREA}",
            re.I,
        ),
    ),
    # "five hospitals in X were put out of service", "three hospitals in X have been destroyed"
    (
        "count_down",
        re.compile(
            rf"\b{_NUM}\s+(?:\w+\s+){{0,2}}?{_FAC}\s+{_PLACE_AFTER}{_STOP_AREA}[^.]{{0,40}}?\b{_NOT_WORKING}",
            re.I,
        ),
    ),
]
_DEICTIC = re.compile(
    r"^(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:city|town|area|region|district|districts|"
    r"neighbourhoods?|neighborhoods?|part|parts|enclave|pocket|countryside)"
    r"(?:\s+of\s+the\s+(?:city|town))?$",
    re.I,
)
_POP_RE = re.compile(
    r"(?P<qual>some|about|around|approximately|roughly|an estimated|estimated|nearly|almost|"
    r"more than|over|at least|up to|fewer than|less than)?\s*"
    r"(?:(?:between\s+)?(?P<lo>\d[\d,.]*)\s*(?P<lom>million)?\s*(?:to|and|-|–)\s*)?"
    r"(?P<n>\d[\d,.]*)\s*(?P<m>million)?\s+(?:\w+\s+){0,2}?"
    r"(?:people|civilians|residents|inhabitants|persons|individuals)\b",
    re.I,
)
_DATE_RE = re.compile(
    r"\b(\d{1,2})\s+(January|February|March|April|May|June|July|August|September|"
    r"October|November|December)\s+(\d{4})\b",
    re.I,
)
_SENT_RE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")


def _number(text: str, million: str | None) -> int | None:
    t = text.replace(",", "")
    try:
        value = float(t) if million else float(t.rstrip("."))
    except ValueError:
        return None
    if million:
        value *= 1_000_000
    elif "." in text and re.fullmatch(r"\d{1,3}(?:\.\d{3})+", text):
        value = float(text.replace(".", ""))  # "500.000 people": a thousands dot
    return int(value) if value >= 1 else None


def parse_population(sentence: str) -> Range | None:
    """A population figure in a sentence ("some 250,000 people", "1.3 million residents")."""
    m = _POP_RE.search(sentence or "")
    if not m:
        return None
    n = _number(m.group("n"), m.group("m"))
    if n is None or n < 50:
        return None  # "five people" is a casualty count, not a population
    qual = (m.group("qual") or "").lower()
    if m.group("lo"):
        lo = _number(m.group("lo"), m.group("lom") or m.group("m"))
        if lo is not None and lo < n:
            return Range((lo + n) // 2, lo, n)
    if qual in {"more than", "over", "at least"}:
        return Range(n, n, None)
    if qual in {"up to", "fewer than", "less than", "nearly", "almost"}:
        return Range(n, None, n)
    if qual:
        return Range(n, None, None)
    return Range(n, n, n)


def _clean_area(area: str) -> str:
    a = re.sub(r"\s+", " ", area).strip(" ,'\"“”")
    a = re.sub(r"^(?:the|a)\s+", "", a, flags=re.I)
    return a[:120]


def _resolve_area(area: str, context: str) -> tuple[str, Place | None]:
    """The area a phrase names. "the besieged eastern part of the city" borrows the place named nearby."""
    gaz = _gazetteer()
    mentions: list[Any] = []
    if gaz is not None:
        try:
            mentions = list(gaz.find_mentions(area))
        except Exception:
            mentions = []
    if mentions:
        return area, mentions[0].place
    if not _DEICTIC.match(area) and gaz is None:
        place = resolve_place(area)
        return area, place if place.precision != "unknown" else None
    if gaz is not None and context:
        try:
            near = [m for m in gaz.find_mentions(context) if m.place.precision != "unknown"]
        except Exception:
            near = []
        if near:
            # the most precise place named nearby, the latest one among equals
            rank = {"point": 0, "neighbourhood": 1, "town": 2, "admin3": 3, "admin2": 4, "admin1": 5}
            place = min(reversed(near), key=lambda m: rank.get(m.place.precision, 9)).place
            return (place.name or area) if _DEICTIC.match(area) else area, place
    return area, None


def _sentence_date(sentence: str, published: str | None) -> str | None:
    m = _DATE_RE.search(sentence)
    if m:
        return f"{m.group(3)}-{month_number(m.group(2)):02d}-{int(m.group(1)):02d}"
    return published[:10] if published else None


def area_statements(
    text: str, *, published: str | None = None, report_id: str | None = None
) -> list[dict[str, Any]]:
    """Area-level statements about facilities in a report, each with its quote and offsets.

    Returns dicts with ``id, area, place, admin1_pcode, date, status, facility_kind,
    functioning, not_functioning, population, quote, span, report_id`` (counts and
    population are SPEC ranges or null). Never raises on odd input.
    """
    if not isinstance(text, str) or not text.strip():
        return []
    text = text[:MAX_TEXT]
    out: list[dict[str, Any]] = []
    seen: set[tuple[int, int]] = set()
    sentences = [(m.start(), m.group(0)) for m in _SENT_RE.finditer(text)]
    for k, (start, sentence) in enumerate(sentences):
        if not re.search(_FAC, sentence, re.I) or len(sentence) > 1500:
            continue
        for what, rx in _RULES:
            m = rx.search(sentence)
            if not m or not m.groupdict().get("area"):
                continue
            area_raw = _clean_area(m.group("area"))
            if not area_raw or len(area_raw) < 3:
                continue
            context = " ".join(s for _st, s in sentences[max(0, k - 3) : k + 1])
            area, place = _resolve_area(area_raw, context)
            functioning: Range | None = None
            not_functioning: Range | None = None
            if what in {"none_working", "all_down"}:
                functioning, status = Range(0, 0, 0), "out_of_service"
            elif what == "count_working":
                n = _count(m.group("n"))
                if n is None:
                    continue
                functioning, status = Range(n, n, n), "functioning"
            else:
                n = _count(m.group("n"))
                if n is None:
                    continue
                not_functioning, status = Range(n, n, n), "out_of_service"
            if what == "all_down" and re.search(r"\bdestroyed\b", m.group(0), re.I):
                status = "destroyed"
            pop = parse_population(sentence)
            if pop is None and k + 1 < len(sentences):
                nxt = sentences[k + 1][1]
                if re.search(r"\b(?:without|no access|deprived|left)\b", nxt, re.I):
                    pop = parse_population(nxt)
            key = (start, start + len(sentence))
            if key in seen:
                break
            seen.add(key)
            quote = sentence.strip()
            offset = start + (len(sentence) - len(sentence.lstrip()))
            kind = "hospital" if re.search(r"hospital", m.group(0), re.I) else "health_facility"
            out.append(
                {
                    "id": content_id("stmt", report_id or "", str(offset), quote),
                    "area": area,
                    "place": to_jsonable(place) if place is not None else None,
                    "admin1_pcode": place.admin1_pcode if place is not None else None,
                    "date": _sentence_date(sentence, published),
                    "status": status,
                    "facility_kind": kind,
                    "functioning": functioning.to_dict() if functioning else None,
                    "not_functioning": not_functioning.to_dict() if not_functioning else None,
                    "population": pop.to_dict() if pop else None,
                    "quote": quote,
                    "span": {"start": offset, "end": offset + len(quote)},
                    "report_id": report_id,
                }
            )
            break
    return out


def _count(word: str | None) -> int | None:
    if not word:
        return None
    w = word.strip().lower()
    if w.isdigit():
        n = int(w)
        return n if n < 1000 else None
    return _NUMWORDS.get(w)
