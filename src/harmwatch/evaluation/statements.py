"""Evaluate statements: denials, admissions and claims of responsibility.

The numbers, written to ``eval/statements.json``:

* **Sample corpus, by report** (``src/harmwatch/sample``; truth in
  ``truth.json``: ``denials``, ``admissions``, ``responsibility_claims``): for
  each kind, the precision and recall of :func:`classify_report` (is this report
  a party's denial / admission / claim?) over all 59 reports, and
  ``sample_denial_claim_recall`` / ``sample_admission_claim_recall`` — the share
  of the truth's denial (admission) reports whose extracted incidents carry a
  ``denial`` (``admission``) claim, as the linker will see them.
  ``sample_news_false_denial_free`` is the share of the other reports whose
  denial claims are all real (no report in the corpus but the truth's denials,
  s008 and s024 quotes a denial; those two quote one each, and those are
  counted as right only when the denied party is the accused one).
* **FA-KES** (``../shared/data/fakes/fakes_dev.csv``, 392 news articles): the
  share of articles with a denial claim (``fakes_denial_rate``, reported, no
  floor: it is a property of the corpus) and, over the articles read by eye
  and labelled in :data:`FAKES_LABELS` (every article where the extractor
  emits a statement claim, plus articles whose wording looks like one but is
  not: "to deny Daesh the ability", "rejected calls to halt", "no group has
  claimed"), the micro precision and recall of (article, kind, actor) claims.
  The labels are this module's gold data, written from reading the articles.
* ``ms_per_article`` (reported): CPU time of the statements pass alone per
  FA-KES article (budget: 2 ms).

Run: ``python -m harmwatch.evaluation.statements``.
"""

from __future__ import annotations

import csv
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from harmwatch.extract import extract_report
from harmwatch.extract.statements import BELLIGERENT_CLAIMS, apply_statements, classify_report
from harmwatch.models import Extraction

REPO = Path(__file__).resolve().parents[3]
SAMPLE = REPO / "src" / "harmwatch" / "sample"
OUT = REPO / "eval" / "statements.json"
COMMAND = "python -m harmwatch.evaluation.statements"

# Measured minus about 0.02 (see eval/statements.json for the measured values).
FLOORS = {
    "sample_denial_precision": 0.98,
    "sample_denial_recall": 0.98,
    "sample_admission_precision": 0.98,
    "sample_admission_recall": 0.98,
    "sample_responsibility_precision": 0.98,
    "sample_responsibility_recall": 0.98,
    "sample_denial_claim_recall": 0.98,
    "sample_admission_claim_recall": 0.98,
    "sample_news_false_denial_free": 0.98,
    "fakes_labelled_precision": 0.94,
    "fakes_labelled_recall": 0.93,
}

