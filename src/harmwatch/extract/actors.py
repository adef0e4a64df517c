"""Who did it: actor mentions, whether each is the doer, and how sure the report is.

A mention is a *doer* when an attack word follows it ("Russian warplanes",
"regime forces shelled") or it follows "by" ("killed by IS"), and not when it
names a target, an area's controller or the victims ("IS-held town", "20 IS
fighters were killed"). The sentence's hedges decide the attribution status:
plain statements are ``stated``; "suspected", "reportedly", "activists said",
"Russian or Syrian jets" make it ``alleged``; a denial by the actor is ``denied``;
the actor's own statement of the strike is ``admitted``.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from harmwatch.extract.lexicon import (
    ACTOR_ANY_LOW,
    ACTOR_PATTERNS,
    ACTOR_PREFIXES,
    ADMISSION_RE,
    ALLEGED_RE,
    ATTACK_AFTER_RE,
    ATTACK_IN_MENTION_RE,
    BY_BEFORE_RE,
    CLASH_WITH_BEFORE_RE,
    DENIAL_RE,
    DOWNED_AFTER_RE,
    IS_INDEX,
    IS_RE,
    NOT_DOER_AFTER_RE,
    NOT_DOER_BEFORE_RE,
    NOT_DOER_STRONG_BEFORE_RE,
    RESPONSIBILITY_RE,
    WORD_START_RE,
)
from harmwatch.extract.text import lower_ascii, lowered


@dataclass
class ActorMention:
    actor: str
    start: int  # offsets within the sentence
    end: int
    text: str
    generic: bool
    doer: bool = False
    score: float = 0.0


# "X and other militant groups killed": X shares the role of the group word after it.
_AND_OTHER = re.compile(
    r"\s*(?:and|or|,)\s*(?:the\s+)?(?:what\s+\w+\s+(?:calls?|called|termed|describe[sd]\s+as)\s+)?"
    r"(?:other\s+|allied\s+|its\s+allied\s+)?",
    re.I,
)
# "an opposition alliance including Al-Qaeda's affiliate attacked": the whole named first is the doer.
_INCLUDING = re.compile(r"\s*,?\s*(?:including|among\s+them|such\s+as|led\s+by)\s+(?:the\s+)?", re.I)
# "Forces loyal to Assad were behind the attack", "militants could be responsible for it".
_BEHIND_AFTER = re.compile(
    r"^[\s'-]*(?:s\s+)?(?:[\w-]+\s+){0,2}?(?:(?:was|were|is|are|be|been|could\s+be|may\s+be|might\s+be"
    r"|are\s+likely|were\s+likely)\s+)?(?:behind|responsible\s+for)\s+(?:the\s+|a\s+|this\s+|that\s+|these\s+"
    r"|those\s+|last\s+\w+'?s?\s+|\w+'?s\s+)?(?:[\w-]+\s+){0,2}?(?:attacks?|strikes?|raids?|bombings?|massacres?"
    r"|shelling|killings?|deaths|blasts?|explosions?|assault|carrying\s+out)\b",
    re.I,
)
# An attack only feared, warned of or to be prevented has no doer yet ("they
# feared revenge attacks by pro-government forces").
_HYPOTHETICAL_BY = re.compile(
    r"\b(?:fear(?:ed|s|ing)?|warn(?:ed|s|ing)?\s+(?:of|against)|threats?\s+of|risk\s+of|possible|potential"
    r"|future|prevent(?:ing|s)?|avoid(?:ing|s)?|deter(?:ring|s)?)\s+(?:[\w-]+\s+){0,3}by\s+(?:the\s+)?"
    r"(?:[\w-]+\s+){0,2}$"
    r"|\b(?:possible|potential|future|planned|threatened|proposed|averting|avert|prevent|any)\s+(?:the\s+)?$",
    re.I,
)
# "by" after a word for a visit, a speech, a deal or a count names no attacker.
_NOT_AGENT_BY = re.compile(
    r"\b(?:trip|visit|visited|speech|remarks|statement|interview|decree|calls?|offer|proposal|initiative|efforts?"
    r"|appeal|request|invitation|meetings?|talks|plans?|deal|agreement|truce|ceasefire|reports?|study|investigation"
    r"|analysis|tally|toll\s+compiled|documented|monitored|recorded|compiled|cited|quoted|interviewed|hosted"
    r"|chaired|attended|visited|welcomed|praised|criticised|criticized|signed|agreed|proposed|vetoed|drafted)\s+"
    r"by\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$",
    re.I,
)
# A counted group that was killed ("More than 50 Syria rebels, jihadists killed"):
# victims, even where the casualty reader found no toll.
_COUNT_BEFORE = re.compile(
    r"(?:\b\d[\d,]*|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty"
    r"|dozens|scores|hundreds|tens))\s+(?:of\s+)?(?:[\w-]+\s+){0,2}$",
    re.I,
)
_KILLED_AFTER = re.compile(
    r"^[\s'-]*(?:s\s+)?(?:,\s*)?(?:[\w-]+\s+){0,2}?(?:(?:were|was|have\s+been|had\s+been|are|reported)\s+)?"
    r"(?:killed|dead|died|wounded|injured|slain)\b(?!\s+(?:at\s+least\s+|more\s+than\s+|about\s+|some\s+"
    r"|nearly\s+|over\s+)?(?:\d|one\b|two\b|three\b|four\b|five\b|six\b|seven\b|eight\b|nine\b|ten\b|dozens"
    r"|scores|hundreds|tens\b|a\s|an\s|the\s|their\s|his\s|\w+\s+(?:civilians|people|children|soldiers|fighters)))",
    re.I,
)
# "rebel fighters killed in battles against IS": a participle with no object
# is passive, and the mention names the dead.
_REDUCED_PASSIVE_AFTER = re.compile(
    r"^[\s'-]*(?:s\s+)?(?:[\w-]+\s+){0,2}?(?:killed|slain|wounded|injured|slaughtered|beheaded"
    r"|executed|assassinated|murdered)(?:\s+(?:or|and)\s+(?:killed|wounded|injured))?\s+(?!at\s+least)(?:in|during|on|near|at|by|when|as"
    r"|after|since|over|overnight|while|amid|fighting|battling|earlier|last|this|yesterday)\b",
    re.I,
)
# "Regime soldier killed and others injured", "Turkish soldiers killed or wounded":
# a person noun after the name, then a participle with no object, names the dead.
_VICTIM_NOUN_AFTER = re.compile(
    r"^[\s'-]*(?:s\s+)?(?:[\w-]+\s+){0,2}?(?:soldiers?|members?|fighters?|officers?|agents?|personnel|militiam[ae]n"
    r"|commanders?|leaders?|troops|recruits|pilots?|officials?|volunteers?|gunm[ae]n|militants?|jihadists?"
    r"|policem[ae]n|guards?|loyalists|affiliates?|elements?)\s+(?:(?:were|was|are|is|have\s+been|has\s+been)\s+)?"
    r"(?:killed|dead|slain|wounded|injured|executed|assassinated|shot\s+dead|slaughtered|beheaded|murdered)"
    r"(?:\s+(?:or|and)\s+(?:killed|wounded|injured|dead))?(?:\s*[,.;:|]|\s*$|\s+(?:and|while|as|after|amid|when"
    r"|in|during|on|near|at|by|overnight|today|yesterday)\b)",
    re.I,
)
# In a sentence with a toll, the side that overran or stormed a place is the attacker
# ("50 rebels were killed as IS overran the town").
_TAKE_AFTER = re.compile(
    r"^[\s')-]*(?:s\s+)?(?:[\w-]+\s+){0,1}?(?:have\s+|has\s+|had\s+)?(?:overran|overrun|overruns|seized|seizes"
    r"|captured|captures|stormed|storms|took\s+(?:full\s+|total\s+)?control|takes\s+control"
    r"|advanced|advances|advance|pushed\s+into|push\s+into|pushes\s+into|drove|drives|expelled|expels"
    r"|ousted|ousts|routed|routs)\b",
    re.I,
)
# A backer stands beside the side it backs: "Turkish-backed rebels", "troops
# backed by Russian air power", "forces, with the support of coalition jets,".
# The backed side is the grammatical doer; the backer shares the deed second.
_BACKER_BEFORE = re.compile(
    r"(?:\b(?:backed|supported|aided|assisted|helped|reinforced|escorted|covered|accompanied)\s+by"
    r"|\bwith\s+(?:the\s+)?(?:support|help|backing|cover|assistance|aid)\s+(?:of|from)"
    r"|\bunder\s+(?:the\s+)?cover\s+of)\s+(?:the\s+|its\s+|their\s+|ally\s+)?"
    r"(?:(?!and\b|or\b)[\w'-]+\s+){0,3}(?:(?:and|or|,)\s+(?:the\s+)?(?:[\w'-]+\s+){0,3})?$",
    re.I,
)
# Between the backed side's name and its backer's phrase: "troops", ", who are", ",".
_TO_BACKER = re.compile(
    r"^[\s'-]*(?:s\s+)?(?:[\w-]+(?:\s+|,\s*)){0,2}?,?\s*(?:(?:who|which|that)\s+(?:are|were|is|was)\s+|being\s+)?$",
    re.I,
)
_BACKED_SUFFIX = re.compile(
    r"^[\s'-]*(?:[- ](?:backed|supported|sponsored|funded|armed|trained|allied|aligned))"
    r"\s+(?:[\w-]+\s+){0,2}$",
    re.I,
)
# Fire that comes from an area a side holds is that side's ("rockets fired from
# rebel-held Eastern Ghouta"): the "-held" word, which otherwise marks a target's
# controller, here names where the attack started.
_FIRE_FROM_BEFORE = re.compile(
    r"\b(?:fire|fired|firing|shells?|shelling|rockets?|mortars?|missiles?|projectiles|launched|sniper\s+fire"
    r"|bullets|gunfire|bombardment)\s+(?:[\w-]+\s+){0,2}?from\s+(?:the\s+|an?\s+)?$",
    re.I,
)
_HELD_AFTER = re.compile(r"^[\s'-]*(?:s\s+)?[- ](?:held|controlled)\b", re.I)
# "an attack claimed by IS": a claim of the deed, where "claimed by" after a toll
# or a statement word is not.
_CLAIMED_BY_BEFORE = re.compile(
    r"\b(?:attacks?|bombings?|blasts?|explosions?|strikes?|raids?|assaults?|ambush|massacres?|killings?"
    r"|executions?)\s+(?:(?:that\s+|which\s+)?(?:was\s+|were\s+|has\s+been\s+|had\s+been\s+)?later\s+)?"
    r"(?:that\s+|which\s+)?(?:was\s+|were\s+|has\s+been\s+|had\s+been\s+)?claimed\s+by\s+(?:the\s+)?"
    r"(?:[\w-]+\s+){0,1}$",
    re.I,
)
# A side that tells of its own deed is its doer: "IS said it had killed 20
# soldiers", "rebels announced they shot down", "the army said its jets struck".
_OWN_DEED_AFTER = re.compile(
    r"^[\s'-]*(?:s\s+)?(?:[\w-]+\s+){0,3}?(?:said|says|announced|announces|claimed|claims|stated|boasted"
    r"|confirmed|acknowledged|admitted)\s+(?:(?:on\s+)?\w+day\s+|in\s+a\s+statement\s+|late\s+\w+\s+)?"
    r"(?:that\s+)?(?:it|they|its\s+[\w-]+|their\s+[\w-]+)\s+(?:had\s+|has\s+|have\s+)?(?:also\s+)?"
    r"(?:killed|shot|struck|bombed|shelled|executed|attacked|targeted|destroyed|carried\s+out|launched|downed"
    r"|ambushed|stormed|detonated|beheaded|fired|hit|raided|eliminated|kills|kill|strikes|struck|executes"
    r"|destroys|eliminates|eliminate)\b",
    re.I,
)
# A partner named between the doer and its verb ("the Syrian army alongside a
# volunteer militia has killed 70"): the verb is still the first name's.
_WITH_PARTNER_AFTER = re.compile(
    r"[\s'-]*(?:s\s+)?,?\s*(?:alongside|along\s+with|together\s+with|jointly\s+with"
    r"|in\s+(?:cooperation|coordination|conjunction|collaboration)\s+with)\s+(?:[\w'-]+,?\s+){1,5}?"
    r"(?=" + ATTACK_AFTER_RE.pattern.removeprefix("^") + ")",
    re.I,
)
# "killed by air strikes of the coalition", "shot dead by members of the Nusra Front":
# the name after "of" owns the agent of the passive.
_BY_NOUN_OF_BEFORE = re.compile(
    r"\bby\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,2}?(?:strikes?|raids?|air\s*strikes|shelling|bombardment|fire"
    r"|members?|fighters|militants|gunmen|forces|troops|jets|warplanes|aircraft|units?|elements|snipers?"
    r"|rockets?|missiles?|shells|drones?|artillery|militiamen|soldiers)\s+(?:of|from)\s+(?:the\s+)?"
    r"(?:[\w-]+\s+){0,1}$",
    re.I,
)
# "punish the Syrian government over the gas attack", "held IS responsible for the
# bombing": the one to be punished or held to account for a deed is named its doer.
_HOLD_BEFORE = re.compile(
    r"\b(?:punish(?:ing|ed|es)?|hold(?:ing|s)?|held)\s+(?:the\s+)?(?:[\w-]+\s+){0,1}$", re.I
)
_FOR_DEED_AFTER = re.compile(
    r"^[\s'-]*(?:s\s+)?(?:[\w-]+\s+){0,2}?(?:(?:accountable|responsible|liable)\s+)?(?:for|over)\s+"
    r"(?:the\s+|an?\s+|its\s+|their\s+|last\s+\w+'?s?\s+)?(?:[\w-]+\s+){0,3}?(?:attacks?|strikes?|bombings?"
    r"|massacres?|killings?|shelling|raids?|deaths)\b",
    re.I,
)
_PLURAL_SUBJECT = re.compile(
    r"(?:rebels|insurgents|forces|troops|militants|jihadists|factions|fighters|militias|groups|loyalists|kurds"
    r"|units|jets|warplanes|gunmen|militiamen)$",
    re.I,
)
_TARGET_VERB = re.compile(r"^\s*target\b", re.I)
_PAREN_AFTER = re.compile(r"^\s*\([^()]{0,60}\)")
_BARE_FORCE = re.compile(r"army|troops|government|regime|loyalists?", re.I)
_OR_PAIR = re.compile(r"^\s*(?:or|and/or)\s+(?:the\s+)?(?:suspected\s+)?$", re.I)
_SPEAKER_AFTER = re.compile(
    r"^[\s'-]*(?:s\s+)?(?:\w+[\s-]+){0,4}?(?:said|says|announced|confirmed|claimed|stated|reported|denied|denies"
    r"|rejected|acknowledged|admitted)\b",
    re.I,
)


def find_actor_mentions(sentence: str, low: str | None = None) -> list[ActorMention]:
    """All actor mentions in a sentence, specific names before generic words.

    ``low`` is the sentence in :func:`lower_ascii` form, when the caller has it.
    """
    found: list[ActorMention] = []
    if low is None:
        low = lower_ascii(sentence)
    hits: list[tuple[int, int, int]] = []
    nxt = 0
    for w in WORD_START_RE.finditer(low):
        pos = w.start()
        if pos < nxt or low[pos : pos + 3] not in ACTOR_PREFIXES:
            continue
        m = ACTOR_ANY_LOW.match(low, pos)
        if m is not None and m.lastgroup:
            hits.append((m.start(), m.end(), int(m.lastgroup[1:])))
            nxt = m.end()
    if "IS" in sentence:
        taken = [(a, b) for a, b, _ in hits]
        for m in IS_RE.finditer(sentence):
            if not any(a < m.end() and m.start() < b for a, b in taken):
                hits.append((m.start(), m.end(), IS_INDEX))
        hits.sort()
    for start, end, gi in hits:
        if end - start < 2:
            continue
        actor, _pattern, generic = ACTOR_PATTERNS[gi]
        mtext = sentence[start:end]
        if generic and any(0 <= start - f.end <= 12 for f in found if not f.generic):
            # "ISIL terrorists": the generic word only repeats the specific name.
            continue
        prev = found[-1] if found else None
        if (
            actor == "syria_gov"
            and _BARE_FORCE.fullmatch(mtext)
            and prev is not None
            and prev.actor != "syria_gov"
            and 0 <= start - prev.end <= 1
            and not prev.text.lower().endswith(("backed", "led"))
        ):
            # "Turkish troops", "Russian army": the head noun of the other side's name.
            continue
        found.append(ActorMention(actor, start, end, mtext, generic))
    found.sort(key=lambda f: f.start)
    return found


# On lower-cased text the engine can skip an alternative by its first letter, which it
# cannot do case-insensitively; this test runs once per actor mention.
_BY_BEFORE_L = lowered(BY_BEFORE_RE)


def score_doers(
    sentence: str, mentions: list[ActorMention], victim_spans: list[tuple[int, int]]
) -> list[ActorMention]:
    """Mark which mentions are the doers of what the sentence reports."""
    for mm in mentions:
        before = sentence[max(0, mm.start - 60) : mm.start]
        # An aside in brackets right after the name ("the SDF (Kurdish-led) killed",
        # "Daesh (banned in Russia) shelled") stands between the name and its verb.
        after = _PAREN_AFTER.sub("", sentence[mm.end : mm.end + 140], count=1)[:70]
        # Quoted names ("the “Asayish” kill", "ISIS’ attacks"): the closing quote is not a word.
        after = after.lstrip('"\u201c\u201d\u2019\u2018')
        if any(s <= mm.start < e for s, e in victim_spans) or DOWNED_AFTER_RE.match(after):
            # The victims, or the side whose aircraft was shot down.
            mm.score = -1.0
            continue
        by_before = bool(_BY_BEFORE_L.search(lower_ascii(before)) or _BY_NOUN_OF_BEFORE.search(before))
        if (
            (_KILLED_AFTER.match(after) and _COUNT_BEFORE.search(before))
            or (not by_before and _REDUCED_PASSIVE_AFTER.match(after))
            or (not by_before and _VICTIM_NOUN_AFTER.match(after))
        ):
            mm.score = -1.0
            continue
        score = 0.0
        if _FIRE_FROM_BEFORE.search(before) and _HELD_AFTER.match(after):
            mm.score, mm.doer = 0.8 - (0.2 if mm.generic else 0.0), True
            continue
        strong = (
            bool(ATTACK_AFTER_RE.match(after))
            or bool(_WITH_PARTNER_AFTER.match(after))
            or bool(_CLAIMED_BY_BEFORE.search(before))
            or bool(_HOLD_BEFORE.search(before) and _FOR_DEED_AFTER.match(after))
            or bool(_OWN_DEED_AFTER.match(after))
            or (by_before and not _NOT_AGENT_BY.search(before))
            or bool(ATTACK_IN_MENTION_RE.search(mm.text))
            or bool(_BEHIND_AFTER.match(after))
        )
        if strong:
            score = 1.0
        elif CLASH_WITH_BEFORE_RE.search(before):
            score = 0.6
        elif victim_spans and _TAKE_AFTER.match(after):
            score = 0.8
        if score > 0 and _HYPOTHETICAL_BY.search(before):
            # Nobody to blame yet: not a doer, not even for the parse fallback.
            mm.score = -1.0
            continue
        if NOT_DOER_AFTER_RE.match(after) and not (
            _PLURAL_SUBJECT.search(mm.text) and _TARGET_VERB.match(after)
        ):
            # ("Rebels target regime forces": a plural name before "target" is its subject.)
            score -= 1.5
        if not strong and NOT_DOER_BEFORE_RE.search(before):
            score -= 0.7
        elif strong and not by_before and NOT_DOER_STRONG_BEFORE_RE.search(before):
            score -= 1.2
        if _SPEAKER_AFTER.match(after) and not strong:
            score -= 0.5
        if mm.generic:
            score -= 0.2
        mm.score = score
        mm.doer = score > 0.3
    _backed_sides_lead(sentence, mentions)
    _killing_clause_first(sentence, mentions, victim_spans)
    # "Russian or Syrian warplanes": the first of an or-pair shares the second's role.
    for a, b in itertools.pairwise(mentions):
        if b.doer and not a.doer and _OR_PAIR.match(sentence[a.end : b.start]) is None:
            between = sentence[a.end : b.start]
            if _AND_OTHER.fullmatch(between) and a.score > -1:
                a.doer = True
                a.score = max(a.score, 0.5)
        if b.doer and not a.doer and _OR_PAIR.match(sentence[a.end : b.start]):
            a.doer = True
            a.score = max(a.score, 0.5)
    for a, b in itertools.pairwise(mentions):
        if b.doer and a.score > -1 and _INCLUDING.fullmatch(sentence[a.end : b.start]):
            a.doer = True
            a.score = max(a.score, b.score + 0.05)
    return mentions


# Where a sentence joins two deeds ("regime forces shell the countryside, while
# rebels kill a soldier"), the clauses split at these.
_CLAUSE_BREAK = re.compile(
    r"\s*[;|]\s*|,\s*(?:while|whereas|and|but|as|meanwhile)\s+|\s+(?:while|whereas|meanwhile)\s+", re.I
)
_KILL_WORD = re.compile(
    r"\b(?:kill(?:s|ed|ing)?|dead|died|deaths?|slain|massacred?|executed?|executes|slaughter(?:s|ed)?"
    r"|beheaded|beheads|assassinat(?:e|es|ed)|shot\s+dead|shoots?\s+dead|toll|lives)\b",
    re.I,
)


def _killing_clause_first(
    sentence: str, mentions: list[ActorMention], victim_spans: list[tuple[int, int]]
) -> None:
    """Of two doers in one sentence, the one whose clause tells the killing goes first.

    "Regime forces shell Idlib, while rebels kill a regime soldier": both are
    doers, but the dead of the sentence are the second clause's.
    """
    doers = [m for m in mentions if m.doer]
    if len(doers) < 2 or len({m.actor for m in doers}) < 2:
        return
    cuts = [0] + [m.end() for m in _CLAUSE_BREAK.finditer(sentence)] + [len(sentence) + 1]
    if len(cuts) < 3:
        return
    spans = list(itertools.pairwise(cuts))
    killing = [
        bool(_KILL_WORD.search(sentence, a, b)) or any(a <= v < b for v, _e in victim_spans) for a, b in spans
    ]
    if all(killing) or not any(killing):
        return
    for m in doers:
        idx = next(i for i, (a, b) in enumerate(spans) if a <= m.start < b)
        if killing[idx]:
            m.score += 0.05


def _backed_sides_lead(sentence: str, mentions: list[ActorMention]) -> None:
    """The side that is backed leads over its backer, and takes the backer's role.

    "Syrian troops backed by Russian air power killed 40": the attack words
    stand after the backer's name, but the clause's subject is the troops. The
    backer stays a doer (it took part) just behind the side it backs; when the
    backed side is the victim ("Turkish-backed rebels were killed"), so is
    the backer's mention.
    """
    for i, b in enumerate(mentions):
        principal: ActorMention | None = None
        if i + 1 < len(mentions):
            nxt = mentions[i + 1]
            text_b = sentence[b.start : nxt.start + 1]
            if (
                nxt.actor != b.actor
                and (
                    _BACKED_SUFFIX.match(sentence[b.end : nxt.start])
                    or (b.text.lower().endswith("backed") and not sentence[b.end : nxt.start].strip(" -"))
                )
                and len(text_b) < 60
            ):
                principal = nxt
        if principal is None and i > 0:
            m = _BACKER_BEFORE.search(sentence, max(0, b.start - 70), b.start)
            if m is not None:
                for a in reversed(mentions[:i]):
                    if a.end <= m.start() and _TO_BACKER.match(sentence[a.end : m.start()]):
                        principal = a
                        break
                    if a.end <= m.start():
                        break
        if principal is None or principal.actor == b.actor:
            continue
        if principal.score <= -1.0:
            b.score, b.doer = -1.0, False
            continue
        if b.doer or principal.doer:
            top = max(principal.score, b.score)
            principal.score, principal.doer = top, True
            b.score = min(b.score, top - 0.1)
            b.doer = b.score > 0.3


def attribution_in(sentence: str, mention: ActorMention, mentions: list[ActorMention]) -> str:
    """The attribution status one sentence gives the doer ``mention``."""
    for other in mentions:
        if other is mention or not other.doer or other.actor == mention.actor:
            continue
        lo, hi = (
            sorted((other.end, mention.start))
            if other.start < mention.start
            else sorted((mention.end, other.start))
        )
        if re.fullmatch(r"\s*(?:or|and/or|either)\s*(?:the\s+)?", sentence[lo:hi], re.I):
            return "alleged"
    if ALLEGED_RE.search(sentence):
        return "alleged"
    return "stated"


def actor_statements(sentence: str, mentions: list[ActorMention]) -> list[tuple[str, str]]:
    """(actor, kind) for denials, admissions and claims of responsibility in the sentence.

    The speaker is the nearest actor mention before the verb.
    """
    out: list[tuple[str, str]] = []
    for rx, kind in (
        (DENIAL_RE, "denial"),
        (RESPONSIBILITY_RE, "responsibility"),
        (ADMISSION_RE, "admission"),
    ):
        for m in rx.finditer(sentence):
            speakers = [mm for mm in mentions if mm.end <= m.start() and m.start() - mm.end <= 80]
            if not speakers:
                continue
            sp = speakers[-1]
            if kind == "admission" and m.group(0).lower().startswith(("video", "footage")):
                after = [mm for mm in mentions if mm.start >= m.end() and mm.start - m.end() <= 40]
                if not after:
                    continue
                sp = after[0]
            out.append((sp.actor, kind))
    return out


def media_speaker(sentence: str) -> str | None:
    """State outlets speak for their side: SANA and Syrian state media for the government."""
    if re.search(
        r"\b(?:sana|state\s+(?:media|tv|television|news\s+agency)|syrian\s+state|military\s+source"
        r"|army\s+(?:statement|command|source))\b",
        sentence,
        re.I,
    ):
        return "syria_gov"
    if re.search(
        r"\b(?:russian\s+(?:defen[cs]e\s+ministry|ministry\s+of\s+defen[cs]e|military|general\s+staff)"
        r"|hmeimim)\b",
        sentence,
        re.I,
    ):
        return "russia"
    if re.search(r"\b(?:amaq|is-linked|isis-linked|isil-linked)\b", sentence, re.I):
        return "isis"
    return None
