"""Dates in reports: the report's own date (dateline) and the event date.

A report dated Sunday that says "killed on Saturday" is about Saturday; the
report date and the event date are kept apart. Relative expressions ("yesterday",
"late on Wednesday", "last Friday", "earlier this week") are resolved against the
reference date: the caller's ``published`` date or else the report's dateline.

A weekday attached to a reporting verb ("a monitor said on Wednesday") dates the
*report*, not the event, and is marked ``kind="report"`` so callers can skip it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from harmwatch.extract.text import lower_ascii, lowered
from harmwatch.models import DatePrecision, DateSpan, Span

MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

_MON = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)


def month_number(word: str) -> int | None:
    """1-12 for a month's name or its usual abbreviation ("February", "feb", "Sept."), else None."""
    w = word.lower().rstrip(".")
    return MONTHS[w[:3]] if re.fullmatch(_MON, w) else None


_WD = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday|sday)?"
_WDAY_FULL = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"

# Full dates (day, month and year).
_FULL_DATE_RES = [
    # "Tue 05 Jul 2016", "12 February 2015", "Wednesday 07 December 2016"
    re.compile(
        rf"\b(?:{_WD}\.?,?\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m>{_MON})\.?,?\s+(?P<y>(?:19|20)\d\d)\b",
        re.I,
    ),
    # "April 4 2017", "Fri Sep 27 2013", "August 13, 2016"
    re.compile(
        rf"\b(?:{_WD}\.?,?\s+)?(?P<m>{_MON})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)\b",
        re.I,
    ),
    # "Apr 232017" (day and year run together in some page templates)
    re.compile(rf"\b(?P<m>{_MON})\s+(?P<d>\d{{2}})(?P<y>20\d\d)\b", re.I),
    # ISO "2017-04-23"
    re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b"),
    # European "26.12.2014", "02-09-2013", "26/12/2014"
    re.compile(r"\b(?P<d>\d{1,2})[./-](?P<m>\d{1,2})[./-](?P<y>(?:19|20)\d\d)(?!\d)"),
]

# Partial dates inside the body: "on 27 May", "on March 25", "in August 2013", "in 2013".
_DAY_MONTH_RE = re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m>{_MON})\b(?!\s+\d)", re.I)
_MONTH_DAY_RE = re.compile(rf"\b(?P<m>{_MON})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*,?\s*\d{{4}})", re.I)
_IN_MONTH_RE = re.compile(
    r"\b(?:in|during|since|early|late|mid|mid-)\s+(?P<m>january|february|march|april|may|june|july|august"
    r"|september|october|november|december)\b(?!\s+\d)",
    re.I,
)
# A dated event this long before the report is history, not the report's news.
BACKGROUND_DAYS = 60
_MONTH_YEAR_RE = re.compile(
    rf"\b(?:in|during|since|of|by|until)\s+(?P<m>{_MON})\s+(?P<y>(?:19|20)\d\d)\b", re.I
)
_YEAR_RE = re.compile(r"\b(?:in|during|since|of)\s+(?P<y>(?:19|20)\d\d)\b", re.I)

