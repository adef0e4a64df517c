"""Evaluate linkage: do the reports of one event end up in one incident, and only they?

Written to ``eval/linkage.json``:

* **synthetic stress set** (``synthetic_*``, gated) — noisy reports of the UCDP
  GED Syria 2020 events (:func:`harmwatch.link.synthetic.ucdp_reports`, STRESS
  noise: dates a day off, gazetteer spellings, toll variations, paraphrased
  openings, syndicated copies), with evaluation seeds distinct from the
  training seed. Linked by the packaged model on DuckDB; pairwise precision,
  recall and F1 against the known events.
* the same events with extraction errors too (``synthetic_harsh_f1``), and
  invented events spread over 2012-2024 (``synthetic_sparse_*``), where few
  distinct events share a town and a day.
* **FA-KES weak check** — each FA-KES dev article's main incident, as the
  extractor reads it, linked; linked pairs compared with the crowd gold date
  and governorate (a weak truth: one day in one governorate can hold several
  events).

Run: ``python -m harmwatch.evaluation.linkage``.
"""

from __future__ import annotations

import csv
import json
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[3]
OUT = REPO / "eval" / "linkage.json"
EVAL_SEEDS = (101, 202)
FLOORS = {
    "synthetic_f1": 0.91,
    "synthetic_precision": 0.88,
    "synthetic_recall": 0.935,
    "synthetic_harsh_f1": 0.80,
    "synthetic_sparse_precision": 0.97,
    "synthetic_sparse_recall": 0.97,
    "synthetic_sparse_f1": 0.97,
    # 49 pairs (one pair is 0.02) that also move with the extractor: a little more room.
    "sample_pair_precision": 0.83,
    "sample_pair_recall": 0.76,
}
COMMAND = "python -m harmwatch.evaluation.linkage"


def pairwise_scores(truth: Mapping[str, str], predicted: Mapping[str, str]) -> dict[str, float]:
    """Pairwise precision/recall/F1 of a clustering (record -> cluster) against truth (record -> event)."""

    def pairs(counts: Counter[Any]) -> int:
        return sum(n * (n - 1) // 2 for n in counts.values())

    ids = [i for i in truth if i in predicted]
    true_pairs = pairs(Counter(truth[i] for i in ids))
    pred_pairs = pairs(Counter(predicted[i] for i in ids))
    tp = pairs(Counter((truth[i], predicted[i]) for i in ids))
    precision = tp / pred_pairs if pred_pairs else 1.0
    recall = tp / true_pairs if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "true_pairs": true_pairs,
        "predicted_pairs": pred_pairs,
        "records": len(ids),
    }


def link_and_score(reports: Sequence[Any], *, engine: str = "duckdb") -> dict[str, float]:
    """Link synthetic reports with the packaged model and score them against their events."""
    from harmwatch.link.engines import get_engine
    from harmwatch.link.features import feature_table

    table = feature_table((r.report_id, r.incident, False) for r in reports)
    truth = {r.report_id: r.event_id for r in reports}
    with get_engine(engine) as eng:
        clusters = eng.cluster(table)
    predicted = dict(zip(clusters["unique_id"], clusters["cluster_id"].astype(str), strict=True))
    return pairwise_scores(truth, predicted)


def synthetic_scores(seed: int, *, limit: int | None = None, harsh: bool = False) -> dict[str, float]:
    """Link one synthetic UCDP-derived set (stress noise, or the harsher profile) and score it."""
    from harmwatch.link.synthetic import HARSH, STRESS, ucdp_reports

    return link_and_score(ucdp_reports(seed, limit=limit, noise=HARSH if harsh else STRESS))


def sparse_scores(seed: int, n_events: int = 3000) -> dict[str, float]:
    """Invented events spread over 2012-2024 (few events share a town and a week), stress noise."""
    from harmwatch.link.synthetic import STRESS, noisy_reports, synthetic_events

    return link_and_score(list(noisy_reports(synthetic_events(n_events, seed), seed, noise=STRESS)))


