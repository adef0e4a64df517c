"""``python -m harmwatch.evaluation [AREA ...]``: run each evaluation area and print its scores.

Every module in this package that defines ``run()`` is an area (extraction, geo,
bulletins, linkage, facilities). Each writes ``eval/<area>.json`` with its scores
and floors; the test suite fails when a score falls below its floor.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import sys
import time

import harmwatch.evaluation as package


def main(argv: list[str]) -> int:
    areas = argv or sorted(
        m.name for m in pkgutil.iter_modules(package.__path__) if not m.name.startswith("_")
    )
    below: list[str] = []
    for area in areas:
        module = importlib.import_module(f"harmwatch.evaluation.{area}")
        if not hasattr(module, "run"):
            continue
        started = time.perf_counter()
        result = module.run()
        elapsed = time.perf_counter() - started
        print(f"== {area} ({elapsed:.1f} s)")
        floors = result.get("floors", {})
        for name, score in result.get("scores", {}).items():
            floor = floors.get(name)
            mark = (
                ""
                if floor is None or not isinstance(score, (int, float)) or score >= floor
                else "  BELOW FLOOR"
            )
            if mark:
                below.append(f"{area}.{name}")
            shown = f"{score:.3f}" if isinstance(score, float) else json.dumps(score)
            print(f"  {name:<40} {shown:>10}" + (f"   floor {floor}" if floor is not None else "") + mark)
    if below:
        print("below floor: " + ", ".join(below))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
