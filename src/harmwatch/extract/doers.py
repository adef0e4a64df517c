"""Doers: who did an incident's deed, when its own sentences do not plainly say.

:mod:`harmwatch.extract.actors` scores who does what within one sentence, and
the incident takes the sure doers of its own sentences. Stories often name the
doer elsewhere: in the headline, in an aside ("the airstrikes by the regime"),
behind a definite "the attack" or "the extremist group", in the sentence that
gives the toll, or only in a sentence's syntax. These fallbacks are tried in a
fixed order (see ``core._extract``), each only while the incident still has no
doer, and each refuses hedged sentences ("it was not clear who...") and the
other side's answer to the attack. They live together so that the order and
the shared guards can be read in one place.
"""

from __future__ import annotations

import re

from harmwatch.extract import parse
from harmwatch.extract.actors import attribution_in, find_actor_mentions, score_doers
from harmwatch.extract.cause import CAUSE_CLASS
from harmwatch.extract.sentences import Draft, SentenceInfo
from harmwatch.extract.tollrank import TollSentence
from harmwatch.models import Claim, Incident, Perpetrator, Span

UNCERTAIN = re.compile(
    r"\b(?:(?:not|un)\s*clear\s+(?:who|which)|not\s+(?:yet\s+|immediately\s+)?(?:known|clear|"
    r"possible\s+to\s+(?:know|say|determine))\s+(?:who|which)|did\s+not\s+(?:know|say)\s+(?:who"
    r"|which)|(?:has|have)\s+claimed\s+(?:previous|past|earlier|similar)|(?:has|have)\s+(?:previously"
    r"|repeatedly|frequently|often|regularly)\s+\w+|previous\s+(?:attacks|bombings|raids|strikes|air\s+raids))\b",
    re.I,
)


# A later sentence telling the other side's answer to the attack ("army units
# responded and killed a number of terrorists") is a counter-deed, not the main event's.
RESPONSE = re.compile(
    r"\b(?:respond(?:ed|s|ing)\s+(?:to|by|with|against)|retaliat(?:ed|es|ing|ion|ory)|in\s+response\s+to"
    r"|hit\s+back|struck\s+back|fought\s+back|repelled|repulsed|thwarted|foiled)\b",
    re.I,
)


def headline_doer_first(inc: Incident, d: Draft, head: SentenceInfo, rid: str, source: str | None) -> None:
    """The headline's plain doer leads when the body's first doer is not from a toll sentence.

    A headline names who did the story's main deed ("Kurdish-led forces kill
    35 militants"); a body sentence without the toll that names another actor
    ("IS fighters are also targeted by coalition air strikes") is more often
    an aside about other fighting than the main event.
    """
    sure = [m for m in head.actors if m.doer and m.score >= 0.9 and not m.generic and m.actor != "unknown"]
    if not sure or not inc.perpetrators:
        return
    first = inc.perpetrators[0]
    if first.actor == sure[0].actor:
        return
    if first.span is not None:
        src = next((s for s in d.sentences if s.sent.start <= first.span.start < s.sent.end), None)
        if src is not None and any(c.outcome == "killed" for c in src.own_casualties):
            return
    mm = sure[0]
    have = next((p for p in inc.perpetrators if p.actor == mm.actor), None)
    if have is not None:
        inc.perpetrators.remove(have)
    else:
        span = None if head.virtual else Span(head.sent.start + mm.start, head.sent.start + mm.end, mm.text)
        have = Perpetrator(mm.actor, attribution_in(head.sent.text, mm, head.actors), span)
        inc.claims.append(Claim(rid or None, source, "report", "perpetrators", mm.actor, head.sent.text))
    inc.perpetrators.insert(0, have)


def toll_sentence_doer(
    inc: Incident, ts: TollSentence, infos: list[SentenceInfo], rid: str, source: str | None
) -> None:
    """The doer named in the sentence that gives the main toll, when the incident has none.

    "The Observatory said the rebels had killed 69 civilians in shelling": when
    the ranker takes the main toll from such a sentence outside the event's own
    ones, the side it plainly names as the killer is the doer of that toll.
    """
    s = next((x for x in infos if not x.furniture and x.sent.start == ts.start), None)
    if s is None or UNCERTAIN.search(s.sent.text) or RESPONSE.search(s.sent.text):
        return
    _add_sure_doer(inc, s, rid, source)


