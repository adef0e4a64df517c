"""Tolls: how many were killed and injured in an incident, and who they were.

A report gives many figures: the event's toll, a part of it (one town, one
family), a wider scope (a week of raids, the war so far), updates, and
breakdowns into civilians, children, women and fighters, often in sentences far
apart. ``victims`` reads an incident's own sentences the way a careful coder
does; the main incident is then completed from breakdowns told elsewhere in the
report and may be overruled by the learned ranker in
:mod:`harmwatch.extract.tollrank`. Every figure set here records the report's
claim with its sentence as the quote.
"""

from __future__ import annotations

import re

from harmwatch.extract import tollrank
from harmwatch.extract.doers import toll_sentence_doer
from harmwatch.extract.sentences import Draft, SentenceInfo
from harmwatch.extract.tollrank import TollSentence
from harmwatch.models import Claim, Incident, Range, Victims

# No single attack in the war killed this many; a larger figure is a war-long
# or nationwide total however the sentence words it.
MAX_EVENT_TOLL = 5000


def _toll_sentences(d: Draft, head: SentenceInfo | None, infos: list[SentenceInfo]) -> list[TollSentence]:
    """The report's sentences with death tolls, each with its role for the main incident."""
    main = {id(s) for s in d.sentences}
    ctx = {id(s) for s in d.context}
    lead = d.sentences[0] if d.sentences else None
    seq = [head] if head is not None and head.virtual else []
    seq += [s for s in infos if not s.furniture and s.casualties]
    out: list[TollSentence] = []
    for s in seq:
        if s.headline:
            role = "head"
        elif s is lead:
            role = "lead"
        elif id(s) in main:
            role = "main"
        elif id(s) in ctx:
            role = "context"
        else:
            role = "other"
        out.append(
            TollSentence(s.sent.text, s.casualties, role, s.sent.start, s.background, bool(s.event_dates))
        )
    return out


def rank_toll(
    inc: Incident,
    d: Draft,
    head: SentenceInfo | None,
    infos: list[SentenceInfo],
    rid: str,
    source: str | None,
) -> None:
    """Let the learned toll ranker (:mod:`harmwatch.extract.tollrank`) overrule the rules'
    choice of the main toll where it clearly prefers another figure of the report."""
    sents = _toll_sentences(d, head, infos)
    if not sents:
        return
    best = tollrank.choose(sents, inc.victims)
    if best is None or best.result is None:
        return
    r = best.casualty.range
    inc.victims = best.result
    if best.sentence.role == "head" and head is not None and head.virtual:
        # Figures read from the title argument have no span in the text.
        r = Range(r.best, r.low, r.high, None)
        for f in ("killed", "killed_civilians", "killed_children", "killed_women", "killed_combatants"):
            x: Range | None = getattr(inc.victims, f)
            if x is not None and any(x is c.range for c in head.casualties):
                setattr(inc.victims, f, Range(x.best, x.low, x.high, None))
    set_victims(inc, FIELD[("killed", best.casualty.cls)], r, best.sentence.text, rid, source)
    if not inc.perpetrators and best.sentence.role in ("context", "other"):
        toll_sentence_doer(inc, best.sentence, infos, rid, source)


def complement(inc: Incident, infos: list[SentenceInfo], rid: str, source: str | None) -> None:
    """Civilians and fighters that add up to the total are both the incident's.

    "Nine people were killed ... four civilians ... Another five rebel fighters
    were killed": a group told as "another" is normally a separate event, but
    when it makes up exactly what the stated civilians leave of the total, it is
    the rest of the same dead, wherever the report tells it.
    """
    v = inc.victims
    total = _rbest(v.killed)
    civ, comb = _rbest(v.killed_civilians), _rbest(v.killed_combatants)
    if not total or (civ is None) == (comb is None):
        return
    want_cls = "combatants" if comb is None else "civilians"
    need = total - (civ if civ is not None else comb or 0)
    if need <= 0:
        return
    for s in infos:
        if s.furniture:
            continue
        for c in s.own_casualties:
            if c.outcome == "killed" and c.cls == want_cls and c.range.best == need:
                set_victims(inc, FIELD[("killed", want_cls)], c.range, s.sent.text, rid, source)
                return


def set_victims(inc: Incident, fld: str, r: Range, quote: str, rid: str, source: str | None) -> None:
    """Set one victims field and record the report's claim for it, with the sentence as the quote."""
    setattr(inc.victims, fld, r)
    value = {"best": r.best, "low": r.low, "high": r.high}
    inc.claims.append(Claim(rid or None, source, "report", f"victims.{fld}", value, quote))


