"""Fit the toll ranker (harmwatch.extract.tollrank) on the dev70 part of FA-KES.

Usage: PYTHONPATH=src python scripts/train_tollrank.py [--write]

Every FA-KES article is extracted with the ranker switched off; for the main
incident the script records each candidate toll with its features and the
victims the incident would have if that toll were taken. A candidate is good when
those victims give the crowd's civilian and non-civilian counts. A conditional
logit (softmax over one report's candidates, L2-penalised) is fitted with numpy
on dev70 reports only; the margin by which a candidate must beat the rules' own
figure is chosen on dev70 too. The check30 score is printed as the honest number
and is never used for fitting. ``--write`` stores the weights in
src/harmwatch/extract/tollrank.json.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from typing import Any

import numpy as np

from harmwatch.evaluation.extraction import load_fakes, predicted_fields, shared_dir
from harmwatch.extract import extract_report, tollrank
from harmwatch.models import Victims

KEYS = ("civilians", "children", "women", "noncivilians")


def _fields(ext: Any, victims: Victims) -> dict[str, Any]:
    inc = dataclasses.replace(ext.incidents[0], victims=victims)
    return predicted_fields(dataclasses.replace(ext, incidents=[inc]))


def collect() -> list[dict[str, Any]]:
    rows = load_fakes(shared_dir() / "data" / "fakes" / "fakes_dev.csv")
    original = tollrank.choose
    out: list[dict[str, Any]] = []
    for r in rows:
        seen: dict[str, Any] = {}

        def spy(
            sentences: Any, victims: Victims, weights: Any = None, record: Any = None, seen: Any = seen
        ) -> None:
            seen["victims"] = dataclasses.replace(victims)
            original(sentences, victims, {}, lambda cands: seen.__setitem__("cands", cands))

        tollrank.choose = spy  # type: ignore[assignment]
        try:
            ext = extract_report(r["text"], title=r["title"], source=r["source"], report_id=r["id"])
        finally:
            tollrank.choose = original
        g = r["gold"]
        item: dict[str, Any] = {"id": r["id"], "split": r["split"], "feats": [], "ok": [], "ok4": []}
        if not ext.incidents or "victims" not in seen:
            base = predicted_fields(ext)
            item["base_ok"] = (base["civilians"], base["noncivilians"]) == (g["civilians"], g["noncivilians"])
            item["base_ok4"] = all(base[k] == g[k] for k in KEYS)
            out.append(item)
            continue
        base = _fields(ext, seen["victims"])
        item["base_ok"] = base["civilians"] == g["civilians"] and base["noncivilians"] == g["noncivilians"]
        item["base_ok4"] = all(base[k] == g[k] for k in KEYS)
        v = seen["victims"]
        children_only = not any(
            getattr(v, f) is not None and getattr(v, f).best
            for f in ("killed", "killed_civilians", "killed_combatants")
        )
        for c in seen.get("cands", []):
            if children_only and c.sentence.role not in ("head", "lead", "main"):
                continue  # tollrank.choose leaves these out too
            p = _fields(ext, c.result)
            item["feats"].append([c.features[k] for k in tollrank.FEATURES])
            item["ok"].append(p["civilians"] == g["civilians"] and p["noncivilians"] == g["noncivilians"])
            item["ok4"].append(all(p[k] == g[k] for k in KEYS))
            item.setdefault("agrees", []).append(bool(c.features["agrees"]))
        out.append(item)
    return out


def fit(items: list[dict[str, Any]], l2: float = 1.0, steps: int = 3000, lr: float = 0.3) -> np.ndarray:
    groups = [
        (np.array(it["feats"], dtype=float), np.array(it["ok"], dtype=float))
        for it in items
        if it["feats"] and 0 < sum(it["ok"]) < len(it["ok"])
    ]
    w = np.zeros(len(tollrank.FEATURES))
    n = max(1, len(groups))
    for _ in range(steps):
        grad = l2 * w
        for x, y in groups:
            s = x @ w
            p = np.exp(s - s.max())
            p /= p.sum()
            q = y / y.sum()
            grad += x.T @ (p - q) / n
        w -= lr * grad
    return w


def evaluate(items: list[dict[str, Any]], w: np.ndarray, margin: float, key: str = "ok") -> float:
    good = 0
    for it in items:
        ok = it["base_" + key]
        if it["feats"] and len(it["feats"]) >= 2:
            x = np.array(it["feats"], dtype=float)
            s = x @ w
            agrees = it["agrees"]
            b = max(range(len(s)), key=lambda i: (s[i], agrees[i], -i))
            if not agrees[b]:
                keep = [s[i] for i in range(len(s)) if agrees[i]]
                if not keep or s[b] - max(keep) >= margin:
                    ok = it[key][b]
        good += bool(ok)
    return good / max(1, len(items))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--l2", type=float, default=0.03)
    args = ap.parse_args()
    items = collect()
    dev = [it for it in items if it["split"] == "dev70"]
    check = [it for it in items if it["split"] == "check30"]
    w = fit(dev, l2=args.l2)
    base_dev = sum(it["base_ok"] for it in dev) / len(dev)
    base_check = sum(it["base_ok"] for it in check) / len(check)
    margins = [0.0, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0]
    by_margin = {m: evaluate(dev, w, m) for m in margins}
    margin = max(margins, key=lambda m: (round(by_margin[m], 4), m))
    print("features:", dict(zip(tollrank.FEATURES, np.round(w, 3).tolist(), strict=True)))
    print(f"rules: dev70 {base_dev:.3f} check30 {base_check:.3f} (civilians and non-civilians both right)")
    for m in margins:
        print(f"margin {m}: dev70 {by_margin[m]:.3f}  check30 {evaluate(check, w, m):.3f}")
    print(
        f"chosen margin {margin}: dev70 {evaluate(dev, w, margin):.3f}"
        f" check30 {evaluate(check, w, margin):.3f}; all four dev70"
        f" {evaluate(dev, w, margin, 'ok4'):.3f} check30 {evaluate(check, w, margin, 'ok4'):.3f}"
    )
    if args.write:
        data = {
            "note": "fitted on FA-KES dev70 only by scripts/train_tollrank.py",
            "weights": dict(zip(tollrank.FEATURES, [round(float(v), 4) for v in w], strict=True)),
            "margin": margin,
        }
        tollrank.WEIGHTS_PATH.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        print("wrote", tollrank.WEIGHTS_PATH)
    return 0


if __name__ == "__main__":
    sys.exit(main())
