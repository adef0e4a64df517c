"""Grouping: which sentences tell the same incident, and which incident is the main one.

A report often tells several events (the day's strikes town by town, an
earlier attack, the war so far), and every later stage reads one incident's
sentences at a time. Sentences that report an event are grouped in reading
order: a new incident starts where the report moves on ("Elsewhere",
"Meanwhile"), to another day, or to another governorate with its own toll;
sentences with no event of their own are the current incident's context. The
draft the headline describes is put first, since it is the report's main event.
"""

from __future__ import annotations

import datetime as dt
import re

from harmwatch.extract.cause import CAUSE_CLASS
from harmwatch.extract.sentences import Draft, SentenceInfo
from harmwatch.extract.text import lower_ascii, lowered

# Violence summed over a period rather than one event ("over the past week", "in recent
# days", "the latest in a series of"). In the main event's sentences this is often the
# story itself ("kill 77 during the past week"); beside it, it is context.
_PERIOD = re.compile(
    r"\b(?:(?:over|in|during)\s+the\s+(?:past|last|previous)\s+(?:few\s+|several\s+|two\s+|three\s+)?"
    r"(?:weeks?|months?)|in\s+recent\s+days|the\s+latest\s+in\s+a\s+(?:series|string|wave|spate)\s+of"
    r"|since\s+the\s+(?:collapse|breakdown|end|failure)\s+of)\b",
    re.I,
)


_PERIOD_L = lowered(_PERIOD)


def is_context(s: SentenceInfo) -> bool:
    return s.background or bool(_PERIOD_L.search(lower_ascii(s.sent.text)))


def group(infos: list[SentenceInfo], ref: dt.date | None = None) -> list[Draft]:
    drafts: list[Draft] = []
    cur: Draft | None = None
    for info in infos:
        if info.furniture or info.headline:
            continue
        if info.background and not (info.own_casualties and info.event_dates):
            continue
        if not info.eventful:
            if cur is not None:
                cur.context.append(info)
            continue
        if cur is None or _starts_new(cur, info, ref):
            cur = Draft()
            drafts.append(cur)
        cur.sentences.append(info)
    return drafts


def _starts_new(cur: Draft, info: SentenceInfo, ref: dt.date | None) -> bool:
    has_own = bool(info.own_casualties)
    if info.transition and (has_own or info.event_places or info.event_dates or info.types):
        return True
    cd = cur.date
    if cd is None and info.event_dates and (has_own or info.types) and ref is not None:
        # The incident so far has no date of its own: only a clearly other time splits.
        nd = info.event_dates[0]
        return nd.precision in ("month", "year") or (
            nd.date_start is not None and abs((ref - nd.date_start).days) > 7
        )
    c0 = cd.date_start if cd is not None else ref
    c1 = (cd.date_end or cd.date_start) if cd is not None else ref
    cprec = cd.precision if cd is not None else "day"
    if info.event_dates and c0 is not None and c1 is not None and (has_own or info.types):
        nd = info.event_dates[0]
        n0 = nd.date_start
        n1 = nd.date_end or n0
        if n0 is not None and n1 is not None:
            if cprec == "day" and nd.precision == "day":
                # "Friday night" in a Saturday report is the night the lead calls "overnight".
                rel = nd.end - info.sent.start
                night = "night" in f"{nd.text} {info.sent.text[rel : rel + 8]}".lower()
                if n0 != c0 and not (night and abs((n0 - c0).days) <= 1):
                    return True
            elif cprec != nd.precision and has_own:
                # "on Sunday" then "earlier this week": another event unless told otherwise.
                return True
            elif not (c0 <= n0 <= c1 or n0 <= c0 <= n1):
                return True
    ca = cur.admin1
    if has_own and info.event_places and ca is not None:
        admins = {p.place.admin1 for p in info.event_places}
        if ca not in admins and not _same_capital(ca, admins):
            return True
    return False


def _killed_values(infos: list[SentenceInfo]) -> set[int]:
    out: set[int] = set()
    for s in infos:
        for c in s.own_casualties:
            if c.outcome == "killed":
                v = c.range.best if c.range.best is not None else c.range.low
                if v:
                    out.add(v)
    return out


def _agreement(d: Draft, head: SentenceInfo) -> float:
    """How well a draft incident matches the headline: the headline names the main event."""
    score = 0.0
    hk = _killed_values([head])
    if hk and hk & _killed_values(d.sentences):
        score += 3.0
    h_admin = {p.place.admin1 for p in head.event_places}
    if h_admin and h_admin & {p.place.admin1 for s in d.sentences for p in s.event_places}:
        score += 1.0
    h_types = {CAUSE_CLASS.get(t[0], t[0]) for t in head.types if t[0] != "clash"}
    if h_types and h_types & {CAUSE_CLASS.get(t[0], t[0]) for s in d.sentences for t in s.types}:
        score += 1.0
    h_actors = {m.actor for m in head.actors if m.doer and m.actor != "unknown"}
    if h_actors and h_actors & {m.actor for s in d.sentences for m in s.actors if m.doer}:
        score += 1.0
    return score


def main_first(drafts: list[Draft], head: SentenceInfo) -> list[Draft]:
    """Put the draft the headline describes first, if it is clearly not the first already."""
    if len(drafts) < 2:
        return drafts
    scores = [_agreement(d, head) for d in drafts[:12]]
    best = max(range(len(scores)), key=lambda i: (scores[i], -i))
    if best != 0 and scores[best] >= scores[0] + 2.0:
        return [drafts[best], *drafts[:best], *drafts[best + 1 :]]
    if not any(c.outcome == "killed" for s in drafts[0].sentences for c in s.own_casualties):
        # A story about reactions to an attack ("France seeks a resolution on
        # the chemical attack") opens with the diplomacy; the attack with its
        # toll comes later. It is the main event when it fits the headline at
        # least as well.
        for i in range(1, len(scores)):
            if (
                scores[i] >= scores[0]
                and scores[i] > 0
                and any(c.outcome == "killed" for s in drafts[i].sentences for c in s.own_casualties)
            ):
                return [drafts[i], *drafts[:i], *drafts[i + 1 :]]
    return drafts


def _same_capital(a: str, others: set[str | None]) -> bool:
    pair = {"Damascus", "Rural Damascus"}
    return a in pair and bool(pair & {o for o in others if o})
