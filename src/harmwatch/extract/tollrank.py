"""A small learned ranker that picks the main event's death toll among the figures a report gives.

The rules in :mod:`harmwatch.extract.tolls` read the toll sentence by sentence
(first total, parts, wider scopes, breakdowns). A report often gives several
candidate tolls: the headline's figure, the lead's, a part ("in one district"),
a wider scope ("this week"), another incident's. Which one a careful coder takes
depends on several weak cues at once (is it in the headline, does the body repeat
it, is it the lead's figure, does the sentence say "civilians", is it an exact
count). This module scores every candidate with a linear model over such generic
cues (a conditional logit: the scores are compared within one report) and, where
the best candidate is not the figure the rules chose, makes it the incident's toll.

The weights live in ``tollrank.json`` next to this module; they are fitted by
``scripts/train_tollrank.py`` on the dev70 part of FA-KES only. Without the file
(or with an empty one) nothing changes.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from harmwatch.extract.casualties import Casualty
from harmwatch.models import Range, Victims

WEIGHTS_PATH = Path(__file__).with_name("tollrank.json")
MAX_CANDIDATES = 40
_CLASSES = ("total", "civilians", "combatants")
_CIV_WORD = re.compile(r"\bcivilians?\b", re.I)

FEATURES = (
    "head",
    "lead",
    "main",
    "context",
    "other",
    "cls_civilians",
    "cls_combatants",
    "sub",
    "toll_update",
    "exact",
    "at_least",
    "approx",
    "agrees",
    "corroborated",
    "head_disagrees",
    "sentence_rank",
    "is_max",
    "civ_word",
    "repeats",
    "rel_pos",
    "background",
    "has_date",
    "size",
)


@dataclass
class TollSentence:
    """What the ranker needs to know of one sentence of the report."""

    text: str
    casualties: list[Casualty]
    role: str  # head | lead | main | context | other
    start: int = 0  # offset of the sentence in the text (casualty spans are absolute)
    background: bool = False
    has_date: bool = False


@dataclass
class Candidate:
    casualty: Casualty
    sentence: TollSentence
    features: dict[str, float] = field(default_factory=dict)
    result: Victims | None = None  # the incident's victims if this figure is taken as the toll


def _killed(c: Casualty) -> bool:
    return c.outcome == "killed" and not c.running and c.cls in _CLASSES and c.range.best is not None


def _best(r: Range | None) -> int | None:
    return r.best if r is not None else None


def apply_toll(v: Victims, c: Casualty, breakdown: list[Casualty] | None = None) -> Victims:
    """The incident's victims once ``c`` is taken as the main toll.

    A total replaces the total and drops a different civilian figure (which was a
    part or another scope); a civilian toll replaces the civilians (and a total
    that was smaller); a toll of fighters replaces the fighters and, when no
    civilian figure is known, stands for all the dead.
    """
    out = replace(v)
    val = c.range.best or 0
    if c.cls == "total":
        if _best(v.killed) == val and _best(v.killed_civilians) is not None and _best(v.killed_combatants):
            return out  # the rules' total with its civilians and fighters: their reading stands
        out.killed = c.range
        civ, comb = _best(out.killed_civilians), _best(out.killed_combatants)
        if civ is not None and comb is not None and civ + comb == val:
            return out  # civilians and fighters make up exactly this total
        if _best(out.killed_civilians) not in (None, val):
            out.killed_civilians = None
        if (_best(out.killed_combatants) or 0) > val:
            out.killed_combatants = None
    elif c.cls == "civilians":
        out.killed_civilians = c.range
        if out.killed is not None and (_best(out.killed) or 0) < val:
            out.killed = c.range
    else:
        out.killed_combatants = c.range
        if out.killed_civilians is None:
            out.killed = c.range
    ceiling = max(_best(out.killed) or 0, _best(out.killed_civilians) or 0, val)
    for part in breakdown or []:
        # The chosen toll's own breakdown ("including 5 children") comes with it.
        if part.outcome == "killed" and part.sub and part.cls in ("children", "women"):
            setattr(out, f"killed_{part.cls}", part.range)
    for fld in ("killed_children", "killed_women"):
        r: Range | None = getattr(out, fld)
        if r is not None and (r.best or 0) > ceiling:
            setattr(out, fld, None)
    return out


def _same(a: Victims, b: Victims) -> bool:
    return all(
        _best(getattr(a, f)) == _best(getattr(b, f))
        for f in ("killed", "killed_civilians", "killed_children", "killed_women", "killed_combatants")
    )


def candidates(sentences: list[TollSentence], victims: Victims) -> list[Candidate]:
    """Every exact death toll the report gives, with its features."""
    out: list[Candidate] = []
    rank = 0
    for s in sentences:
        own = [c for c in s.casualties if _killed(c)]
        if not own:
            continue
        for c in own:
            out.append(Candidate(c, s, {"sentence_rank": math.log1p(rank)}))
        rank += 1
        if len(out) >= MAX_CANDIDATES:
            break
    if not out:
        return out
    head_vals = {x.casualty.range.best for x in out if x.sentence.role == "head"}
    body_vals = [x.casualty.range.best for x in out if x.sentence.role != "head"]
    all_vals = [x.casualty.range.best for x in out]
    top = (
        max((x.casualty.range.best or 0) for x in out if x.casualty.cls != "combatants")
        if any(x.casualty.cls != "combatants" for x in out)
        else 0
    )
    for x in out:
        c, s, f = x.casualty, x.sentence, x.features
        val = c.range.best
        for role in ("head", "lead", "main", "context", "other"):
            f[role] = float(s.role == role)
        f["cls_civilians"] = float(c.cls == "civilians")
        f["cls_combatants"] = float(c.cls == "combatants")
        f["sub"] = float(c.sub)
        f["toll_update"] = float(c.toll_update)
        r = c.range
        f["exact"] = float(r.low == r.best and r.high == r.best)
        f["at_least"] = float(r.low == r.best and r.high is None)
        f["approx"] = float(not f["exact"] and not f["at_least"])
        x.result = apply_toll(victims, c, _breakdown_of(c, s) or _next_breakdown(c, s, sentences))
        f["agrees"] = float(_same(x.result, victims))
        if s.role == "head":
            f["corroborated"] = float(val in body_vals)
        else:
            f["corroborated"] = float(val in head_vals)
        f["head_disagrees"] = float(s.role != "head" and bool(head_vals) and val not in head_vals)
        f["is_max"] = float(c.cls != "combatants" and (val or 0) == top)
        f["civ_word"] = float(bool(_CIV_WORD.search(s.text)))
        f["repeats"] = math.log1p(sum(1 for v in all_vals if v == val) - 1)
        f["rel_pos"] = min(1.0, max(0.0, (c.span.start - s.start) / max(1, len(s.text))))
        f["background"] = float(s.background)
        f["has_date"] = float(s.has_date)
        f["size"] = math.log10((val or 0) + 1) / 3
    return out


def _breakdown_of(c: Casualty, s: TollSentence) -> list[Casualty]:
    """The parts that follow ``c`` in its sentence up to the next figure of its own."""
    after = sorted((x for x in s.casualties if x.span.start > c.span.start), key=lambda x: x.span.start)
    out: list[Casualty] = []
    for x in after:
        if not x.sub:
            break
        out.append(x)
    return out


def _next_breakdown(c: Casualty, s: TollSentence, sentences: list[TollSentence]) -> list[Casualty]:
    """ "... documented 270 civilians killed. The victims included 51 children and 28 women":
    a sentence of breakdown parts alone, right after the toll's sentence, breaks down its last toll."""
    own = [x for x in s.casualties if _killed(x) and not x.sub]
    if not own or own[-1] is not c:
        return []
    i = next((k for k, t in enumerate(sentences) if t is s), -1)
    if i < 0 or i + 1 >= len(sentences):
        return []
    nxt = sentences[i + 1]
    if nxt.role == "head" or nxt.start - (s.start + len(s.text)) > 3:
        return []
    parts = [x for x in nxt.casualties if x.outcome == "killed"]
    if not parts or not all(x.sub and x.cls in ("children", "women", "civilians") for x in parts):
        return []
    total = c.range.best or 0
    if sum(x.range.best or 0 for x in parts) > total:
        return []
    return parts


