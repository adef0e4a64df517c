"""Load Safeguarding Health in Conflict Coalition (SHCC) attack rows as :class:`Attack` records.

SHCC / Insecurity Insight publish one spreadsheet a year of attacks on health
care, with columns that change from year to year and no facility names. Turned
into attacks, they can go through the same :func:`attack_patterns` as the
facilities harmwatch resolves, so a user can hold one set of counts (by month,
perpetrator, weapon) against the other.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from harmwatch.errors import InputRejected, NotFound
from harmwatch.facilities.patterns import Attack

__all__ = ["load_shcc", "perpetrators_of"]

# Named perpetrators, as SHCC spells them, in the SPEC actor vocabulary.
_NAMED = (
    ("russian federation", "russia"),
    ("russia", "russia"),
    ("syrian armed forces", "syria_gov"),
    ("government of syria", "syria_gov"),
    ("syrian arab army", "syria_gov"),
    ("turkey", "turkey"),
    ("turkish", "turkey"),
    ("syrian democratic forces", "sdf_ypg"),
    ("ypg", "sdf_ypg"),
    ("islamic state", "isis"),
    ("isis", "isis"),
    ("tahrir al-sham", "hts_nusra"),
    ("hts", "hts_nusra"),
    ("israel", "israel"),
    ("coalition", "coalition"),
    ("iran", "iran"),
    ("syrian national army", "opposition"),
    ("free syrian army", "opposition"),
)
# Perpetrator categories, when no name is given.
_CATEGORIES = {
    "stateactor": "state_actor",
    "state actor": "state_actor",
    "stateforces": "state_actor",
    "armed forces of government or self-declared government": "state_actor",
    "police": "state_actor",
    "nonstatearmedgroups": "non_state_armed_group",
    "nonstateactor": "non_state_armed_group",
    "nsa": "non_state_armed_group",
    "opposition group": "non_state_armed_group",
    "unspecnonmilarmed": "unspecified_armed",
    "foreign forces - military": "foreign_forces",
    "noinformation": "unknown",
    "no information": "unknown",
    "multiple": "multiple",
    "civilian": "civilian",
    "criminal": "criminal",
}
_NAME_COLS = ("name of perpetrator", "reported perpetrator name")
_WEAPON_COLS = ("weapon carried/used", "weapons use", "explosive weapons use", "other weapon type")
_DESTROYED = "total number of attacks on facilities which reported destruction"
_DAMAGED = "total number of attacks on facilities which reported damage"
_SKIP = {"", "notapplicable", "not applicable", "noinformation", "no information", "nan"}


def _norm(v: str | None) -> str:
    return re.sub(r"\s+", " ", (v or "").strip().strip(",").strip())


def perpetrators_of(category: str | None, name: str | None) -> list[str]:
    """Actors for one SHCC row: named ones mapped to the SPEC vocabulary, else the category."""
    out: list[str] = []
    n = _norm(name).lower()
    if n and "unidentified" not in n and "unnamed" not in n:
        for word, actor in _NAMED:
            if word in n and actor not in out:
                out.append(actor)
    if out:
        return out
    c = _norm(category).lower()
    if not c:
        return ["unknown"]
    return [_CATEGORIES.get(c, re.sub(r"[^a-z]+", "_", c).strip("_") or "unknown")]


def _int(v: str | None) -> int:
    try:
        return int(float(v)) if v not in (None, "") else 0
    except (TypeError, ValueError):
        return 0


def _date(row: dict[str, str]) -> str | None:
    raw = _norm(row.get("attack date"))
    m = re.match(r"(\d{4})-(\d{2})(?:-(\d{2}))?", raw)
    if not m:
        return None
    if m.group(3):
        return f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
    day = _int(row.get("attack day"))
    return f"{m.group(1)}-{m.group(2)}-{day:02d}" if 1 <= day <= 31 else f"{m.group(1)}-{m.group(2)}"


def load_shcc(path: Path | str) -> list[Attack]:
    """One :class:`Attack` per SHCC row (each row is one reported incident)."""
    p = Path(path)
    if not p.is_file():
        raise NotFound(f"SHCC file not found: {p}")
    raw = p.read_bytes()
    if b"\x00" in raw[:4096]:
        raise InputRejected(f"SHCC file looks binary, not CSV: {p}")
    reader = csv.DictReader(io.StringIO(raw.decode("utf-8-sig", errors="replace")))
    out: list[Attack] = []
    for r in reader:
        row = {(k or "").strip().lower(): (v or "") for k, v in r.items() if k is not None}
        name = next((row[c] for c in _NAME_COLS if row.get(c)), None)
        weapons = []
        for c in _WEAPON_COLS:
            w = _norm(row.get(c))
            if w.lower() not in _SKIP and w not in weapons:
                weapons.append(w)
        out.append(
            Attack(
                date=_date(row),
                admin1=_norm(row.get("state/province/division/governorate/department")) or None,
                perpetrators=perpetrators_of(row.get("perpetrator"), name),
                weapons=weapons,
                facilities_destroyed=_int(row.get(_DESTROYED)),
                facilities_damaged=_int(row.get(_DAMAGED)),
                report_ids=[f"shcc:{_norm(row.get('shcc event code')) or len(out) + 1}"],
            )
        )
    return out