_WEEKDAY_RE = re.compile(
    rf"\b(?P<pre>(?:(?:late|early)\s+(?:on\s+)?|on\s+the\s+night\s+of\s+|last\s+|this\s+past\s+"
    rf"|this\s+|next\s+|since\s+|on\s+|by\s+|until\s+|from\s+)?)"
    rf"(?P<wd>{_WDAY_FULL})(?P<poss>'?s\b)?",
    re.I,
)
_RELATIVE_RE = re.compile(
    r"\b(?P<rel>yesterday|today|tonight|this\s+morning|this\s+evening|earlier\s+today"
    r"|overnight|the\s+day\s+before|earlier\s+this\s+week|this\s+week|last\s+week"
    r"|earlier\s+this\s+month|this\s+month|last\s+month|last\s+year|this\s+year"
    r"|(?:in\s+|over\s+)?the\s+(?:last|past)\s+(?P<n>24|48|72|\w+)\s+(?P<unit>hours|days|weeks))\b",
    re.I,
)
# A reporting verb just before a date word makes it the date of the report.
_REPORTING_BEFORE = re.compile(
    r"(?:\b(?:said|says|reported|announced|added|stated|told\s+\S+|confirmed|quoted|"
    r"wrote|tweeted|posted|statement|reporting|reports|reported\s+late)\s*(?:late\s+|early\s+)?(?:on\s+)?)$",
    re.I,
)
_REPORTING_AFTER = re.compile(
    r"^\s*(?:morning\s+|evening\s+|night\s+)?(?:that\s+)?(?:said|reported|announced)\b", re.I
)
# Lower-case twins of the patterns above, for lower_ascii text (much faster than IGNORECASE).
_FULL_DATE_RES_L = [lowered(rx) for rx in _FULL_DATE_RES]
_DAY_MONTH_RE_L = lowered(_DAY_MONTH_RE)
_MONTH_DAY_RE_L = lowered(_MONTH_DAY_RE)
_IN_MONTH_RE_L = lowered(_IN_MONTH_RE)
_MONTH_YEAR_RE_L = lowered(_MONTH_YEAR_RE)
_YEAR_RE_L = lowered(_YEAR_RE)
_WEEKDAY_RE_L = lowered(_WEEKDAY_RE)
_RELATIVE_RE_L = lowered(_RELATIVE_RE)
_DIGIT = re.compile(r"\d")
# What every pattern of _FULL_DATE_RES requires: a cheap test before running five of them.
_YEAR_DIGITS = re.compile(r"(?:19|20)\d\d")
_MONTH_HINT = re.compile(r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec")
_RELATIVE_HINT = re.compile(
    r"yesterday|today|tonight|morning|evening|overnight|day\s+before|week|month|year|last|past"
)
_SMALL_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "ten": 10}


@dataclass
class DateExpr:
    """A date expression in text resolved (where possible) against the reference date."""

    start: int
    end: int
    text: str
    date_start: dt.date | None
    date_end: dt.date | None
    precision: DatePrecision
    kind: str  # "event" | "report" | "background" | "future"

    def to_datespan(self) -> DateSpan:
        return DateSpan(
            self.date_start.isoformat() if self.date_start else None,
            self.date_end.isoformat() if self.date_end else None,
            self.precision,
            Span(self.start, self.end, self.text),
        )


def _month(s: str) -> int | None:
    s = s.lower().rstrip(".")
    if s.isdigit():
        n = int(s)
        return n if 1 <= n <= 12 else None
    return MONTHS.get(s[:4] if s.startswith("sept") else s[:3])