def parsed_doer(inc: Incident, d: Draft, head: SentenceInfo | None, rid: str, source: str | None) -> None:
    """The main incident's doer from a dependency parse, when the rules found none.

    Only the sentences that carry the attack (at most three: the event's own
    toll or attack sentences, then the headline) are parsed; see
    :mod:`harmwatch.extract.parse`.
    """
    lead = d.sentences[0] if d.sentences else None
    cands = [
        s
        for s in d.sentences
        if s.eventful
        and s.actors
        and (s is lead or not (other_attack(s, inc.event_type) or RESPONSE.search(s.sent.text)))
    ][:2]
    if d.sentences and unnamed_doer(d.sentences[0]):
        # The lead names the doer only generically: see build_incident.
        cands = [s for s in cands if s is lead or any(c.outcome == "killed" for c in s.own_casualties)]
    if head is not None and head.actors and head not in cands:
        cands.append(head)
    for s in cands[:3]:
        if UNCERTAIN.search(s.sent.text):
            continue
        mm = parse.parsed_doer(s.sent.text, [m for m in s.actors if not in_link_list(s.sent.text, m.start)])
        if mm is None:
            continue
        virtual = s.virtual
        span = None if virtual else Span(s.sent.start + mm.start, s.sent.start + mm.end, mm.text)
        inc.perpetrators.append(Perpetrator(mm.actor, attribution_in(s.sent.text, mm, s.actors), span))
        inc.claims.append(Claim(rid or None, source, "report", "perpetrators", mm.actor, s.sent.text))
        return


# A doer named by a definite description of a group named before ("executed by
# the extremist group", "the group's fighters killed").
_ANAPHOR = re.compile(
    r"\b(?:by|from)\s+(?:the|this|that)\s+(?:(?:extremist|jihadist|militant|terrorist|radical|islamist"
    r"|hardline|ultra-hardline|armed|same|rebel)\s+)*(?:group|organi[sz]ation|militia|faction|movement)\b"
    r"|\b(?:the|this)\s+(?:(?:extremist|jihadist|militant|terrorist|radical|islamist|hardline|ultra-hardline)\s+)*"
    r"(?:group|organi[sz]ation|militia)(?:'?s\s+(?:fighters|militants|members|gunmen))?\s+(?:has\s+|had\s+|have\s+)?"
    r"(?:also\s+)?(?:killed|executed|beheaded|shot|attacked|shelled|bombed|stormed|massacred|detonated|fired"
    r"|kills|executes|beheads|attacks|shells|bombs|storms|abducted|kidnapped)\b",
    re.I,
)
# An attack named by a definite description of one told before ("in the ongoing bombing campaign").
_ANAPHOR_ATTACK = re.compile(
    r"\b(?:the|this|these|that)\s+(?:ongoing\s+|continuing\s+|same\s+|renewed\s+)?(?:[\w-]+\s+)?"
    r"(?:bombing\s+campaign|air\s+campaign|campaign|bombardment|onslaught|assault|offensive)\b",
    re.I,
)


def anaphor_doer(inc: Incident, d: Draft, infos: list[SentenceInfo], rid: str, source: str | None) -> None:
    """Resolve "by the extremist group" or "the ongoing bombing campaign" to the doer named just before.

    The antecedent is the nearest plain doer of a specific name in the (at most
    three) story sentences before the one with the description; a group named
    there only as a target or victim does not count.
    """
    for s in d.sentences:
        m = _ANAPHOR.search(s.sent.text) or _ANAPHOR_ATTACK.search(s.sent.text)
        if m is None or UNCERTAIN.search(s.sent.text):
            continue
        prev = [x for x in infos if x.index < s.index and not x.furniture and x.index >= 0][::-1][:3]
        for p in prev:
            acts = p.actors or score_doers(p.sent.text, find_actor_mentions(p.sent.text), [])
            sure = [a for a in acts if a.doer and a.score >= 0.9 and not a.generic and a.actor != "unknown"]
            if sure:
                mm = sure[-1]
                inc.perpetrators.append(Perpetrator(mm.actor, attribution_in(s.sent.text, mm, []), None))
                inc.claims.append(Claim(rid or None, source, "report", "perpetrators", mm.actor, s.sent.text))
                return
        return


_RELATED = re.compile(r"\b(?:Related|Read\s+more|See\s+also|More\s+on\s+this)\b")
_WORD = re.compile(r"[A-Za-z][\w'-]*")


def _add_sure_doer(inc: Incident, s: SentenceInfo, rid: str, source: str | None) -> bool:
    """Add the side ``s`` plainly names as the killer (a specific name, a sure doer); whether it had one."""
    sure = [
        m
        for m in s.actors
        if m.doer
        and m.score >= 0.9
        and not m.generic
        and m.actor != "unknown"
        and not in_link_list(s.sent.text, m.start)
    ]
    if not sure:
        return False
    mm = max(sure, key=lambda m: m.score)
    span = Span(s.sent.start + mm.start, s.sent.start + mm.end, mm.text)
    inc.perpetrators.append(Perpetrator(mm.actor, attribution_in(s.sent.text, mm, s.actors), span))
    inc.claims.append(Claim(rid or None, source, "report", "perpetrators", mm.actor, s.sent.text))
    return True


