"""Statements that deny, admit or claim a strike, and who makes them.

Belligerents speak about strikes: Russia's defence ministry calls reports of a
strike "fake", CENTCOM says its aircraft struck an al-Qaeda meeting and, months
later, that an investigation found the building was part of a mosque; Amaq
claims a bombing for the Islamic State; SANA carries the army's denial and
blames "terrorist groups". Such a statement is itself a report of the incident
(it names the day, the town and the facility), and what it says is kept as a
claim with its exact quote.

This pass runs after the main extractor (``core``) and owns everything about
statements:

* the **speaker** of each statement, from the text ("the Russian Ministry of
  Defence said", "Moscow", "CENTCOM", "a military source", "Amaq") or from the
  report's source when the report is the belligerent's own, mapped to the SPEC
  actor vocabulary (:func:`source_actor`, :func:`speaker_of`);
* its **kind**: ``denial`` ("denied", "rejected accusations", "groundless",
  "fake", "did not carry out", "no combat flights"), ``admission``
  ("acknowledged", "an investigation concluded", "said it had carried out a
  strike", regrets for the loss of life), ``responsibility`` ("claimed
  responsibility", a belligerent's own announcement of its strike),
  ``accusation`` (blame laid on another party: an allegation, not a denial) and
  ``correction`` (a retraction by the publisher);
* its **subject**: whose conduct it is about (the party the denied claim
  accuses, else the speaker) and what field: ``perpetrators`` in general,
  ``targets`` when a belligerent admits the strike but denies the civilian
  target ("the mosque was not the target"), ``occurred`` when it denies that
  anything happened ("no traces of chemical substances");
* **counter-accusations**: a denial that blames another party ("held the
  terrorist groups responsible", "a coalition aircraft was present in the
  airspace") adds that party as an ``alleged`` perpetrator, so the linker sees
  two sources blaming different parties and grades the incident ``contested``.

:func:`apply_statements` is the hook ``core.extract_report`` calls on its
finished :class:`~harmwatch.models.Extraction`. It replaces the statement
claims the core made with its own, fixes the perpetrators' attributions
accordingly, and, for a report that *is* a statement (its source is a party, or
its headline gives a party's statement about a strike), makes sure there is an
incident for the strike it refers to, with date, place and facility so that the
linker can join it to the other reports of that strike. In a party's own
statement only the statement claims stay on the incident (its date, place and
counts keep their text spans), so that the linker does not count the party as an
independent credible source.

Claim conventions (as ``link/merge.py`` and ``link/grade.py`` read them):
``Claim(kind="denial"|"admission"|"responsibility", field="perpetrators",
value=<actor>)``; a denied civilian target ``field="targets", value=<kind>``; a
party denying that anything happened ``kind="denial", field="occurred",
value=False`` (never discounts: only a non-party's ``kind="report"``
correction does, ``field="occurred", value=False``).

Cost: a single cheap regular expression over the lower-cased report decides
whether there is anything to do; only sentences that contain a cue word are
read closely.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Any

from harmwatch.extract.actors import attribution_in, find_actor_mentions, score_doers
from harmwatch.extract.dates import find_date_expressions, parse_iso
from harmwatch.extract.fastre import Alternation
from harmwatch.extract.lexicon import FACILITY_ANY_LOW, FACILITY_PATTERNS, WEAPON_ANY_LOW, WEAPON_PATTERNS
from harmwatch.extract.text import Sentence, lower_ascii, split_sentences
from harmwatch.models import (
    REPORT_DATE_USED,
    Claim,
    DateSpan,
    Extraction,
    Incident,
    Perpetrator,
    Place,
    Span,
    Target,
    content_id,
)

__all__ = [
    "STATEMENT_KINDS",
    "Statement",
    "apply_statements",
    "classify_report",
    "find_statements",
    "source_actor",
    "speaker_of",
]

STATEMENT_KINDS = ("denial", "admission", "responsibility", "accusation", "correction")
BELLIGERENT_CLAIMS = frozenset({"denial", "admission", "responsibility"})
# Longest statement sentence read closely; longer runs are cut (FA-KES pages lack full stops).
MAX_SENT = 700
# Statements attached per report: a book-length page of quotes must not cost more than its size.
MAX_STATEMENTS = 400

# --- the cheap gate --------------------------------------------------------------------
# Lower-case literals: matched on ``lower_ascii`` text.
_CUE = (
    r"deni|deny|reject|refut|dismiss|rebu|groundless|baseless|unfounded|fake|fabricat|untrue|not\s+true|\blies\b"
    r"|\bfalse|invented|made\s+up|hoax|illogical|absurd|propaganda"
    r"|provocation|disinformation|staged|no\s+traces?|never\s+|not\s+(?:been\s+)?(?:the\s+)?target"
    r"|n[o']t\s+(?:\w+\s+){0,2}?(?:carr|conduct|target|strik|struck|bomb|hit|use|launch|fl[yoe]|attack|shell|fire"
    r"|drop|deliver|perform|possess|involv|participat|responsible)"
    r"|no\s+(?:[\w-]+\s+)?(?:flights|sorties|missions|tasks|strikes|operations|aircraft|planes|jets|warplanes"
    r"|aviation|helicopters|drones|forces|troops|units)|conclu|determin|assess"
    r"|acknowledg|admit|conced|confirm|investigat|regret|apologi|responsib|credit|blam|accus|retract|correction"
    r"|present\s+in|(?:happen|take\s+place|occur)"
)
_CUE_GATE = re.compile(_CUE)
# The report-level prefilter: word-start alternatives only (several times faster on long
# text), broader than ``_CUE`` (any "no"/"not"); each hit's sentence is then read with ``_CUE``.
_GATE = re.compile(
    r"\b(?:deni|deny|reject|refut|dismiss|rebu|groundless|baseless|unfounded|fake|fabricat|untrue|lies\b|false"
    r"|invented|made\s+up|hoax|illogical|absurd|propaganda|provocation|disinformation|staged|never\s|no(?:t|\s)"
    r"|\w+n't\s|conclu|determin|assess|acknowledg|admit|conced|confirm|investigat|regret|apologi|responsib|credit"
    r"|blam|accus|retract|correction|present\s+in|happen|take\s+place|occur"
    r"|said|says|saying|announc|statement|claim|told|stated)"
)

_STRIKE_GATE = re.compile(
    r"struck|strike|hit\b|target|bomb|shell|destroy|launch|carried\s+out|conducted|killed|detonat|storm|ambush"
    r"|neutrali|martyrdom|suicide|attack"
)

# --- speakers --------------------------------------------------------------------------
# Institutions and officials that speak for a party. Unambiguous wherever they stand.
_ORG_SPEAKERS: list[tuple[str, str]] = [
    (
        "russia",
        r"russian\s+(?:(?:federation\s+)?(?:defen[cs]e|foreign)\s+ministry|ministry\s+of\s+(?:defen[cs]e|foreign\s+affairs)"
        r"|military|army|armed\s+forces|side|government|officials?|embassy|mod\b|general\s+staff|aerospace\s+forces"
        r"|air\s*force|president|diplomats?|ambassador|envoy|authorities|defen[cs]e\s+officials?|sources?"
        r"|(?:centre|center)\s+for\s+(?:the\s+)?reconciliation|reconciliation\s+(?:centre|center)|military\s+police)"
        r"|russia'?s\s+(?:defen[cs]e\s+ministry|military|foreign\s+ministry|ministry\s+of\s+defen[cs]e|government"
        r"|embassy|envoy|ambassador|general\s+staff|army)"
        r"|ministry\s+of\s+defen[cs]e\s+of\s+(?:the\s+)?russia(?:n\s+federation)?|\bkremlin\b|konashenkov|peskov"
        r"|zakharova|lavrov|shoigu|\bputin\b|hmeim?im|(?:centre|center)\s+for\s+(?:the\s+)?reconciliation"
        r"|reconciliation\s+(?:centre|center)|russian\s+defen[cs]e\s+ministry",
    ),
    (
        "coalition",
        r"\bcentcom\b|central\s+command|\bcjtf(?:-oir)?\b|\boir\b|\bpentagon\b|combined\s+joint\s+task\s+force|inherent\s+resolve"
        r"|coalition\s+(?:spokesman|spokeswoman|officials?|statement|command|sources?|military\s+spokesman)"
        r"|(?:u\.\s?s\.?|us|american|united\s+states)\s+(?:military|officials?|defen[cs]e\s+(?:department|officials?|secretary)"
        r"|department\s+of\s+defen[cs]e|forces|army|air\s*force|state\s+department|government|embassy"
        r"|administration|ambassador|envoy|commanders?|spokes(?:man|woman))"
        r"|white\s+house|state\s+department"
        r"|(?:u\.\s?s\.?|us|american)[- ]led\s+(?:international\s+)?coalition"
        r"|(?:international|anti-?(?:is|isis|isil|daesh|jihadist))\s+coalition|the\s+coalition\b"
        r"|(?<!national\s)(?<!syrian\s)(?<!opposition\s)(?<!forces\s)\bcoalition\b"
        r"|british\s+(?:ministry\s+of\s+defen[cs]e|mod\b|government|military)|french\s+(?:military|government|army)",
    ),
    (
        "syria_gov",
        r"\bsana\b|syrian\s+(?:arab\s+)?(?:state|official)\s+(?:media|tv|television|news\s+agency)"
        r"|state\s+(?:media|tv|television|news\s+agency|-run\s+media|-run\s+tv)|\bal-?ikhbariya\b"
        r"|syrian\s+(?:arab\s+)?(?:army|military|forces|troops|government|foreign\s+ministry|ministry\s+of\s+(?:foreign\s+affairs|defen[cs]e)"
        r"|defen[cs]e\s+ministry|officials?|authorities|regime|security\s+sources?|military\s+sources?|army\s+sources?"
        r"|ambassador|envoy|delegation|presidency|information\s+ministry|foreign\s+and\s+expatriates\s+ministry)"
        r"|syria'?s\s+(?:government|army|military|foreign\s+ministry|ambassador|envoy|regime|president|delegation)"
        r"|(?:army\s+)?general\s+command(?:\s+of\s+the\s+army(?:\s+and\s+(?:the\s+)?armed\s+forces)?)?"
        r"|(?:military|army|security|regime|government|official)\s+(?:source|statement|spokesman|command)s?"
        r"|foreign\s+and\s+expatriates\s+ministry|\bassad\b|muallem|jaafari|mekdad|\bregime\b"
        r"|\bthe\s+(?:syrian\s+)?army\b|(?:government|regime|pro-government|loyalist)\s+(?:forces|troops)"
        r"|the\s+(?:syrian\s+)?government\b",
    ),
    (
        "turkey",
        r"turkish\s+(?:general\s+staff|armed\s+forces|military|army|(?:national\s+)?defen[cs]e\s+ministry|ministry\s+of"
        r"\s+(?:national\s+)?defen[cs]e|officials?|government|foreign\s+ministry|president|prime\s+minister"
        r"|security\s+sources?|sources?|authorities)"
        r"|turkey'?s\s+(?:military|army|government|defen[cs]e\s+ministry|general\s+staff|foreign\s+ministry)"
        r"|ministry\s+of\s+national\s+defen[cs]e|national\s+defen[cs]e\s+ministry|\bmsb\b|t[uü]rkiye"
        r"|general\s+staff|\berdogan\b|davutoglu|\bakar\b|cavusoglu|\byildirim\b|anadolu",
    ),
    (
        "isis",
        r"\bamaq\b|islamic\s+state(?:\s+group)?|\bisis\b|\bisil\b|\bdaesh\b|\bdaish\b|\bal-?naba\b",
    ),
    (
        "hts_nusra",
        r"hay'?at\s+tahrir\s+al[- ]sham|tahrir\s+al[- ]sham|\bhts\b|(?:al[- ]?)?nusra(?:\s+front)?"
        r"|jabhat\s+fat[ae]h|\bebaa\b",
    ),
    (
        "sdf_ypg",
        r"syrian\s+democratic\s+forces|\bsdf\b|\bypg\b|\bpyd\b|\bpkk\b|\banha\b|hawar\s+news|kurdish(?:-led)?"
        r"\s+(?:officials?|forces|authorities|administration|militia|fighters)",
    ),
    (
        "israel",
        r"israel(?:i)?\s+(?:military|army|defen[cs]e\s+forces|officials?|government|air\s*force|prime\s+minister)"
        r"|\bidf\b|israel'?s\s+(?:military|army|government)|netanyahu",
    ),
    (
        "iran",
        r"iranian\s+(?:officials?|government|foreign\s+ministry|military|revolutionary\s+guards?)|\birgc\b"
        r"|hez?b[ao]ll?ah|hizb[ao]llah|al-?manar|iran'?s\s+(?:government|foreign\s+ministry)",
    ),
    (
        "opposition",
        r"\brebels?\b|opposition\s+(?:fighters|groups|factions|spokesman|officials?|sources?|coalition|commanders?)"
        r"|free\s+syrian\s+army|\bfsa\b|ahrar\s+al[- ]sham|ja[iy]sh\s+al[- ](?:islam|izza|nasr|tahrir)"
        r"|faylaq\s+al[- ]rahman|nour\s+al[- ]din\s+al[- ]zinki|national\s+front\s+for\s+liberation",
    ),
]
# Countries and capitals speak only as the subject of a speech or denial verb.
_PLACE_SPEAKERS: list[tuple[str, str]] = [
    ("russia", r"russia|moscow"),
    ("coalition", r"washington|the\s+united\s+states|the\s+us|the\s+u\.s\.?|america"),
    ("syria_gov", r"syria|damascus"),
    ("turkey", r"turkey|ankara"),
    ("israel", r"israel"),
    ("iran", r"iran|tehran"),
]
# r"\b(?:(?P<o0>...)|(?P<o1>...)|...)", dispatched on first letters (same matches, ~3x faster)
_ORG_RE = Alternation([p for _, p in _ORG_SPEAKERS], name="o")
_PLACE_RE = re.compile(
    r"\b(?:" + "|".join(f"(?P<p{i}>{p})" for i, (_, p) in enumerate(_PLACE_SPEAKERS)) + r")(?:'s)?\b"
)
# Words that may stand between a speaker and its verb ("Moscow has again flatly denied").
_AUX = (
    r"(?:\s+(?:has|have|had|again|also|later|quickly|swiftly|immediately|previously|repeatedly|always|would|did"
    r"|does|do|on\s+\w+day|in\s+a\s+statement|in\s+statements|on\s+\w+|however|yet|then|\w+ly|its\s+ally"
    r"|and\s+its\s+allies?|and\s+its\s+ally\s+\w+|,))*\s+"
)
# A generic speaker is the report's own party ("the ministry said", "the source said").
_GENERIC_SPEAKER = re.compile(
    r"\b(?:the\s+(?:ministry|statement|source|spokes(?:man|woman)|command|department|army|military|agency"
    r"|general\s+staff|side|official)|an?\s+(?:official|military|security|army)\s+source|the\s+official\s+source"
    r"|a\s+statement|officials?|we|our\s+(?:forces|army|aircraft|aviation|units))\b"
)

# --- cues ------------------------------------------------------------------------------
_ATTACKISH_PATTERN = (
    r"strik|struck|raid|bomb|shell|attack|\bhit|target|chemic|gas\b|toxic|sarin|chlorine|weapon|missile|rocket"
    r"|kill|civilian|hospital|clinic|market|school|mosque|bakery|flights|sorties|aviation|aircraft|jets|warplane"
    r"|massacre|casualt|deaths|dead|artiller|mortar|drone|convoy|munition|incident|explosion|blast|air\s*force"
    r"|combat|missions"
)
_DENY_VERB = re.compile(
    r"\b(?:denied|denies|deny|denying|denial\s+of|refuted|refutes|refute|refuting|rebuffed|rebuts?|rebutted)\b"
)
_REJECT_VERB = re.compile(
    r"\b(?:rejected|rejects|reject|rejecting|dismissed|dismisses|dismiss|dismissing)\s+(?P<obj>(?:the\s+|these\s+|those\s+"
    r"|such\s+|all\s+|any\s+|as\s+|this\s+|that\s+|[\w'-]+\s+){0,4}?(?:accusations?|allegations?|claims?|reports?"
    r"|charges?|accounts?|suggestions?|assertions?|evidence|version|involvement|responsibility|(?:as|being)\s+"
    r"(?:false|baseless|groundless|fake|lies|fabricated|propaganda|untrue|unfounded))|that\b)"
)
_REJECTED_BEFORE = re.compile(
    r"\b(?:accusations?|charges?|claims?|allegations?|reports?)\s+(?:that\s+|which\s+)?(?:the\s+)?[\w.'-]+"
    r"(?:\s+[\w.'-]+){0,2}?\s+(?:has\s+|have\s+|had\s+)?(?:\w+ly\s+)?(?P<verb>rejected|rejects|dismissed|dismisses"
    r"|rebuffed)\b"
)
_ALLEGATION_WORD = re.compile(r"\b(?:allegations?|accusations?|claims?|reports?|charges?|accounts?)\b")
_ALLEGATION_ABOUT = re.compile(
    r"\b(?:allegations?|accusations?|claims?|reports?|charges?|accounts?)\s+(?:about|that|of|regarding|on|over)\s"
)
_OBJ_BEFORE = re.compile(
    r"[\s,]*(?:an?\s+|the\s+)?(?:accusations?|charges?|claims?|allegations?|which|that)\s+(?:the\s+)?[\w.'-]+"
    r"(?:\s+[\w.'-]+){0,3}?\s+(?:has\s+|have\s+|had\s+)?(?:\w+ly\s+|again\s+|also\s+)*$"
)
_NOT_DENIAL = re.compile(
    r"\bto\s+deny\s+(?!(?:any|its|their|having|that|the\s+(?:reports?|claims?|allegations?|accusations?)))"
    r"|\b(?:was|were|been|being|are|is)\s+denied\b(?!\s+by)|\bdenied\s+(?:permission|access|entry|visas?|passage"
    r"|the\s+right|a\s+chance|them|him|her|food|aid|medical|treatment)|\bdeny\s+(?:them|him|her|civilians|people)\b"
    r"|\b(?:did|do|does|would|could|will)\s+not\s+deny\b|\bnot\s+denied\b|\bwithout\s+denying\b"
)
_DENY_PRED = re.compile(
    r"\b(?:(?:are|is|were|was|be)\s+(?:(?:\w+ly|also|simply|therefore|thus|hence|all|both|entirely|nothing\s+but"
    r"|again|once\s+again)\s+)*(?:groundless|baseless|unfounded|false"
    r"|fake|untrue|not\s+true|lies|a\s+lie|fabricat\w*|a\s+fabrication|a\s+(?:provocation|fake|falsification"
    r"|hoax|forgery|staged\s+\w+)|disinformation|propaganda|(?:a\s+)?(?:deliberate\s+)?(?:disinformation|fabrication)"
    r"|(?:completely\s+|totally\s+)?(?:invented|made\s+up|staged))"
    r"|(?:regards?|regarded|considers?|considered|described|describes|called|calls|branded|brands)\s+(?P<content>.{3,160}?)\s+"
    r"(?:as\s+)?(?:a\s+|an\s+)?(?:(?:\w+ly|pure|sheer|mere|crude|deliberate|blatant)\s+){0,2}?(?:provocation|fabrication|fabricated|fake|lies|a\s+lie|false|baseless"
    r"|groundless|disinformation|propaganda|staged|invented|illogical|absurd|unfounded|falsification|hoax))\b"
)
_NEG_ACT = re.compile(
    r"\b(?:did\s+not|didn'?t|does\s+not|doesn'?t|do\s+not|don'?t|has\s+not|have\s+not|had\s+not|hasn'?t|haven'?t"
    r"|never|not)\s+(?:\w+ly\s+|any\s+|ever\s+|once\s+|been\s+|at\s+any\s+time\s+|yet\s+|in\s+fact\s+|need\s+to\s+)*"
    r"(?:carr(?:y|ied)\s+out|conduct(?:ed)?|target(?:ed)?|str(?:ike|uck)|bomb(?:ed)?|hit|use[ds]?|launch(?:ed)?"
    r"|fl(?:y|own|ew)|perform(?:ed)?|deliver(?:ed)?|attack(?:ed)?|shell(?:ed)?|possess(?:ed)?|fire[ds]?"
    r"|dr(?:op|opped))\b"
    r"|\bno\s+(?:combat\s+|military\s+|russian\s+|syrian\s+|turkish\s+|coalition\s+)?(?:flights|sorties|air\s*strikes"
    r"|strikes|missions|combat\s+tasks|operations)\s+(?:were|was|have\s+been|had\s+been)?\s*(?:carried\s+out|conducted"
    r"|flown|performed)"
    r"|\b(?:was|were|is|are|has\s+been|have\s+been)\s+not\s+(?:been\s+)?(?:the\s+)?target(?:ed)?\b"
    r"|\bnot\s+the\s+target\b|\bno\s+traces?\s+of\b|\b(?:did\s+not|never)\s+(?:happen|take\s+place|occur)"
    r"|\bno\s+(?:[\w-]+\s+)?(?:aircraft|planes|jets|warplanes|aviation|helicopters|drones|forces|troops|units)\s+"
    r"(?:were\s+|was\s+|had\s+been\s+)?(?:operat\w*|fl[eoy]w?\w*|active|present|involved|deployed)"
    r"|\b(?:not|never)\s+(?:been\s+)?(?:involved|participat\w*|responsible)\b"
)
# "Did not know who carried out": a negated verb about knowing is no denial.
_NEG_NOT_ACT = re.compile(
    r"\b(?:not|never)\s+(?:\w+\s+)?(?:know|known|clear|certain|sure|say|said|immediately)\b"
)
_OCCURRED_NEG = re.compile(
    r"no\s+traces?|did\s+not\s+happen|never\s+happened|(?:did\s+not|never)\s+(?:take\s+place|occur)|staged"
    r"|fabricat|hoax|fake\s+(?:video|footage|images)|no\s+(?:chemical\s+)?attack\s+(?:took\s+place|happened)"
    r"|no\s+bodies|no\s+patients|play(?:ed)?[- ]act"
)
_ADMIT = re.compile(
    r"\b(?:acknowledged|acknowledges|acknowledge|acknowledging|admitted|admits|admit|admitting|conceded|concedes"
    r"|(?P<confirm>confirmed|confirms|confirming))\s+(?:that\s+)?(?:(?:carrying|having\s+carried)\s+out|conducting"
    r"|responsibility|(?:to\s+)?(?:using|striking|bombing|killing|hitting|targeting|launching)"
    r"|(?P<det>the|its|their|a|an|that\s+the)\s+"
    r"(?:\w+\s+){0,2}?(?:air\s*strike|strike|raid|attack|bombing|bombardment|operation|shelling)"
    r"|(?:it|its|their|they|we|our|the\s+(?:army|military|coalition|air\s*force))\b(?:\s+\w+){0,5}?\s+"
    r"(?:had\s+|have\s+|has\s+)?(?:struck|hit|carried\s+out|conducted|targeted|killed|bombed|launched|fired"
    r"|dropped|shelled|destroyed|attacked)|civilian\s+(?:casualties|deaths))"
    r"|\b(?:took|takes|take|taking|accepted|accepts|accept|accepting|bears?)\s+(?:full\s+)?responsibility\b"
    r"|\binvestigations?\s+(?:[\w-]+\s+){0,4}?(?:found|finds|concluded|concludes|determined|established|showed"
    r"|confirmed|revealed)\b"
    r"|\b(?:regrets?|regretted|apologi[sz]ed?|apologi[sz]es|expressed\s+regret\s+for)\s+(?:\w+\s+){0,3}?"
    r"(?:loss\s+of\s+(?:innocent\s+|civilian\s+)?li(?:fe|ves)|civilian|deaths|casualties|unintentional)"
    r"|\b(?:released|published|posted|shared|issued)\s+(?:a\s+)?(?:footage|video|images?|a\s+video|film)\s+"
    r"(?:\w+\s+){0,3}?(?:of|showing)\s+(?:its|their|the)\s+(?:own\s+)?(?:air\s*strike|strike|raid|attack|bombing)"
)
# "concluded that a coalition strike unintentionally killed four civilians"
_ADMIT_STRIKE = re.compile(
    r"\b(?:acknowledged|acknowledges|admitted|admits|conceded|concedes|confirmed|confirms|concluded|concludes"
    r"|determined|assessed|assesses|found|finds)\s+(?:that\s+)?(?:(?:a|an|the|its|their|one\s+of\s+its)\s+)?"
    r"(?:[\w.-]+\s+){0,2}?(?:air\s*strikes?|strikes?|raids?|bombing|munitions?|drone\s+strikes?)\s+"
    r"(?:[\w.-]+\s+){0,6}?(?:had\s+|has\s+|may\s+have\s+)?(?:\w+ly\s+)?(?:killed|hit|struck|caused|wounded"
    r"|injured|resulted\s+in)\b"
)
_ADMIT_NEG = re.compile(r"\b(?:not|never|no|refused\s+to|refuses\s+to|yet\s+to|without)\s+(?:\w+\s+){0,1}$")
_SAID_OWN = re.compile(
    r"\b(?:said|says|say|saying|announced|announces|stated|states|reported|declared|claimed|claims)\s+(?:on\s+\w+\s+)?"
    r"(?:that\s+)?(?P<own>it|its|their|they|we|our)\b(?P<mid>(?:\s+[\w-]+){0,5}?)\s+(?:had\s+|has\s+|have\s+)?"
    r"(?:(?:also\s+)?(?:carried\s+out|conducted|struck|hit|targeted|bombed|launched|destroyed|killed|shelled"
    r"|attacked|fired|eliminated|neutrali[sz]ed|pounded|downed|executed|detonated|blew\s+up)|(?:[\w-]+\s+){0,2}?"
    r"(?:struck|hit|targeted|destroyed|killed|bombed|carried\s+out))\b"
)
_STRIKE_OBJECT = re.compile(
    _ATTACKISH_PATTERN
    + r"|positions?|targets?|fighters|militants|members|meeting|vehicles?|bases?|depot|headquarters|weapons"
    r"|facilit|sites?|convoy|terrorists?|strongholds?|hideouts?|compound|building|shelters?|ammunition|tunnels?"
    r"|caves?|launchers?|emplacements?|nests?|warehouses?|arsenals?|tanks?|command"
)
_RESP = re.compile(
    r"\b(?:claimed|claims|claim|claiming)\s+(?:full\s+)?(?:responsibility|credit)\b"
    r"|\b(?:took|takes|take|taking)\s+credit\b"
    r"|\b(?:has|have)\s+claimed\s+(?:the|this|that|an|a|monday|tuesday|wednesday|thursday|friday|saturday|sunday)'?s?"
    r"\s+(?:\w+\s+){0,2}?(?:attack|bombing|blast|explosion|strike|assault|ambush|operation)"
)
_NO_CLAIM = re.compile(
    r"\b(?:no|nobody|none|not|yet\s+to|no\s+one|no\s+other|no\s+group|no\s+party|unclaimed|neither)\b[^.;]{0,30}$"
    r"|\b(?:previous|past|earlier|similar|other)\s+(?:\w+\s+)?$"
)
_RESP_PAST = re.compile(
    r"\bclaimed\s+(?:responsibility|credit)\s+for\s+(?:previous|past|earlier|similar|several|many|other|a\s+number"
    r"|numerous|a\s+series)"
)
_BLAME = re.compile(
    r"\b(?:held|holds|hold|holding)\s+(?P<held>.{2,90}?)\s+responsible\b"
    r"|\b(?:blamed|blames|blame|blaming)\s+(?P<blamed>.{2,90})"
    r"|\b(?:accused|accuses|accuse|accusing)\s+(?P<accused>.{2,90})"
    r"|\b(?:responsibility\s+(?:lies|rests)\s+with|committed\s+by|carried\s+out\s+by|perpetrated\s+by"
    r"|instead\s+(?:suggested|suggests|blamed|said|pointed\s+to))\s+(?P<by>.{2,90})"
    r"|(?P<present>.{2,90}?)\s+(?:was|were|had\s+been)\s+(?:\w+\s+)?(?:present|operating|flying|spotted|in\s+the\s+area)"
    r"(?:\s+in\s+the\s+(?:airspace|area|skies?))?"
)
_LYING = re.compile(
    r"disinformation|propaganda|fabricat|media\s+campaign|\blies\b|lying|falsif|circulat|spread"
)
_RETRACT = re.compile(
    r"\b(?:this\s+(?:story|article|report)\s+(?:has\s+been|was)\s+(?:retracted|withdrawn)|(?:we|the\s+\w+)\s+"
    r"(?:retract|retracted|withdr[ae]w)\s+(?:the|this|our|its)\s+(?:story|article|report)|retraction\s*:"
    r"|correction\s*:[^.]{0,200}\b(?:did\s+not|no\s+(?:strike|attack|air\s*strike)|never)\b)"
)
_ATTACKISH = re.compile(_ATTACKISH_PATTERN)
_GENERIC_OBJ = re.compile(
    r"^\W*(?:(?:any|all|the|these|those|such|its|their|this|that|it|an?)\s+)*(?:\w+\s+)?(?:involvement|responsibility"
    r"|role|reports?|claims?|allegations?|accusations?|charges?|accounts?|it|this|that|them|the\s+claim)?\b\W*$"
)
_ACCUSER_BEFORE = re.compile(
    r"(?:circulated|spread|made|published|disseminated|promoted|voiced|reported|put\s+forward|fabricated|levell?ed"
    r"|issued|released|posted|aired|broadcast)\s+by\s+(?:the\s+)?(?:[\w-]+\s+){0,5}$|citing\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$"
    r"|according\s+to\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$|(?:media|outlets|organi[sz]ation|supporters|backers)\s+of\s+"
    r"(?:the\s+)?(?:[\w-]+\s+){0,3}$|(?:from|by)\s+(?:the\s+)?$"
)
_ACCUSER_AFTER = re.compile(
    r"^[\s'-]*(?:s\s+)?(?:[\w-]+\s+){0,1}?(?:reports?|claims?|allegations?|accusations?|media|outlets?|sources?"
    r"|officials?\s+(?:said|say|says|claimed|allege)|accused|blamed|said|says|claimed|alleged|propaganda|supporters)\b"
)
_OWN_REF = re.compile(
    r"\b(?:its|their|our)\s+(?:own\s+)?(?:forces|aircraft|warplanes|jets|aviation|army|troops|units|planes|drones?"
    r"|air\s*force|military|pilots|strikes?|air\s*strikes|raids?)\b|\b(?:it|they|we)\s+(?:had\s+|has\s+|have\s+)?"
    r"(?:carried|conducted|struck|hit|targeted|bombed|used|launched)\b|\bhaving\b|^\W*(?:any\s+)?(?:carrying\s+out"
    r"|conducting|striking|bombing|targeting|using|attacking|shelling|hitting|launching|involvement|responsibility"
    r"|being\s+behind|being\s+responsible"
    r"|role)\b"
)
_CLAUSE_BREAK = re.compile(
    r";|\s-\s|\bbut\b|\bwhile\b|\bwhereas\b|\bhowever\b|,\s*(?:an?|the)\s+(?:accusation|charge|claim|allegation"
    r"|assertion|report)s?\b|\bwhich\s+(?:the\s+)?\w+\s+(?:has\s+|have\s+|had\s+)?(?:denied|denies|deny|rejected"
    r"|dismissed)|\ban?\s+(?:accusation|charge|claim|allegation)s?\s+(?=(?:that\s+)?(?:the\s+)?\w+(?:\s+\w+)?\s+"
    r"(?:has\s+|have\s+|had\s+)?(?:denied|denies|deny|rejected|rejects|dismissed)\b)"
)
_CONTENT_END = re.compile(
    r";|\s-\s|\.(?:\s|$)|\bbut\b|\bwhile\b|,\s*(?:saying|adding|insisting|and\s+said|stressing|noting|claiming"
    r"|arguing|blaming|accusing|instead)\b|\band\s+(?:instead|said|blamed|accused|held)\b"
)
_ATTACK_VERB_AFTER = re.compile(
    r"^[\s'-]*(?:s\s+)?(?:[\w-]+\s+){0,3}?(?:had\s+|has\s+|have\s+|were\s+|was\s+)?(?:carried\s+out|conducted|struck"
    r"|hit|targeted|bombed|used|launched|shelled|attacked|fired|dropped|delivered|killed|was\s+behind|were\s+behind"
    r"|responsible|strikes?|raids?|air\s*strikes?|aircraft|warplanes|jets|aviation|bombing|shelling|involvement"
    r"|role|participation|responsibility)\b"
)
_DOER_BEFORE = re.compile(
    r"(?:(?<!circulated\s)(?<!spread\s)(?<!made\s)(?<!published\s)(?<!reported\s)\bby|blame|blamed|blaming|accus\w*"
    r"|against|attributed\s+to|implicat\w*|link\s+(?:\w+\s+){0,2})\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$"
)

_ACTOR_CAPITAL = re.compile(
    r"\b(?P<name>damascus|moscow|ankara|tehran|washington)\s+(?:had\s+|has\s+|have\s+|was\s+|were\s+)?"
    r"(?:carried\s+out|conducted|struck|hit|targeted|bombed|used|launched|shelled|attacked|was\s+behind|behind)\b"
)
_CAPITAL_ACTOR = {
    "damascus": "syria_gov",
    "moscow": "russia",
    "ankara": "turkey",
    "tehran": "iran",
    "washington": "coalition",
}
_ADJ_ACTOR = re.compile(
    r"\b(?P<adj>russian|turkish|american|israeli|iranian|u\.\s?s\.?|us|british|french)\s+$"
)
_ADJ_MAP = {
    "russian": "russia",
    "turkish": "turkey",
    "american": "coalition",
    "israeli": "israel",
    "iranian": "iran",
    "british": "coalition",
    "french": "coalition",
}
# Who state and allied media mean by "terrorists".
_TERRORISTS_OF = {
    "syria_gov": "opposition",
    "russia": "opposition",
    "iran": "opposition",
    "turkey": "sdf_ypg",
}
_OFFICIAL_SOURCE = re.compile(
    r"cjtf|\boir\b|inherent\s+resolve|minist|defen[cs]e|command|centcom|general\s+staff|armed\s+forces|army|military|pentagon|kremlin|amaq"
    r"|government|presidency|embassy|spokes|coalition|inherent\s+resolve|idf"
)


@dataclass
class Statement:
    """One statement in a report: who says what about whose strike, with the quote.

    ``speaker`` and ``subject`` are SPEC actors (or ``None`` when unknown);
    ``field``/``value`` are what the claim says: ``perpetrators``/an actor,
    ``targets``/a facility kind, or ``occurred``/``False``.
    """

    kind: str
    speaker: str | None
    subject: str | None
    field: str
    value: Any
    span: Span
    counter: list[str] = dc_field(default_factory=list)
    co_speakers: list[str] = dc_field(default_factory=list)

    def claim(self, report_id: str | None, source: str | None) -> Claim:
        kind = "report" if self.kind in ("accusation", "correction") else self.kind
        return Claim(report_id, source, kind, self.field, self.value, self.span.text)


# --- speakers ----------------------------------------------------------------------------


def source_actor(source: str | None) -> tuple[str | None, bool]:
    """The party a report's publisher speaks for, and whether it is an official voice.

    ``("russia", True)`` for "Russian Ministry of Defence", ``("syria_gov", False)``
    for SANA (state media speak for the government but also report everything
    else), ``(None, False)`` for Reuters or an NGO.
    """
    if not isinstance(source, str) or not source.strip():
        return None, False
    low = " " + lower_ascii(source.strip()[:200]) + " "
    m = _ORG_RE.search(low)
    if m is None or m.lastgroup is None:
        return None, False
    actor = _ORG_SPEAKERS[int(m.lastgroup[1:])][0]
    if actor in ("opposition",) and not _OFFICIAL_SOURCE.search(low):
        return None, False
    official = bool(_OFFICIAL_SOURCE.search(low)) and not re.search(
        r"\bsana\b|news|media|tv\b|television", low
    )
    if actor == "isis":
        official = True
    return actor, official


_PREP_BEFORE = re.compile(
    r"\b(?:(?<!allies\s)(?<!ally\s)in|of|to|from|across|inside|into|for|near|at|with|against|over|on|by"
    r"|toward|towards|between)\s+$"
)


def _speaker_mentions(low: str, original: str | None = None) -> list[tuple[int, int, str, bool]]:
    """(start, end, actor, is_org) for every speaker-like phrase in a lower-cased sentence.

    ``original`` (same length) lets the case-sensitive "IS" count as the Islamic State.
    """
    out: list[tuple[int, int, str, bool]] = []
    for m in _ORG_RE.finditer(low):
        if m.lastgroup is not None:
            out.append((m.start(), m.end(), _ORG_SPEAKERS[int(m.lastgroup[1:])][0], True))
    if original is not None and "IS" in original:
        for m in re.finditer(r"\bIS\b(?!-)(?:\s+group)?", original):
            if not any(a <= m.start() < b for a, b, _, _ in out):
                out.append((m.start(), m.end(), "isis", True))
    for m in _PLACE_RE.finditer(low):
        if m.lastgroup is None or any(a <= m.start() < b for a, b, _, _ in out):
            continue
        if _PREP_BEFORE.search(low, max(0, m.start() - 12), m.start()):
            continue  # "in Syria has admitted": a place, not the speaker
        out.append((m.start(), m.end(), _PLACE_SPEAKERS[int(m.lastgroup[1:])][0], False))
    out.sort()
    return out


# One slot holding (sentence, its speaker mentions): replaced whole, so threads never mix halves.
_LAST: list[tuple[str, list[tuple[int, int, str, bool]]] | None] = [None]


def _sentence_speakers(sentence: str, low: str) -> list[tuple[int, int, str, bool]]:
    """:func:`_speaker_mentions` of a sentence, remembered for the next call on the same one."""
    cached = _LAST[0]
    if cached is None or cached[0] is not sentence:
        cached = (sentence, _speaker_mentions(low, sentence))
        _LAST[0] = cached
    return cached[1]


def speaker_of(sentence: str, cue_start: int, cue_end: int, default: str | None = None) -> list[str]:
    """Who utters the statement whose cue word sits at ``cue_start:cue_end`` in ``sentence``.

    The subject of the verb: the speaker phrase nearest before the cue that only
    adverbs, auxiliaries or a relative clause separate from it ("Russia's
    military, which has fought for Assad since 2015, denied"), within the cue's
    clause; else the agent of a passive ("were denied by state TV"); else any
    institution in the clause; else ``default`` (the report's own party, for
    "the ministry said"). Co-ordinated speakers ("the government and its allies
    in Moscow") are all returned.
    """
    low = lower_ascii(sentence)
    start = _clause_start(low, cue_start)
    mentions = [m for m in _sentence_speakers(sentence, low) if start <= m[0] and m[1] <= cue_start]
    after = re.match(r"\s*(?:by|from)\s+(?:the\s+)?", low[cue_end : cue_end + 20])
    if after:
        pos = cue_end + after.end()
        for s, _e, actor, _org in _speaker_mentions(low[pos : pos + 80]):
            if s == 0:
                return [actor]
    chosen: list[str] = []
    for s, e, actor, org in reversed(mentions):
        between = low[e:cue_start]
        if _close_to_verb(between) or (org and _relative_between(between)):
            chosen.append(actor)
            # Co-ordinated subjects: "Syria and its ally Russia deny", "Assad's government and Moscow".
            for s2, e2, a2, _o2 in reversed([m for m in mentions if m[1] <= s]):
                if (
                    re.fullmatch(
                        r"\s*(?:,|and|and\s+its\s+allies?(?:\s+in)?|and\s+(?:its|his)\s+allies?(?:\s+in)?"
                        r"|and\s+its\s+ally|&)\s*(?:the\s+)?",
                        low[e2:s],
                    )
                    is None
                ):
                    break
                if a2 not in chosen:
                    chosen.append(a2)
                s = s2
            break
    if chosen:
        return chosen
    if (
        start > 0
        and not mentions
        and re.fullmatch(
            r"[\s,]*(?:and\s+|then\s+|yet\s+)?(?:(?:\w+ly|also|has|have|had|later|again)\s+)*",
            low[start:cue_start],
        )
    ):
        # "X said it had struck ... but denied hitting a mosque": the subject of the first clause.
        verbs = list(_SPEECH_VERB.finditer(low, 0, start))
        if verbs:
            return speaker_of(sentence, verbs[-1].start(), verbs[-1].end(), default)
    orgs = [m for m in mentions if m[3] and cue_start - m[1] <= 90]
    if orgs and not _GENERIC_SPEAKER.search(low[orgs[0][1] : cue_start]):
        return [orgs[0][2]]
    if default is not None:
        return [default]
    return []


_SAY = re.compile(r"\b(?:said|says|stated|added|insisted|stressed|affirmed|told|announced|reiterat\w+)\b")
_OWN_PRONOUN = re.compile(
    r"\b(?:we|it|they|our\s+[\w-]+(?:\s+[\w-]+)?|its\s+[\w-]+(?:\s+[\w-]+)?|their\s+[\w-]+(?:\s+[\w-]+)?)"
    r"(?:\s+(?:has|have|had|did|does|do|was|were|is|are|would|will|also))*\s*$"
)
_SPEECH_VERB = re.compile(
    r"\b(?:said|says|say|stated|announced|told|claimed|claims|denied|denies|deny|acknowledged|admitted|confirmed"
    r"|rejected|dismissed|insisted|added|accused|blamed)\b"
)


def _clause_start(low: str, pos: int) -> int:
    start = 0
    # The whole string is searched: a break's look-ahead may need the verb at ``pos``.
    for m in _CLAUSE_BREAK.finditer(low, 0, min(len(low), pos + 40)):
        if m.start() >= pos:
            break
        g = m.group(0)
        rest = g.lstrip(" ,")
        keep = rest.startswith(("which", "an ", "a ", "the "))
        if keep:
            # "..., an accusation X denied", "... which the rebels deny": the clause keeps its head.
            start = m.start() + (len(g) - len(rest))
        elif m.end() <= pos:
            start = m.end()
    return start


def _close_to_verb(between: str) -> bool:
    if len(between) > 120:
        return False
    if re.fullmatch(r"[\s,]*", between):
        return True
    b = " " + between.strip(" ,") + " "
    return bool(
        re.fullmatch(
            r"\s*(?:(?:'s|s)\s+)?(?:(?:spokes(?:man|woman)|officials?|sources?|ministry|statement|command|envoy"
            r"|ambassador|representative|chief|commander|general|major|colonel|lieutenant|lt\.?|col\.?|gen\.?|maj\.?"
            r"|brig\.?|[a-z]+ov|[a-z]+ev|igor|sergei|maria|dmitry|john|thomas|ryan|dillon|(?:[a-z]\.)+)\s+)*"
            r"(?:(?:has|have|had|again|also|later|quickly|swiftly|immediately|previously|repeatedly|always|would"
            r"|did|does|do|once\s+again|in\s+a\s+statement|in\s+statements|on\s+\w+|however|yet|then|[a-z]+ly"
            r"|its\s+ally(?:\s+\w+)?|and\s+its\s+allies?|,|to\s+date|so\s+far)\s+)*",
            b.lstrip(),
        )
    )


def _relative_between(between: str) -> bool:
    return bool(re.match(r"\s*,?\s*(?:which|who|that)\b", between)) and len(between) < 200


# --- actors named in what is denied or blamed -----------------------------------------


def _actors_in(
    sentence: str, low: str, start: int, end: int, *, doer_only: bool, strict: bool = False
) -> list[tuple[int, str]]:
    """(position, actor) named between ``start`` and ``end`` as a doer, not as an accuser.

    ``doer_only`` keeps mentions an attack word follows or that "by"/"blame"/
    "against" precedes; accusers ("claims circulated by X", "X's media") never count.
    """
    out: list[tuple[int, str]] = []
    seg = sentence[start:end]
    lseg = low[start:end]
    mentions = find_actor_mentions(seg, lseg)
    mentions = score_doers(seg, mentions, [])
    for mm in mentions:
        actor = mm.actor
        before = lseg[max(0, mm.start - 60) : mm.start]
        after = lseg[mm.end : mm.end + 60]
        # "Turkish army", "Russian forces": the adjective names the party, not the noun.
        adj = _ADJ_ACTOR.search(before)
        if adj and actor == "syria_gov":
            actor = _ADJ_MAP.get(adj.group("adj"), "coalition")
        if _ACCUSER_BEFORE.search(before) or _ACCUSER_AFTER.match(after):
            continue
        if actor == "unknown":
            continue
        if doer_only and not (
            mm.doer or (not strict and (_ATTACK_VERB_AFTER.match(after) or _DOER_BEFORE.search(before)))
        ):
            continue
        out.append((start + mm.start, actor))
    for m in _ACTOR_CAPITAL.finditer(lseg):
        out.append((start + m.start(), _CAPITAL_ACTOR[m.group("name")]))
    out.sort()
    return out


def _counter_accused(
    sentence: str, low: str, speakers: list[str], lo: int = 0, hi: int | None = None
) -> list[str]:
    """Parties a belligerent blames instead ("held the terrorist groups responsible")."""
    hi = len(low) if hi is None else hi
    out: list[str] = []
    for m in _BLAME.finditer(low, lo, hi):
        name = m.lastgroup
        if name is None:
            continue
        gs, ge = m.span(name)
        if name == "present":
            gs = max(gs, ge - 90)
            if not re.search(
                r"aircraft|drone|jets?|warplanes?|planes?|helicopters?|predator|reaper", low[gs:ge]
            ):
                continue
        # blamed for lying is not blamed for the strike
        tail = low[ge : ge + 60] if name not in ("blamed", "accused", "by") else low[gs:ge]
        if name in ("blamed", "accused") and _LYING.search(low[gs : min(ge, gs + 60)]):
            continue
        if name == "held" and _LYING.search(tail):
            continue
        seg_end = ge
        if name in ("blamed", "accused", "by"):
            stop = re.search(r"\s(?:for|of)\s|[,;]", low[gs:ge])
            seg_end = gs + stop.start() if stop else ge
            if stop is None or stop.group(0).strip() in (",", ";"):
                seg_end = min(seg_end, gs + 60)
        found = False
        for mm in find_actor_mentions(sentence[gs:seg_end], low[gs:seg_end]):
            actor = mm.actor
            adj = _ADJ_ACTOR.search(low[max(0, gs + mm.start - 30) : gs + mm.start])
            if adj and actor == "syria_gov":
                actor = _ADJ_MAP.get(adj.group("adj"), "coalition")
            if actor == "unknown":
                actor = next((_TERRORISTS_OF[s] for s in speakers if s in _TERRORISTS_OF), "unknown")
            if actor == "unknown" or actor in speakers or actor in out:
                continue
            out.append(actor)
            found = True
            break
        if not found and name == "present":
            for mm in find_actor_mentions(sentence[gs:ge], low[gs:ge]):
                if mm.actor not in speakers and mm.actor != "unknown" and mm.actor not in out:
                    out.append(mm.actor)
                    break
    return out


# --- one sentence --------------------------------------------------------------------


def _facility_kinds(low: str) -> list[str]:
    kinds: list[str] = []
    for m in FACILITY_ANY_LOW.finditer(low):
        if m.lastgroup is not None:
            kind = FACILITY_PATTERNS[int(m.lastgroup[1:])][0]
            if kind not in kinds:
                kinds.append(kind)
    return kinds


def _content_after(low: str, pos: int) -> int:
    m = _CONTENT_END.search(low, pos)
    return m.start() if m else len(low)


def _is_about_attack(text: str) -> bool:
    return bool(_ATTACKISH.search(text))


def _sentence_statements(
    sent: Sentence,
    *,
    default_speaker: str | None,
    official: bool,
    previous: str,
) -> list[Statement]:
    """Every statement in one sentence. ``previous`` is the sentence before (for "an accusation X denied")."""
    text = sent.text[:MAX_SENT]
    low = lower_ascii(text)
    out: list[Statement] = []
    offs = sent.start

    def span_of() -> Span:
        return Span(sent.start, sent.start + len(text), text)

    # Sentences whose only cue is a speech verb go the short way (accusations, "said it struck").
    cue = _CUE_GATE.search(low) is not None

    # -- claims of responsibility
    for m in _RESP.finditer(low) if cue else ():
        before = low[max(0, m.start() - 60) : m.start()]
        if _NO_CLAIM.search(before) or _RESP_PAST.match(low, m.start()):
            continue
        speakers = speaker_of(text, m.start(), m.end(), None)
        if not speakers:
            via = re.search(
                r"\bvia\s+(?:its\s+)?(?:\w+\s+){0,3}|\bthrough\s+(?:its\s+)?", low[m.end() : m.end() + 80]
            )
            if via:
                speakers = [a for _s, _e, a, _o in _speaker_mentions(low[m.end() : m.end() + 80])][:1]
        if not speakers:
            doers = _actors_in(text, low, max(0, m.start() - 100), m.start(), doer_only=False)
            speakers = [doers[-1][1]] if doers else []
        for sp in speakers[:1]:
            out.append(Statement("responsibility", sp, sp, "perpetrators", sp, span_of()))

    # -- denials
    denial_cues: list[tuple[int, int, str]] = []
    for m in _DENY_VERB.finditer(low) if cue else ():
        if _NOT_DENIAL.search(low, max(0, m.start() - 12), min(len(low), m.end() + 30)):
            nd = _NOT_DENIAL.search(low, max(0, m.start() - 12), min(len(low), m.end() + 30))
            if nd is not None and nd.start() <= m.end() and nd.end() >= m.start():
                continue
        denial_cues.append((m.start(), m.end(), "verb"))
    for m in _REJECT_VERB.finditer(low) if cue else ():
        denial_cues.append((m.start(), m.start() + len(m.group(0)) - len(m.group("obj")), "verb"))
    for m in _REJECTED_BEFORE.finditer(low) if cue else ():
        denial_cues.append((m.start("verb"), m.end("verb"), "verb"))
    for m in _DENY_PRED.finditer(low) if cue else ():
        if m.group("content"):
            denial_cues.append((m.start(), m.end(), "regards"))
        else:
            denial_cues.append((m.start(), m.end(), "pred"))
    for m in _NEG_ACT.finditer(low) if cue else ():
        if _NEG_NOT_ACT.match(low, m.start()):
            continue
        denial_cues.append((m.start(), m.end(), "neg"))
    denial_cues.sort()
    used_until = -1
    for cs, ce, how in denial_cues:
        if cs < used_until:
            continue
        st = _denial(text, low, cs, ce, how, default_speaker, previous)
        if st is not None:
            st.span = span_of()
            out.append(st)
            used_until = _content_after(low, ce)
            if st.field == "perpetrators" and st.subject == st.speaker:
                # "The government and its allies in Moscow have denied bombing hospitals"
                for co in st.co_speakers:
                    out.append(Statement("denial", co, co, "perpetrators", co, st.span, list(st.counter)))

    # -- admissions
    for m in _ADMIT.finditer(low) if cue else ():
        if _ADMIT_NEG.search(low[max(0, m.start() - 25) : m.start()]):
            continue
        if m.group("confirm") and m.group("det") not in (None, "its", "their"):
            continue  # "a security source confirmed the air strikes": not its own
        if (
            any(s.kind == "denial" and s.span.start == offs for s in out)
            and re.match(r"(?:acknowledg|admit|conced|confirm)", low[m.start() :]) is None
        ):
            continue
        if low.startswith("investigation", m.start()):
            # "An investigation by the coalition concluded": its party speaks at the verb;
            # a finding by a monitor or the UN is no party's admission.
            verb = re.search(r"\w+$", m.group(0))
            vs = m.start() + (verb.start() if verb else 0)
            speakers = speaker_of(text, vs, m.end(), default_speaker if official else None)
            if not speakers or not _is_about_attack(low[m.end() : m.end() + 200]):
                continue
        else:
            speakers = speaker_of(text, m.start(), m.end(), default_speaker)
        if not speakers:
            continue
        sp = speakers[0]
        out.append(Statement("admission", sp, sp, "perpetrators", sp, span_of()))
    for m in _ADMIT_STRIKE.finditer(low) if cue or official else ():
        if _ADMIT_NEG.search(low[max(0, m.start() - 25) : m.start()]):
            continue
        speakers = speaker_of(text, m.start(), m.start() + len(m.group(0).split()[0]), default_speaker)
        if not speakers or any(s.kind == "admission" and s.speaker == speakers[0] for s in out):
            continue
        named = {mm.actor for mm in find_actor_mentions(m.group(0)) if mm.actor != "unknown"}
        if named and speakers[0] not in named:
            continue  # "the Pentagon found that a Russian strike killed ...": not its own
        out.append(Statement("admission", speakers[0], speakers[0], "perpetrators", speakers[0], span_of()))
    for m in _SAID_OWN.finditer(low):
        if not _STRIKE_OBJECT.search(low, m.end(), min(len(low), m.end() + 80)):
            continue  # "IS said its militants had destroyed six archaeological pieces"
        if re.search(r"\b(?:not|never|no)\b|n't", m.group(0)) or re.search(
            r"\b(?:not|never)\s*$", low[: m.start()]
        ):
            continue
        speakers = speaker_of(text, m.start(), m.start() + 4, default_speaker)
        if not speakers:
            continue
        sp = speakers[0]
        if any(s.kind in ("admission", "responsibility") and s.speaker == sp for s in out):
            continue
        kind = "responsibility" if sp in ("isis", "hts_nusra", "opposition", "sdf_ypg") else "admission"
        out.append(Statement(kind, sp, sp, "perpetrators", sp, span_of()))

    # -- a belligerent's own announcement of its strike (its own statement only)
    if (
        official
        and default_speaker
        and not any(s.kind != "accusation" for s in out)
        and _own_strike(text, low, default_speaker)
    ):
        sp = default_speaker
        out.append(Statement("responsibility", sp, sp, "perpetrators", sp, span_of()))

    # -- accusations: a party (or its official) says another party did it
    deniers = {s.speaker for s in out if s.kind == "denial"}
    out.extend(a for a in _accusations(text, low, span_of()) if a.speaker not in deniers)

    # -- corrections and retractions
    if _RETRACT.search(low):
        out.append(Statement("correction", None, None, "occurred", False, span_of()))

    # A denial of the civilian target by a speaker who admits the strike in the same breath.
    admitting = {s.speaker for s in out if s.kind in ("admission", "responsibility")}
    for s in out:
        if (
            s.kind == "denial"
            and s.speaker in admitting
            and s.field == "perpetrators"
            and s.subject == s.speaker
        ):
            kinds = [k for k in _facility_kinds(low) if k != "military"]
            if kinds:
                s.field, s.value = "targets", kinds[0]
    return out


_REPORTED_BEFORE = re.compile(
    r"\b(?:claims?|claimed|reports?|reported|allegations?|alleged|accusations?|accused|rumou?rs?|media|footage|videos?"
    r"|blame|blamed|attempts?)\b"
)


_NON_STATE = frozenset({"isis", "hts_nusra", "opposition", "sdf_ypg"})
_GROUP_ATTACK = re.compile(
    r"\b(?:targeted|struck|hit|attacked|stormed|ambushed|detonated|blew\s+up|killed|killing|shelled|destroyed"
    r"|martyrdom\s+operation|suicide\s+(?:attack|operation|bomb\w*)|car\s+bomb|truck\s+bomb|(?:was|were)\s+executed)\b"
)


def _own_strike(text: str, low: str, actor: str) -> bool:
    """The speaker's own forces are the doer of an attack in this sentence ("U.S. aircraft struck ...")."""
    if re.search(r"\b(?:not|never|no)\b", low) and _NEG_ACT.search(low):
        return False
    if re.search(
        r"\b(?:we|our\s+(?:forces|aircraft|units|jets|aviation))\s+(?:\w+\s+)?(?:struck|hit|targeted|neutrali[sz]ed|carried"
        r"\s+out|conducted|destroyed|bombed|launched)\b",
        low,
    ):
        return True
    mentions = score_doers(text, find_actor_mentions(text, low), [])
    if (
        actor in _NON_STATE
        and _GROUP_ATTACK.search(low)
        and ("martyrdom" in low or any(mm.actor == actor for mm in mentions))
    ):
        # Amaq and group statements: "a martyrdom operation by a fighter of the Islamic State
        # with a truck bomb targeted ..." names the group anywhere in the sentence.
        return not _REPORTED_BEFORE.search(low)
    for mm in mentions:
        if _REPORTED_BEFORE.search(low[: mm.start]):
            continue  # "claims that Russian aviation struck": what others say, not its own announcement
        if (
            mm.actor == actor
            and (mm.doer or mm.score > -0.5)
            and re.match(
                r"[\s'-]*(?:s\s+)?(?:[\w-]+\s+){0,3}?(?:struck|hit|targeted|carried\s+out|conducted|destroyed|bombed"
                r"|detonated|blew\s+up|stormed|ambushed|attacked|neutrali[sz]ed|shelled|fired"
                r"|launched|delivered|killed|eliminated)\b",
                low[mm.end : mm.end + 60],
            )
        ):
            return True
    return False


def _denial(
    text: str,
    low: str,
    cs: int,
    ce: int,
    how: str,
    default_speaker: str | None,
    previous: str,
) -> Statement | None:
    """A denial from the cue at ``cs:ce``; ``how`` is verb|pred|regards|neg."""
    clause0 = _clause_start(low, cs)
    subject: str | None
    value: Any
    if how == "verb":
        content = (ce, _content_after(low, ce))
        if re.search(r"\b(?:was|were|been|is|are)\s+$", low[max(0, cs - 8) : cs]):
            content = (clause0, cs)  # "The strike on the clinic was denied by the ministry"
    elif how == "regards":
        m = _DENY_PRED.match(low, cs)
        content = m.span("content") if m and m.group("content") else (ce, ce)
    elif how == "pred":
        content = (clause0, cs)
    else:  # negated action: the doer stands before the negation, the rest after it
        content = (clause0, _content_after(low, ce))
    speakers: list[str]
    if how == "pred":
        # "Claims that X struck ... are groundless": a speech verb earlier names the speaker.
        sv = None
        for m in re.finditer(r"\b(?:said|says|stated|added|insisted|stressed|affirmed|told)\b", low[:cs]):
            sv = m
        speakers = speaker_of(text, sv.start(), sv.end(), default_speaker) if sv else []
        if not speakers and default_speaker:
            speakers = [default_speaker]
        if sv is None and not speakers:
            speakers = speaker_of(text, cs, ce, default_speaker)
    elif how == "neg":
        sv = None
        for m in _SAY.finditer(low, 0, cs):
            sv = m
        if sv is None:
            # "Russian jets did not strike the hospital, the ministry said."
            sv = _SAY.search(low, ce)
        speakers = speaker_of(text, sv.start(), sv.end(), default_speaker) if sv else []
        if not speakers:
            speakers = [default_speaker] if default_speaker else []
        if not speakers:
            return None
        # The doer of the negated act stands just before the negation: a pronoun or the
        # speaker's own forces make it the speaker's denial; another party's non-action
        # ("Russian forces have not targeted", said by Damascus) is not.
        zone_start = max(clause0, cs - 90)
        near = low[zone_start:cs]
        doers = _actors_in(text, low, zone_start, cs, doer_only=False)
        pron = _OWN_PRONOUN.search(near)
        if pron is not None and (not doers or doers[-1][0] < zone_start + pron.start()):
            subject = speakers[0]
        elif doers:
            subject = doers[-1][1]
            if subject not in speakers and not _OCCURRED_NEG.search(low[cs : ce + 40]):
                return None
        else:
            subject = speakers[0]
        own_doers = [subject] if subject in speakers else []
        own = pron is not None or bool(_OWN_REF.search(low[ce : ce + 60]))
        region = low[clause0 : content[1]]
        if not _is_about_attack(region):
            return None
        kind_field = "perpetrators"
        value = subject
        if _OCCURRED_NEG.match(low, cs) or _OCCURRED_NEG.search(low[cs:ce]):
            # "Specialists found no trace of chemical use": the finders are not the accused.
            kind_field, value, subject = "occurred", False, None
        fac = [k for k in _facility_kinds(region) if k != "military"]
        if re.search(r"not\s+(?:been\s+)?(?:the\s+)?target", low[cs:ce]) and fac and not (own_doers or own):
            kind_field, value = "targets", fac[0]
        if kind_field == "perpetrators" and value is None:
            return None
        st = Statement("denial", speakers[0], subject, kind_field, value, Span(0, 0, ""))
        st.counter = _counter_accused(text, low, speakers)
        st.co_speakers = speakers[1:]
        return st
    else:
        speakers = speaker_of(text, cs, ce, default_speaker)
    lo, hi = content
    if how == "verb" and clause0 > 0 and _OBJ_BEFORE.match(low, clause0, cs):
        # "..., an accusation Washington rejected", "... which the rebels deny": what is
        # denied is the clause before, whatever follows the verb.
        lo, hi = _clause_start(low, max(clause0 - 1, 0)), clause0
    region = low[lo:hi]
    generic = bool(_GENERIC_OBJ.match(region)) or hi - lo < 4
    if not _is_about_attack(region):
        # "called allegations against their forces fabricated": the allegations are
        # about what the report (or the sentence before) describes.
        explicit = _ALLEGATION_ABOUT.search(region)
        if not (generic or (_ALLEGATION_WORD.search(region) and not explicit)):
            return None
        context = low[:cs] + " " + lower_ascii(previous[-400:])
        if not _is_about_attack(context):
            return None
        if speakers and speakers[0] != default_speaker:
            # "Rebels dismissed the reports as lies" after a sentence on civilians leaving
            # a town is no denial of a strike: the denier must be the one blamed nearby.
            named = {m.actor for m in score_doers(context, find_actor_mentions(context), []) if m.doer}
            if not named & set(speakers) and not _OWN_REF.search(region):
                return None
    accused = [a for _p, a in _actors_in(text, low, lo, hi, doer_only=True)]
    own = bool(_OWN_REF.search(region))
    if not speakers:
        if not accused:
            return None
        speakers = [accused[0]]
    # Which of the named doers the denial is about: the speaker's own side first.
    mine = [a for a in accused if a in speakers]
    if mine:
        subject = mine[0]
    elif accused and not own:
        subject = accused[0]
    else:
        subject = speakers[0]
    field_name = "perpetrators"
    value = subject
    if not accused and not own and _OCCURRED_NEG.search(low[clause0 : max(hi, ce)]):
        field_name, value, subject = "occurred", False, None
    st = Statement("denial", speakers[0], subject, field_name, value, Span(0, 0, ""))
    st.counter = [a for a in _counter_accused(text, low, speakers) if a != subject]
    st.co_speakers = speakers[1:]
    return st


def _accusations(text: str, low: str, span: Span) -> list[Statement]:
    """ "X said Y's aircraft had hit the hospital", "X accused Y": Y is alleged by X."""
    out: list[Statement] = []
    for m in re.finditer(
        r"\b(?:said|says|claimed|claims|alleged|alleges|charged|told|accused|accuses|blamed|blames)\b", low
    ):
        hi = _content_after(low, m.end())
        if not _ATTACKISH.search(low, m.end(), hi):
            continue
        speakers = speaker_of(text, m.start(), m.end(), None)
        if not speakers:
            continue
        for _pos, actor in _actors_in(text, low, m.end(), hi, doer_only=True, strict=True):
            if actor in speakers:
                continue
            out.append(Statement("accusation", speakers[0], actor, "perpetrators", actor, span))
            break
    return out


# --- the report ------------------------------------------------------------------------


def find_statements(
    text: str, *, source: str | None = None, title: str | None = None, sentences: list[Sentence] | None = None
) -> list[Statement]:
    """Every statement in a report, in text order (the title's, with offsets -1, first).

    The report's own party (from ``source``) speaks wherever a sentence names no
    speaker, but only an official voice (a ministry, CENTCOM, Amaq) makes a
    sentence that merely narrates its forces' strike a claim of responsibility.
    """
    if not isinstance(text, str):
        return []
    low_all = lower_ascii(text)
    default, official = source_actor(source)
    tlow = lower_ascii(title) if isinstance(title, str) else ""
    if (
        not _GATE.search(low_all)
        and not (tlow and _GATE.search(tlow))
        and not (official and _STRIKE_GATE.search(low_all))
        and not (default is not None and _STRIKE_GATE.search(low_all, 0, MAX_SENT))
    ):
        return []
    out: list[Statement] = []
    if tlow:
        t = title[:MAX_SENT] if title else ""
        # A party's outlet (SANA) announcing its forces' strike in the headline or lead
        # speaks for the party; further down, state media narrate everything else too.
        for st in _sentence_statements(
            Sentence(-1, -1 + 0, t), default_speaker=default, official=default is not None, previous=""
        ):
            st.span = Span(-1, -1, t)
            out.append(st)
    sents = sentences if sentences is not None else split_sentences(text)
    # One pass over the report finds the cue words; only sentences holding one are read.
    hits = [m.start() for m in _GATE.finditer(low_all)]
    if official:
        hits = sorted(hits + [m.start() for m in _STRIKE_GATE.finditer(low_all)])
    previous = ""
    for n, s in enumerate(sents):
        k = bisect.bisect_left(hits, s.start)
        lead = n == 0 and default is not None
        if (k < len(hits) and hits[k] < s.end) or (lead and _STRIKE_GATE.search(low_all, s.start, s.end)):
            out.extend(
                _sentence_statements(s, default_speaker=default, official=official or lead, previous=previous)
            )
        previous = s.text
    return out


def classify_report(text: str, *, title: str | None = None, source: str | None = None) -> set[str]:
    """The kinds of statement a report *is* (not merely quotes): denial, admission, responsibility.

    A report is a statement when its publisher is a party (a ministry, CENTCOM,
    state media, Amaq) or when its headline gives a party's statement about a
    strike. A wire story that mentions a denial in its sixth paragraph is
    a news report that quotes a statement, not a statement.
    """
    sts = find_statements(text, source=source, title=title)
    return _report_kinds(sts, text, source)


def _report_kinds(sts: list[Statement], text: str, source: str | None) -> set[str]:
    actor, _official = source_actor(source)
    kinds: set[str] = set()
    for s in sts:
        if s.kind not in BELLIGERENT_CLAIMS:
            continue
        in_title = s.span.start < 0
        if in_title or (actor is not None and (s.speaker is None or s.speaker == actor)):
            kinds.add(s.kind)
    return kinds


# --- the hook ------------------------------------------------------------------------


def apply_statements(
    ext: Extraction,
    text: str,
    *,
    title: str | None = None,
    published: str | None = None,
    source: str | None = None,
    report_id: str | None = None,
) -> Extraction:
    """Put the report's statements on its incidents (the hook at the end of ``extract_report``).

    Replaces the statement claims the core made, sets ``denied``/``admitted``
    attributions, adds counter-accused parties as ``alleged``, and gives a
    statement report an incident for the strike it speaks of. Never raises on
    odd input: a failure leaves ``ext`` as it was, with a note.
    """
    try:
        _apply(ext, text, title=title, published=published, source=source, report_id=report_id)
    except Exception as exc:  # a rule bug must not lose the report
        ext.notes.append(f"statements skipped: {type(exc).__name__}")
    return ext


def _apply(
    ext: Extraction,
    text: str,
    *,
    title: str | None,
    published: str | None,
    source: str | None,
    report_id: str | None,
) -> None:
    if not isinstance(text, str) or ext.language not in (None, "en"):
        return
    rid = report_id or ext.id or None
    _strip_core_statements(ext, text)
    party0, _off = source_actor(source)
    if party0 is not None:
        # A party's own outlet blaming its enemy ("terrorists targeted the hospital",
        # "HTS militants shelled the town") makes an allegation, not a neutral statement.
        for inc in ext.incidents:
            for p in inc.perpetrators:
                if p.actor != party0 and p.attribution == "stated":
                    p.attribution = "alleged"
    sts = find_statements(text, source=source, title=title)
    if not sts:
        return
    kinds = _report_kinds(sts, text, source)
    party, _official = source_actor(source)
    is_statement_report = bool(kinds)
    src_actor = party
    if is_statement_report and src_actor is None:
        src_actor = next((s.speaker for s in sts if s.kind in BELLIGERENT_CLAIMS and s.speaker), None)
    useful = [s for s in sts if s.kind in BELLIGERENT_CLAIMS or s.kind in ("accusation", "correction")]
    if not useful:
        return
    if is_statement_report and src_actor is not None:
        _statement_report_pass(useful, text, src_actor)
    if not ext.incidents:
        if not is_statement_report:
            return
        inc = _incident_for(sts, text, title, published, rid)
        ext.incidents.append(inc)
    elif is_statement_report:
        if _same_strike(ext.incidents[0], sts, text, title, published):
            _refine_from_statements(ext.incidents[0], sts, text, title, published)
        else:
            # "Militants shelled Suqaylabiyah ... Russian aviation did not fly over Kafr Nabl":
            # the strike the party speaks of is its own incident, and the statement's main one.
            ext.incidents.insert(0, _incident_for(sts, text, title, published, rid, "statement"))
    cache: dict[int, tuple[list[int], str]] = {}
    for st in useful[:MAX_STATEMENTS]:
        if st.kind == "accusation":
            # The blamed party may sit in whichever incident the core put that sentence in.
            for inc in ext.incidents:
                for p in inc.perpetrators:
                    if (
                        p.actor == st.subject
                        and p.attribution == "stated"
                        and p.span is not None
                        and st.span.start <= p.span.start < st.span.end
                    ):
                        p.attribution = "alleged"
            continue
        inc = ext.incidents[0] if is_statement_report else _incident_of(ext.incidents, st, text, cache)
        _attach(inc, st, rid, source)
    for st in useful[:MAX_STATEMENTS]:
        # The core may have put the denied claim's party in another incident
        # ("Reports that Russian aircraft hit a school are a fabrication").
        if st.kind == "denial" and st.field == "perpetrators" and st.span.start >= 0:
            for inc in ext.incidents:
                for p in inc.perpetrators:
                    if (
                        p.actor == st.subject
                        and p.span is not None
                        and st.span.start <= p.span.start < st.span.end
                        and p.attribution in ("stated", "alleged")
                    ):
                        p.attribution = "denied"
    if party is None:
        for inc in ext.incidents:
            _contest(inc, text)
    if is_statement_report and party is not None:
        for inc in ext.incidents:
            if any(c.kind in BELLIGERENT_CLAIMS for c in inc.claims):
                # A party's own statement is evidence of what it says, not an independent
                # report: only its statement claims stay (values keep their spans).
                inc.claims = [c for c in inc.claims if c.kind in BELLIGERENT_CLAIMS]


def _contest(inc: Incident, text: str) -> None:
    """A news report in which one party denies and blames are laid on different parties.

    "The opposition blamed government forces, while state media accused rebels
    and the army denied any role": the report itself says the attribution is
    disputed, so every blamed party is ``contested``. A party's own statement is
    left as ``denied``/``alleged``; the linker sees its disagreement with others.
    """
    deniers = {c.value for c in inc.claims if c.kind == "denial" and c.field == "perpetrators"}
    if not deniers:
        return
    blamed = [
        p
        for p in inc.perpetrators
        if p.attribution in ("alleged", "denied", "stated") and p.actor != "unknown"
    ]
    if len(blamed) < 2 or all(p.actor in deniers for p in blamed):
        return
    quotes = " ".join(c.quote for c in inc.claims if c.field == "perpetrators")
    if _BLAME_WORDS.search(lower_ascii(quotes)) or _BLAME_WORDS.search(lower_ascii(text[:20000])):
        for p in blamed:
            p.attribution = "contested"


_BLAME_WORDS = re.compile(r"\b(?:blamed|blames|blaming|accused|accuses|accusing|behind|held\s+responsible)\b")


def _statement_report_pass(sts: list[Statement], text: str, speaker: str) -> None:
    """Read a party's statement as a whole.

    A party that announces or admits its strike and denies hitting the civilian
    site denies the target, not its own part ("the mosque was not the target");
    and whoever it blames anywhere in the statement ("an aircraft of the
    coalition was present in the airspace") is its counter-accusation.
    """
    admits = any(s.kind in ("admission", "responsibility") and s.speaker == speaker for s in sts)
    denials = [s for s in sts if s.kind == "denial" and s.speaker == speaker]
    if admits:
        for s in denials:
            if s.field == "perpetrators" and s.subject == speaker:
                kinds = [k for k in _facility_kinds(lower_ascii(s.span.text)) if k != "military"]
                if kinds:
                    s.field, s.value = "targets", kinds[0]
    if not denials:
        return
    counters: list[str] = []
    for sent in split_sentences(text):
        low = lower_ascii(sent.text[:MAX_SENT])
        if _BLAME_GATE.search(low):
            for a in _counter_accused(sent.text[:MAX_SENT], low, [speaker]):
                if a not in counters:
                    counters.append(a)
    for s in denials:
        for a in counters:
            if a not in s.counter and a != s.subject:
                s.counter.append(a)


_BLAME_GATE = re.compile(
    r"blam|accus|responsib|present|operating|committed\s+by|carried\s+out\s+by|perpetrated|instead"
)


def _strip_core_statements(ext: Extraction, text: str) -> None:
    """Undo the core's own reading of statements so that this module's stands alone."""
    for inc in ext.incidents:
        inc.claims = [c for c in inc.claims if c.kind not in BELLIGERENT_CLAIMS]
        kept: list[Perpetrator] = []
        for p in inc.perpetrators:
            if p.attribution in ("denied", "admitted", "contested"):
                if p.span is None:
                    continue
                p.attribution = _plain_attribution(text, p)
            kept.append(p)
        inc.perpetrators = kept


def _plain_attribution(text: str, p: Perpetrator) -> str:
    if p.span is None:
        return "alleged"
    a = text.rfind(".", 0, p.span.start) + 1
    b = text.find(".", p.span.end)
    b = len(text) if b < 0 else b + 1
    sent = text[a:b][:MAX_SENT]
    low = lower_ascii(sent)
    mentions = score_doers(sent, find_actor_mentions(sent, low), [])
    for mm in mentions:
        if mm.actor == p.actor and a + mm.start <= p.span.start + 1:
            return attribution_in(sent, mm, mentions)
    return "alleged"


def _incident_of(
    incidents: list[Incident], st: Statement, text: str, cache: dict[int, tuple[list[int], str]]
) -> Incident:
    """The incident a statement in a news report is about: near it, same place, same party.

    ``cache`` keeps each incident's anchors and governorate skeleton for the report.
    """
    if len(incidents) == 1 or st.span.start < 0:
        return incidents[0]
    slow = lower_ascii(st.span.text)
    sskel = _skeleton(slow)
    best, best_score = incidents[0], float("-inf")
    for i, inc in enumerate(incidents):
        if id(inc) not in cache:
            cache[id(inc)] = (
                _anchors(inc, text),
                _skeleton(inc.place.admin1.split("-")[0]) if inc.place.admin1 else "",
            )
        anchors, admin_skel = cache[id(inc)]
        before = [a for a in anchors if a <= st.span.start]
        score = -((st.span.start - max(before)) / 2000.0) if before else -2.0
        score -= i * 0.01
        name = (inc.place.name or "").lower()
        if name and len(name) > 3 and name in slow:
            score += 3
        if admin_skel and admin_skel in sskel:
            score += 2  # "the Idlib hospital" names the governorate (OCHA spells it Idleb)
        if st.subject and any(p.actor == st.subject for p in inc.perpetrators):
            score += 1
        if any(t.kind in slow for t in inc.targets):
            score += 1
        if score > best_score:
            best, best_score = inc, score
    return best


def _skeleton(name: str) -> str:
    """Consonants only, doubled letters once: Idleb and Idlib agree, as do Dara'a and Daraa."""
    out = re.sub(r"[^a-z]", "", lower_ascii(name).replace("rural", ""))
    out = re.sub(r"[aeiouy]", "", out)
    return re.sub(r"(.)\1+", r"\1", out) or "#"


def _anchors(inc: Incident, text: str) -> list[int]:
    out: list[int] = []
    for sp in (inc.date.span, inc.place.span):
        if sp is not None:
            out.append(sp.start)
    out.extend(p.span.start for p in inc.perpetrators if p.span is not None)
    out.extend(t.span.start for t in inc.targets if t.span is not None)
    for c in inc.claims[:12]:
        if c.quote:
            pos = text.find(c.quote[:80])
            if pos >= 0:
                out.append(pos)
    return out


def _attach(inc: Incident, st: Statement, rid: str | None, source: str | None) -> None:
    """One statement onto one incident: its claim, and what it does to the perpetrators."""
    perps = {p.actor: p for p in inc.perpetrators}

    def add_claim(c: Claim) -> None:
        if not any(
            x.kind == c.kind and x.field == c.field and x.value == c.value and x.quote == c.quote
            for x in inc.claims
        ):
            inc.claims.append(c)

    span = st.span if st.span.start >= 0 else None
    if st.kind == "correction":
        add_claim(st.claim(rid, source))
        return
    if st.kind == "accusation":
        if st.subject in perps and perps[st.subject].attribution == "stated":
            perps[st.subject].attribution = "alleged"
        return
    add_claim(st.claim(rid, source))
    if st.kind == "denial":
        if st.field == "perpetrators" and isinstance(st.subject, str):
            p = perps.get(st.subject)
            if p is None:
                inc.perpetrators.append(Perpetrator(st.subject, "denied", span))
            elif p.attribution not in ("admitted",):
                p.attribution = "denied"
        for actor in st.counter:
            if actor not in perps and actor != st.subject:
                inc.perpetrators.append(Perpetrator(actor, "alleged", span))
                perps[actor] = inc.perpetrators[-1]
    elif st.kind in ("admission", "responsibility") and isinstance(st.subject, str):
        p = perps.get(st.subject)
        if p is None:
            inc.perpetrators.append(Perpetrator(st.subject, "admitted", span))
        else:
            p.attribution = "admitted"
    if len(inc.perpetrators) > 1:
        inc.perpetrators = [p for p in inc.perpetrators if p.actor != "unknown"]


# --- the strike a statement report speaks of -----------------------------------------


def _statement_sentences(sts: list[Statement], title: str | None) -> list[Sentence]:
    seen: set[int] = set()
    out: list[Sentence] = []
    for s in sts:
        if s.kind not in BELLIGERENT_CLAIMS or s.span.start in seen:
            continue
        seen.add(s.span.start)
        out.append(Sentence(s.span.start, s.span.end, s.span.text))
    if title and -1 not in seen:
        out.insert(0, Sentence(-1, -1, title[:MAX_SENT]))
    return out


_VAGUE_DATE = re.compile(r"past|last|recent|several|few|since|weeks|months|years")
_RELEASE_NEAR = re.compile(
    r"\b(?:released|releases|said|says|announced|issued|published|stated|told|briefing|statement)\b"
)


def _strike_facts(
    sts: list[Statement], text: str, title: str | None, published: str | None
) -> tuple[DateSpan | None, Place | None, list[str], str]:
    """Date, place, facility kinds and event type of the strike the statements speak of.

    The statement sentences (and the headline) are read first, then the whole
    statement; "on that day" resolves to the last date named before it.
    """
    ref = parse_iso(published) if published else None
    pool = _statement_sentences(sts, title)
    rest = [s for s in split_sentences(text) if all(s.start != p.start for p in pool)]
    date: DateSpan | None = None
    coarse: DateSpan | None = None
    for s in [*pool, *rest]:
        off = max(s.start, 0)
        ls = lower_ascii(s.text)
        for d in find_date_expressions(s.text, off, ref):
            if (
                d.kind in ("event", "report", "background")
                and d.date_start is not None
                and (ref is None or d.date_start <= ref)
            ):
                if d.kind == "report" and ref is not None and d.date_start == ref:
                    continue
                a, b = d.start - off, d.end - off
                if _VAGUE_DATE.search(ls[a:b]) or _RELEASE_NEAR.search(ls[max(0, a - 25) : b + 25]):
                    continue  # "over the past several days"; "today released the results"
                span = Span(d.start, d.end, d.text) if s.start >= 0 else None
                ds = DateSpan(
                    d.date_start.isoformat(), (d.date_end or d.date_start).isoformat(), d.precision, span
                )
                if d.precision == "day":
                    date = ds
                    break
                coarse = coarse or ds
        if date is not None:
            break
    date = date or coarse
    place = _place_of([*pool, *rest])
    fac: list[str] = []
    etype = "unknown"
    for s in [*pool, *rest]:
        sl = lower_ascii(s.text)
        for k in _facility_kinds(sl):
            if k not in fac and k != "military":
                fac.append(k)
        if etype == "unknown":
            found = [
                WEAPON_PATTERNS[int(m.lastgroup[1:])][0] for m in WEAPON_ANY_LOW.finditer(sl) if m.lastgroup
            ]
            found = [t for t in found if t != "clash"]
            if found:
                etype = found[0]
            elif re.search(
                r"\b(?:aviation|aircraft|aerospace\s+forces|warplanes?|jets|air\s*strikes?|air\s+raids?"
                r"|combat\s+flights)\b",
                sl,
            ):
                etype = "airstrike"
    return date, place, fac, etype


_DATELINE = re.compile(r"^\W*[A-Z][\w'’ ,./()-]{0,60}?\s[-–—]\s")


def _place_of(sentences: Iterable[Sentence]) -> Place | None:
    try:
        from harmwatch.extract.places import get_finder

        finder = get_finder()
    except Exception:  # the geocoder is optional here
        return None
    for s in sentences:
        dl = _DATELINE.match(s.text)
        skip = dl.end() if dl else 0
        try:
            mentions = [m for m in finder.find(s.text) if m.start >= skip]
        except Exception:  # a geocoder bug must not lose the statement
            return None
        for m in mentions:
            if m.role not in ("event", "mentioned"):
                continue
            p = m.place
            if p.country not in (None, "SY") or p.precision in ("unknown", "country"):
                continue
            span = Span(s.start + m.start, s.start + m.end, s.text[m.start : m.end]) if s.start >= 0 else None
            return Place(
                p.name, p.admin1, p.admin1_pcode, p.admin2, p.admin2_pcode, p.admin3, p.admin3_pcode,
                p.lat, p.lon, p.precision, p.country, span,
            )  # fmt: skip
    return None


def _same_strike(
    inc: Incident, sts: list[Statement], text: str, title: str | None, published: str | None
) -> bool:
    """Whether the core's main incident is the strike the statement speaks of.

    Different towns (neither read off a dateline such as "Damascus, SANA -") mean
    different events; anything less certain counts as the same.
    """
    fine = ("point", "neighbourhood", "town", "admin3")
    if inc.place.precision not in fine or inc.place.span is None:
        return True
    first = text[:MAX_SENT]
    dl = _DATELINE.match(first)
    if dl and inc.place.span.start < dl.end():
        return True
    _date, place, _fac, _etype = _strike_facts(sts, text, title, published)
    if place is None or place.precision not in fine:
        return True
    if inc.place.admin3_pcode and inc.place.admin3_pcode == place.admin3_pcode:
        return True
    return _skeleton(inc.place.name or "") == _skeleton(place.name or "")


def _incident_for(
    sts: list[Statement],
    text: str,
    title: str | None,
    published: str | None,
    rid: str | None,
    key: str = "0",
) -> Incident:
    inc = Incident()
    if rid:
        inc.id = content_id("inc", rid, key)
        inc.report_ids = [rid]
    date, place, fac, etype = _strike_facts(sts, text, title, published)
    ref = parse_iso(published) if published else None
    if date is not None:
        inc.date = date
    elif ref is not None:
        inc.date = DateSpan(ref.isoformat(), ref.isoformat(), "day", None)
        inc.review.append(REPORT_DATE_USED)
    else:
        inc.review.append("no date")
    if place is not None:
        inc.place = place
    else:
        inc.review.append("no place")
    inc.event_type = etype
    for k in fac[:2]:
        inc.targets.append(Target(k, None, None, None))
    inc.review.append("from a party's statement about the strike")
    return inc


def _refine_from_statements(
    inc: Incident, sts: list[Statement], text: str, title: str | None, published: str | None
) -> None:
    """A statement issued days later: its strike is the day and place it names, not the day it was issued."""
    date, place, fac, etype = _strike_facts(sts, text, title, published)
    ref = parse_iso(published) if published else None
    if (
        date is not None
        and date.precision == "day"
        and ref is not None
        and inc.date.start in (None, ref.isoformat())
        and date.start != inc.date.start
    ):
        inc.date = date
        inc.review = [r for r in inc.review if not r.startswith("event date not stated")]
    if (
        place is not None
        and place.precision not in ("unknown", "country")
        and (inc.place.precision in ("unknown", "country", "admin1") or place.precision != "admin1")
    ):
        # The party names the place of the strike it speaks of; the core may have
        # read the dateline ("Damascus, SANA - ...") as the place.
        inc.place = place
    if not inc.targets:
        for k in fac[:1]:
            inc.targets.append(Target(k, None, None, None))
    if inc.event_type == "unknown":
        inc.event_type = etype
