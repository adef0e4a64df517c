"""Word lists for extraction: actors, weapons, event types, victims, facilities.

These are the domain vocabulary the rules match against. They are kept in one
module so that the rules elsewhere read as logic and the vocabulary can grow
without touching them.
"""

from __future__ import annotations

import re

from harmwatch.extract.fastre import Alternation

# --- actors ------------------------------------------------------------------------
# Ordered: specific names before generic words, so "ISIL terrorists" is ISIS, not
# the generic "terrorists" that state media use for the armed opposition.
ACTOR_PATTERNS: list[tuple[str, str, bool]] = [
    # (actor, regex, generic)
    ("isis", r"islamic\s+state(?:\s+group)?|\bisis\b|\bisil\b|da[ei]sh|\bdaish\b", False),
    ("isis", r"(?-i:\bIS\b)(?!-)", False),
    (
        "hts_nusra",
        r"(?:al[- ]?)?nusra(?:\s+front)?|jabhat\s+(?:al[- ])?(?:nusra|fateh|fatah)"
        r"|(?:jabhat\s+)?fat[ae]h\s+al[- ]sham|hay'?at\s+tahrir\s+al[- ]sham|tahrir\s+al[- ]sham"
        r"|\bhts\b|al[- ]?qa'?eda(?:-linked|-affiliated)?",
        False,
    ),
    (
        "sdf_ypg",
        r"syrian\s+democratic\s+forces|\bsdf\b|\bypg\b|\bypj\b|\bpyd\b|\basayish\b"
        r"|people'?s\s+protection\s+units|kurdish(?:-led)?\s+(?:forces|fighters|militias?|troops|units"
        r"|militiamen|gunmen|people'?s\s+protection\s+units)|self[- ]administration\s+forces"
        r"|kurdish\s+ypg|(?:syrian?\s+|the\s+)?kurds\b",
        False,
    ),
    (
        # The Syrian factions Turkey backs (the Syrian National Army) are armed opposition groups.
        "opposition",
        r"(?:turk(?:ish|ey)|ankara)[- ](?:backed|supported|allied|loyal)\s+(?:syrian\s+)?"
        r"(?:rebels?|factions?|fighters|groups|gunmen|militants|militias?|militiamen|opposition(?:\s+(?:fighters|forces|groups|factions))?)"
        r"|(?:syrian\s+)?national\s+army",
        False,
    ),
    ("turkey", r"turk(?:ish|ey)(?:'?s)?(?:[- ]backed)?|\bankara\b|euphrates\s+shield|olive\s+branch", False),
    ("israel", r"israel(?:i|'?s)?|\bidf\b", False),
    (
        "iran",
        r"hez?b[ao]ll?ah|hizb[ao]llah|hizballah|\biran(?:ian)?(?:[- ]backed)?|\birgc\b"
        r"|revolutionary\s+guards?|iraqi\s+(?:shiite\s+)?militia(?:s|men)?",
        False,
    ),
    ("russia", r"russia(?:n|'?s)?|\bmoscow\b|\bkremlin\b", False),
    (
        "coalition",
        r"(?:u\.?s\.?|us|american|washington)[- ]led\s+(?:international\s+)?(?:military\s+)?coalition"
        r"|(?:u\.?s\.?|us|american)[- ]led\s+(?:air\s*[- ]?)?(?:strikes?|raids?|bombing|forces|operations?)"
        r"|(?:international|anti-?(?:is|isis|isil|daesh|jihadist)|western)\s+coalition"
        r"|(?<!syrian\s)(?<!national\s)(?<!opposition\s)(?<!syrian\snational\s)(?<!rebel\s)(?<!islamist\s)"
        r"(?<!jihadist\s)\bcoalition\b"
        r"|\bu\.\s?s\.?(?=\s)|\bus(?=\s+(?:air|war|jets|strikes?|raids?|forces|military|troops|drones?"
        r"|missiles?|aircraft|attacks?|planes?|navy|army|special))"
        r"|\bamerica(?:n|'?s)?\b|\bpentagon\b|\bcentcom\b|\bwashington\b|inherent\s+resolve"
        r"|\bfrench\b|\bbritish\b|\braf\b|\baustralian\b|\bjordanian\s+(?:jets|warplanes)",
        False,
    ),
    (
        "syria_gov",
        r"\bsyrian?\s+(?:air\s*[- ]?strikes?|air\s+raids?|strikes?|raids?|shelling|bombardment|bombing"
        r"|fighter\s+(?:jets?|planes?|aircraft|bombers?)"
        r"|barrel\s+bombs?|helicopters?|war\s*planes?|jets|air\s*force|aircraft)"
        r"|\bsyria'?s\s+(?:government|regime|army|military|air\s*force|warplanes|jets)"
        r"|(?<![-\w])government(?![-\w])|\b(?:bashar\s+)?(?:al-)?assad(?:'?s)?\b(?!-)"
        r"|(?:syrian\s+)?regime|assad'?s?\s+(?:regime|forces|troops|army|government|air\s*force"
        r"|warplanes|jets|helicopters|loyalists)|pro-?\s?(?:regime|government|assad|damascus)"
        r"(?:\s+(?:forces|militias?|militiamen|fighters|troops|gunmen))?"
        r"|syrian\s+(?:arab\s+)?(?:army|government|military|troops|forces|air\s*force|warplanes"
        r"|war\s*planes|jets|helicopters|aircraft|authorities|artillery)"
        r"|government(?:-led)?\s+(?:forces|troops|warplanes|war\s*planes|jets|helicopters|aircraft"
        r"|air\s*strikes|airstrikes|shelling|bombardment|artillery|bombing|raids|planes|soldiers)"
        r"|national\s+defen[cs]e\s+forces|\bndf\b|shabb?iha|tiger\s+forces|republican\s+guard"
        r"|(?<!free\s)(?<!free\ssyrian\s)(?<!conquest\s)(?<!islam\s)\barmy\b|\btroops\b|loyalists?",
        False,
    ),
    (
        "opposition",
        r"\brebels?\b|\brebel\b|opposition\s+(?:fighters|forces|groups|factions|militants|gunmen|alliance"
        r"|coalition|snipers?|shelling|shells|rockets?|mortars?|artillery|fire|attacks?|drones?|militias?)"
        r"|free\s+syrian\s+army|\bfsa\b|ahrar\s+al[- ]sham"
        r"|(?:ja[iy]?a?[iy]?sh|je[iy]sh)\s+al[- ](?:islam|fateh|fatah|"
        r"izza|nasr|tahrir)|army\s+of\s+conquest|faylaq\s+al[- ]rahman|nour\s+al[- ]din\s+al[- ]zinki"
        r"|insurgents?|armed\s+(?:opposition\s+)?groups?|islamist\s+(?:rebels|groups|factions|alliance)"
        r"|southern\s+front|the\s+factions",
        False,
    ),
    (
        "unknown",
        r"terrorists?|terrorist\s+(?:groups?|organizations?|organisations?)|militants?"
        r"|armed\s+men|gunmen|jihadists?",
        True,
    ),
]
ACTOR_RES = [(a, re.compile(p, re.I), g) for a, p, g in ACTOR_PATTERNS]
# One pass over the sentence: group ``a<i>`` is ``ACTOR_PATTERNS[i]``.
ACTOR_ANY_RE = re.compile(
    r"\b(?:" + "|".join(f"(?P<a{i}>{p})" for i, (_, p, _) in enumerate(ACTOR_PATTERNS)) + ")", re.I
)
# The same on lower-cased text; the case-sensitive "IS" is found apart (IS_RE).
ACTOR_ANY_LOW = re.compile(
    r"\b(?:"
    + "|".join(
        f"(?P<a{i}>{p if '(?-i:' not in p else '(?!x)x'})" for i, (_, p, _) in enumerate(ACTOR_PATTERNS)
    )
    + ")"
)
IS_RE = re.compile(r"\bIS\b(?!-)")
# The first three letters every actor mention can start with (derived from the
# patterns above; tests check them against the full regex). The big regex is then
# tried only at word starts that can open a mention, not at every word.
ACTOR_PREFIXES = frozenset(
    (
        "isi",
        "isl",
        "dae",
        "dai",
        "nus",
        "al-",
        "al",
        "aln",
        "alq",
        "jab",
        "fat",
        "hay",
        "tah",
        "hts",
        "qa'",
        "qae",
        "syr",
        "sdf",
        "ypg",
        "ypj",
        "pyd",
        "asa",
        "peo",
        "kur",
        "sel",
        "the",
        "tur",
        "ank",
        "eup",
        "oli",
        "isr",
        "idf",
        "hez",
        "heb",
        "hiz",
        "hib",
        "ira",
        "irg",
        "rev",
        "rus",
        "mos",
        "kre",
        "u.s",
        "u.",
        "us-",
        "us",
        "us.",
        "ame",
        "was",
        "int",
        "ant",
        "wes",
        "coa",
        "pen",
        "cen",
        "inh",
        "fre",
        "bri",
        "raf",
        "aus",
        "jor",
        "gov",
        "bas",
        "ass",
        "reg",
        "pro",
        "nat",
        "ndf",
        "sha",
        "tig",
        "rep",
        "arm",
        "tro",
        "loy",
        "reb",
        "opp",
        "fsa",
        "ahr",
        "jai",
        "jay",
        "jaa",
        "jei",
        "fay",
        "nou",
        "ins",
        "sou",
        "ter",
        "mil",
        "gun",
        "jih",
        "al ",
        "us ",
        "u. ",
    )
)
WORD_START_RE = re.compile(r"\b\w")
IS_INDEX = next(i for i, (_, p, _) in enumerate(ACTOR_PATTERNS) if "(?-i:" in p)
# A mention that already names the means of attack ("government air strikes").
ATTACK_IN_MENTION_RE = re.compile(
    r"(?:strikes?|raids?|shelling|bombardment|bombing|war\s*planes?|jets|helicopters?|aircraft|artillery|barrel"
    r"|air\s*force)\b",
    re.I,
)

