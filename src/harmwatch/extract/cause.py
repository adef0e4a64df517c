"""Cause: what kind of attack an incident was, from the words its sentences use.

A story names several weapons on the way ("hours after a gas attack", "the
rocket bomb", "barrel bomb survivors"), and the event type must be the one that
killed. These rules choose among a sentence's weapon words, drop the ones that
belong to an aside about another event, and settle the vague words (a bare
"bombing", bare "raids") from the rest of the story. They are kept apart from
incident building because the headline, the doer fallbacks and the grouping of
sentences all ask the same question of a sentence: which mechanism does it give?
"""

from __future__ import annotations

import re

from harmwatch.extract.lexicon import AIRCRAFT_RE, TYPE_PRIORITY
from harmwatch.extract.sentences import ATTACK_VERB_L, Draft, SentenceInfo
from harmwatch.extract.text import lower_ascii, lowered
from harmwatch.models import Claim, Incident

CAUSE_CLASS = {"airstrike": "fire", "shelling": "fire", "missile": "fire", "barrel_bomb": "fire"}


_AIR_ACTORS = {"syria_gov", "russia", "coalition", "israel", "turkey"}


def sentence_type(s: SentenceInfo) -> str:
    """The event type a sentence gives.

    The most specific mechanism wins ("a chemical attack by aircraft" is
    chemical). A bare "bomb"/"bombing"/"blast" is the vaguest word of all: it
    yields to any other mechanism in the sentence ("the rocket bomb" is
    shelling), and bombing by a state's air force is an air strike. Bare
    "raids" are air raids unless the sentence's doer is a group with no
    aircraft ("militants mounted raids on villages").
    """
    low = lower_ascii(s.sent.text)
    types = main_types(s) or [t for t in s.types if not _PEOPLE_OF_L.match(low, t[3])]
    if not types:
        return "unknown"
    if any(t[0] == "airstrike" and t[1] is None for t in types):
        doers = {m.actor for m in s.actors if m.doer and m.actor != "unknown"}
        if doers and not doers & _AIR_ACTORS:
            types = [t for t in types if not (t[0] == "airstrike" and low[t[2] : t[3]] == "raids")]
            if not types:
                return "unknown"
    if any(t[0] == "other" for t in types):
        # "A warplane crashed while on a bombing run": the aircraft and its
        # mission name what went down; what killed was the crash (or the fire
        # that brought it down, when the sentence names a weapon). ``low`` is the
        # same-length lowering, so the types' offsets hold in it.
        downs = [(t[2] - 80, t[3] + 60) for t in types if t[0] == "other"]

        def near_down(t: tuple[str, str | None, int, int]) -> bool:
            return any(a <= t[2] <= b for a, b in downs)

        types = [
            t
            for t in types
            if not (
                near_down(t)
                and t[1] is None
                and (t[0] == "explosion" or (t[0] == "airstrike" and AIRCRAFT_RE.fullmatch(low, t[2], t[3])))
            )
        ]
    specific = [t[0] for t in types if not (t[0] == "explosion" and t[1] is None)]
    generic = len(specific) < len(types)
    best = min(specific, key=lambda x: TYPE_PRIORITY.get(x, 99)) if specific else None
    if best is not None and (best != "clash" or not generic):
        return best
    if generic:
        words = [s.sent.text[b:e].lower() for et, w, b, e in types if et == "explosion" and w is None]
        if all(w.startswith("bomb") for w in words) and any(
            m.doer and m.actor in _AIR_ACTORS for m in s.actors
        ):
            return "airstrike"
        return "explosion"
    return best or "unknown"