def _mk(y: int, m: int | None, d: int) -> dt.date | None:
    if m is None:
        return None
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def parse_iso(value: str | None) -> dt.date | None:
    """Read the date part of an ISO date or datetime; ``None`` when unreadable."""
    if not value:
        return None
    m = re.match(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})", value)
    if m:
        return _mk(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    for rx in _FULL_DATE_RES:
        fm = rx.search(value)
        if fm:
            return _mk(int(fm.group("y")), _month(fm.group("m")), int(fm.group("d")))
    return None


def find_full_dates(text: str, offset: int = 0, low: str | None = None) -> list[DateExpr]:
    """Dates with day, month and year, in order of position."""
    found: list[DateExpr] = []
    taken: list[tuple[int, int]] = []
    if low is None:
        low = lower_ascii(text)
    if not _YEAR_DIGITS.search(low):
        return found  # every full date has a year of 19xx or 20xx
    for rx in _FULL_DATE_RES_L:
        for m in rx.finditer(low):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            d = _mk(int(m.group("y")), _month(m.group("m")), int(m.group("d")))
            if d is None or _in_file_or_url(low, m.start(), m.end()):
                continue
            taken.append((m.start(), m.end()))
            found.append(
                DateExpr(
                    m.start() + offset, m.end() + offset, text[m.start() : m.end()], d, d, "day", "event"
                ),
            )
    found.sort(key=lambda e: e.start)
    return found


_FILE_BEFORE = re.compile(
    r"(?:screen\s*shot|screenshot|img|image|photo|file|dsc|vid|video)[\s_-]*(?:at\s+)?$"
)
_URLISH = re.compile(r"https?:|www\.|\.(?:com|org|net|png|jpe?g|gif|pdf|mp4|html?)\b|/")


def _in_file_or_url(low: str, start: int, end: int) -> bool:
    """A date inside a file name or link ("Screen Shot 2017-05-11 at ...png", ".../2017/05/11/...")."""
    if _FILE_BEFORE.search(low[max(0, start - 16) : start]):
        return True
    if low[start - 1 : start] in ("/", "_", "=") or low[end : end + 1] in ("/", "_"):
        return True
    # the whitespace-delimited token around the date
    a = low.rfind(" ", 0, start) + 1
    b = low.find(" ", end)
    token = low[a : b if b >= 0 else len(low)]
    return bool(_URLISH.search(token)) and len(token) > end - start + 2


# "On Thursday 16 March 2017, warplanes ..." or "... was struck at 11:00 on Tuesday,
# 4 April 2017": a date a sentence introduces with "on" tells when the event happened;
# it is not the page's dateline. "Posted on April 2 2017" is one.
_SENTENCE_ON = re.compile(
    r"(?:^|[.!?]\s+|\n\s*|(?<!posted)(?<!published)(?<!updated)(?<!modified)(?<!released)(?<!created)\s)on\s*$",
    re.I,
)


def find_dateline(text: str, window: int = 260) -> DateExpr | None:
    """The report's own date, if the text opens with one ("Tue 05 Jul 2016 ...")."""
    head = text[:window]
    dates = find_full_dates(head)
    if not dates or _SENTENCE_ON.search(head[: dates[0].start]):
        return None
    return dates[0]


def _weekday_back(ref: dt.date, wd: int, strict: bool) -> dt.date:
    back = (ref.weekday() - wd) % 7
    if strict and back == 0:
        back = 7
    return ref - dt.timedelta(days=back)


def _is_reporting(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 40) : start]
    after = text[end : end + 30]
    return bool(_REPORTING_BEFORE.search(before) or _REPORTING_AFTER.match(after))