# Words that show a mention is the *doer* when they follow it.
ATTACK_AFTER_RE = re.compile(
    r"^[\s'-]*(?:s\s+)?(?:(?:in|near|around)\s+(?:the\s+)?(?:[\w'-]+\s+){1,2}?(?=(?:have\s+|has\s+|had\s+)?"
    r"(?:also\s+)?(?:shelled|bombed|fired|attacked|targeted|struck|hit|stormed|executed|killed|launched|dropped"
    r"|exploded|detonated|blew\s+up|shot|beheaded|bombarded|raided|pounded|ambushed)\b))?"
    r"(?:(?:and|or)\s+\w+\s+|(?:(?!(?:in|on|at|of|to|by|from|for|with|near|into|against|the|a|an"
    r"|and|or|who|which|that|said|says|say|told|blamed|blames|accused|accuses|condemned|condemns|denied|denies"
    r"|could|would|might|may|will|can|should|must|vowed|vows|threatened|threatens|pledged|pledges|promised"
    r"|were|was|are|is|been|being|be)\b)[\w-]+\s+){0,2})?(?:war\s*planes?|war\s*jets|jets?|aircraft|air\s*force|helicopters?"
    r"|drones?|air\s*strikes?|strikes?|raids?|air\s+raids?|bombing|bombings|bombardment|shelling|shells?"
    r"|rockets?|missiles?|artillery|mortars?|barrel\s+bombs?|snipers?|offensive|gunfire|fire|planes"
    r"|suicide\s+bombers?|bombers?|attacks?|assault|(?:military\s+)?operations?"
    r"|(?:have\s+|has\s+|had\s+)?(?:also\s+|reportedly\s+|allegedly\s+)?(?:shelled|bombed|fired|attacked|targeted"
    r"|struck|hit|stormed|executed|killed|launched|dropped|carried\s+out|claimed|massacred|ambushed"
    r"|pounded|detonated|blew\s+up|shot|beheaded|used|committed|bombarded|raided|slaughtered|murdered"
    r"|kill|kills|killing|shoot|shell|shells|bomb|bombs|pound|pounds|target|targets|strike|hits"
    r"|beheads|executes|execute|crucified|crucifies|massacres|massacre|stages?|staged|mounts?|mounted"
    r"|conducts?|conducted|carry\s+out|carries\s+out|commits?|slaughters|assassinated|assassinates"
    r"|assassinate|shoots|guns\s+down|gunned\s+down|destroyed|eliminated|neutrali[sz]ed|liquidated))\b",
    re.I,
)
BY_BEFORE_RE = re.compile(
    r"(?:(?=\bby)(?<!\bheld\s)(?<!\bcontrolled\s)(?<!\brun\s)(?<!\bbacked\s)(?<!\bsupported\s)(?<!\bled\s)(?<!\bbesieged\s)"
    r"(?<!\bsurrounded\s)(?<!\bcaptured\s)(?<!\bdominated\s)(?<!\boccupied\s)(?<!\bseized\s)(?<!\btaken\s)(?<!\brecaptured\s)"
    r"(?<!\bannounced\s)(?<!\breported\s)(?<!\bconfirmed\s)(?<!\bsaid\s)(?<!\bclaimed\s)(?<!\bdenied\s)(?<!\breleased\s)"
    r"(?<!\bposted\s)(?<!\bpublished\s)(?<!\bissued\s)(?<!\borganized\s)(?<!\borganised\s)(?<!\bhosted\s)(?<!\brun\s)"
    r"(?<!\badvances\s)(?<!\bgains\s)(?<!\bachieved\s)(?<!\bbrokered\s)(?<!\bmediated\s)(?<!\bnegotiated\s)"
    r"(?<!\bsponsored\s)(?<!\bcondemned\s)(?<!\bwelcomed\s)(?<!\brejected\s)\bby|blamed\s+on|\bblam(?:ed|es|ing)|\baccus(?:ed|es|ing)|attributed\s+to|responsibility\s+of"
    r"|(?:fire|fired|shelling|shells|rockets?|mortars?|strikes?|raids?|attacks?|bombardment|missiles?|sniper|gunfire"
    r"|bullets?|bombers?|attackers?|gunm[ae]n|assailants?|forces|troops|units|fighters|militants|militiamen"
    r"|members|jets|warplanes|aircraft|planes|helicopters|drones?)\s+(?:\w+\s+)?from)\s+(?:the\s+)?"
    r"(?:suspected\s+|alleged\s+|either\s+(?:the\s+)?)?(?:[\w-]+\s+){0,2}$",
    re.I,
)
CLASH_WITH_BEFORE_RE = re.compile(
    r"(?:clashes|clashing|fighting|battles?|ambush(?:ed)?|attacks?|assault|offensive)\s+"
    r"(?:with|by|of|from|launched\s+by)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$"
    r"|\b(?:clashes|fighting|battles|infighting)\s+(?:among|within)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$",
    re.I,
)
NOT_DOER_BEFORE_RE = re.compile(
    r"(?:\b(?:against|targeting|targeted|on|at|into|toward|towards|near|of|held\s+by|controlled\s+by"
    r"|fighting(?!\s+with\b)|battling(?!\s+with\b)|to|for|in|from|outlawed\s+in|banned\s+in|between"
    r"|targets?|attack|attacks|hit|hits|kill|kills|assassinate|assassinates|ambush|ambushes)\s+(?:the\s+)?"
    r"(?:[\w-]+\s+){0,1}|\banti-?\s*)$",
    re.I,
)
# These make a mention the place's controller or the victims' side even when an
# attack word follows ("a village controlled by the IS group killing civilians").
NOT_DOER_STRONG_BEFORE_RE = re.compile(
    r"(?:held|controlled|run|dominated|occupied|besieged|seized)\s+by\s+(?:the\s+)?(?:[\w-]+\s+){0,1}$"
    r"|\b(?:(?:death\s+)?toll|deaths|casualties|losses|bodies|killing|funerals?)\s+(?:of|among|in)\s+(?:the\s+)?"
    r"(?:[\w-]+\s+){0,1}$"
    r"|\b(?:members?|leaders?|commanders?|officials?|fighters|positions?|headquarters|base|wedding|funeral"
    r"|convoy|checkpoint|stronghold|territory|areas?|ranks|spokesman|spokeswoman|chief|head|emir)\s+of\s+"
    r"(?:the\s+)?(?:[\w-]+\s+){0,1}$"
    r"|\b(?:fled|fleeing|escaped|escaping|away\s+from|rid\s+of|liberated\s+from|freed\s+from|retook\s+\w+\s+from"
    r"|recaptured\s+\w+\s+from|against|fighting(?!\s+with\b)|battling(?!\s+with\b)|targeting|targeted)"
    r"\s+(?:\w+\s+){0,2}$"
    r"|\b(?:downing|crash|wreckage|shooting\s+down)\s+of\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,1}$"
    r"|\banti-?\s*$",
    re.I,
)
# An aircraft that was shot down or crashed is the victim's, not the attacker's
# ("a Russian military helicopter that was shot down").
DOWNED_AFTER_RE = re.compile(
    r"^[\s'-]*(?:s\s+)?(?:[\w-]+\s+){0,4}?(?:war\s*planes?|jets?|aircraft|helicopters?|choppers?|planes?|drones?)"
    r"\s+(?:that\s+|which\s+)?(?:was\s+|were\s+|had\s+been\s+|has\s+been\s+)?(?:shot\s+down|downed"
    r"|brought\s+down|crashed|crash(?:es)?)\b",
    re.I,
)
NOT_DOER_AFTER_RE = re.compile(
    r"^[\s-]*(?:held|controlled|run|dominated|occupied|stronghold|bastion|territory|positions?|base|bases"
    r"|headquarters|outposts?|targets?(?!\s+(?:the|a|an|its|their|his|her)\s|\s+(?-i:[A-Z]))|checkpoints?|areas?|convoy|official|spokes(?:man|woman)|envoy|president"
    r"|foreign\s+minister|minister|ambassador|delegation|side|\(banned|-held|-controlled|-run"
    r"|backers?|allies|ally|supporters?|sponsors?|patrons?"
    r"|(?:state\s+)?(?:news|media|television|tv|newspapers?|outlets?|press|journalists?|reporters?)"
    r"|(?:[\w-]+\s+)?(?:were|was)\s+(?:heard|seen|spotted|observed|flying|circling|hovering)"
    r"|(?:[\w-]+\s+){0,3}?(?:have|has|had)\s+(?:\w+\s+)?(?:calmed|paused|stopped|halted|ceased|eased|subsided))\b",
    re.I,
)