# A weapon word after these words belongs to an earlier or other event the
# sentence mentions in passing ("killed in air strikes a day after the execution
# of a pilot"), not to what killed the victims.
_ASIDE_L = lowered(
    re.compile(
        r"\b(?:(?:hours?|days?|weeks?|months?|years?|a\s+day|shortly|soon|just)\s+(?:after|before)"
        r"|in\s+(?:retaliation|revenge|response)\s+(?:for|to)|following|since(?!\s+(?:early\s+|late\s+|last\s+)?"
        r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|dawn|morning|midnight|noon|yesterday|\d"
        r"|january|february|march|april|may|june|july|august|september|october|november|december|the\s+(?:start"
        r"|beginning)))|a\s+week\s+after"
        r"|weeks?\s+after|the\s+(?:reported|alleged|suspected)|previous|earlier|last\s+(?:week|month|year))\b"
        r"[^,;:]{0,60}$",
        re.I,
    )
)
# A weapon word that names people by what they suffered ("a clinic treating
# chemical attack victims", "barrel bomb survivors") tells who they are, not
# what this sentence's deed was.
_PEOPLE_OF_L = lowered(re.compile(r"\s+(?:victims|survivors|patients|casualties|amputees)\b", re.I))
# What killed: "killed in/by/from X", "X killed/kills", "died of X".
_KILLED_BY_L = lowered(
    re.compile(
        r"\b(?:killed|dead|died|deaths?|lives|wounded|injured|massacre|martyred|casualties)"
        r"(?:\s+[\w'-]+){0,6}?\s+(?:in|by|from|during|under|of|when|as|after|amid)\s+(?:\S+\s+){0,4}$",
        re.I,
    )
)


# Stricter than ``_KILLED_BY_L`` (no "after", "when", "amid"): the toll is the
# weapon's own ("killed in X", "death toll from X"), or the weapon is the subject
# of the killing ("X on the town killed 10").
_TOLL_OF_L = lowered(
    re.compile(
        r"\b(?:killed|dead|died|deaths?|death\s+toll|toll|lives)\s+(?:[\w'-]+\s+){0,2}?"
        r"(?:in|by|from|during|under|of)\s+(?:\S+\s+){0,3}$",
        re.I,
    )
)
_KILLS_AFTER_L = lowered(
    re.compile(
        r"(?:\s+[\w'-]+){0,6}?\s+(?:(?:have|has|had)\s+)?(?:killed|kill|kills|killing)\b",
        re.I,
    )
)
# The aside markers that always tie a word to another event: "two days after",
# "in retaliation for".
_OTHER_EVENT_L = lowered(
    re.compile(
        r"\b(?:(?:hours?|days?|weeks?|months?|years?|a\s+day|shortly|soon|just)\s+(?:after|before)"
        r"|in\s+(?:retaliation|revenge|response)\s+(?:for|to)|weeks?\s+after|previous|last\s+(?:week|month|year))\b"
        r"[^,;:]{0,60}$",
        re.I,
    )
)


# Between a weapon word and another: the second is what the first carried.
_CARRYING_L = lowered(
    re.compile(
        r"[^.;]*?\b(?:that|which)?\s*(?:included|includes|including|contain(?:ed|ing|s)?|carr(?:ied|ying)"
        r"|loaded\s+with|filled\s+with|laced\s+with|using|used)\b[^.;]*$",
        re.I,
    )
)


def main_types(s: SentenceInfo) -> list[tuple[str, str | None, int, int]]:
    """The weapon words of a sentence that tell what killed, asides left out.

    Words in an aside about another event are dropped when others remain; where
    the sentence says what killed ("killed in an air strike", "killed by
    shelling"), those words are the sentence's mechanism.
    """
    if not s.types:
        return s.types
    low = lower_ascii(s.sent.text)
    kept = [
        t
        for t in s.types
        if not _ASIDE_L.search(low, max(0, t[2] - 80), t[2]) and not _PEOPLE_OF_L.match(low, t[3])
    ]
    if not kept and any(c.outcome == "killed" for c in s.own_casualties):
        # Every weapon word stands after an aside marker, and none is left to be
        # the main one: a word the sentence's own toll is tied to is still what
        # killed ("Earlier on Monday air strikes killed 10", "killed in the
        # alleged chemical attack").
        return [
            t
            for t in s.types
            if t[0] != "clash"
            and not _OTHER_EVENT_L.search(low, max(0, t[2] - 80), t[2])
            and (_TOLL_OF_L.search(low, max(0, t[2] - 80), t[2]) or _KILLS_AFTER_L.match(low, t[3]))
        ]
    if len(kept) < 2:
        return kept
    bound = [t for t in kept if t[0] != "clash" and _KILLED_BY_L.search(low, max(0, t[2] - 120), t[2])]
    if bound:
        # "killed in a bombardment that included chemical weapons": what the
        # bound word's own phrase says it carried killed too.
        bound += [
            t
            for t in kept
            if t not in bound
            and any(0 <= t[2] - b[3] <= 80 and _CARRYING_L.match(low, b[3], t[2]) for b in bound)
        ]
    return bound or kept


