"""Casualty counts in one sentence: who (class), what happened (killed/injured), how many.

A count becomes a casualty figure only when a victim noun and an outcome verb are
attached to it ("16 civilians were killed", "killing at least 22 people", "11
children among the dead", "22 dead"). Breakdowns ("including 14 children and 3
women") inherit the outcome of their head. Running totals ("bringing the toll to
300", "killed since the war began") are marked so the incident does not take them
as its own toll.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from harmwatch.extract.lexicon import (
    COMBATANT_MOD_RE,
    COMBATANT_WORDS,
    INJURED_WORDS,
    KILLED_WORDS,
    ONE_RE,
    VICTIM_HEAD_RE,
)
from harmwatch.extract.numbers import Count, find_counts
from harmwatch.extract.text import lower_ascii, lowered
from harmwatch.models import Range, Span

_FWD_OUTCOME = re.compile(
    rf"^(?:\s*\([^)]{{0,60}}\))?"
    rf"(?:\s+(?:from|of|belonging\s+to|loyal\s+to|affiliated\s+with)\s+(?:the\s+)?(?:[\w'-]+\s+){{0,4}}?"
    rf"(?:group|front|forces|army|militias?|organi[sz]ation|state|regime|brigades?|movement|isis|isil|daesh"
    rf"|is|nusra|hezbollah|hizbollah|ypg|sdf|fsa|white\s+helmets|civil\s+defen[cs]e|red\s+crescent|council))?"
    rf"(?:\s*[,\u2013\u2014-]?\s*(?:including|among\s+them|among\s+whom|of\s+whom|mostly|mainly|most\s+of\s+them)"
    rf"\s+[^.;]{{0,70}}?)?"
    # "a child and two women while 44 others were injured": a new clause ends the
    # chain; the verb after it is the other clause's.
    rf"(?:\s*,?\s*(?:and|as\s+well\s+as|plus)\s+(?:(?!(?:while|whereas|but|when)\b)[\w'-]+\s+){{1,6}}?)?"
    rf"\s*[,\u2013\u2014-]?\s*(?:who\s+|that\s+|which\s+)?(?:were|was|have\s+been|has\s+been|had\s+been|are|is|got|being|will\s+be|"
    rf"had|have|has)?\s*(?:all\s+|also\s+|reportedly\s+|allegedly\s+|later\s+|then\s+|confirmed\s+|now\s+"
    rf"|either\s+|reported\s+|so\s+far\s+|been\s+|[a-z]+ly\s+(?:been\s+)?"
    # "are estimated to have been killed", "were rounded up and executed"
    rf"|(?:estimated|believed|thought|feared|said|reported|known|presumed)\s+to\s+have\s+(?:been\s+)?"
    rf"|(?!(?:{INJURED_WORDS}|{KILLED_WORDS})\b)[a-z]+(?:ed|en)\s+(?:up\s+|out\s+|off\s+)?(?:and|then|before\s+being)"
    rf"\s+(?:then\s+|later\s+|summarily\s+|publicly\s+)?)*"
    rf"(?:among\s+(?:the\s+)?[^.;]{{0,50}}?)?"
    rf"(?P<verb>{KILLED_WORDS}|{INJURED_WORDS})\b",
    re.I,
)
_BACK_OUTCOME = re.compile(
    r"(?P<verb>killed|killing|kills|kill|claim(?:ed|ing|s)?\s+the\s+(?:lives|life)\s+of|left|leaving"
    r"|leaves|executed|executing|executes|execute|massacred|massacring|slaughtered|slaughtering|beheaded"
    r"|beheading|crucified|crucifying|shot\s+dead|murdered|murdering|claimed|claiming|claims|toll\s+(?:of|at|to|rose\s+to|reached"
    r"|climbed\s+to|hit|hits|stands\s+at|stood\s+at|was|is|has\s+risen\s+to|had\s+risen\s+to|rose\s+to)"
    r"|deaths\s+of|death\s+of|bodies\s+of|(?:murders?|killings?|executions?|massacre|slaughter)\s+of|wounding|injuring|wounded|injured|injures|wounds|wound|injure"
    r"|dead\s+and|died|dead|martyred)"
    r"\s+(?:all\s+|another\s+|other\s+|a\s+further\s+|an\s+additional\s+|the\s+|up\s+)?$",
    re.I,
)
_TOLL_UPDATE = re.compile(
    r"\b(?:death\s+)?toll\b(?:(?!\b(?:wounded|injured|injuries)\b)[^.;]){0,110}?\b(?:rose|climbed|reached|increased"
    r"|risen|jumped|stands|stood|hit|hits|at|to|was|is|of|attack|blast|bombing|strikes?|raids?|massacre|rises"
    r"|climbs|reaches|jumps)\s+$",
    re.I,
)
_TOLL_VERB_BEFORE_L = re.compile(
    r"\b(?:has\s+|had\s+|have\s+)?(?:reached|risen\s+to|rose\s+to|climbed\s+to|increased\s+to|jumped\s+to"
    r"|stands\s+at|stood\s+at)\s+(?:at\s+least\s+|more\s+than\s+|over\s+|nearly\s+|some\s+|about\s+)?$"
)
_RUNNING_BEFORE = re.compile(
    r"\b(?:bringing|raising|pushing|taking|brings|raises|brought|raised|took|takes|bring|raise)\s+(?:the\s+)?"
    r"(?:overall\s+|total\s+|cumulative\s+|overall\s+death\s+|total\s+death\s+)?(?:death\s+)?(?:toll|total|number"
    r"|tally|count)(?:\s+\w+){0,8}?\s+(?:to|at)\s+$",
    re.I,
)
_RUNNING_AFTER = re.compile(
    r"^(?:(?!\b(?:bringing|raising|pushing|taking|while|whereas)\b)[^.;,]){0,90}?\b(?:since\s+(?:the\s+(?:start|beginning|outbreak|conflict|war|uprising|revolt|crisis)"
    r"|(?:march\s+)?2011|it\s+began|then|january|february|march|april|may|june|july|august|september|october"
    r"|november|december|\d{4})|so\s+far\s+this|to\s+date|in\s+total|this\s+year|since\s+the"
    r"|over\s+the\s+past\s+(?:\w+\s+)?(?:years|months)|in\s+(?:the\s+)?(?:past|last)\s+(?:\w+\s+)?(?:years|months)"
    r"|during\s+the\s+(?:war|conflict)|of\s+the\s+(?:war|conflict))\b",
    re.I,
)
_WAR_TOTAL = re.compile(
    r"\b(?:war|conflict|uprising|crisis|violence|fighting)\s+(?:has|have|had|which\s+has|that\s+has)\s+"
    r"(?:\w+\s+){0,3}?(?:killed|claimed|left)\b|\b(?:war|conflict)\s+(?:began|erupted|started)\b"
    r"|\b(?:died|killed|dead|lost\s+their\s+lives)\s+(?:\w+\s+){0,2}?in\s+(?:the\s+)?(?:syrian\s+|syria'?s\s+"
    r"|six-year\s+|five-year\s+|\w+-year-old\s+)?(?:civil\s+)?(?:war|conflict)\b(?!\s+zone)",
    re.I,
)
_BREAKDOWN = re.compile(
    r"^[^.;]{0,90}?\b(?:including|among\s+them|among\s+whom|of\s+whom|of\s+them|included|among\s+the\s+"
    r"(?:dead|victims|killed|fatalities|casualties|wounded|injured)\s+(?:were|are)|mostly|mainly)\b[^.;]{0,40}$",
    re.I,
)
# "29 rebels were killed along with six jihadists": another group killed in the same event.
_ALONG_L = re.compile(r"^[^.;]{0,90}?\b(?:along|together)\s+with\s+(?:at\s+least\s+|another\s+)?$")
_CHAIN = re.compile(r"^\s*(?:[\w'-]+\s+){0,3}?(?:and|,|as\s+well\s+as|plus)\s*(?:also\s+)?$", re.I)
_FROM_ACTOR = re.compile(
    r"^\s*(?:\([^)]{0,60}\)\s*)?(?:from|of|loyal\s+to|belonging\s+to|affiliated\s+with|with)\s+(?:the\s+)?"
    r"(?:\([^)]*\)\s*)?(?:[\w'-]+\s+){0,3}?(?:group|militia|army|forces|h[ei]zb[ao]ll?ah|is|isis|isil|daesh"
    r"|nusra|front|regime|ypg|sdf|fsa|rebels|brigade|division|battalion|popular\s+committees|guard)",
    re.I,
)
_REST_RE = re.compile(
    rf"\bthe\s+(?:rest|remainder|others|other\s+victims)(?:\s+of\s+the\s+(?:dead|victims|killed))?"
    rf"(?:\s+(?!were\b|are\b)[\w'-]+){{0,8}}?\s+(?:were|are)"
    rf"\s+(?:[\w'-]+\s+){{0,4}}?(?:(?P<comb>{COMBATANT_WORDS})|(?P<civ>civilians?))\b",
    re.I,
)
_KILLED_VERB = re.compile(rf"^(?:{KILLED_WORDS})$", re.I)
# "Among the dead were five children", "the victims included three women": a
# breakdown of the dead told in a sentence of its own.
_AMONG_BEFORE = re.compile(
    r"\b(?:(?:among|of)\s+(?:the|those)\s+(?:dead|killed|victims|fatalities|people\s+killed|bodies)"
    r"(?:\s+\w+){0,3}?\s+(?:were|are|was|included|include)|(?:the\s+)?(?:dead|victims|fatalities"
    r"|those\s+killed|people\s+killed)\s+(?:included|include|including)|killed\s+(?:were|are))\s+(?:also\s+)?$",
    re.I,
)
# "five of the dead were children", "14 of them were rebels", "21 civilians, eight of them children"
_OF_THE_DEAD = re.compile(
    r"^\s*of\s+(?:(?:the|those|them|whom)(?:\s+(?:dead|killed|victims|fatalities|people\s+killed))?\s+"
    r"(?:were|was|are)\s+(?:all\s+|also\s+)?|(?:them|whom)\s+(?=[a-z]))",
    re.I,
)


# Lower-case twins (see ``text.lowered``): the sentence is lower-cased once and
# every rule runs case-sensitively on it, which is several times faster.
_VICTIM_HEAD_L = lowered(VICTIM_HEAD_RE)
_ONE_L = lowered(ONE_RE)
_OF_THE_DEAD_L = lowered(_OF_THE_DEAD)
_TOLL_UPDATE_L = lowered(_TOLL_UPDATE)
_BACK_OUTCOME_L = lowered(_BACK_OUTCOME)
_FWD_OUTCOME_L = lowered(_FWD_OUTCOME)
_AMONG_BEFORE_L = lowered(_AMONG_BEFORE)
_RUNNING_BEFORE_L = lowered(_RUNNING_BEFORE)
_RUNNING_AFTER_L = lowered(_RUNNING_AFTER)
_WAR_TOTAL_L = lowered(_WAR_TOTAL)
_BREAKDOWN_L = lowered(_BREAKDOWN)
_CHAIN_L = lowered(_CHAIN)
_SHARED_NOUN_L = re.compile(
    r"^\s+(?:and|,)\s+(?:wounded|injured|wounding|injuring|captured|arrested)\s+(?:at\s+least\s+|more\s+than\s+)?"
    r"(?:\d+|[a-z]+)\s+"
)
_NEUTRALISED_L = re.compile(
    r"\b(?:destroyed|destroying|eliminated|eliminating|neutrali[sz]ed|neutrali[sz]ing|liquidated|liquidating)"
    r"\s+(?:at\s+least\s+|more\s+than\s+|over\s+|some\s+|about\s+|around\s+|nearly\s+)?$"
)
_IS_ACRONYM = re.compile(r"(?<![\w'])IS(?=\s+(?:[A-Za-z-]+\s+)?(?:[a-z]+))")
_KIN_OF_L = re.compile(
    r"\b(?:wives|wife|widows?|families|family|relatives|sons|daughters|mothers|fathers|parents|children|kin)"
    r"\s+of\s+(?:the\s+|these\s+|those\s+)?$"
)
# "leaving 5 dead", "left 25 militants of the Front, including one of its leaders, dead"
_LEFT_TAIL_L = re.compile(
    r"^(?:\s+(?:of|from)\s+[^.;,]{0,50}?)?(?:\s*,?\s*(?:including|among\s+them)\s+[^.;]{0,60}?)?"
    rf"\s*,?\s*(?P<v>{KILLED_WORDS}|{INJURED_WORDS})\b",
    re.I,
)
# "... on Thursday, a day after air strikes on a school left 35 people dead": the
# toll of an earlier event told inside the sentence of this one.
_EARLIER_EVENT_L = re.compile(
    r"\b(?:a|one|two|three|four|five|several|few|\d+)\s+(?:days?|hours?|weeks?|months?)\s+after\s+[^,;:]{0,120}$"
)
# "more than 1400 are estimated to have been killed": only auxiliaries between a bare count and its verb
_AUX_ONLY_L = re.compile(
    r"^\s+(?:(?:were|are|have|has|had|been|reportedly|now|all|estimated|believed|thought|feared|known"
    r"|presumed|to)\s+)+$"
)
_OF_OWN_L = re.compile(r"^\s+of\s+(?:its|their|his|her)\s+(?:own\s+)?(?=[a-z])")
# "a mother and her child", "a man and his young daughter": one child named by kinship.
_KIN_ONE_L = re.compile(
    r"\b(?:his|her|their)\s+(?P<noun>(?:(?:young|little|baby|infant|newborn|[a-z0-9]+-year-old)\s+"
    r"(?:daughter|son|girl|boy|child)|child|baby|infant|toddler|newborn)\b)"
)
_WAR_WORDS = ("war", "conflict", "uprising", "crisis", "violence", "fighting")
_RUN_HINT = re.compile(r"bring|rais|push|tak|brought|took")


# A figure for the killed and the wounded together, not a death toll.
_KILLED_OR_WOUNDED_L = re.compile(
    r"^\s*(?:[\w-]+\s+){0,3}?(?:were\s+|have\s+been\s+|had\s+been\s+|are\s+)?(?:killed|dead)\s+(?:(?:and|or|&)\s+)?"
    r"(?:were\s+)?(?:wounded|injured)\b"
)
# A toll the report itself says was replaced ("the previous death toll was 20").
_SUPERSEDED_TOLL_L = re.compile(
    r"\b(?:previous|earlier|initial|preliminary|former|old)\s+(?:death\s+)?toll\b[^.;]{0,40}$"
)


@dataclass
class Casualty:
    outcome: str  # killed | injured
    cls: str  # total | civilians | children | women | combatants
    range: Range
    span: Span  # the count plus its noun phrase
    noun_start: int
    noun_end: int
    running: bool = False
    toll_update: bool = False
    sub: bool = False  # part of a breakdown of the figure before it
    victim_end: int = -1  # end of the whole victim phrase ("18 jihadists from the IS group"), if longer


# "members of the White Helmets / of the local council / of a family": a civilian body
_CIVIL_BODY = re.compile(
    r"^\s+of\s+(?:the\s+|a\s+|an\s+)?(?:[\w'-]+\s+){0,3}?(?:white\s+helmets|civil\s+defen[cs]e|red\s+crescent"
    r"|council|family|medical|rescue|relief|aid|media|press|charity|humanitarian)\b",
    re.I,
)


def _classify(head_groups: dict[str, str | None], mods: str, after: str) -> str:
    if head_groups.get("child"):
        return "children"
    if head_groups.get("woman"):
        return "women"
    if head_groups.get("civ"):
        return "civilians"
    if head_groups.get("comb"):
        if re.search(
            r"\b(?:family|civil\s+defen[cs]e|medical|rescue|aid|council|red\s+crescent|relief)\b", mods, re.I
        ):
            return "civilians"
        if _CIVIL_BODY.match(after):
            return "civilians"  # "three members of the White Helmets"
        return "combatants"
    if COMBATANT_MOD_RE.search(mods) or _FROM_ACTOR.match(after):
        return "combatants"
    return "total"


def find_casualties(
    sentence: str, offset: int = 0, exclude: list[tuple[int, int]] | None = None
) -> list[Casualty]:
    """Casualty figures in one sentence; offsets are shifted by ``offset``.

    ``exclude`` lists spans (sentence offsets) that cannot hold a count, such as dates.
    """
    low = lower_ascii(sentence)
    if "IS " in sentence:
        # "killed 9 IS fighters": the group's acronym stays upper case so that the
        # victim phrase does not read it as the verb "is" (rules spell verbs in lower case).
        for im in _IS_ACRONYM.finditer(sentence):
            low = low[: im.start()] + "IS" + low[im.end() :]
    counts: list[Count] = []
    for c in find_counts(sentence):
        if exclude and any(c.start < e and s < c.end for s, e in exclude):
            continue
        nxt = sentence[c.end : c.end + 2]
        if nxt[:1] in ("-", "%", "/") or (nxt[:1] == "." and nxt[1:2].isdigit()):
            continue
        counts.append(c)
    ones = [(om.start(), om.start("noun")) for om in _ONE_L.finditer(low)]
    if "his " in low or "her " in low or "their " in low:
        ones += [(km.start(), km.start("noun")) for km in _KIN_ONE_L.finditer(low)]
    for start, end in ones:
        if any(c.start <= start < c.end for c in counts):
            continue
        span = Span(start, end, sentence[start:end])
        counts.append(Count(Range(1, 1, 1, span), start, end, sentence[start:end]))
    counts.sort(key=lambda c: c.start)

    war_total = any(w in low for w in _WAR_WORDS) and bool(_WAR_TOTAL_L.search(low))
    out: list[tuple[Casualty | None, Count, str | None]] = []
    for c in counts:
        rest = low[c.end : c.end + 400]
        stripped = rest.lstrip()
        lead_ws = len(rest) - len(stripped)
        m = _VICTIM_HEAD_L.match(stripped)
        cls: str | None = None
        noun_start = noun_end = c.end
        after_noun = rest
        among = False
        martyrs = False
        od = _OF_THE_DEAD_L.match(rest)
        if od:
            om2 = _VICTIM_HEAD_L.match(rest[od.end() :])
            if om2 and not om2.group("gen"):
                groups = {k: om2.group(k) for k in ("child", "woman", "civ", "comb", "gen")}
                cls = _classify(groups, om2.group("mods") or "", "")
                noun_start = noun_end = c.end + od.end() + om2.end()
                after_noun = low[noun_end : noun_end + 400]
                among = True
                m = None
        if m is None and od is None and rest.startswith((" of its ", " of their ", " of his ", " of her ")):
            # "at least 70 of its own members": the noun after the possessive is the count's.
            ow = _OF_OWN_L.match(rest)
            om3 = _VICTIM_HEAD_L.match(rest[ow.end() :]) if ow else None
            if ow and om3 and not om3.group("gen"):
                groups = {k: om3.group(k) for k in ("child", "woman", "civ", "comb", "gen")}
                cls = _classify(groups, om3.group("mods") or "", "")
                noun_start = c.end + ow.end() + om3.start("head")
                noun_end = c.end + ow.end() + om3.end()
                after_noun = low[noun_end : noun_end + 400]
        if m:
            groups = {k: m.group(k) for k in ("child", "woman", "civ", "comb", "gen")}
            head = m.group("head")
            martyrs = head.lower() == "martyrs"
            if groups["gen"] and (_KILLED_VERB.match(head) or martyrs):
                # "22 dead", "4 killed": the head is itself the outcome.
                cls = "total"
                noun_start = noun_end = c.end
                after_noun = rest
            else:
                cls = _classify(groups, m.group("mods") or "", stripped[m.end() :])
                noun_start = c.end + lead_ws + m.start("head")
                noun_end = c.end + lead_ws + m.end()
                after_noun = low[noun_end : noun_end + 400]
        if cls is None:
            # "killed 28 and wounded 30 IS militants": the noun after the second
            # figure is the first figure's noun too.
            sh = _SHARED_NOUN_L.match(rest)
            if sh:
                hm2 = _VICTIM_HEAD_L.match(rest[sh.end() :])
                if hm2 and not hm2.group("gen"):
                    groups2 = {k: hm2.group(k) for k in ("child", "woman", "civ", "comb", "gen")}
                    cls = _classify(groups2, hm2.group("mods") or "", "")
        if cls is None and "family" in c.text.lower():
            cls = "civilians"
        before = low[max(0, c.start - 60) : c.start]
        if cls is not None and _KIN_OF_L.search(before):
            # "the wives of the five rebels were among the dead": the kin are the
            # victims, not the five.
            out.append((None, c, None))
            continue
        before140 = low[max(0, c.start - 140) : c.start]
        outcome: str | None = None
        victim_end = -1
        toll = "toll" in before140 and bool(_TOLL_UPDATE_L.search(before140))
        if not toll and _TOLL_VERB_BEFORE_L.search(before):
            # "the death toll from the shelling ... in the past 24 hours has
            # reached 20 people": a long aside between the toll and its verb.
            tpos = low.rfind("toll", max(0, c.start - 320), c.start)
            toll = tpos >= 0 and ";" not in low[tpos : c.start]
        if toll and (cls in (None, "total", "civilians") or cls is None):
            outcome, cls = "killed", cls or "total"
        # A verb right before the count ("killed at least 18 people") is the
        # strongest cue; otherwise look after the noun ("16 civilians were killed").
        bm = _BACK_OUTCOME_L.search(before[-48:])
        if outcome is None and not (bm and (cls is not None or _looks_like_victims(rest))):
            fm = _FWD_OUTCOME_L.match(after_noun)
            if fm and (
                cls is not None or fm.start("verb") <= 2 or _AUX_ONLY_L.match(after_noun, 0, fm.start("verb"))
            ):
                victim_end = noun_end + fm.start("verb")
                verb = fm.group("verb").lower()
                outcome = "injured" if re.match(INJURED_WORDS, verb, re.I) else "killed"
                cls = cls or "total"
        if outcome is None and martyrs:
            outcome = "killed"  # "51 martyrs": the noun itself says they were killed
        if outcome is None and cls == "combatants" and _NEUTRALISED_L.search(before[-30:]):
            # military statements "destroyed/eliminated 60 terrorists": killed fighters
            outcome = "killed"
        if outcome is None and cls not in (None, "total") and (among or _AMONG_BEFORE_L.search(before)):
            outcome, among = "killed", True
        if outcome is None and bm and (cls is not None or _looks_like_victims(rest)):
            verb = bm.group("verb").lower()
            if re.match(r"wound|injur", verb):
                outcome = "injured"
            elif verb.startswith("left") or verb.startswith("leav"):
                # "leaving 5 dead / 10 wounded": the outcome follows the noun.
                tail = _LEFT_TAIL_L.match(after_noun)
                if tail:
                    outcome = "injured" if re.match(INJURED_WORDS, tail.group("v"), re.I) else "killed"
            else:
                outcome = "killed"
            cls = cls or "total"
        run_before = _RUNNING_BEFORE_L.search(before140) if _RUN_HINT.search(before140) else None
        if outcome is None and run_before and not re.search(r"wound|injur", run_before.group(0), re.I):
            outcome, cls = "killed", cls or "total"
        if (
            outcome == "killed"
            and c.range.best is not None
            and (_KILLED_OR_WOUNDED_L.match(after_noun) or _SUPERSEDED_TOLL_L.search(before140))
        ):
            # "49 fighters were killed and wounded" counts casualties, not deaths;
            # "the previous death toll was 20" has been replaced by a later one.
            outcome = None
        if outcome is None or cls is None:
            out.append((None, c, cls))
            continue
        running = (
            war_total
            or bool(run_before)
            or bool(_RUNNING_AFTER_L.match(low[noun_end : noun_end + 200]))
            or (" after " in before140 and _earlier_event(low, c.start, out))
        )
        toll = toll and not running
        span = Span(c.start + offset, max(noun_end, c.end) + offset, sentence[c.start : max(noun_end, c.end)])
        rng = Range(c.range.best, c.range.low, c.range.high, span)
        out.append(
            (
                Casualty(
                    outcome,
                    cls,
                    rng,
                    span,
                    noun_start + offset,
                    noun_end + offset,
                    running,
                    toll,
                    among,
                    victim_end + offset if victim_end >= 0 else -1,
                ),
                c,
                cls,
            )
        )

    # Breakdowns inherit the outcome of the figure they break down.
    result: list[Casualty] = []
    last: Casualty | None = None
    last_end = 0
    for cas, c, cls in out:
        if cas is None and last is not None and cls is not None and cls != "total":
            between = low[last_end : c.start]
            along = bool(_ALONG_L.match(between))
            # "51 children 28 women five rescue workers": a list whose commas were lost
            bare = last.sub and not between.strip()
            if along or bare or _BREAKDOWN_L.match(between) or _CHAIN_L.match(between):
                noun_end = c.end
                tail_low = low[c.end : c.end + 400]
                hm = _VICTIM_HEAD_L.match(tail_low.lstrip())
                if hm:
                    noun_end = c.end + (len(tail_low) - len(tail_low.lstrip())) + hm.end()
                span = Span(c.start + offset, noun_end + offset, sentence[c.start : noun_end])
                cas = Casualty(
                    last.outcome,
                    cls,
                    Range(c.range.best, c.range.low, c.range.high, span),
                    span,
                    c.start + offset,
                    noun_end + offset,
                    last.running,
                    False,
                    not along,
                )
        if cas is not None:
            result.append(cas)
            last = cas
            last_end = cas.span.end - offset
    for prev, cas in itertools.pairwise(result):
        between = low[prev.span.end - offset : cas.span.start - offset]
        if not cas.sub and prev.cls != "children" and _BREAKDOWN_L.match(between):
            cas.sub = True
    return _coordinated_sums(result, sentence, offset) + result


_COORD = re.compile(r"^\s*(?:,|and|as\s+well\s+as|plus)\s*(?:also\s+|another\s+)?$", re.I)
_CIVILIAN_CLASSES = ("civilians", "children", "women")


def _sum_ranges(parts: list[Range], span: Span) -> Range:
    def total(vals: list[int | None]) -> int | None:
        return None if any(v is None for v in vals) else sum(v for v in vals if v is not None)

    return Range(
        total([p.best for p in parts]), total([p.low for p in parts]), total([p.high for p in parts]), span
    )


def _coordinated_sums(result: list[Casualty], sentence: str, offset: int) -> list[Casualty]:
    """ "five children and four medics were killed": disjoint groups add up to a total."""
    derived: list[Casualty] = []
    heads = [c for c in result if not c.sub]
    groups: list[list[Casualty]] = []
    for c in heads:
        if groups:
            prev = groups[-1][-1]
            between = sentence[prev.span.end - offset : c.span.start - offset]
            joined = _COORD.match(between) or _ALONG_L.match(lower_ascii(between))
            if prev.outcome == c.outcome and prev.running == c.running and joined:
                groups[-1].append(c)
                continue
        groups.append([c])
    for g in groups:
        if len(g) < 2 or any(c.cls == "total" for c in g):
            continue
        span = Span(
            g[0].span.start, g[-1].span.end, sentence[g[0].span.start - offset : g[-1].span.end - offset]
        )
        civ = [c for c in g if c.cls in _CIVILIAN_CLASSES]
        if any(c.cls == "civilians" and "civilian" in c.span.text.lower() for c in civ) and any(
            c.cls in ("children", "women") for c in civ
        ):
            # "16 civilians and three children": children are civilians too, so the
            # stated civilian figure may already hold them; no sum is read.
            continue
        derived.append(_derived(g, "total", g, span))
        if len(civ) >= 2:
            derived.append(_derived(g, "civilians", civ, span))
        comb = [c for c in g if c.cls == "combatants"]
        if len(comb) >= 2:
            derived.append(_derived(g, "combatants", comb, span))
    return derived


def _derived(group: list[Casualty], cls: str, parts: list[Casualty], span: Span) -> Casualty:
    first, last = group[0], group[-1]
    rng = _sum_ranges([p.range for p in parts], span)
    return Casualty(
        first.outcome, cls, rng, span, first.noun_start, last.noun_end, first.running, False, True
    )


def _earlier_event(low: str, pos: int, seen: list[tuple[Casualty | None, Count, str | None]]) -> bool:
    """A count inside "..., a day after raids on X left 35 dead" after the sentence's own toll."""
    m = _EARLIER_EVENT_L.search(low, 1, pos)
    return m is not None and any(
        cas is not None and cas.outcome == "killed" and not cas.running and c.end <= m.start()
        for cas, c, _ in seen
    )


def _looks_like_victims(rest: str) -> bool:
    """After "killing 16" with no noun: accept if the next word is not a unit of something else."""
    nxt = re.match(r"^\s*([\w'-]+)", rest)
    if not nxt:
        return True
    word = nxt.group(1).lower()
    if word.isdigit() and rest[nxt.end() : nxt.end() + 1] == "%":
        return True  # "has killed more than 670, 40% of them children" with the comma lost
    return word in {
        "in",
        "on",
        "at",
        "and",
        "near",
        "when",
        "after",
        "as",
        "during",
        "including",
        "inside",
        "outside",
        "across",
        "while",
        "according",
        "a",
        "the",
        "of",
        "since",
        "among",
        "with",
    }


def find_rest_clause(sentence: str) -> str | None:
    """ "the rest were IS fighters" -> "combatants"; "the others were civilians" -> "civilians"."""
    m = _REST_RE.search(sentence)
    if not m:
        return None
    return "combatants" if m.group("comb") else "civilians"