def find_date_expressions(sentence: str, offset: int, ref: dt.date | None) -> list[DateExpr]:
    """Date expressions in one sentence, resolved against ``ref`` when relative."""
    low = lower_ascii(sentence)
    out: list[DateExpr] = []
    taken: list[tuple[int, int]] = []

    def add(
        s: int, e: int, txt: str, d0: dt.date | None, d1: dt.date | None, prec: DatePrecision, kind: str
    ) -> None:
        if any(s < te and ts < e for ts, te in taken):
            return
        taken.append((s, e))
        out.append(DateExpr(s + offset, e + offset, sentence[s:e], d0, d1, prec, kind))

    digits = _DIGIT.search(low) is not None
    months = digits and _MONTH_HINT.search(low) is not None
    for fd in find_full_dates(sentence, 0, low) if digits else ():
        s, e = fd.start, fd.end
        kind = "report" if _is_reporting(sentence, s, e) else "event"
        if ref and fd.date_start and fd.date_start > ref + dt.timedelta(days=1):
            kind = "future"
        elif ref and fd.date_start and (ref - fd.date_start).days > BACKGROUND_DAYS:
            kind = "background"
        add(s, e, fd.text, fd.date_start, fd.date_end, "day", kind)

    for m in _MONTH_YEAR_RE_L.finditer(low) if months else ():
        mo = _month(m.group("m"))
        y = int(m.group("y"))
        d0 = _mk(y, mo, 1)
        if d0 is None:
            continue
        nxt = _mk(y + (mo == 12), (mo % 12) + 1 if mo else 1, 1)
        d1 = nxt - dt.timedelta(days=1) if nxt else d0
        kind = "event"
        if ref and (ref - d1).days > BACKGROUND_DAYS:
            kind = "background"
        add(m.start(), m.end(), m.group(0), d0, d1, "month", kind)

    for m in _IN_MONTH_RE_L.finditer(low) if _MONTH_HINT.search(low) else ():
        mo = _month(m.group("m"))
        if ref is None or mo is None:
            continue
        y = ref.year if mo <= ref.month else ref.year - 1
        d0 = dt.date(y, mo, 1)
        d1 = dt.date(y + (mo == 12), (mo % 12) + 1, 1) - dt.timedelta(days=1)
        d1 = min(d1, ref)
        kind = "background" if (ref - d1).days > BACKGROUND_DAYS else "event"
        add(m.start(), m.end(), m.group(0), d0, d1, "month", kind)

    for rx in (_DAY_MONTH_RE_L, _MONTH_DAY_RE_L) if months else ():
        for m in rx.finditer(low):
            mo = _month(m.group("m"))
            d = int(m.group("d"))
            if ref is None or mo is None:
                add(m.start(), m.end(), m.group(0), None, None, "unknown", "event")
                continue
            cand = _mk(ref.year, mo, d)
            if cand is None:
                continue
            if cand > ref + dt.timedelta(days=1):
                cand = _mk(ref.year - 1, mo, d)
                if cand is None:
                    continue
            kind = "report" if _is_reporting(sentence, m.start(), m.end()) else "event"
            if (ref - cand).days > BACKGROUND_DAYS:
                kind = "background"
            add(m.start(), m.end(), m.group(0), cand, cand, "day", kind)

    for m in _YEAR_RE_L.finditer(low) if digits else ():
        y = int(m.group("y"))
        kind = "background" if ref is None or y < ref.year else "event"
        add(m.start(), m.end(), m.group(0), dt.date(y, 1, 1), dt.date(y, 12, 31), "year", kind)

    for m in _WEEKDAY_RE_L.finditer(low) if "day" in low else ():
        pre = (m.group("pre") or "").lower().strip()
        wd = WEEKDAYS.index(m.group("wd").lower())
        s, e = m.start("wd") if not pre else m.start(), m.end()
        if pre.startswith("next"):
            add(s, e, m.group(0), None, None, "unknown", "future")
            continue
        kind = "event"
        if not m.group("poss") and _is_reporting(sentence, m.start(), m.end()):
            kind = "report"
        if ref is None:
            add(s, e, m.group(0), None, None, "unknown", kind)
            continue
        strict = pre.startswith("last") or pre.startswith("this past")
        wdate = _weekday_back(ref, wd, strict)
        if pre.startswith("since") and wdate < ref:
            # "killed since Saturday": the days from Saturday to the report's day.
            add(s, e, m.group(0), wdate, ref, "week", kind)
        else:
            add(s, e, m.group(0), wdate, wdate, "day", kind)

    for m in _RELATIVE_RE_L.finditer(low) if _RELATIVE_HINT.search(low) else ():
        rel = re.sub(r"\s+", " ", m.group("rel").lower())
        s, e = m.start(), m.end()
        if ref is None:
            add(s, e, m.group(0), None, None, "unknown", "event")
            continue
        prec: DatePrecision = "day"
        d0 = d1 = ref
        kind = "event"
        if rel == "yesterday" or rel == "the day before":
            d0 = d1 = ref - dt.timedelta(days=1)
        elif rel in ("today", "tonight", "this morning", "this evening", "earlier today", "overnight"):
            pass
        elif rel in ("earlier this week", "this week"):
            d0, d1, prec = ref - dt.timedelta(days=ref.weekday()), ref, "week"
        elif rel == "last week":
            mon = ref - dt.timedelta(days=ref.weekday() + 7)
            d0, d1, prec = mon, mon + dt.timedelta(days=6), "week"
        elif rel in ("earlier this month", "this month"):
            d0, d1, prec = ref.replace(day=1), ref, "month"
        elif rel == "last month":
            last = ref.replace(day=1) - dt.timedelta(days=1)
            d0, d1, prec, kind = last.replace(day=1), last, "month", "event"
        elif rel in ("last year", "this year"):
            y = ref.year - (rel == "last year")
            d0, d1, prec = dt.date(y, 1, 1), dt.date(y, 12, 31), "year"
            kind = "background" if rel == "last year" else "event"
        else:  # the last/past N hours/days/weeks
            n_raw = (m.group("n") or "").lower()
            n = int(n_raw) if n_raw.isdigit() else _SMALL_WORDS.get(n_raw, 1)
            unit = (m.group("unit") or "days").lower()
            days = n // 24 if unit == "hours" else n * (7 if unit == "weeks" else 1)
            if days <= 1:
                d0 = d1 = ref
            else:
                d0, d1, prec = ref - dt.timedelta(days=days), ref, "week"
        add(s, e, m.group(0), d0, d1, prec, kind)

    out.sort(key=lambda x: x.start)
    return out