# FA-KES articles read by eye: unit_id -> the statement claims the article makes
# ("kind:actor"). An empty list means: looks like a statement, is not one.
FAKES_LABELS: dict[str, list[str]] = {
    "1914947532": ["denial:syria_gov"],  # the government denied responsibility
    "1914947537": ["admission:coalition"],  # coalition said it carried out strikes on Raqqa
    "1915433682": [],  # IS destroyed antiquities: not an attack claim
    "1915433685": [],  # denied espousing an ideology
    "1918150030": ["denial:syria_gov"],
    "1918150036": [],  # "did not deny" is no denial, no admission
    "1918398782": ["admission:coalition"],
    "1919191741": [],  # rejected calls to halt the bombing
    "1919191763": ["denial:syria_gov", "admission:syria_gov"],  # denied, saying its strikes hit a depot
    "1923102821": ["responsibility:isis"],
    "1923102845": ["denial:syria_gov", "denial:russia"],
    "1923102889": ["denial:russia"],
    "1923102901": [],  # no group has claimed responsibility
    "1923102941": ["denial:russia"],
    "1923848164": ["responsibility:isis"],
    "1923848165": [],  # no one immediately claimed responsibility
    "1923848233": [],  # a security source confirmed air strikes (by whom?)
    "1923848281": ["denial:russia"],  # says it has not bombed Aleppo since 18 October
    "1924058031": ["admission:israel"],
    "1924058036": ["denial:syria_gov", "denial:russia"],
    "1924058037": [],  # rebels dismissed reports of civilians leaving: not about a strike
    "1924058059": [],  # YPG denied cooperating with Damascus
    "1924058060": ["denial:russia"],
    "1924058070": [],  # Russia has not acknowledged civilian deaths: background, no denial of a strike
    "1924058081": [],  # rejected calls to halt the bombing
    "1924058084": ["denial:russia"],
    "1924058085": ["responsibility:isis"],
    "1924058094": ["denial:russia"],
    "1924058146": ["denial:syria_gov"],
    "1924058148": ["denial:coalition", "denial:syria_gov"],
    "1924058172": ["responsibility:isis"],
    "1924058191": [],  # acknowledged weak support for military action
    "1924058200": ["denial:russia"],
    "1926479099": ["denial:syria_gov"],
    "1926479106": ["denial:syria_gov"],
    "1926479109": [],  # SANA: the Russian forces have not targeted groups in the truce
    "1926479157": ["denial:syria_gov"],
    "1926479220": ["denial:syria_gov"],
    "1926479349": ["denial:syria_gov"],
    "1926479352": ["denial:syria_gov", "denial:opposition"],
    "1926479371": ["denial:opposition"],  # rebels denied shelling the corridors
    "1926479384": ["denial:syria_gov"],  # called the allegations illogical and fabricated
    "1962495675": ["denial:russia"],
    "1962495679": [],  # the army refuted claims about a district: no strike
    "1962495691": ["admission:opposition"],
    "1965495326": ["denial:syria_gov"],
    "1965495358": [],  # no group has claimed responsibility
    "1965495362": ["denial:coalition"],
    "1965495384": ["denial:syria_gov"],
    "1965511119": [],  # rejected allegiance to a group
    "1965511156": ["responsibility:hts_nusra"],
}


def shared_data() -> Path:
    root = os.environ.get("HARMWATCH_SHARED")
    return (Path(root) if root else REPO.parent / "shared") / "data"


def _ratio(num: int, den: int) -> float:
    return round(num / den, 4) if den else 1.0


def _claims(ext: Extraction, kinds: frozenset[str] = BELLIGERENT_CLAIMS) -> set[str]:
    return {
        f"{c.kind}:{c.value}"
        for inc in ext.incidents
        for c in inc.claims
        if c.kind in kinds and c.field in ("perpetrators", "perpetrator") and isinstance(c.value, str)
    }


def _claim_kinds(ext: Extraction) -> set[str]:
    return {c.kind for inc in ext.incidents for c in inc.claims}


