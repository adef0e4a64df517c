"""The records that pass between pipeline stages.

Every stage takes and returns these dataclasses; none of them knows about
storage or HTTP. Each record turns into the JSON shape fixed by SPEC.md with
``to_dict`` and back with ``from_dict``.

The vocabularies (event types, actors, attributions, grades, statuses) are
listed here once so that extraction, linking and the web layer agree.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import types
import typing
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar, cast

EVENT_TYPES = (
    "airstrike",
    "shelling",
    "missile",
    "barrel_bomb",
    "chemical",
    "explosion",
    "shooting",
    "execution",
    "clash",
    "other",
    "unknown",
)
ACTORS = (
    "syria_gov",
    "russia",
    "coalition",
    "turkey",
    "israel",
    "iran",
    "isis",
    "hts_nusra",
    "opposition",
    "sdf_ypg",
    "unknown",
)
ATTRIBUTIONS = ("stated", "alleged", "admitted", "denied", "contested", "unknown")
GRADES = ("confirmed", "fair", "weak", "contested", "discounted")
TARGET_KINDS = (
    "hospital",
    "field_hospital",
    "clinic",
    "ambulance",
    "school",
    "market",
    "mosque",
    "bakery",
    "residential",
    "camp",
    "road",
    "military",
    "other",
)
FACILITY_STATUSES = (
    "functioning",
    "damaged",
    "destroyed",
    "out_of_service",
    "evacuated",
    "relocated",
    "unknown",
)
DATE_PRECISIONS = ("day", "week", "month", "year", "unknown")
PLACE_PRECISIONS = (
    "point",
    "neighbourhood",
    "town",
    "admin3",
    "admin2",
    "admin1",
    "country",
    "unknown",
)
CLAIM_KINDS = ("report", "denial", "admission", "responsibility")
#: The review note of an incident whose report gives no event date: its date is the
#: report's own day, a stand-in that a date read from another report outranks.
REPORT_DATE_USED = "event date not stated: report date used"

DatePrecision = Literal["day", "week", "month", "year", "unknown"]
PlacePrecision = Literal["point", "neighbourhood", "town", "admin3", "admin2", "admin1", "country", "unknown"]

T = TypeVar("T")


def content_id(prefix: str, *parts: str) -> str:
    """A short stable id derived from content, e.g. ``inc-3f9a0c2d1b7e``."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return f"{prefix}-{digest[:12]}"


@dataclass
class Span:
    """Where in a report's text a value came from: character offsets and the quote."""

    start: int
    end: int
    text: str


@dataclass
class Range:
    """A count as UCDP GED keeps it: best estimate with low and high bounds.

    "at least 16" is ``Range(16, 16, None)``; "dozens" is ``Range(None, 24, None)``;
    a count no report gives is ``None`` at the call site, not ``Range(0, 0, 0)``.
    """

    best: int | None = None
    low: int | None = None
    high: int | None = None
    span: Span | None = None

    @classmethod
    def exact(cls, n: int, span: Span | None = None) -> Range:
        return cls(n, n, n, span)

    def is_empty(self) -> bool:
        return self.best is None and self.low is None and self.high is None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"best": self.best, "low": self.low, "high": self.high}
        if self.span is not None:
            d["span"] = dataclasses.asdict(self.span)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> Range | None:
        if d is None:
            return None
        span = Span(**d["span"]) if d.get("span") else None
        return cls(d.get("best"), d.get("low"), d.get("high"), span)


@dataclass
class DateSpan:
    start: str | None = None  # ISO date
    end: str | None = None
    precision: DatePrecision = "unknown"
    span: Span | None = None


@dataclass
class Place:
    name: str | None = None
    admin1: str | None = None
    admin1_pcode: str | None = None
    admin2: str | None = None
    admin2_pcode: str | None = None
    admin3: str | None = None
    admin3_pcode: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: PlacePrecision = "unknown"
    country: str | None = None  # ISO 3166-1 alpha-2
    span: Span | None = None


@dataclass
class Perpetrator:
    actor: str  # one of ACTORS
    attribution: str = "unknown"  # one of ATTRIBUTIONS
    span: Span | None = None


@dataclass
class Victims:
    killed: Range | None = None
    killed_civilians: Range | None = None
    killed_children: Range | None = None
    killed_women: Range | None = None
    killed_combatants: Range | None = None
    injured: Range | None = None
    injured_children: Range | None = None
    injured_women: Range | None = None


@dataclass
class Target:
    kind: str  # one of TARGET_KINDS
    name: str | None = None
    facility_id: str | None = None
    span: Span | None = None


@dataclass
class Claim:
    """What one source says about one field of an incident, with the exact quote."""

    report_id: str | None
    source: str | None
    kind: str  # one of CLAIM_KINDS
    field: str
    value: Any
    quote: str