def _rbest(r: Range | None) -> int | None:
    return r.best if r is not None else None


def matching_breakdown(
    inc: Incident, d: Draft, infos: list[SentenceInfo], rid: str, source: str | None
) -> None:
    """Fill the main toll's breakdown from a sentence whose named groups add up to it.

    "Two women and two soldiers were killed in the attack", told after a
    paragraph about something else, still breaks down the lead's "killed four
    people": named groups that sum exactly to the incident's total are its dead,
    wherever the sentence stands.
    """
    v = inc.victims
    total = v.killed.best if v.killed is not None else None
    if not total or any(
        getattr(v, f) is not None
        for f in ("killed_civilians", "killed_children", "killed_women", "killed_combatants")
    ):
        return
    main = {id(s) for s in d.sentences}
    for s in infos:
        if id(s) in main or s.furniture or s.headline or not s.casualties:
            continue
        if any(
            x.outcome == "killed" and x.cls == "total" and not x.sub and (x.range.best or 0) > total
            for x in s.casualties
        ):
            continue  # "two women and two children were among eight people killed": that toll's parts
        for c in s.casualties:
            if not (c.outcome == "killed" and c.cls == "total" and c.sub and c.range.best == total):
                continue
            parts = [
                x
                for x in s.casualties
                if x is not c
                and not x.sub
                and x.outcome == "killed"
                and x.cls != "total"
                and c.span.start <= x.span.start
                and x.span.end <= c.span.end
            ]
            if len(parts) < 2 or len({x.cls for x in parts}) != len(parts):
                continue
            civ = [x.range.best or 0 for x in parts if x.cls in ("civilians", "children", "women")]
            for x in parts:
                set_victims(inc, FIELD[("killed", x.cls)], x.range, s.sent.text, rid, source)
            if v.killed_combatants is not None and civ and v.killed_civilians is None:
                n = sum(civ)
                v.killed_civilians = Range(n, n, n, None)
            return


_FURTHER = re.compile(
    r"\b(?:a\s+further|another|an\s+additional|other)\s+(?:\d+|[a-z]+(?:-[a-z]+)?)\s+(?:people|civilians|"
    r"persons|were|have|had|died|killed|dead|among|including)"
    r"|\banother\s+(?:man|woman|child|boy|girl|civilian|person|fighter|soldier)\s+(?:and|was|were|died)\b",
    re.I,
)


def has_killed(v: Victims) -> bool:
    return any(
        getattr(v, f) is not None
        for f in ("killed", "killed_civilians", "killed_children", "killed_women", "killed_combatants")
    )


FIELD = {
    ("killed", "total"): "killed",
    ("killed", "civilians"): "killed_civilians",
    ("killed", "children"): "killed_children",
    ("killed", "women"): "killed_women",
    ("killed", "combatants"): "killed_combatants",
    ("injured", "total"): "injured",
    ("injured", "civilians"): "injured",
    ("injured", "children"): "injured_children",
    ("injured", "women"): "injured_women",
}


_BREAKDOWN_WORDS = re.compile(
    r"\b(?:among|including|included|of\s+them|of\s+whom|of\s+the\s+dead|the\s+dead|the\s+victims|were\s+civilians"
    r"|most\s+of|mostly)\b",
    re.I,
)


def _is_local_part(s: SentenceInfo, head_total: int) -> bool:
    """A sentence that gives only a smaller civilian toll for a place it names.

    Without a total of its own and without breakdown words ("among the dead"),
    such a sentence reports one place of several, so its civilians are not the
    incident's civilians.
    """
    own = [c for c in s.own_casualties if c.outcome == "killed" and c.range.best]
    if not own or any(c.cls == "total" or c.sub for c in own):
        return False
    if not all(c.cls == "civilians" and (c.range.best or 0) < head_total for c in own):
        return False
    return bool(s.event_places) and not _BREAKDOWN_WORDS.search(s.sent.text)


