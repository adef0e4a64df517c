"""Read monitoring groups' daily tallies into :class:`~harmwatch.models.Bulletin` records.

How the reader works, so its behaviour can be predicted:

1. Tables (pipe or whitespace columns with a header) are read by
   :mod:`harmwatch.bulletins.tables` and blanked out of the free text.
2. Dates and URLs are blanked too, so "12-2-2016" is not read as 12 and 2.
3. Every count in the rest is given a *role* from the words around it:
   killed ("87 martyrs", "were killed", "Deaths: 87"), children, women,
   civilians, combatants, injured, or nothing (a count of barrel bombs).
4. Counts are grouped into *items*. An item is a killed count with the
   governorate named right before it ("Aleppo: 31", "#Idlib 20", "In Homs,
   12 ...") or right after it ("25 in Aleppo", "40 martyrs in Daraa"), plus the
   children and women counts and the words ("most of them when ...") that follow
   it. The first killed count with no governorate is the national total.
5. A text is a bulletin only if it has the shape of one: at least two
   governorate lines with counts (plus a total or a tally word), a tally table,
   or a national total broken down by category with a documenting word
   ("documented", "toll", "martyrs"). A news story about one strike has none of
   these shapes and yields nothing.

Whatever cannot be read is not dropped silently: the record says
``complete=False`` and lists why.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import logging
import re
from dataclasses import dataclass, field

from harmwatch.bulletins.areas import AreaMention, resolve_governorate, spot_areas
from harmwatch.bulletins.dates import DateMention, find_dates, parse_iso
from harmwatch.bulletins.numbers import Count, find_counts
from harmwatch.bulletins.tables import Table, find_tables, is_total_row
from harmwatch.models import AreaTally, Bulletin, BulletinTotals, Range, content_id

log = logging.getLogger(__name__)

MAX_CHARS = 200_000

# The groups whose tallies are read, with how they are named in English.
GROUPS: list[tuple[str, re.Pattern[str]]] = [
    ("LCC", re.compile(r"Local\s+Coordination\s+Committees?|\bLCCs?\b", re.I)),
    (
        "SOHR",
        re.compile(r"Syrian\s+Observatory(?:\s+for\s+Human\s+Rights)?|\bSOHR\b|\bthe\s+Observatory\b", re.I),
    ),
    ("SNHR", re.compile(r"Syrian\s+Network\s+for\s+Human\s+Rights|\bSNHR\b", re.I)),
    ("VDC", re.compile(r"Violations?\s+Documentation\s+Cent(?:er|re)|\bVDC\b", re.I)),
    ("Syrian Civil Defence", re.compile(r"Syrian\s+Civil\s+Defen[cs]e|White\s+Helmets", re.I)),
    ("SRGC", re.compile(r"Syrian\s+Revolution\s+General\s+Commission|\bSRGC\b", re.I)),
    ("SAMS", re.compile(r"Syrian\s+American\s+Medical\s+Society|\bSAMS\b")),
    ("Shaam News Network", re.compile(r"Shaam\s+News\s+Network|\bSNN\b", re.I)),
]

_CHILD = r"child(?:ren)?|kids?|minors?|infants?|bab(?:y|ies)|boys?|girls?|toddlers?|juveniles?|teenagers?"
_WOMAN = r"wom[ae]n|females?|ladies|mothers?"
_CIVIL = r"civilians?|non-combatants?"
_KILLED = (
    r"martyrs?|deaths?|dead|victims?|fatalities|killed|people|persons?|individuals|souls|bodies|lives"
    r"|martyred"
)
_SIDE = (
    r"(?:regime|government|pro-regime|pro-government|loyalist|opposition|rebel|faction|kurdish|turkish|russian|"
    r"iranian|pro-iranian|isis|is|isil|daesh|hts|nusra|sdf|ypg|fsa|ndf|hezbollah|foreign|syrian|army|"
    r"jihadist|islamist|turkish-backed|pro-turkish|non-syrian|unidentified)"
)
_COMBAT = (
    rf"(?:{_SIDE}[\s-]+)?(?:forces|fighters?|rebels?|soldiers?|troops|militants?|militiamen|militia(?:\s+members)?|"
    r"jihadists?|combatants?|members?|gunmen|personnel|officers?|loyalists?|insurgents?|mercenaries|recruits|"
    r"conscripts|servicemen|policemen|guards|elements|operatives|defectors)"
)
_MEN = r"men|males?"
_INJ = r"injured|wounded|injuries|hurt|casualties"
_ADJ = (
    r"(?:new|more|other|additional|further|innocent|unarmed|unidentified|identified|documented|confirmed|"
    r"syrian|palestinian|iraqi|lebanese|total|civilian|young|elderly|adult)"
)

_NOUN_RE = re.compile(
    rf"^\s*(?:(?:of\s+(?:them|whom|those)|among\s+them)\s+(?:(?:were|was|are)\s+)?)?"
    rf"(?:{_ADJ}\s+){{0,2}}(?P<noun>{_CHILD}|{_WOMAN}|{_CIVIL}|{_COMBAT}|{_MEN}|{_KILLED}|{_INJ})\b",
    re.I,
)
_VERB_RE = re.compile(
    r"^\s*(?:(?:of\s+(?:them|whom))\s+)?(?:were|was|have\s+been|had\s+been|are|has\s+been)?\s*(?:also\s+)?"
    r"(?P<verb>killed|martyred|documented|recorded|reported|registered|died|dead|slain|executed|"
    r"injured|wounded|hurt)\b",
    re.I,
)
_LOOSE_AFTER_RE = re.compile(
    r"^\s*(?:$|[,;:.)\]/|•·]|\(|-|–|—|\n|(?:and|in|at|from|across|throughout|nationwide|today|yesterday|on|"
    r"including|among|during|of\s+them|of\s+whom|mostly|most|so\s+far|by|until|while|were|was|in\s+total|"
    r"total|overall)\b)",
    re.I,
)
_IGNORE_AFTER_RE = re.compile(
    r"^\s*(?:%|percent|per\s*cent|km|kilomet|met(?:er|re)s?\b|miles?|years?|months?|weeks?|days?|hours?|"
    r"minutes?|o['’]?clock|[ap]\.?m\b|:\d|st\b|nd\b|rd\b|th\b|times|fold)",
    re.I,
)
_INJ_FOLLOW_RE = re.compile(
    r"^\s*(?:were|was|have\s+been|had\s+been)?\s*(?:(?:also|seriously|critically|lightly)\s+)?(?:injured|wounded|hurt)\b"
    r"|^\s*(?:or|and|/)\s+(?:injured|wounded|hurt|injuring|wounding)\b",
    re.I,
)
_LABEL_BEFORE = [
    ("children", re.compile(rf"\b(?:{_CHILD})\s*(?:killed|martyrs|deaths)?\s*[:=\-–—]?\s*$", re.I)),
    ("women", re.compile(rf"\b(?:{_WOMAN})\s*(?:killed|martyrs|deaths)?\s*[:=\-–—]?\s*$", re.I)),
    ("injured", re.compile(r"\b(?:injured|wounded|injuries|the\s+wounded)\s*[:=\-–—]\s*$", re.I)),
    ("civilians", re.compile(rf"\b(?:{_CIVIL})\s*(?:killed)?\s*[:=\-–—]\s*$", re.I)),
    (
        "total",
        re.compile(
            r"\b(?:total|in\s+total|overall|grand\s+total|altogether|nationwide|all\s+governorates|syria)\s*"
            r"(?:killed|martyrs|deaths|dead|victims|toll)?\s*(?:is|was|:|=|-|–|—)?\s*$",
            re.I,
        ),
    ),
    (
        "killed",
        re.compile(
            r"\b(?:martyrs|martyr\s+toll|killed|deaths|dead|victims|death\s+toll|toll|fatalities|"
            r"number\s+of\s+(?:martyrs|victims|deaths|dead|people\s+killed)|killing(?:\s+of)?|death\s+of|"
            r"deaths\s+of|killing|documented|recorded|registered)(?:\s+(?:today|yesterday|toll))?\s*"
            r"(?:is|was|stands\s+at|stood\s+at|reached|rose\s+to|rises\s+to|climbed\s+to|hit|of|:|=|-|–|—)?\s*$",
            re.I,
        ),
    ),
]
_BREAKDOWN_CUE = re.compile(r"including|among\s+them|among\s+whom|of\s+whom|of\s+them|\(", re.I)
_NATIONAL_CUE = re.compile(
    r"\bin\s+syria\s+(?:today|yesterday|on\s+\w+day)|\bin\s+syria\s*[,:.]|across\s+(?:syria|the\s+country|all\s+(?:of\s+)?syria|syrian\s+governorates)|nationwide|"
    r"throughout\s+(?:syria|the\s+country)|all\s+over\s+syria|in\s+(?:all\s+)?(?:the\s+)?syrian\s+governorates|"
    r"#syria\b|\bsyria\s*:|\bin\s+total\b|\bdaily\s+toll|martyrs?\s+toll|\bsyrian\s+provinces",
    re.I,
)
_TALLY_CUE = re.compile(
    r"\bdocument(?:ed|s|ing)?\b|\btoll\b|\bmartyrs?\b|\bbulletin\b|\bdaily\b|\bstatistics?\b|"
    r"\bby\s+governorate|\bby\s+province|\bdistributed\b|\bbreakdown\b|\bas\s+follows\b|\bregistered\b|"
    r"\btally\b|\brecorded\b|\bdeaths\s+by\b|\bverified\b",
    re.I,
)
_GAP_FILLER = re.compile(
    r"^(?:[\s,:;\-–—=(#*•·>|]|\b(?:had|has|recorded|registered|saw|came|comes|first|second|third|fourth|next|"
    r"in\s+(?:the\s+)?(?:first|second|third|fourth)\s+place|place|with|the|highest|toll|death|number|of|"
    r"martyrs|victims|deaths|was|is|followed\s+by|then|governorate|province|countryside|city|ranked|topped|top|"
    r"list|also|total|suburbs?)\b)*$",
    re.I,
)
_AFTER_AREA_RE = re.compile(
    r"^(?:\s+(?:were|was|have\s+been|had\s+been))?"
    r"(?:\s+(?:killed|martyred|documented|recorded|reported|died|registered|fell|dead))?"
    r"(?:\s+(?:today|yesterday|on\s+\w+day))?(?:\s*,?\s+(?:of\s+them|of\s+whom|most\s+of\s+them|mostly|all))?"
    r"\s+(?:in|from|at|across)\s+(?:the\s+)?(?:(?:governorate|province|city|countryside)\s+of\s+)?$",
    re.I,
)
_MENTION_NO_NUMBER = re.compile(rf"\b(?:including|among\s+them)\s+(?:(?:{_CHILD})|(?:{_WOMAN}))\b", re.I)
_ENDS_WITH_COUNT = re.compile(r"(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|a|an))\s*$", re.I)
_NOT_A_PLACE = re.compile(
    r"martyr|death|killed|dead|victim|toll|total|child|wom[ae]n|civilian|injur|wound|syria|today|yesterday|"
    r"daily|report|bulletin|update|source|note|date|\b(?:lcc|sohr|snhr|vdc)\b|including|among|overall|summary|"
    r"tortur|detention|prison|abroad|unknown|other|various|unidentified|missing|fighters|soldiers|forces|rebels|"
    r"regime|members|men\b",
    re.I,
)
_WHOLE_CUE = re.compile(
    r"\b(?:among\s+(?:the|all\s+the|those)\s+(?:victims|dead|killed|martyrs|deaths)|the\s+(?:victims|dead|martyrs)"
    r"\s+(?:included|include|were)|of\s+the\s+(?:victims|dead|total)|in\s+total|overall|altogether|"
    r"nationwide|across\s+syria|the\s+total)\b",
    re.I,
)
_STRONG_NATIONAL = re.compile(
    r"across\s+(?:all\s+(?:of\s+)?)?(?:syria|the\s+country|syrian\s+(?:governorates|provinces|territor(?:y|ies)))|"
    r"throughout\s+(?:syria|the\s+country)|\bnationwide\b|all\s+over\s+syria|"
    r"in\s+all\s+(?:the\s+)?syrian\s+(?:governorates|provinces)",
    re.I,
)
_DAILY_CUE = re.compile(
    r"daily\s+(?:death\s+)?toll|\bdocumented\b|\bmartyrs?\b|(?:today|yesterday)['’]s\s+(?:total\s+)?(?:death\s+)?toll",
    re.I,
)
_CUMULATIVE = re.compile(
    r"\bsince\b|\bover\s+the\s+(?:past|last)\b|\bso\s+far\s+this\b|\bthis\s+(?:year|month|week)\b|"
    r"\blast\s+(?:year|month|week)\b|\bin\s+(?:19|20)\d\d\b|\bduring\s+(?:the\s+)?(?:month|year|week)|"
    r"\bmonthly\b|\byearly\b|\bannual\b|\bweekly\b|\bin\s+(?:january|february|march|april|may|june|july|"
    r"august|september|october|november|december)\b|\bwar\b|\bconflict\b|\buprising\b|\brevolution\b|"
    r"\bfrom\b[^.;]{0,40}?\b(?:to|until|till)\b|\bbetween\b[^.;]{0,40}?(?:19|20)\d\d\b",
    re.I,
)
_LIST_GAP = (
    r"[\s,;:\-–—().*]*(?:(?:and|today|yesterday|on\s+\w+day|on|in\s+syria|across\s+(?:syria|the\s+country)|nationwide|"
    r"were|was|documented|recorded|including|among\s+them|martyrs|deaths|victims|killed|people|civilians|"
    r"children|child|women|woman|civilian|death|martyr)"
    r"[\s,;:\-–—().*]*)*"
)
_LEAD = r"[\s\-*•>]*(?:(?:in|at)\s+(?:the\s+)?)?"
_URL_RE = re.compile(r"https?://\S+|www\.\S+", re.I)
_SENT_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[\"“(#]?[A-Z])")


@dataclass
class _Counted:
    count: Count
    role: str  # killed | plain | children | women | civilians | combatants | men | injured | ignore
    noun_end: int
    area_after: AreaMention | None = None
    total_label: bool = False


@dataclass
class _Item:
    start: int
    end: int
    area: AreaMention | None = None
    killed: Count | None = None
    children: Count | None = None
    women: Count | None = None
    last_end: int = 0
    total_label: bool = False
    line: int = 0
    unit: int = -1
    extra: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    date: DateMention | None = None
    words_from: int = 0  # where the item's own words (its note) begin
    details: list[str] = field(default_factory=list)  # said of this line elsewhere in the text
    cw_spans: list[tuple[int, int]] = field(default_factory=list)  # children/women phrases, left out of notes


@dataclass
class _Unit:
    start: int
    end: int
    line: int


def parse_bulletins(
    text: str,
    *,
    published: str | None = None,
    source: str | None = None,
    report_id: str | None = None,
) -> list[Bulletin]:
    """The bulletins in ``text``: none for an ordinary news story.

    ``published`` (ISO date) anchors "yesterday" and "on Friday"; ``source`` is
    used when the text does not name the group; ``report_id`` seeds the ids.
    Every record comes back already checked (:func:`harmwatch.bulletins.check`).
    """
    from harmwatch.bulletins.check import check

    if not isinstance(text, str) or not text.strip():
        return []
    try:
        bulletins = _Reader(text, published, source, report_id).read()
    except Exception:  # a reader bug must not sink the batch; it is logged with the report id
        log.exception("bulletin reader failed on report %s; no bulletin read from it", report_id)
        return []
    return [check(b) for b in bulletins]


class _Reader:
    def __init__(self, text: str, published: str | None, source: str | None, report_id: str | None) -> None:
        self.reasons: list[str] = []
        if len(text) > MAX_CHARS:
            text = text[:MAX_CHARS]
            self.reasons.append(f"text cut at {MAX_CHARS} characters; the rest was not read")
        # One-for-one replacements only, so offsets stay those of the report.
        text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2028\u2029\ufeff]", " ", text)
        text = text.replace("\r", " ").replace("\xa0", " ")
        self.text = text
        self.published = parse_iso(published)
        self.source = source
        self.report_id = report_id

    # --- top level -------------------------------------------------------------

    def read(self) -> list[Bulletin]:
        text = self.text
        if not re.search(r"kill|martyr|death|dead|victim|toll|died|fatalit", text, re.I):
            return []
        tables = [t for t in find_tables(text) if self._table_rows(t)]
        self.first_table = min((t.start for t in tables), default=None)
        work = list(text)
        for t in tables:
            _blank(work, t.start, t.end)
        self.dates = find_dates(text)
        self.date_starts = [d.start for d in self.dates]
        self.current_day: dt.date | None = None
        for d in self.dates:
            if d.kind in ("full", "partial"):
                _blank(work, d.start, d.end)
        for m in _URL_RE.finditer(text):
            _blank(work, m.start(), m.end())
        self.work = "".join(work)
        self.areas = spot_areas(self.work)
        self.area_starts = [a.start for a in self.areas]
        self.line_starts = [0, *(m.end() for m in re.finditer("\n", self.work))]
        items = self._items()
        self._all_items = items
        groups = self._split_by_day(items)
        if not groups and tables:
            groups = [[]]
        bulletins: list[Bulletin] = []
        for k, group in enumerate(groups):
            b = self._bulletin(group, tables if k == 0 else [], k)
            if b is not None:
                if any(x.id == b.id for x in bulletins):  # two tallies of one day in one text
                    b.id = content_id("bul", self.report_id or b.id, b.date or "", str(k))
                bulletins.append(b)
        return bulletins

    # --- counts and their roles ----------------------------------------------------

    def _classify(self, c: Count) -> _Counted:
        work = self.work
        # A count's words are on its own line: "54\nChildren: 7" does not make 54 children.
        after = work[c.end : c.end + 90].split("\n", 1)[0]
        before = work[max(0, c.start - 40) : c.start].rsplit("\n", 1)[-1]
        if _IGNORE_AFTER_RE.match(after) or re.search(r"(?:#|\bno\.?|\bnumber)\s*$", before, re.I):
            return _Counted(c, "ignore", c.end)
        if _INJ_FOLLOW_RE.match(after):
            return _Counted(c, "injured", c.end)
        role = ""
        noun_end = c.end
        total_label = False
        nm = _NOUN_RE.match(after)
        vm = _VERB_RE.match(after)
        if nm:
            noun = nm.group("noun").lower()
            noun_end = c.end + nm.end()
            role = _noun_role(noun)
            rest = work[noun_end : noun_end + 40].split("\n", 1)[0]
            if role in ("killed", "civilians", "plain", "combatants", "men") and _INJ_FOLLOW_RE.match(rest):
                return _Counted(c, "injured", noun_end)
            if role in ("killed", "civilians", "combatants", "men"):
                v2 = _VERB_RE.match(rest)
                if v2 and v2.group("verb").lower() in ("injured", "wounded", "hurt"):
                    return _Counted(c, "injured", noun_end)
        elif vm:
            verb = vm.group("verb").lower()
            noun_end = c.end + vm.end()
            role = "injured" if verb in ("injured", "wounded", "hurt") else "killed"
        else:
            label = ""
            for name, rx in _LABEL_BEFORE:
                lm = rx.search(before)
                if lm and not (
                    name in ("children", "women", "civilians")
                    and _ENDS_WITH_COUNT.search(before[: lm.start()])
                ):
                    label = name
                    break
            if label == "total":
                role, total_label = "killed", True
            elif label:
                role = label
            elif _LOOSE_AFTER_RE.match(after) and c.text.strip()[0].isdigit():
                role = "plain"
            else:
                return _Counted(c, "ignore", c.end)
        if role in ("killed", "plain", "civilians") and re.search(
            r"\b(?:total|in\s+total|overall|altogether|nationwide|all\s+governorates)\W*$", before, re.I
        ):
            total_label = True
        counted = _Counted(c, role, noun_end, total_label=total_label)
        if role in ("killed", "plain", "civilians"):
            counted.area_after = self._area_after(noun_end)
        return counted

    def _area_after(self, pos: int) -> AreaMention | None:
        k = bisect.bisect_left(self.area_starts, pos)
        for a in self.areas[k : k + 1]:
            if a.start - pos > 70:
                return None
            gap = self.work[pos : a.start]
            if _AFTER_AREA_RE.match(gap):
                return a
            return None
        return None

    # --- items ---------------------------------------------------------------

    def _units(self) -> list[_Unit]:
        units: list[_Unit] = []
        pos = 0
        for line_no, line in enumerate(self.work.split("\n")):
            start = 0
            for m in _SENT_SPLIT.finditer(line):
                units.append(_Unit(pos + start, pos + m.start(), line_no))
                start = m.end()
            units.append(_Unit(pos + start, pos + len(line), line_no))
            pos += len(line) + 1
        return [u for u in units if self.work[u.start : u.end].strip()]

    def _items(self) -> list[_Item]:
        counts = [self._classify(c) for c in find_counts(self.work)]
        units = self._units()
        self.used: set[int] = set()  # starts of area mentions already tied to a count
        self.n_area_items = 0
        self.totals: list[_Item] = []
        self.pending_extra: list[str] = []
        self.by_pcode: dict[str, _Item] = {}
        items: list[_Item] = []
        ci = 0
        for unit in units:
            unit_counts: list[_Counted] = []
            while ci < len(counts) and counts[ci].count.start < unit.end:
                if counts[ci].count.start >= unit.start:
                    unit_counts.append(counts[ci])
                ci += 1
            self._read_unit(unit, unit_counts, items)
        for cc in self.pending:
            self.reasons.append(
                f"{cc.role} count {cc.count.text.strip()!r} not tied to a total or a governorate"
            )
        return items

    pending: list[_Counted]
    current: _Item | None = None

    def _read_unit(self, unit: _Unit, unit_counts: list[_Counted], items: list[_Item]) -> None:
        """Turn one sentence or line into items, or add to the item it continues."""
        if not hasattr(self, "pending"):
            self.pending = []
        self.pending_extra = []  # shares named before their total belong to this sentence only
        work = self.work
        lo = bisect.bisect_left(self.area_starts, unit.start)
        hi = bisect.bisect_left(self.area_starts, unit.end)
        unit_areas = self.areas[lo:hi]
        lead_area = self._leading_area(unit, unit_areas)
        prev_end = unit.start
        primary_seen = False
        for cc in unit_counts:
            c = cc.count
            if cc.role in ("ignore", "injured"):
                prev_end = max(prev_end, cc.noun_end)
                continue
            cur = self.current
            same_line = cur is not None and cur.line == unit.line
            gap_text = work[(cur.last_end if cur is not None and same_line else unit.start) : c.start]
            in_breakdown = (
                cur is not None and cur.unit == unit.start and bool(_BREAKDOWN_CUE.search(gap_text))
            )
            area: AreaMention | None = None
            primary_role = cc.role in ("killed", "plain", "civilians") or (
                cc.role in ("combatants", "men") and not in_breakdown and not primary_seen
            )
            if primary_role:
                if cc.area_after is not None and cc.area_after.start not in self.used:
                    area = cc.area_after
                else:
                    area = self._area_before(prev_end, c.start, unit_areas)
                if in_breakdown and area is None:
                    pass  # "including 64 regime forces": a share of the item, not a new one
                elif (
                    area is None
                    and not primary_seen
                    and lead_area is not None
                    and lead_area.start not in self.used
                    and cc.role != "plain"
                ):
                    area = lead_area
                if (
                    area is None
                    and not in_breakdown
                    and cc.role in ("killed", "plain", "civilians")
                    and not cc.total_label
                    and self.n_area_items
                ):
                    area = self._unresolved_area(c, cc, unit)
            if (
                area is not None
                and cur is not None
                and cur.area is not None
                and cur.unit == unit.start
                and area.pcode is not None
                and area.pcode == cur.area.pcode
            ):
                # "Damascus Suburbs: 20 martyrs, 15 of them in Eastern Ghouta": a share of the same line.
                self.used.add(area.start)
                end = max(cc.noun_end, area.end)
                cur.extra.append(_quote(work, c.start, end))
                cur.last_end = end
                area = None
                prev_end = max(prev_end, end)
                continue
            earlier = self.by_pcode.get(area.pcode) if area is not None and area.pcode else None
            if (
                area is not None
                and earlier is not None
                and earlier.killed is not None
                and c.best is not None
                and earlier.killed.best is not None
                and c.best <= earlier.killed.best
                and not self._starts_line(area.start)
            ):
                # "In Aleppo, 5 of them died in al-Sukkari" after the list: a detail of Aleppo's line.
                self.used.add(area.start)
                end = self._phrase_end(max(cc.noun_end, area.end))
                earlier.details.append(_quote(work, unit.start, unit.end).strip(" .;"))
                prev_end = max(prev_end, end)
                area = None
                continue
            if area is not None:
                self.n_area_items += 1
                self.used.add(area.start)
                # For "9 members of regime forces were killed ..." the words are the note.
                words_from = c.end if cc.role in ("combatants", "men") else cc.noun_end
                self.current = _Item(
                    min(area.start, c.start),
                    unit.end,
                    area=area,
                    killed=c,
                    last_end=max(words_from, area.end),
                    line=unit.line,
                    unit=unit.start,
                    words_from=max(words_from, area.end),
                )
                items.append(self.current)
                if area.pcode:
                    self.by_pcode.setdefault(area.pcode, self.current)
                self._take_pending(self.current, unit.line)
                primary_seen = True
            elif cc.role in ("children", "women"):
                target = self._national_share(cc, cur, unit)
                if target is not None:
                    cur = target
                    same_line = True
                if cur is None or cur.killed is None:
                    self.pending.append(cc)
                elif getattr(cur, cc.role) is None and (same_line or self._starts_line(unit.start)):
                    setattr(cur, cc.role, c)
                    cur.cw_spans.append((c.start, cc.noun_end))
                    cur.last_end = cc.noun_end
                elif same_line:
                    cur.extra.append(_quote(work, c.start, cc.noun_end))
                    cur.last_end = cc.noun_end
                else:
                    self.pending.append(cc)
            elif cc.role in ("killed", "plain", "civilians") and not in_breakdown:
                self._no_area_count(cc, unit, items)
                primary_seen = True
            elif same_line and cur is not None and cur.killed is not None and cur.killed.start < c.start:
                # "including 64 regime forces", "12 civilians", "10 in Douma": kept as words.
                end = self._phrase_end(cc.noun_end)
                cur.extra.append(_quote(work, c.start, end))
                cur.last_end = end
            elif cc.role in ("combatants", "men", "civilians"):
                # "12 soldiers among 80 people killed": a share named before its total.
                self.pending_extra.append(_quote(work, c.start, self._phrase_end(cc.noun_end)))
            prev_end = max(prev_end, cc.noun_end)
        cur = self.current
        # Words after the last count of an item are its notes ("most of them when ...").
        if cur is not None and cur.line == unit.line and cur.last_end < unit.end:
            nxt = []
            for it in reversed(items):
                if it is cur:
                    break
                if it.start >= cur.last_end:
                    nxt.append(it.start)
            end = min([unit.end, *nxt])
            tail = _clean_note(work[max(cur.last_end, unit.start) : end])
            if tail:
                cur.notes.append(tail)
            cur.last_end = max(cur.last_end, end)
        # Children or women named without a number ("including children").
        for m in _MENTION_NO_NUMBER.finditer(work, unit.start, unit.end):
            where = cur.area.text.strip() if cur is not None and cur.area is not None else "the total"
            self.reasons.append(f"{m.group(0).strip()!r} without a number ({where})")
        # A governorate line with no count at all ("Aleppo: no figures").
        for a in unit_areas:
            if a.start in self.used:
                continue
            if (
                re.match(r"^\s*[-*•#>]*\s*$", work[unit.start : a.start])
                and re.match(r"^\s*[:\-–—]", work[a.end : unit.end])
                and not any(cc.role in ("killed", "plain") for cc in unit_counts)
            ):
                line = work[unit.start : unit.end].strip()[:80]
                self.reasons.append(f"no count read for {a.text.strip()!r}: {line!r}")

    def _no_area_count(self, cc: _Counted, unit: _Unit, items: list[_Item]) -> None:
        """A killed count with no governorate: the national total, a repeat of it, or a side remark."""
        c = cc.count
        cur = self.current
        has_area_items = self.n_area_items > 0
        totals = self.totals
        if cc.role == "plain" and not cc.total_label:
            return  # a bare number with no noun and no place is not read as a death count
        new_day = self._new_day(unit, items)
        if not totals or new_day or (cc.total_label and has_area_items):
            self.current = _Item(
                c.start,
                unit.end,
                killed=c,
                last_end=cc.noun_end,
                line=unit.line,
                unit=unit.start,
                total_label=cc.total_label,
                date=self._date_in(unit),
            )
            items.append(self.current)
            self.totals.append(self.current)
            self._take_pending(self.current, unit.line)
            return
        first = totals[0]
        if not has_area_items:
            # A headline and a body giving the same total, or a second figure
            # ("of those, 29 were civilians") for the same day.
            if first.killed is not None and c.best == first.killed.best:
                self.current = first
                first.last_end = cc.noun_end
                first.line = unit.line
                first.unit = unit.start
                self._take_pending(first, unit.line)
            else:
                first.extra.append(_quote(self.work, c.start, self._phrase_end(cc.noun_end)))
            return
        if cur is not None and cur.line == unit.line:
            cur.extra.append(_quote(self.work, c.start, self._phrase_end(cc.noun_end)))
            cur.last_end = cc.noun_end

    def _national_share(self, cc: _Counted, cur: _Item | None, unit: _Unit) -> _Item | None:
        """The national total, when children or women plainly belong to it and not to the last line.

        "... 5 in Daraa. Among the victims were 7 children" speaks of all the victims;
        so does a figure larger than the last line's killed.
        """
        # A figure in the line's own sentence stays with the line, so that
        # "Hama: 3 deaths - 5 children" is kept and flagged, not moved.
        if not self.totals or cur is None or cur.area is None or cur.unit == unit.start:
            return None
        total = self.totals[-1]
        if total.killed is None or getattr(total, cc.role) is not None:
            return None
        if _WHOLE_CUE.search(self.work[unit.start : cc.count.start]):
            return total
        value, line_killed = cc.count.best, cur.killed.best if cur.killed is not None else None
        if (
            value is not None
            and line_killed is not None
            and value > line_killed
            and total.killed.best is not None
            and value <= total.killed.best
        ):
            return total
        return None

    def _phrase_end(self, pos: int) -> int:
        """Where a share's words end: "64 regime forces and loyal militiamen" | ", 20 rebels"."""
        m = re.match(
            r"[^,;:.()\n\d]{0,60}?(?=\s*(?:[,;:.()\n\d]|$|\b(?:including|among|of\s+whom|"
            r"while|when|in|by|and\s+(?:\d|a\b|an\b|one\b|two\b|three\b))))",
            self.work[pos : pos + 80],
            re.I,
        )
        return pos + (m.end() if m else 0)

    def _item_words(self, it: _Item) -> str | None:
        """An item's note: its own words after the figure, without the children/women phrase."""
        if it.last_end <= it.words_from:
            return None
        chars = list(self.work[it.words_from : it.last_end])
        for a, b in it.cw_spans:
            for i in range(max(a, it.words_from), min(b, it.last_end)):
                chars[i - it.words_from] = "\x00"
        s = re.sub(r"\x00+", "\x00", "".join(chars))
        # "including 4 children and 3 women, most of them ..." -> "most of them ..."
        s = re.sub(
            r"(?:\b(?:including|among\s+them|among\s+whom|of\s+whom)\s*)?\(?\x00"
            r"(?:\s*(?:,|and)\s*\x00)*\)?",
            "",
            s,
            flags=re.I,
        )
        s = re.sub(r"\(\s*[,;]?\s*\)", "", s)
        s = re.sub(r"\s*([,;])(?:\s*[,;])+", r"\1", s)
        return _clean_note(s)

    def _take_pending(self, item: _Item, line: int) -> None:
        if self.pending_extra:
            item.extra[:0] = self.pending_extra
            self.pending_extra = []
        for cc in self.pending:
            if getattr(item, cc.role) is None and self._line_of(cc.count.start) == line:
                setattr(item, cc.role, cc.count)
                item.cw_spans.append((cc.count.start, cc.noun_end))
            else:
                self.reasons.append(
                    f"{cc.role} count {cc.count.text.strip()!r} not tied to a total or a governorate"
                )
        self.pending.clear()

    def _unresolved_area(self, c: Count, cc: _Counted, unit: _Unit) -> AreaMention | None:
        """A list line whose place is not a governorate we know: "Tell Rifaat: 8 martyrs"."""
        work = self.work
        line_start = self._line_start(c.start)
        before = work[line_start : c.start]
        lab = re.match(r"^\s*[-*•>]*\s*#?([A-Z][\w'’ ._-]{1,40}?)\s*[:\-–—]?\s*$", before)
        name = None
        if lab:
            name = lab.group(1)
            span = (line_start + lab.start(1), line_start + lab.end(1))
        elif re.match(r"^\s*[-*•>]*\s*$", before):
            m = re.match(
                r"\s*(?:in|from|at)\s+(?:the\s+)?#?([A-Z][\w'’_-]+(?:\s+[A-Z][\w'’_-]+){0,3})",
                work[cc.noun_end : cc.noun_end + 60],
            )
            if m:
                name = m.group(1)
                span = (cc.noun_end + m.start(1), cc.noun_end + m.end(1))
        if name is None or _NOT_A_PLACE.search(name):
            return None
        if self._indented_under_current(line_start):
            return None  # "  Douma: 10" under "Damascus Suburbs: 22" is a share, not a new line
        name = name.replace("_", " ").strip()
        hit = resolve_governorate(name)  # a district or town the gazetteer places in a governorate
        if hit is None:
            self.reasons.append(f"area not recognised: {name!r} ({c.text.strip()})")
        return AreaMention(span[0], span[1], work[span[0] : span[1]], name, hit[1] if hit else None)

    def _indented_under_current(self, line_start: int) -> bool:
        cur = self.current
        if cur is None or cur.area is None:
            return False
        cur_line_start = self._line_start(cur.start)
        indent = len(self.work[line_start:]) - len(self.work[line_start:].lstrip(" \t"))
        cur_indent = len(self.work[cur_line_start:]) - len(self.work[cur_line_start:].lstrip(" \t"))
        return indent > cur_indent

    def _line_of(self, pos: int) -> int:
        return bisect.bisect_right(self.line_starts, pos) - 1

    def _line_start(self, pos: int) -> int:
        return self.line_starts[self._line_of(pos)]

    def _starts_line(self, pos: int) -> bool:
        """Whether ``pos`` begins a line (only blanks before it on its line)."""
        return not self.work[self._line_start(pos) : pos].strip()

    def _leading_area(self, unit: _Unit, unit_areas: list[AreaMention]) -> AreaMention | None:
        if not unit_areas:
            return None
        a = unit_areas[0]
        lead = self.work[unit.start : a.start]
        if re.fullmatch(r"[\s\-*•#>]*(?:(?:in|at|from)\s+(?:the\s+)?)?", lead, re.I):
            return a
        return None

    def _area_before(self, prev_end: int, pos: int, unit_areas: list[AreaMention]) -> AreaMention | None:
        # The nearest unused governorate that ends before the count and after the previous count.
        best: AreaMention | None = None
        k = bisect.bisect_left(self.area_starts, pos) - 1
        while k >= 0 and self.areas[k].start >= prev_end:
            a = self.areas[k]
            if a.end <= pos and a.start not in self.used:
                best = a
                break
            k -= 1
        if best is None:
            return None
        gap = self.work[best.end : pos]
        if len(gap) > 60 or not _GAP_FILLER.match(gap):
            return None
        return best

    def _date_in(self, unit: _Unit) -> DateMention | None:
        k = bisect.bisect_left(self.date_starts, unit.start)
        for d in self.dates[k:]:
            if d.start >= unit.end:
                break
            if not d.reporting:
                return d
        return None

    def _new_day(self, unit: _Unit, items: list[_Item]) -> bool:
        """A second tally for another day, written after the first one's lines."""
        if not self.n_area_items:
            return False
        d = self._date_in(unit)
        if d is None:
            return False
        if self.current_day is None:
            self.current_day = self._bulletin_date(items)[0]
        day = d.resolve(self.published)
        if day is not None and self.current_day is not None and day != self.current_day:
            self.current_day = day
            return True
        return False

    # --- bulletins ----------------------------------------------------------------

    def _split_by_day(self, items: list[_Item]) -> list[list[_Item]]:
        groups: list[list[_Item]] = [[]]
        has_area = False
        first: dt.date | None = None
        for it in items:
            if it.area is None and it.date is not None and has_area:
                day = it.date.resolve(self.published)
                if first is None:
                    first = self._bulletin_date(groups[-1])[0]
                if day is not None and first is not None and day != first:
                    groups.append([])
                    has_area, first = False, day
            groups[-1].append(it)
            has_area = has_area or it.area is not None
        # A closing total with another date ("In total, 30 ... on Friday, 12 February")
        # has no lines of its own: it belongs to the list above it.
        if len(groups) > 1 and not any(it.area is not None for it in groups[-1]):
            tail = groups.pop()
            groups[-1].extend(tail)
        return [g for g in groups if g]

    def _bulletin_date(self, items: list[_Item]) -> tuple[dt.date | None, str | None]:
        """The day counted and a reason when it had to be assumed."""
        totals = [it for it in items if it.area is None]
        anchor = totals[0] if totals else (items[0] if items else None)
        candidates: list[DateMention] = []
        if anchor is not None:
            line_no = self._line_of(anchor.start)
            line_start = self.line_starts[line_no]
            nxt_line = line_no + 1
            line_end = self.line_starts[nxt_line] - 1 if nxt_line < len(self.line_starts) else len(self.work)
            candidates = [d for d in self.dates if line_start <= d.start < line_end and not d.reporting]
        if not candidates:
            first = min(
                [*(it.start for it in items), *([self.first_table] if self.first_table is not None else [])],
                default=0,
            )
            candidates = [d for d in self.dates if d.start < first and not d.reporting and d.start < 600]
        full = [d for d in candidates if d.kind == "full"]
        ordered = (
            full
            + [d for d in candidates if d.kind == "partial"]
            + [d for d in candidates if d.kind == "relative"]
            + [d for d in candidates if d.kind == "weekday"]
        )
        for d in ordered:
            day = d.resolve(self.published)
            if day is not None:
                if d.kind == "full" and d.weekday is not None and d.weekday != day.weekday():
                    return day, (
                        f"the weekday written beside {d.text.strip()!r} is not that date's "
                        f"weekday ({day:%A}); the day counted is uncertain"
                    )
                return day, None
        if ordered:
            return None, f"the day counted ({ordered[0].text!r}) needs a publication date"
        if self.published is not None:
            return self.published, None
        return None, "the day counted is not stated and the publication date is unknown"

    def _group_name(self, items: list[_Item]) -> str | None:
        hits: list[tuple[int, str]] = []
        for name, rx in GROUPS:
            for m in rx.finditer(self.text):
                hits.append((m.start(), name))
        if not hits:
            return self.source
        totals = [it for it in items if it.area is None]
        anchor = totals[0].start if totals else (items[0].start if items else 0)
        return min(hits, key=lambda h: abs(h[0] - anchor))[1]

    def _list_shape(self, area_items: list[_Item]) -> tuple[int, int]:
        """How many governorate items are laid out as a list, and how many lead a sentence.

        A list item starts its line, is written "Aleppo: 31" or "#Aleppo 31", or
        follows the previous item with nothing but a comma or "and" between
        ("25 in Rif Dimashq, 18 in Aleppo"). A news story names governorates
        inside its sentences instead, which is what keeps it out.
        """
        work = self.work
        structured = leads = 0
        prev: _Item | None = None
        for it in area_items:
            a = it.area
            if a is None:
                continue
            before = work[max(0, a.start - 40) : a.start]
            line_start = self._line_start(a.start)
            line_lead = bool(re.fullmatch(_LEAD, work[line_start : a.start], re.I))
            sent_lead = bool(re.search(rf"(?:^|[.!?;]\s+|\n){_LEAD}$", before, re.I))
            gap = work[a.end : it.killed.start] if it.killed is not None and it.killed.start > a.end else None
            labelled = a.text.lstrip().startswith("#") or (
                gap is not None
                and (bool(re.fullmatch(r"[\s*]*[:\-–—(][\s*]*", gap)) or self._bare_pair(gap, it))
            )
            prev_end = prev.last_end if prev is not None else self._total_end(it)
            adjacent = prev_end is not None and bool(re.fullmatch(_LIST_GAP, work[prev_end : it.start], re.I))
            if line_lead or labelled or adjacent:
                structured += 1
            if sent_lead:
                leads += 1
            prev = it
        return structured, leads

    def _bare_pair(self, gap: str, it: _Item) -> bool:
        """ "Aleppo 12, Idlib 8": a name and a figure with only a space between, closed by a separator."""
        if it.killed is None or not it.killed.text[:1].isdigit() or not re.fullmatch(r"[ \t]+", gap):
            return False
        after = self.work[it.killed.end : it.killed.end + 40]
        closer = r"(?:[,;.)(\n|/•·–—]|-\s|$|and\b)"
        return bool(re.match(rf"(?:\s+(?:{_KILLED}|civilians?))?\s*{closer}", after, re.I))

    def _total_end(self, first_area_item: _Item) -> int | None:
        """Where the national total's words end, if the first governorate follows it directly."""
        totals = [it for it in self._all_items if it.area is None and it.start < first_area_item.start]
        if not totals or totals[-1].killed is None:
            return None
        t = totals[-1]
        return max([x.end for x in (t.killed, t.children, t.women) if x is not None])

    def _running_summary(self, total: _Item, breakdowns: int) -> bool:
        """A national daily toll: "52 persons killed across Syria yesterday, including 24 soldiers"."""
        if total.killed is None:
            return False
        start = self.work.rfind("\n", 0, total.killed.start) + 1
        clause = self.work[max(start, total.killed.start - 120) : total.killed.end + 120]
        if not _STRONG_NATIONAL.search(clause) or not self._one_day(total):
            return False
        return breakdowns >= 1 or bool(
            _DAILY_CUE.search(self.work[max(0, total.killed.start - 200) : total.killed.end + 200])
        )

    def _one_day(self, total: _Item) -> bool:
        """The total counts one day ("yesterday", "on Friday"), not a month or a war."""
        sentence = self.text[max(0, total.start - 160) : total.last_end + 60]
        if _CUMULATIVE.search(sentence):
            return False
        return any(
            total.start - 160 <= d.start < total.last_end + 60
            for d in self.dates
            if d.kind in ("full", "relative", "weekday") and not d.reporting
        )

    def _table_rows(self, t: Table) -> list[tuple[AreaTally, bool]]:
        out: list[tuple[AreaTally, bool]] = []
        for row in t.rows:
            total = is_total_row(row.area)
            hit = None if total else resolve_governorate(row.area)
            name = hit[0] if hit else row.area.strip().lstrip("#").replace("_", " ")
            out.append(
                (
                    AreaTally(name, hit[1] if hit else None, row.killed, row.children, row.women, row.notes),
                    total,
                )
            )
        return out

    def _bulletin(self, items: list[_Item], tables: list[Table], k: int) -> Bulletin | None:
        area_items = [it for it in items if it.area is not None]
        totals = [it for it in items if it.area is None]
        table_rows = [r for t in tables for r in self._table_rows(t)]
        table_areas = [r for r, is_total in table_rows if not is_total]
        table_totals = [r for r, is_total in table_rows if is_total]
        structured, leads = self._list_shape(area_items)
        n_table_areas = sum(1 for r in table_areas if r.admin1_pcode or r.killed is not None)
        total = totals[0] if totals else None
        near_total = self.work[max(0, total.start - 200) : total.last_end + 80] if total else ""
        national = bool(total and _NATIONAL_CUE.search(near_total))
        tally_cue = bool(_TALLY_CUE.search(self.work))
        breakdowns = 0
        if total is not None:
            breakdowns = (total.children is not None) + (total.women is not None) + len(total.extra)
        group_named = any(rx.search(self.text) for _, rx in GROUPS)
        is_bulletin = (
            n_table_areas >= 2
            or (structured >= 2 and (total is not None or tally_cue))
            or (leads >= 3 and total is not None and national)
            or (
                total is not None
                and national
                and breakdowns >= 2
                and (tally_cue or group_named)
                and self._one_day(total)
            )
            or (total is not None and self._running_summary(total, breakdowns))
        )
        if not is_bulletin:
            return None
        reasons = list(self.reasons) if k == 0 else []
        day, why = self._bulletin_date(items)
        if why:
            reasons.append(why)
        b = Bulletin(
            report_id=self.report_id,
            source=self._group_name(items),
            date=day.isoformat() if day else None,
            scope="country",
        )
        discrepancies: list[str] = []
        if total is not None:
            b.totals = BulletinTotals(
                _rng(total.killed), _rng(total.children), _rng(total.women), "; ".join(total.extra) or None
            )
            for other in totals[1:]:
                if (
                    other.total_label
                    and other.killed is not None
                    and total.killed is not None
                    and other.killed.best != total.killed.best
                ):
                    discrepancies.append(
                        f"the bulletin states two totals: {total.killed.text.strip()} and "
                        f"{other.killed.text.strip()}"
                    )
                for role in ("children", "women"):
                    if getattr(b.totals, role) is None and getattr(other, role) is not None:
                        setattr(b.totals, role, _rng(getattr(other, role)))
        if table_totals:
            tt = table_totals[0]
            if total is None:
                b.totals = BulletinTotals(tt.killed, tt.children, tt.women)
            else:
                for role in ("killed", "children", "women"):
                    a, t = getattr(b.totals, role), getattr(tt, role)
                    if t is None:
                        continue
                    if a is None:
                        setattr(b.totals, role, t)
                    elif a.best != t.best:
                        discrepancies.append(
                            f"{role}: the text gives a total of {a.best}, the table's total row {t.best}"
                        )
        if table_areas:
            b.by_area = table_areas
            for r in table_areas:
                if r.admin1_pcode is None:
                    reasons.append(f"area not recognised: {r.area!r}")
            for t in tables:
                for row in t.rows:
                    reasons.extend(row.problems)
        else:
            for it in area_items:
                if it.area is None:  # keeps mypy sure; area items always have one
                    continue
                notes = "; ".join(x for x in (self._item_words(it), *it.details) if x) or None
                b.by_area.append(
                    AreaTally(
                        it.area.name, it.area.pcode, _rng(it.killed), _rng(it.children), _rng(it.women), notes
                    )
                )
        b.discrepancies = discrepancies
        b.complete = not reasons
        b.incomplete_reasons = reasons
        seed = self.report_id or hashlib.sha256(self.text.encode("utf-8", "replace")).hexdigest()
        b.id = content_id("bul", seed, b.date or "")
        return b