@dataclass
class Incident:
    id: str = ""
    date: DateSpan = field(default_factory=DateSpan)
    place: Place = field(default_factory=Place)
    event_type: str = "unknown"
    weapons: list[str] = field(default_factory=list)
    perpetrators: list[Perpetrator] = field(default_factory=list)
    victims: Victims = field(default_factory=Victims)
    targets: list[Target] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    grade: str = "weak"
    report_ids: list[str] = field(default_factory=list)
    # Beyond the SPEC: why the record needs a human look (missing date/place, ...).
    review: list[str] = field(default_factory=list)
    summary: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return to_jsonable(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Incident:
        return from_jsonable(cls, d)


@dataclass
class Report:
    id: str
    sha256: str
    text: str
    external_id: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date or datetime
    retrieved: str | None = None  # ISO datetime, UTC
    title: str | None = None
    language: str | None = None
    media_type: str = "text/plain"
    size: int = 0
    processed: bool = False

    def to_dict(self) -> dict[str, Any]:
        return to_jsonable(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Report:
        return from_jsonable(cls, d)


@dataclass
class Rejection:
    """An input that was refused, and why. Kept so nothing disappears silently."""

    id: str
    origin: str  # path, URL, "stdin", or "file.jsonl:12"
    reason: str
    sha256: str | None = None
    size: int | None = None
    at: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return to_jsonable(self)


@dataclass
class AreaTally:
    area: str
    admin1_pcode: str | None = None
    killed: Range | None = None
    children: Range | None = None
    women: Range | None = None
    notes: str | None = None


@dataclass
class BulletinTotals:
    killed: Range | None = None
    children: Range | None = None
    women: Range | None = None
    # Beyond the SPEC: the national breakdown in words ("64 regime soldiers; 29 civilians").
    notes: str | None = None


@dataclass
class Bulletin:
    id: str = ""
    report_id: str | None = None
    source: str | None = None
    date: str | None = None  # the day counted
    scope: str = "country"
    totals: BulletinTotals = field(default_factory=BulletinTotals)
    by_area: list[AreaTally] = field(default_factory=list)
    consistent: bool = True
    discrepancies: list[str] = field(default_factory=list)
    complete: bool = True
    incomplete_reasons: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return to_jsonable(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Bulletin:
        return from_jsonable(cls, d)


@dataclass
class StatusEntry:
    date: str | None
    status: str  # one of FACILITY_STATUSES
    incident_id: str | None = None
    report_id: str | None = None
    quote: str | None = None


@dataclass
class Facility:
    id: str = ""
    name: str = ""
    aliases: list[str] = field(default_factory=list)
    kind: str = "hospital"
    place: Place = field(default_factory=Place)
    status_history: list[StatusEntry] = field(default_factory=list)
    status: str = "unknown"
    # Beyond the SPEC: people the facility serves (from a registry or report), and the
    # registry rows it was matched to ("facilities.csv:osm123"), so re-loading merges.
    population_served: int | None = None
    external_ids: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return to_jsonable(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Facility:
        return from_jsonable(cls, d)


@dataclass
class FacilityEvent:
    """What one report says about one facility, before facilities are resolved."""

    name: str | None
    kind: str
    place: Place = field(default_factory=Place)
    date: str | None = None
    status: str = "unknown"
    perpetrators: list[Perpetrator] = field(default_factory=list)
    incident_index: int | None = None
    quote: str = ""

    def to_dict(self) -> dict[str, Any]:
        return to_jsonable(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> FacilityEvent:
        return from_jsonable(cls, d)


@dataclass
class Extraction:
    """What ``extract`` returns for one report."""

    id: str
    incidents: list[Incident] = field(default_factory=list)
    bulletins: list[Bulletin] = field(default_factory=list)
    facility_events: list[FacilityEvent] = field(default_factory=list)
    language: str | None = None
    notes: list[str] = field(default_factory=list)
    # Beyond the SPEC: the date relative expressions were resolved against (the
    # caller's ``published`` date, else the report's own dateline), kept apart from
    # each incident's event date.
    report_date: DateSpan | None = None

    def to_dict(self) -> dict[str, Any]:
        return to_jsonable(self)


# --- (de)serialisation ---------------------------------------------------------


def to_jsonable(obj: Any) -> Any:
    """Dataclasses to plain dicts, recursively. Ranges keep their ``best/low/high`` shape."""
    if isinstance(obj, Range):
        return obj.to_dict()
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [to_jsonable(x) for x in obj]
    if isinstance(obj, dict):
        return {k: to_jsonable(v) for k, v in obj.items()}
    return obj


def from_jsonable(cls: type[T], data: Any) -> T:
    """Rebuild a dataclass from ``to_jsonable`` output, following the type hints."""
    kwargs: dict[str, Any] = {}
    for name, tp in _field_types(cast(Hashable, cls)):
        if name not in data:
            continue
        kwargs[name] = _convert(tp, data[name])
    return cls(**kwargs)


# Reading a page of records back is on the API's hot path, so the type analysis
# (``typing.get_type_hints`` re-evaluates string annotations on every call) is
# done once per class and once per annotation, not once per value.


@functools.cache
def _field_types(cls: Any) -> tuple[tuple[str, Any], ...]:
    """(field name, resolved type) of a dataclass."""
    hints = typing.get_type_hints(cls)
    return tuple((f.name, hints[f.name]) for f in dataclasses.fields(cls))


@functools.cache
def _plan(tp: Any) -> tuple[str, Any]:
    """How to convert a value of annotation ``tp``: (kind, argument)."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return ("optional", args[0]) if len(args) == 1 else ("raw", None)
    if tp is Range:
        return ("range", None)
    if origin is list:
        (item_tp,) = typing.get_args(tp)
        return ("list", item_tp)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return ("dataclass", tp)
    return ("raw", None)


def _convert(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    kind, arg = _plan(tp)
    if kind == "raw":
        return value
    if kind == "optional":
        return _convert(arg, value)
    if kind == "range":
        return Range.from_dict(value)
    if kind == "list":
        return [_convert(arg, v) for v in value]
    if isinstance(value, dict):
        return from_jsonable(arg, value)
    return value


def dumps(obj: Any) -> str:
    return json.dumps(to_jsonable(obj), ensure_ascii=False, separators=(",", ":"))