def victims(d: Draft, claim: object) -> Victims:
    """The incident's toll, read the way a careful coder reads a story.

    The first sentence that gives a death toll sets the incident's total. A later
    sentence with a smaller total of its own tells a part apart (one town of
    several, one family) and does not change the incident's figures; one with a
    larger total is a wider scope (a week of raids) unless it updates the toll
    or the first figure was only a sum of named groups. Breakdowns without a total
    of their own ("among the dead were five children") fill what is still open.
    """
    v = Victims()
    quotes: dict[str, str] = {}
    rest_cls: str | None = None
    for s in [*d.sentences, *d.context]:
        if s.rest and rest_cls is None:
            rest_cls = s.rest
    head_total: int | None = None
    head_derived = False
    civ_floor = 0
    for s in d.sentences:
        own = s.own_casualties
        if head_total is not None and own and _FURTHER.search(s.sent.text):
            # "a further nine were killed in raids on the other side": another group, not a breakdown
            continue
        if head_total is not None and _is_local_part(s, head_total):
            # "12 civilians were killed in the Marjeh district" after "45 killed in Aleppo":
            # the toll of one place among several, not the civilians of the whole.
            continue
        # Only a plain total marks a part or a wider scope; "15 civilians" after
        # "32 people" is the civilians among them. Vague figures mark nothing.
        # A sum of named groups after the total is a breakdown of it, not a total.
        tots = [
            c
            for c in own
            if c.outcome == "killed"
            and c.cls == "total"
            and c.range.best is not None
            and (head_total is None or not c.sub)
        ]
        if head_total is None:
            # A first toll of civilians, or of children or women alone ("six children
            # were killed"), sets the scope too: a smaller total after it is a part.
            tots += [
                c
                for c in own
                if c.outcome == "killed"
                and (c.cls == "civilians" or (c.cls in ("children", "women") and not c.sub))
                and c.range.best
            ]
        nums = [c.range.best for c in tots if c.range.best]
        sent_total = max(nums) if nums else None
        update = any(c.toll_update for c in tots)
        # A civilian figure above the incident's total cannot be a part of it.
        civ_big = [
            c.range.best
            for c in own
            if c.outcome == "killed" and c.cls == "civilians" and not c.sub and c.range.best
        ]
        widest = max([*nums, *civ_big], default=None)
        widen = False
        if head_total is not None and widest is not None and not update:
            if sent_total is not None and sent_total < head_total:
                continue
            if widest > head_total:
                if not head_derived:
                    continue
                widen = True
        for c in own:
            fld = FIELD.get((c.outcome, c.cls))
            if fld is None or (c.range.best or c.range.low or 0) >= MAX_EVENT_TOLL:
                continue
            if fld == "killed_civilians" and (c.range.best or 0) < civ_floor:
                continue  # one of the named groups already counted in the wider toll
            cur: Range | None = getattr(v, fld)
            bigger = (c.range.best or 0) > ((cur.best or 0) if cur is not None else 0)
            replace = cur is None or ((c.toll_update or widen) and bigger)
            # A vague figure ("dozens") gives way to a later exact one.
            replace = replace or (cur is not None and cur.best is None and c.range.best is not None)
            if replace:
                if (
                    widen
                    and fld == "killed"
                    and head_total is not None
                    and _rbest(v.killed_civilians) == head_total
                ):
                    # "a mother and her child ... at least 19 people were killed": the named
                    # civilians were the first, smaller sum; now they are a part of the dead.
                    v.killed_civilians = None
                    quotes.pop("killed_civilians", None)
                    civ_floor = head_total
                setattr(v, fld, c.range)
                quotes[fld] = s.sent.text
        if sent_total is not None and (head_total is None or sent_total > head_total):
            head_total = sent_total
            head_derived = all(c.sub for c in tots if c.range.best == sent_total)
    if rest_cls and v.killed is not None and v.killed.best is not None:
        if (
            rest_cls == "combatants"
            and v.killed_civilians is not None
            and v.killed_combatants is None
            and v.killed_civilians.best is not None
            and v.killed.best > v.killed_civilians.best
        ):
            n = v.killed.best - v.killed_civilians.best
            v.killed_combatants = Range(n, n, n, None)
        elif (
            rest_cls == "civilians"
            and v.killed_combatants is not None
            and v.killed_civilians is None
            and v.killed_combatants.best is not None
            and v.killed.best > v.killed_combatants.best
        ):
            n = v.killed.best - v.killed_combatants.best
            v.killed_civilians = Range(n, n, n, None)
    for fld, quote in quotes.items():
        r: Range = getattr(v, fld)
        claim("report", f"victims.{fld}", {"best": r.best, "low": r.low, "high": r.high}, quote)  # type: ignore[operator]
    return v