def score(c: Candidate, weights: dict[str, float]) -> float:
    return sum(weights.get(k, 0.0) * v for k, v in c.features.items())


@lru_cache(maxsize=1)
def load_weights() -> dict[str, float]:
    """The fitted weights, or none (no ranking) when the file is missing or unreadable."""
    try:
        data = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    w = data.get("weights") if isinstance(data, dict) else None
    if not isinstance(w, dict):
        return {}
    out = {k: float(v) for k, v in w.items() if isinstance(v, (int, float))}
    margin = data.get("margin", 0.0)
    out["__margin__"] = float(margin) if isinstance(margin, (int, float)) else 0.0
    return out


def choose(
    sentences: list[TollSentence],
    victims: Victims,
    weights: dict[str, float] | None = None,
    record: Callable[[list[Candidate]], None] | None = None,
) -> Candidate | None:
    """The candidate to take as the main toll instead of the rules' figures, or None to keep them."""
    w = load_weights() if weights is None else weights
    if not w and record is None:
        return None
    cands = candidates(sentences, victims)
    if record is not None:
        record(cands)
    if cands and not any(
        _best(getattr(victims, f))
        for f in ("killed", "killed_civilians", "killed_children", "killed_women", "killed_combatants")
    ):
        # The main incident's own sentences give no exact toll (a statement, a
        # diplomatic story about an attack): the report's first exact toll is the attack's.
        return cands[0]
    if not any(_best(getattr(victims, f)) for f in ("killed", "killed_civilians", "killed_combatants")):
        # The rules read a toll of children or women alone ("six children were
        # killed"): a figure from outside the main incident's sentences does not replace it.
        cands = [x for x in cands if x.sentence.role in ("head", "lead", "main")]
    if not w or len(cands) < 2:
        return None
    # On a tie the rules' own figure stays.
    scored = sorted(cands, key=lambda x: (-score(x, w), -x.features["agrees"]))
    best = scored[0]
    if best.features["agrees"]:
        return None
    keep = [x for x in scored if x.features["agrees"]]
    if keep and score(best, w) - score(keep[0], w) < w.get("__margin__", 0.0):
        return None
    return best