# Hedges that make an attribution an allegation.
ALLEGED_RE = re.compile(
    r"\b(?:suspected|reportedly|allegedly|alleged|activists?\s+(?:said|say|says|blamed|accused|reported)"
    r"|according\s+to\s+(?:activists|opposition|rebels|residents|local\s+sources|witnesses)"
    r"|(?:opposition|rebels|residents|witnesses|medics|rescuers|state\s+media|state\s+tv)\s+(?:said|say|says|blamed|accused)"
    r"|believed\s+to|thought\s+to|apparently|presumably|probably|likely|blamed|accused|accusing|blaming"
    r"|claimed\s+that|claims\s+that|(?:\w+\s+)or\s+(?:\w+\s+)?(?:war\s*planes|jets|aircraft|warplanes|forces))\b",
    re.I,
)
DENIAL_RE = re.compile(
    r"\b(?:denied|denies|deny|denying|rejected|rejects|dismissed)\b(?:\s+(?:any|that|the|its|having|responsibility"
    r"|involvement|reports|claims|carrying|targeting|striking|using|it|they))?",
    re.I,
)
ADMISSION_RE = re.compile(
    r"\b(?:(?:said|says|announced|confirmed|acknowledged|admitted|stated)\s+(?:that\s+)?(?:it|its|their|they"
    r"|the\s+army|the\s+military|army\s+units|the\s+air\s+force|air\s+force|units|warplanes|jets|aircraft)"
    r"(?:\s+had|\s+has|\s+have)?\s+(?:\w+\s+){0,3}?(?:struck|targeted|carried\s+out|conducted|hit|destroyed"
    r"|killed|bombed|launched|shelled|executed|attacked|fired|eliminated|pounded)"
    r"|(?:video|footage)\s+(?:released|posted|published|issued)\s+by)\b",
    re.I,
)
RESPONSIBILITY_RE = re.compile(r"\bclaimed\s+(?:responsibility|credit)\b|\bclaims?\s+responsibility\b", re.I)
NO_CLAIM_RE = re.compile(
    r"\bno\s+(?:immediate\s+)?(?:claim|one\s+claimed|group\s+(?:has\s+)?claimed)\b", re.I
)