def _noun_role(noun: str) -> str:
    n = noun.lower()
    if re.fullmatch(_CHILD, n):
        return "children"
    if re.fullmatch(_WOMAN, n):
        return "women"
    if re.fullmatch(_CIVIL, n):
        return "civilians"
    if re.fullmatch(_INJ, n):
        return "injured"
    if re.fullmatch(_MEN, n):
        return "men"
    if re.fullmatch(_KILLED, n):
        return "killed"
    return "combatants"


def _rng(c: Count | None) -> Range | None:
    return c.value if c is not None else None


def _blank(work: list[str], start: int, end: int) -> None:
    for i in range(start, min(end, len(work))):
        if work[i] != "\n":
            work[i] = " "


def _quote(text: str, start: int, end: int) -> str:
    return re.sub(r"\s+", " ", text[start:end]).strip()


_NOTE_LEAD = re.compile(
    r"^(?:and|while|with|of\s+them|in\s+total|(?:(?:were|was|have\s+been|had\s+been)\s+)?(?:killed|martyred))\b",
    re.I,
)


def _clean_note(s: str) -> str | None:
    """Words kept as a note, without the joints left over from cutting the figures out."""
    s = re.sub(r"\s+", " ", s)
    for _ in range(4):
        s = _NOTE_LEAD.sub("", s.strip(" \t,;:.-–—()[]*•#|")).strip()
    if len(s) < 4 or not re.search(r"[A-Za-z]{3}", s):
        return None
    return s[:300]