# A bare "bombing" names no means; what other words a story uses for the same
# event settle it. Words that only a planted or carried bomb gives (a blast, an
# explosion, a detonation) keep it an explosion.
_BARE_BOMBING = re.compile(r"bombings?|bombs|bombed", re.I)
_BLAST_WORDS_L = lowered(
    re.compile(r"\b(?:blasts?|explosions?|exploded|explod\w+|detonat\w+|went\s+off)\b", re.I)
)
_STATE_MEANS = ("barrel_bomb", "missile", "airstrike", "shelling")


def resolve_bombing(inc: Incident, d: Draft, head: SentenceInfo | None, rid: str, source: str | None) -> None:
    """Read an incident typed only by a bare "bombing" as the means its story names.

    "Six days of heavy bombing have killed dozens" says that bombs fell, not how:
    where the same event's other sentences (or the headline) name air strikes,
    shelling, missiles or barrel bombs, those are the bombing; where they name
    nothing but the doer is a state force with an air force, it is an air strike.
    A planted bomb tells itself by a blast, a detonation or a named device
    (car bomb, IED, suicide attack), and then the bombing stays an explosion.
    """
    ts = d.type_sentence
    if inc.event_type != "explosion" or ts is None:
        return
    words = [ts.sent.text[b:e] for t, w, b, e in (main_types(ts) or ts.types) if t == "explosion"]
    if not words or not all(_BARE_BOMBING.fullmatch(x) for x in words):
        return
    story = [*d.sentences, *([head] if head is not None else [])]
    for s in story:
        if any(t == "explosion" and w is not None for t, w, _b, _e in s.types):
            return
        if _BLAST_WORDS_L.search(lower_ascii(s.sent.text)):
            return
    means: str | None = None
    for s in story:
        if s is ts or not s.types:
            continue
        st = sentence_type(s)
        if st in _STATE_MEANS:
            means = st
            break
    if means is None and inc.perpetrators and inc.perpetrators[0].actor in _AIR_ACTORS:
        means = "airstrike"
    if means is not None:
        inc.event_type = means
        inc.claims.append(Claim(rid or None, source, "report", "event_type", means, ts.sent.text))


def headline_mechanism(head: SentenceInfo, htype: str, body: SentenceInfo | None) -> bool:
    """Whether the headline's mechanism should replace the one the body's sentence gave.

    It does where the body's sentence mixes weapons and the headline names one of
    them, or where the body's sentence gives no toll: the headline says by what
    means its toll was caused.
    """
    if htype in ("unknown", "clash", "other"):
        return False
    if body is not None and body.own_casualties and sentence_type(body) == "chemical":
        return False  # a chemical attack stays one, whatever the headline calls the strike
    if body is not None and body.own_casualties and not any(t[0] == htype for t in body.types):
        return False
    types = main_types(head)
    if any(t[0] == "explosion" and t[1] is None for t in types) and htype == "explosion":
        return False  # a bare "bombing" is the vaguest word: the body says more
    return bool(head.own_casualties) or bool(ATTACK_VERB_L.search(lower_ascii(head.sent.text)))


def clash_toll(head: SentenceInfo) -> bool:
    """Whether a headline gives its toll as the toll of fighting ("killed in clashes")."""
    if not head.own_casualties:
        return False
    low = lower_ascii(head.sent.text)
    return any(t[0] == "clash" and _KILLED_BY_L.search(low, max(0, t[2] - 120), t[2]) for t in head.types)