# --- weapons and event types ---------------------------------------------------
# (event_type, weapon label or None, regex)
WEAPON_PATTERNS: list[tuple[str, str | None, str]] = [
    ("chemical", "chlorine", r"\bchlorine\b"),
    ("chemical", "sarin", r"\bsarin\b|nerve\s+(?:agent|gas)"),
    ("chemical", "mustard gas", r"\bmustard\s+gas\b"),
    (
        "chemical",
        "chemical weapon",
        r"chemical\s+(?:weapons?|attacks?|agents?|munitions?|bombs?|gas|substances?)"
        r"|toxic\s+(?:gas|gases|chemicals?|substances?)|poison(?:ous)?\s+gas|gas\s+attacks?"
        r"|suffocat\w+|asphyxia\w*",
    ),
    ("barrel_bomb", "barrel bomb", r"barrel[- ]?bombs?|explosive[- ]barrels?|barrel\s+bombing"),
    ("airstrike", "thermobaric", r"thermobaric|vacuum\s+bombs?|fuel[- ]air\s+(?:bombs?|explosives?)"),
    ("airstrike", "bunker buster", r"bunker[- ]bust(?:ers?|ing)"),
    ("airstrike", "cluster munition", r"cluster\s+(?:munitions?|bombs?|rockets?)|bomblets|sub-?munitions"),
    ("airstrike", "incendiary", r"incendiary|white\s+phosphorus|napalm"),
    ("missile", "ballistic missile (Tochka)", r"\btochka\b|\btochka-u\b"),
    ("missile", "ballistic missile (Iskander)", r"\biskander\b"),
    ("missile", "ballistic missile (Scud)", r"\bscuds?\b"),
    ("missile", "ballistic missile", r"ballistic\s+missiles?|surface-to-surface\s+missiles?"),
    ("missile", "cruise missile", r"cruise\s+missiles?|tomahawks?|kalibr"),
    (
        "explosion",
        "car bomb",
        r"car[- ]bomb(?:s|ing|ings|er|ers)?|booby[- ]trapped\s+(?:car|vehicle|truck)s?"
        r"|vehicle[- ]borne|\bvbied\b|truck[- ]bombs?|(?:explosives?|bomb)-(?:laden|packed)"
        r"\s+(?:car|vehicle|truck)",
    ),
    ("explosion", "motorcycle bomb", r"motorcycle[- ]bombs?|booby[- ]trapped\s+motorcycle|motorbike\s+bomb"),
    (
        "explosion",
        "suicide bomb",
        r"suicide\s+(?:bomb(?:er|ers|ing|ings)?|attacks?|attackers?|vest|belt|blast"
        r"|car|truck)|blew\s+(?:himself|herself|themselves)\s+up|explosive\s+(?:vest|belt)",
    ),
    (
        "explosion",
        "IED",
        r"\bieds?\b|improvised\s+explosive|roadside\s+bombs?|explosive\s+devices?"
        r"|land\s*mines?|booby[- ]trap(?:ped|s)?|(?:hand\s+)?grenades?"
        r"|\bmines?\s+(?:exploded|blasts?|explosions?)",
    ),
    (
        "execution",
        None,
        r"\bexecut(?:e|ed|ing|ion|ions|es)\b|behead(?:ed|ing|ings)?|summar(?:y|ily)\s+(?:killed|executed)"
        r"|field\s+executions?|(?:slit|slitting|slashed|cut|cutting)\s+(?:the\s+|their\s+|his\s+|her\s+)?throats?"
        r"|crucif(?:y|ied|ies|ixion|ixions)|stoned\s+to\s+death|firing\s+squads?|publicly\s+(?:hanged|killed|shot)"
        r"|decapitat\w+|\bhanged\b|public\s+hangings?",
    ),
    (
        "airstrike",
        None,
        r"air\s*[- ]?strikes?|air\s*[- ]?raids?|war\s*[- ]?planes?|war\s+jets|fighter\s+jets"
        r"|\bjets\b|aerial\s+(?:bombardment|bombing|attacks?|strikes?|bombs?)|helicopters?"
        r"|air\s*force|bombing\s+raids?|drone\s+strikes?|\bdrones?\b|aircraft|\bstrikes?\b"
        r"|air\s+attacks?|airpower|sorties|precision\s+strikes?|bombing\s+campaigns?"
        r"|(?<!ground\s)(?<!commando\s)(?<!security\s)(?<!night\s)(?<!house\s)(?<!forces\s)\braids\b",
    ),
    ("missile", None, r"\bmissiles?\b|missile\s+strikes?"),
    # An aircraft that crashed or was shot down: the aircraft is what the event
    # happened to, not what killed (see ``AIRCRAFT_RE``). Before "shooting" so
    # that "shot down" is not read as gunfire.
    (
        "other",
        None,
        r"shot\s+(?:it\s+|them\s+)?down|shoots?\s+down|shooting\s+down|\bdowned\b|\bdowning\b"
        r"|crash(?:ed|es|ing)?\s+(?:into|in|on|near|while|shortly|after|during)|crash-land\w*"
        r"|(?:plane|jet|helicopter|aircraft)\s+crash(?:ed|es)?",
    ),
    (
        "shelling",
        None,
        r"shell(?:ing|ed|s)\b|mortars?|artillery|howitzers?|katyushas?|\bmlrs\b|tank\s+(?:fire|shells?|rounds)"
        r"|rocket(?:s|\s+shells|\s+fire|\s+attacks?)?\b"
        r"|\bgrad\b|bombardment|bombarded|hell\s+cannon|gas\s+cylinders?|projectiles?",
    ),
    (
        "shooting",
        None,
        r"shot\s+dead|shot\s+(?:and\s+killed|him|her|them)|shooting|gunfire|gunshots?|opened\s+fire"
        r"|sniper(?:s|\s+fire)?|machine\s*-?\s*guns?|gunm[ae]n|bullets?|shot\b|open(?:s|ing)?\s+fire|gun\s*battles?"
        r"|gunfights?|exchanges?\s+of\s+(?:gun)?fire|exchanged\s+(?:gun)?fire|rifles?",
    ),
    (
        "explosion",
        None,
        r"explosions?|\bblasts?\b|bomb\s+(?:attacks?|blasts?|exploded|explosions?)|exploded"
        r"|detonat\w+|explosives?|\bbombings?\b(?!\s+raids)|\bbombs?\b|\bbombed\b",
    ),
    (
        "clash",
        None,
        r"\bclash(?:es|ed)?\b|\b(?:in)?fighting\b|\bfights\b|\bbattles?\b|\bfirefights?\b|\bambush(?:ed)?\b|confrontations?"
        r"|\bskirmish(?:es)?\b|\bassault\b|\boffensive\b",
    ),
]
WEAPON_RES = [(t, w, re.compile(p, re.I)) for t, w, p in WEAPON_PATTERNS]
# One pass instead of one per pattern: group ``w<i>`` is ``WEAPON_PATTERNS[i]``.
# Every pattern starts at a word start, so a leading \b lets the engine skip the
# positions inside words without trying each alternative there.
WEAPON_ANY_RE = re.compile(
    r"\b(?:" + "|".join(f"(?P<w{i}>{p})" for i, (_, _, p) in enumerate(WEAPON_PATTERNS)) + ")", re.I
)