def score_sample(notes: list[str]) -> dict[str, float]:
    truth = json.loads((SAMPLE / "truth.json").read_text(encoding="utf-8"))
    reports = [
        json.loads(line) for line in (SAMPLE / "reports.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    gold = {
        "denial": set(truth["denials"]),
        "admission": set(truth["admissions"]),
        "responsibility": set(truth["responsibility_claims"]),
    }
    predicted: dict[str, set[str]] = {k: set() for k in gold}
    with_claim: dict[str, set[str]] = {"denial": set(), "admission": set()}
    false_denials: list[str] = []
    news = 0
    for r in reports:
        rid = r["id"]
        for kind in classify_report(r["text"], title=r.get("title"), source=r.get("source")):
            if kind in predicted:
                predicted[kind].add(rid)
        ext = extract_report(
            r["text"],
            title=r.get("title"),
            published=r.get("published"),
            source=r.get("source"),
            report_id=rid,
        )
        kinds = _claim_kinds(ext)
        for kind in with_claim:
            if kind in kinds:
                with_claim[kind].add(rid)
        if rid not in gold["denial"]:
            news += 1
            # A news report may quote a denial; it must be the accused party's.
            for inc in ext.incidents:
                accused = {p.actor for p in inc.perpetrators}
                for c in inc.claims:
                    if c.kind == "denial" and c.field == "perpetrators" and c.value not in accused:
                        false_denials.append(f"{rid}: {c.value}")
    scores: dict[str, float] = {}
    for kind, ids in gold.items():
        tp = len(predicted[kind] & ids)
        scores[f"sample_{kind}_precision"] = _ratio(tp, len(predicted[kind]))
        scores[f"sample_{kind}_recall"] = _ratio(tp, len(ids))
        for rid in sorted(predicted[kind] - ids):
            notes.append(f"sample: {rid} read as a {kind} statement, truth says not")
        for rid in sorted(ids - predicted[kind]):
            notes.append(f"sample: {rid} is a {kind} statement, not recognised")
    scores["sample_denial_claim_recall"] = _ratio(
        len(with_claim["denial"] & gold["denial"]), len(gold["denial"])
    )
    scores["sample_admission_claim_recall"] = _ratio(
        len(with_claim["admission"] & gold["admission"]), len(gold["admission"])
    )
    bad_reports = {f.split(":")[0] for f in false_denials}
    scores["sample_news_false_denial_free"] = _ratio(news - len(bad_reports), news)
    for f in false_denials:
        notes.append(f"sample: denial of a party nobody accused: {f}")
    return scores


def score_fakes(notes: list[str]) -> tuple[dict[str, float], dict[str, float]]:
    """Scores with floors, and reported-only figures (rates, timing)."""
    path = shared_data() / "fakes" / "fakes_dev.csv"
    if not path.exists():
        notes.append(f"FA-KES not found at {path}: FA-KES scores skipped")
        return {}, {}
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    tp = fp = fn = 0
    denial_articles = statement_articles = 0
    spent = 0.0
    for i, r in enumerate(rows):
        text, title, source = r["article_content"], r["article_title"], r["source"]
        ext = extract_report(text, title=title, source=source, report_id=str(i))
        got = _claims(ext)
        # the statements pass alone, timed again on a copy of the finished extraction
        t0 = time.process_time()
        apply_statements(ext, text, title=title, source=source, report_id=str(i))
        spent += time.process_time() - t0
        if any(g.startswith("denial:") for g in got):
            denial_articles += 1
        if got:
            statement_articles += 1
        uid = r["unit_id"]
        if uid in FAKES_LABELS:
            want = set(FAKES_LABELS[uid])
            tp += len(got & want)
            fp += len(got - want)
            fn += len(want - got)
            for g in sorted(got - want):
                notes.append(f"FA-KES {uid}: unexpected {g}")
            for g in sorted(want - got):
                notes.append(f"FA-KES {uid}: missed {g}")
        elif got:
            notes.append(f"FA-KES {uid}: unlabelled claims {sorted(got)} (read them and label)")
    scores = {
        "fakes_labelled_precision": _ratio(tp, tp + fp),
        "fakes_labelled_recall": _ratio(tp, tp + fn),
    }
    reported = {
        "fakes_denial_rate": _ratio(denial_articles, len(rows)),
        "fakes_statement_rate": _ratio(statement_articles, len(rows)),
        "fakes_labelled_articles": float(len(FAKES_LABELS)),
        "ms_per_article": round(1000 * spent / max(len(rows), 1), 3),
    }
    return scores, reported


def run(write: bool = True) -> dict[str, Any]:
    """Score the statements pass, print the scores and write ``eval/statements.json``."""
    notes: list[str] = [
        "The rules were developed on the sample corpus and on these FA-KES articles, and the FA-KES labels "
        "were written by reading the articles the extractor flagged plus look-alikes found by keyword: "
        "treat the scores as optimistic (a check that nothing regresses), not as a held-out estimate.",
    ]
    scores = score_sample(notes)
    fakes, reported = score_fakes(notes)
    scores.update(fakes)
    scores.update(reported)
    result = {
        "scores": scores,
        "floors": {k: v for k, v in FLOORS.items() if k in scores},
        "notes": notes,
        "command": COMMAND,
    }
    if write:
        OUT.parent.mkdir(parents=True, exist_ok=True)
        OUT.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return result


def main() -> int:
    result = run()
    for k, v in result["scores"].items():
        floor = result["floors"].get(k)
        mark = "" if floor is None or v >= floor else "  BELOW FLOOR"
        print(f"{k:40s} {v:8.4f}" + (f"  (floor {floor})" if floor is not None else "") + mark)
    for n in result["notes"]:
        print("  -", n)
    return 0


if __name__ == "__main__":
    sys.exit(main())