def in_link_list(text: str, pos: int) -> bool:
    """Whether ``pos`` lies in a list of linked headlines glued into the sentence.

    News pages append "Related Kobani in Ruins After Anti-IS Airstrikes Syrian
    Government Airstrikes Against IS Kill 36 ..." to the story text: after such
    a marker, a run of capitalised words is other stories' headlines.
    """
    m = _RELATED.search(text, 0, pos)
    if m is None:
        return False
    words = _WORD.findall(text[max(m.end(), pos - 60) : pos + 60])
    if len(words) < 6:
        return False
    caps = sum(w[0].isupper() for w in words)
    return caps >= 0.7 * len(words)


def other_attack(s: SentenceInfo, etype: str) -> bool:
    """A sentence without a toll about another kind of attack than the incident's.

    "Government artillery shelled rebel positions" in a car-bomb story tells
    of other fighting; its doer is not the bomber.
    """
    return (
        etype not in ("unknown", "clash")
        and bool(s.types)
        and all(CAUSE_CLASS.get(t[0], t[0]) != CAUSE_CLASS.get(etype, etype) for t in s.types)
        and not any(c.outcome == "killed" for c in s.own_casualties)
    )


def unnamed_doer(s: SentenceInfo) -> bool:
    """Whether the sentence gives its attack a doer by a generic word only ("terrorist rocket attacks")."""
    return any(m.doer and m.actor == "unknown" for m in s.actors) and not any(
        m.doer and m.actor != "unknown" for m in s.actors
    )


def context_doer(inc: Incident, d: Draft, rid: str, source: str | None) -> None:
    """A doer named once outside the event's own sentences, when they and the headline name none.

    A story about an earlier attack often names its doer in a single aside
    ("the airstrikes by the Assad regime on Aleppo"); only a plain doer of a
    specific name counts, never a generic word or a hedged sentence.
    """
    if d.sentences and unnamed_doer(d.sentences[0]):
        return
    for s in d.context:
        if not UNCERTAIN.search(s.sent.text) and _add_sure_doer(inc, s, rid, source):
            return


# Responsibility for "the attack": a definite reference back to the story's own deed.
_FOR_THE_ATTACK = re.compile(
    r"\b(?:behind|responsible\s+for|blam(?:ed|es|ing)\s+(?:\w+\s+){0,3}?(?:for|on)|accus(?:ed|es|ing)\s+"
    r"(?:\w+\s+){0,3}?of|punish(?:ed|es|ing)?\s+(?:\w+\s+){0,3}?(?:for|over)|carried\s+out|perpetrated"
    r"|committed)\s+(?:[\w'-]+\s+){0,4}?(?:the|this|that|last\s+\w+'?s?)\s+(?:[\w'-]+\s+){0,3}?"
    r"(?:attacks?|strikes?|bombings?|massacres?|raids?|shelling|killings?|blasts?|explosions?)\b",
    re.I,
)


def blamed_for_the_attack(
    inc: Incident, d: Draft, infos: list[SentenceInfo], rid: str, source: str | None
) -> None:
    """A doer named as responsible for "the attack" anywhere in the report, when the event has none.

    Stories about an earlier attack ("Washington says forces loyal to Assad were
    behind the attack") often place the attribution apart from the sentences
    that tell the attack; a definite "the attack" refers back to the story's
    own deed. Only a plain doer of a specific name counts.
    """
    if d.sentences and unnamed_doer(d.sentences[0]):
        return
    for s in infos:
        if (
            s.furniture
            or s.virtual
            or not _FOR_THE_ATTACK.search(s.sent.text)
            or UNCERTAIN.search(s.sent.text)
        ):
            continue
        acts = s.actors or score_doers(s.sent.text, find_actor_mentions(s.sent.text), [])
        sure = [
            m
            for m in acts
            if m.doer
            and m.score >= 0.9
            and not m.generic
            and m.actor != "unknown"
            and not in_link_list(s.sent.text, m.start)
        ]
        if not sure:
            continue
        mm = max(sure, key=lambda m: m.score)
        span = Span(s.sent.start + mm.start, s.sent.start + mm.end, mm.text)
        inc.perpetrators.append(Perpetrator(mm.actor, attribution_in(s.sent.text, mm, acts), span))
        inc.claims.append(Claim(rid or None, source, "report", "perpetrators", mm.actor, s.sent.text))
        return