# The same on lower-cased text, dispatched on each word's first letter (same
# matches, several times faster: see harmwatch.extract.fastre).
WEAPON_ANY_LOW = Alternation([p for _, _, p in WEAPON_PATTERNS], name="w")
# The air-strike words that name an aircraft rather than a strike: in a sentence
# about a crash or a downing they name what went down.
AIRCRAFT_RE = re.compile(
    r"(?:war\s*[- ]?planes?|war\s+jets|fighter\s+jets|jets|helicopters?|aircraft|drones?|air\s*force)", re.I
)

# Priority of event types when several appear in the same lead sentence: the more
# specific mechanism wins (a chemical attack delivered by aircraft is "chemical").
TYPE_PRIORITY = {
    "chemical": 0,
    "barrel_bomb": 1,
    "execution": 2,
    "missile": 4,
    "airstrike": 5,
    "shelling": 6,
    "explosion": 3,
    "shooting": 7,
    "clash": 8,
    "other": 9,
    "unknown": 10,
}

# --- victims --------------------------------------------------------------------
CHILD_WORDS = (
    r"children|child|kids|minors|boys|girls|infants?|babies|baby|toddlers?|teenagers?|siblings|sons|daughters"
    r"|boy|girl|schoolchildren|students?|pupils|orphans|daughter|son"
)
WOMAN_WORDS = r"women|woman|mothers?|wives|wife|sisters?|pregnant\s+woman"
CIV_WORDS = (
    r"civilians?|citizens?|residents?|villagers|inhabitants|worshipp?ers|patients|family\s+members"
    r"|relatives|displaced|refugees|passengers|shoppers|farmers|workers|volunteers|rescuers|medics"
    r"|doctors?|nurses?|paramedics|journalists?|activists?|teachers?|protesters|shepherds?|elderly"
    r"|evacuees|pilgrims|mourners|employees|staff|(?:members\s+of\s+(?:a|one|the\s+same)\s+family)"
    r"|(?:members\s+of\s+(?:a|one|the|their|his)\s+(?:[\w'-]+\s+){0,2}?(?:tribe|clan))"
    r"|(?:(?:a|one|the\s+same)\s+family)|families|husband|father|fathers|men\s+and\s+women"
    r"|medical\s+(?:staff|workers|personnel)|civil\s+defen[cs]e\s+(?:workers|members|volunteers)"
    r"|drivers|fishermen|pharmacists|engineers|bakers|traders|merchants|vendors|labou?rers|lawyers|clerics"
    r"|imams|priests|athletes|footballers|players"
)
COMBATANT_WORDS = (
    r"soldiers?|troops|fighters?|militants?|terrorists?|jihadists?|jihadis|rebels?|insurgents?"
    r"|gunmen|militiamen|militia\s*men|militia\s+members|militias?|members|elements|personnel"
    r"|officers?|commanders?|recruits|conscripts|servicemen|guards|policemen|police(?:\s+officers)?"
    r"|security\s+(?:forces|personnel|men|members)|mercenaries|loyalists|combatants|forces"
    r"|operatives|extremists|pilots?|gunman|attackers|bombers|leaders?|emirs?|snipers?|mujahideen"
    r"|army\s+men|regulars|paramilitaries|volunteer\s+fighters|defenders|captives|prisoners\s+of\s+war"
    r"|servicemen|marines|agents|detainees"
)
GENERIC_WORDS = (
    r"people|persons|individuals|victims|martyrs|men|dead|bodies|others|killed|deaths|lives|fatalities"
    r"|casualties|of\s+them|person|man|syrians|kurds|alawites|shiites|sunnis|druze|christians"
    r"|yazidis|arabs|iraqis|palestinians|brothers|cousins|nephews|nieces|youths|young\s+men"
)