def ucdp_ambiguity() -> dict[str, int]:
    """How many pairs of *distinct* UCDP events share a place string within one day.

    Reports of such events carry the same extracted place and (a day off) the same
    date; only the toll, the victims and the event type can tell them apart. This
    bounds what any linkage on extracted fields can score on the UCDP-derived set.
    """
    from harmwatch.link.synthetic import shared_data_dir

    path = shared_data_dir() / "ucdp_ged_syria_2020" / "ucdp_ged_syria_2020.csv"
    by_place: dict[str, list[date]] = {}
    with open(path, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            by_place.setdefault(row["where_coordinates"], []).append(date.fromisoformat(row["date_start"]))
    same_day = within_one = 0
    for days in by_place.values():
        for i, a in enumerate(days):
            for b in days[i + 1 :]:
                gap = abs((a - b).days)
                same_day += gap == 0
                within_one += gap <= 1
    return {"events": sum(len(d) for d in by_place.values()), "pairs_same_place_same_day": same_day,
            "pairs_same_place_within_1_day": within_one}  # fmt: skip


def ucdp_lookalikes(seed: int) -> dict[str, Any]:
    """Distinct UCDP events whose noisy reports look like one event's (a bound on the stress set).

    Two events look alike when they are at one place (the same UCDP place or
    within 1 km), at most 2 days apart, of the same or an unknown type, with the
    same kind of dead and tolls within the stress noise (30%, or 1). Linking
    every such pair would add ``report_pairs`` false pairs; separating none of
    them caps precision at ``precision_if_all_merged``.
    """
    import math
    from collections import Counter

    from harmwatch.link.synthetic import ucdp_events, ucdp_reports

    reports = Counter(r.event_id for r in ucdp_reports(seed))
    events = [e for e in ucdp_events() if reports.get(e.id)]

    def dead(e: Any) -> str:
        return "civilian" if e.civilians and not e.combatants else ("combatant" if e.combatants else "other")

    alike = pairs = 0
    for i, a in enumerate(events):
        for b in events[i + 1 :]:
            if abs((a.day - b.day).days) > 2 or dead(a) != dead(b):
                continue
            km = math.hypot((a.lat - b.lat) * 111.2, (a.lon - b.lon) * 111.2 * math.cos(math.radians(a.lat)))
            if a.name != b.name and km > 1.0:
                continue
            if a.event_type != b.event_type and "unknown" not in (a.event_type, b.event_type):
                continue
            ta, tb = a.killed[0], b.killed[0]
            if abs(ta - tb) > max(1, 0.3 * max(ta, tb)):
                continue
            alike += 1
            pairs += reports[a.id] * reports[b.id]
    true_pairs = sum(n * (n - 1) // 2 for n in reports.values())
    return {
        "event_pairs": alike,
        "report_pairs": pairs,
        "true_pairs": true_pairs,
        "precision_if_all_merged": round(true_pairs / (true_pairs + pairs), 3),
    }


def fakes_weak_check(path: Path | None = None) -> dict[str, Any] | None:
    """Extract each FA-KES article's main incident, link them, and compare with gold date + governorate.

    Two articles are linked when they end up in one cluster (as the pipeline would merge them).

    Linked pairs whose articles share the gold date and governorate count as
    agreeing (weak precision); pairs that share both and are linked give the
    weak recall. The gold ``location`` "damascus" covers Damascus and Rural
    Damascus, so both count as one governorate here.
    """
    from harmwatch.link.engines import get_engine
    from harmwatch.link.features import feature_table, unlinkable_reasons
    from harmwatch.link.synthetic import shared_data_dir

    try:
        from harmwatch.extract import extract_report
    except ImportError:  # the extractor is another stage; without it there is nothing to link
        return None
    path = path or shared_data_dir() / "fakes" / "fakes_dev.csv"
    if not path.is_file():
        return None
    records: list[tuple[str, Any, bool]] = []
    key: dict[str, tuple[str, str]] = {}
    with open(path, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        try:
            m, d, y = (int(x) for x in row["date"].split("/"))
            gold_day = date(2000 + y, m, d).isoformat()
        except (ValueError, KeyError):
            continue
        uid = f"fakes-{row['unit_id']}"
        extraction = extract_report(
            row["article_content"], title=row["article_title"], published=None, source=row["source"],
            report_id=uid,
        )  # fmt: skip
        if not extraction.incidents or unlinkable_reasons(extraction.incidents[0]):
            continue
        records.append((uid, extraction.incidents[0], False))
        gov = row["location"].strip().lower()
        key[uid] = (gold_day, "damascus" if gov in ("damascus", "rif dimashq") else gov)
    with get_engine("duckdb") as eng:
        clusters = eng.cluster(feature_table(records))
    members: dict[str, list[str]] = {}
    for uid, cid in zip(clusters["unique_id"], clusters["cluster_id"], strict=True):
        members.setdefault(str(cid), []).append(str(uid))
    linked = [(a, b) for ids in members.values() for i, a in enumerate(ids) for b in ids[i + 1 :]]
    groups = Counter(key.values())
    candidate_pairs = sum(n * (n - 1) // 2 for n in groups.values())
    same = sum(1 for a, b in linked if key[a] == key[b])
    return {
        "articles": len(rows),
        "articles_linkable": len(records),
        "same_gold_date_governorate_pairs": candidate_pairs,
        "linked_pairs": len(linked),
        "linked_pairs_same_gold_date_governorate": same,
        "weak_precision": round(same / len(linked), 4) if linked else None,
        "weak_recall": round(same / candidate_pairs, 4) if candidate_pairs else None,
    }


def sample_scores() -> dict[str, Any]:
    """Report-pair precision and recall on the bundled sample corpus, through the whole pipeline.

    The sample's reports are ingested and processed (extraction, linking,
    facilities) as ``harmwatch demo`` does; two reports are *linked* when they
    share an incident. Truth is ``truth.json``: its ``same_event_groups``, with
    each HTML page joining the group of the report it repeats, and its
    ``hospital_attacks``: reports that tell one strike on one facility on one
    day, whatever their main event. Real-shaped (wire copy, NGO statements,
    denials, bulletins), but small and seen during development: a dev check,
    not a held-out score. Its "false" links are worth
    reading: a bulletin that names the same hospital strike is linked to it,
    though the truth lists only the event's own reports.
    """
    import hashlib
    import tempfile
    from itertools import combinations

    from harmwatch.demo import sample_dir
    from harmwatch.ingest import ingest
    from harmwatch.pipeline import process
    from harmwatch.store import open_store

    root = sample_dir()
    truth = json.loads((root / "truth.json").read_text(encoding="utf-8"))
    by_sha = {hashlib.sha256(f.read_bytes()).hexdigest(): f"html/{f.name}" for f in (root / "html").glob("*")}
    groups = [list(g) for g in truth["same_event_groups"]]
    for page in truth.get("html_pages", []):
        homes = [g for g in groups if page["same_event_as"] in g]
        if not homes:
            homes = [[page["same_event_as"]]]
            groups += homes
        for g in homes:
            g.append(page["file"])
    # Reports that tell the same strike on a health facility (one facility, one day)
    # describe one event too, though a report's main event may be another one.
    by_attack: dict[tuple[str, str], set[str]] = {}
    for h in truth.get("hospital_attacks", []):
        by_attack.setdefault((h["facility"], h["date"]), set()).add(h["report_id"])
    groups += [sorted(g) for g in by_attack.values() if len(g) > 1]
    true_pairs = {tuple(sorted(p)) for g in groups for p in combinations(g, 2)}
    with tempfile.TemporaryDirectory(prefix="harmwatch-linkeval-") as tmp:
        store = open_store(Path(tmp) / "sample.db")
        try:
            ingest(store, [str(root / "reports.jsonl"), str(root / "html")])
            process(store, registry=root / "facilities.csv")
            name = {r.id: r.external_id or by_sha.get(r.sha256, r.id) for r in store.list_reports()}
            incidents: dict[str, set[str]] = {}
            for rid, _idx, iid, _inc in store.report_incidents():
                if iid:
                    incidents.setdefault(name[rid], set()).add(iid)
        finally:
            store.close()
    linked = {(a, b) for a, b in combinations(sorted(incidents), 2) if incidents[a] & incidents[b]}
    hits = linked & true_pairs
    return {
        "precision": round(len(hits) / len(linked), 4) if linked else 1.0,
        "recall": round(len(hits) / len(true_pairs), 4) if true_pairs else 1.0,
        "true_pairs": len(true_pairs),
        "linked_pairs": len(linked),
        "missed": [f"{a}~{b}" for a, b in sorted(true_pairs - linked)],
        "extra": [f"{a}~{b}" for a, b in sorted(linked - true_pairs)],
    }


def run(*, limit: int | None = None, write: bool = True) -> dict[str, Any]:
    """Score linkage; write ``eval/linkage.json``."""
    started = time.time()
    per_seed = {str(seed): synthetic_scores(seed, limit=limit) for seed in EVAL_SEEDS}
    mean = {
        k: round(sum(s[k] for s in per_seed.values()) / len(per_seed), 4)
        for k in ("precision", "recall", "f1")
    }
    harsh = synthetic_scores(EVAL_SEEDS[0], limit=limit, harsh=True)
    sparse = sparse_scores(EVAL_SEEDS[0], n_events=3000 if limit is None else limit)
    fakes = fakes_weak_check()
    sample = sample_scores()
    scores: dict[str, Any] = {
        "synthetic_precision": mean["precision"],
        "synthetic_recall": mean["recall"],
        "synthetic_f1": mean["f1"],
        "synthetic_harsh_f1": harsh["f1"],
        "synthetic_sparse_precision": sparse["precision"],
        "synthetic_sparse_recall": sparse["recall"],
        "synthetic_sparse_f1": sparse["f1"],
    }
    scores["sample_pair_precision"] = sample["precision"]
    scores["sample_pair_recall"] = sample["recall"]
    if fakes is not None:
        scores["fakes_weak_recall"] = fakes["weak_recall"]
        scores["fakes_weak_precision"] = fakes["weak_precision"]
    notes = [
        "synthetic_*: noisy reports (STRESS noise: 20% of dates a day off, half the place names in another "
        "gazetteer/transliteration spelling, tolls varied 12/14/'at least 15'-style, paraphrased openings, "
        f"10% syndicated copies) of the 1,140 UCDP GED Syria 2020 events, seeds {list(EVAL_SEEDS)}; "
        f"per seed: {json.dumps(per_seed)}",
        f"synthetic_harsh_*: the same events with extraction errors too (HARSH profile): {json.dumps(harsh)}",
        f"synthetic_sparse_*: 3,000 invented events over 2012-2024, STRESS noise: {json.dumps(sparse)}",
        "why the UCDP-derived F1 stays below 0.95: UCDP 2020 has many distinct events in one town on one "
        f"or adjacent days ({json.dumps(ucdp_ambiguity())}); their reports share the place and (a day "
        "off) the date, and many also the type, the kind of dead and a toll within the noise (UCDP codes 4 "
        "and 4 dead in one village two days apart, 16 and 16 in villages 1.2 km apart on one day). Such "
        f"look-alike events in seed {EVAL_SEEDS[0]}: {json.dumps(ucdp_lookalikes(EVAL_SEEDS[0]))}. Linking "
        "them all caps precision there; F1 0.95 needs most of them kept apart while their reports agree on "
        "every extracted field. The rest of the recall lost is governorate-level events (SOHR's daily "
        "tallies per governorate): two reports that say only 'Idlib governorate' and a day are kept apart "
        "unless their tolls agree, by design.",
        "sample_pair_*: the bundled sample corpus through the whole pipeline (ingest, extract, link), "
        "report pairs that share an incident vs truth.json same_event_groups (a dev check: real-shaped "
        f"but seen during development): {json.dumps(sample)}",
        "FA-KES weak check: each dev article's main incident as harmwatch.extract reads it, linked; pairs "
        "compared with the crowd gold date+governorate (a weak truth: one day in one governorate can hold "
        f"several events, and the gold dates are noisy): {json.dumps(fakes)}",
        "FA-KES, read by hand (the articles, not the gold, decide): of 38 linked clusters read (titles and "
        "extracted fields), about 27 are one event under noisy gold dates (the Qamishli twin bombing of "
        "2016-07-27 with gold 7/19 and 7/22, Khan Shaykhun 2017-04-04 with gold 4/5 and 4/15, the Rashidin "
        "evacuee bus bombing, Hasakeh 2016-07-05, Ghouta 2013-08-21), 5 mix one event with another and 6 "
        "are doubtful; wrong links come from extracted dates and places (a Homs article dated a week off) "
        "and from city-wide daily roll-ups ('24 hours of bombardment in Aleppo kills 45'). Same-gold pairs "
        "left apart are mostly different events under one gold date, or places extracted in different "
        "governorates (the Rashidin bombing placed in Kafraya, Idlib, by one article).",
        "Tried (2026-11-21) and not kept: a 'words' comparison, distinctive words in common between the "
        "sentences two records were read from (stoplist of function words, newsroom boilerplate, actors, "
        "weapons, governorates; EM-trained with 30-50% of training reports told in an outlet's own words). "
        "With 'few words in common' as evidence against a match: stress F1 0.947 (P 0.928, R 0.968), but the "
        "sample corpus lost real same-event pairs told in different words (pair recall 0.714 -> 0.673). With "
        "few words in common made neutral: stress F1 0.929, sample unchanged. The look-alike UCDP events are "
        "separable only by wording, which real outlets do not share.",
        f"model threshold {_threshold()}; took {time.time() - started:.1f} s",
    ]
    result = {"scores": scores, "floors": FLOORS, "notes": notes, "command": COMMAND}
    if write:
        OUT.parent.mkdir(parents=True, exist_ok=True)
        OUT.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return result


def _threshold() -> float:
    from harmwatch.link.model import load_model, threshold

    return threshold(load_model())


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