VICTIM_HEAD_RE = re.compile(
    rf"^(?P<mods>(?:(?:(?!(?:were|was|are|is|have|has|had|in|on|at|by|from|after|when|who|and|killed|dead|died"
    rf"|including|among|of|dozens|scores|hundreds|thousands|tens|several|with|as|for|to|during|while|but|or"
    rf"|jan(?:uary)?|feb(?:ruary)?|march|april|may|june|july|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?"
    rf"|nov(?:ember)?|dec(?:ember)?)\b|\d)[\w'’-]+)\s+){{0,5}}?)"
    rf"(?P<head>(?P<child>{CHILD_WORDS})|(?P<woman>{WOMAN_WORDS})|(?P<civ>{CIV_WORDS})"
    rf"|(?P<comb>{COMBATANT_WORDS})|(?P<gen>{GENERIC_WORDS}))\b"
    # "five rebel fighters", "two civilian workers": the last of two nouns is the head.
    rf"(?!\s+(?:{CHILD_WORDS}|{WOMAN_WORDS}|{CIV_WORDS}|{COMBATANT_WORDS})\b)",
    re.I,
)
# Modifiers that turn a generic head into a class ("pro-regime men", "IS members").
COMBATANT_MOD_RE = re.compile(
    r"\b(?:soldiers?|military|army|troops|pro-?regime|pro-?government|regime|government|militia|rebel|opposition"
    r"|h[ei]zb[ao]ll?ah"
    r"|jihadist|is|isis|isil|daesh|nusra|hezbollah|hizballah|ypg|sdf|kurdish|fighters?|armed|security|fsa"
    r"|ahrar|jaish|taliban|qaeda|turkish-backed|iranian-backed|russian)\b",
    re.I,
)
ONE_RE = re.compile(
    r"\b(?:a|an|one)\s+(?:(?:young|little|local|pregnant|syrian|kurdish|elderly|civilian|female|male|teenage"
    r"|\d+-year-old|[a-z]+-year-old)\s+)?"
    r"(?P<noun>child|woman|civilian|girl|boy|man|baby|infant|toddler|nurse|doctor|soldier|fighter|teenager"
    r"|mother|father|journalist|activist|paramedic|medic|policeman|officer|commander|militant|rebel"
    r"|teacher|student|volunteer|worker|farmer|shepherd|person|resident)\b",
    re.I,
)

KILLED_WORDS = (
    r"killed|dead|died|die|dies|martyred|slain|perished|lost\s+their\s+lives|lost\s+his\s+life"
    r"|lost\s+her\s+life|executed|murdered|massacred|shot\s+dead|beheaded|crucified"
)
INJURED_WORDS = r"wounded|injured|hurt|injuries|wounds|maimed"

# --- facilities and targets -------------------------------------------------------
# (kind, regex)  -- the regex must capture the whole facility noun phrase end.
FACILITY_PATTERNS: list[tuple[str, str]] = [
    (
        "field_hospital",
        r"field\s+hospitals?|makeshift\s+hospitals?|underground\s+hospitals?|cave\s+hospitals?",
    ),
    ("hospital", r"hospitals?|maternity\s+(?:hospital|clinic|ward)s?"),
    (
        "clinic",
        r"clinics?|medical\s+(?:centers?|centres?|points?|facilit(?:y|ies)|complex)|health\s+"
        r"(?:centers?|centres?|facilit(?:y|ies)|posts?|points?)|dispensar(?:y|ies)|polyclinics?"
        r"|first\s+aid\s+(?:points?|posts?|centers?|centres?)|blood\s+banks?|trauma\s+(?:center|centre)s?",
    ),
    ("ambulance", r"ambulances?"),
    ("school", r"schools?|kindergartens?|universit(?:y|ies)|colleges?|institutes?"),
    ("market", r"markets?|marketplaces?|souks?|bazaars?"),
    ("mosque", r"mosques?|shrines?|churches?"),
    ("bakery", r"baker(?:y|ies)|bread\s+(?:queues?|lines?)"),
    (
        "camp",
        r"(?:refugee|displacement|idp|displaced(?:\s+people)?)\s+camps?|camps?\s+for\s+(?:the\s+)?displaced"
        r"|camps?",
    ),
    (
        "residential",
        r"residential\s+(?:areas?|buildings?|neighbou?rhoods?|districts?|blocks?|compounds?)"
        r"|homes|houses|apartment\s+(?:buildings?|blocks?)",
    ),
    (
        "other",
        r"aid\s+convoys?|civil\s+defen[cs]e\s+(?:centers?|centres?|headquarters|base)|water\s+(?:station|plant)s?"
        r"|power\s+(?:station|plant)s?",
    ),
]
FACILITY_RES = [(k, re.compile(rf"\b(?:{p})\b", re.I)) for k, p in FACILITY_PATTERNS]
# One pass on lower-cased text: group ``f<i>`` is ``FACILITY_PATTERNS[i]``; earlier
# kinds win where they overlap, as in the one-by-one scan.
FACILITY_ANY_LOW = re.compile(
    r"\b(?:" + "|".join(f"(?P<f{i}>{p})" for i, (_, p) in enumerate(FACILITY_PATTERNS)) + r")\b"
)
HEALTH_KINDS = {"hospital", "field_hospital", "clinic", "ambulance"}
