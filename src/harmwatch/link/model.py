"""The Splink model: what is compared, how candidates are blocked, and its trained parameters.

The comparisons are defined here in code, once, so they render to whichever
SQL dialect the engine speaks (DuckDB or Spark). Their m and u probabilities
are *not* hand-set: they are estimated by Splink's expectation maximisation on
the synthetic UCDP-derived reports (:mod:`harmwatch.link.train`) and shipped
in ``model.json`` beside this file, which is the Splink settings JSON saved by
``linker.misc.save_model_to_json`` plus a ``harmwatch`` block (threshold,
training command). At run time the trained m/u values are poured into the
comparisons defined here; a mismatch (the comparisons changed since training)
raises :class:`ModelMismatch` with the command that retrains.

Comparisons (each has a null level where a value is missing):

* ``date``: same day / within 1 day / within 3 days / imprecise dates that
  overlap / else.
* ``place``: one comparison, so that name, distance and admin codes (which
  say the same thing) are not counted three times: same name or spelling
  skeleton (and within 10 km when both have points) / similar name (Jaro-Winkler
  >= 0.88) nearby / within 2 km / same admin3 / within 15 km / a district-only
  place containing the other / same district / a governorate-only place
  containing the other / same governorate / else. Containment is its own
  level because "in Idlib province" *agrees* with Maarat al-Numan, while two
  different towns of one governorate disagree.
* ``event``: same type / same family (airstrike vs shelling) / else; an
  unknown type is the null level (neutral, not a disagreement).
* ``weapons``: a weapon in common / else.
* ``killed``: same figure of 10 or more (a distinctive toll) / same figure /
  overlapping ranges, both 10 or more / overlapping ranges / within half as
  much again / within a factor of four / overlapping only through an open
  count ("at least 1" vs 80) / else. An open count ("at least 15") reaches to
  2n + 3 for the nearer levels. No toll is the null level: a denial or a
  correction often gives none.
* ``victims``: the dead are of the same kind (civilians, combatants, both) /
  one report says both / else.
* ``target``: a named facility in common (spelling skeleton of its distinctive
  words) / the same kind of target (medical, school, market, ...) / else.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from harmwatch.errors import HarmwatchError

MODEL_PATH = Path(__file__).with_name("model.json")
DEFAULT_THRESHOLD = 0.9
RETRAIN = "python -m harmwatch.link.train"


class ModelMismatch(HarmwatchError):
    code = "model_mismatch"


def comparisons() -> list[Any]:
    """The comparison creators (dialect-neutral; the SQL below is DuckDB's, translated by sqlglot)."""
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl

    def custom(sql: str, label: str) -> Any:
        return cll.CustomLevel(sql, label, base_dialect_str="duckdb")

    both_days = "date_precision_l = 'day' AND date_precision_r = 'day'"
    date = cl.CustomComparison(
        output_column_name="date",
        comparison_levels=[
            cll.Or(cll.NullLevel("day"), cll.NullLevel("day_end")),
            custom(f"{both_days} AND day_l = day_r", "same day"),
            custom(f"{both_days} AND abs(day_l - day_r) <= 1", "within 1 day"),
            custom(f"{both_days} AND abs(day_l - day_r) <= 3", "within 3 days"),
            custom("NOT (" + both_days + ") AND day_l <= day_end_r AND day_r <= day_end_l", "spans overlap"),
            cll.ElseLevel(),
        ],
    )
    near = cll.Or(cll.NullLevel("lat"), cll.DistanceInKMLevel("lat", "lon", 10))
    one_coarse = "(coarse_l = 1 OR coarse_r = 1)"
    place = cl.CustomComparison(
        output_column_name="place",
        comparison_levels=[
            cll.And(cll.NullLevel("admin1"), cll.NullLevel("place_norm"), cll.NullLevel("lat")),
            cll.And(cll.Or(cll.ExactMatchLevel("place_norm"), cll.ExactMatchLevel("place_skel")), near),
            cll.And(cll.JaroWinklerLevel("place_norm", 0.88), near),
            cll.DistanceInKMLevel("lat", "lon", 2),
            cll.ExactMatchLevel("admin3"),
            cll.DistanceInKMLevel("lat", "lon", 15),
            custom(f"admin2_l = admin2_r AND {one_coarse}", "district contains the other place"),
            cll.ExactMatchLevel("admin2"),
            custom(
                f"admin1_l = admin1_r AND {one_coarse} AND (admin2_l IS NULL OR admin2_r IS NULL)",
                "governorate contains the other place",
            ),
            cll.ExactMatchLevel("admin1"),
            cll.ElseLevel(),
        ],
    )
    event = cl.CustomComparison(
        output_column_name="event",
        comparison_levels=[
            cll.NullLevel("event_type"),
            cll.ExactMatchLevel("event_type"),
            cll.ExactMatchLevel("event_family"),
            cll.ElseLevel(),
        ],
    )
    weapons = cl.CustomComparison(
        output_column_name="weapons",
        comparison_levels=[
            cll.NullLevel("weapons"),
            cll.ArrayIntersectLevel("weapons", 1),
            cll.ElseLevel(),
        ],
    )
    # "At least 15" has no upper bound, but reports of one event rarely say "at least 1"
    # of 80 dead: for the nearer levels an open count reaches to 2n + 3.
    eff_l = "coalesce(killed_hi_l, 2 * killed_lo_l + 3)"
    eff_r = "coalesce(killed_hi_r, 2 * killed_lo_r + 3)"
    hi_l = "coalesce(killed_hi_l, 1000000)"
    hi_r = "coalesce(killed_hi_r, 1000000)"

    def within(factor: float, slack: int, left: str, right: str) -> str:
        return f"killed_lo_l <= {factor} * {right} + {slack} AND killed_lo_r <= {factor} * {left} + {slack}"

    killed = cl.CustomComparison(
        output_column_name="killed",
        comparison_levels=[
            cll.NullLevel("killed_lo"),
            custom("killed_best_l = killed_best_r AND killed_best_l >= 10", "same figure, 10 or more"),
            custom("killed_best_l = killed_best_r", "same figure"),
            custom(
                within(1, 0, eff_l, eff_r) + " AND killed_lo_l >= 10 AND killed_lo_r >= 10",
                "ranges overlap, 10 or more",
            ),
            custom(within(1, 0, eff_l, eff_r), "ranges overlap"),
            custom(within(1.5, 2, eff_l, eff_r), "within half as much again"),
            custom(within(4, 4, eff_l, eff_r), "within a factor of four"),
            custom(within(1, 0, hi_l, hi_r), "only an open count overlaps"),
            cll.ElseLevel(),
        ],
    )
    victims = cl.CustomComparison(
        output_column_name="victims",
        comparison_levels=[
            cll.NullLevel("victims"),
            cll.ExactMatchLevel("victims"),
            custom("victims_l = 'mixed' OR victims_r = 'mixed'", "one side mixed"),
            cll.ElseLevel(),
        ],
    )
    target = cl.CustomComparison(
        output_column_name="target",
        comparison_levels=[
            cll.NullLevel("target_kinds"),
            cll.ArrayIntersectLevel("facilities", 1),
            cll.ArrayIntersectLevel("target_kinds", 1),
            cll.ElseLevel(),
        ],
    )
    return [date, place, event, weapons, killed, victims, target]


def blocking_rules() -> list[str]:
    """Which pairs are scored at all. Each rule is an equi-join, so it scales to millions of records:

    * same district (admin2) and a shared 7-day bucket; buckets shifted by 0 and
      by 3 days, so any two days at most 3 apart share one of them;
    * same governorate on the same day (a report that gives only the governorate);
    * the same place-name skeleton in the same calendar month (a district
      misassigned by the geocoder, a month-precision date);
    * the same named facility in the same calendar month.

    Pairs of two already merged incidents are never generated: linking is
    incremental and does not revisit settled incidents.
    """
    fresh = "(l.existing + r.existing) < 2"
    return [
        f"l.admin2 = r.admin2 AND l.wk0 = r.wk0 AND {fresh}",
        f"l.admin2 = r.admin2 AND l.wk3 = r.wk3 AND {fresh}",
        f"l.admin1 = r.admin1 AND l.day = r.day AND {fresh}",
        f"l.place_skel = r.place_skel AND l.mon = r.mon AND {fresh}",
        f"l.facility = r.facility AND l.mon = r.mon AND {fresh}",
    ]


def training_blocking_rules() -> list[str]:
    """EM sessions: block on the date to learn the place/event weights, then on the place for the date."""
    return ["l.day = r.day", "l.place_skel = r.place_skel AND l.wk0 = r.wk0"]


def settings(trained: dict[str, Any] | None = None) -> Any:
    """A Splink SettingsCreator; with ``trained`` (a saved model), its m/u values are applied."""
    from splink import SettingsCreator

    comps = comparisons()
    prior = 1e-4
    if trained is not None:
        prior = float(trained.get("probability_two_random_records_match", prior))
        saved = {c["output_column_name"]: c for c in trained.get("comparisons", [])}
        for comp in comps:
            name = comp.create_output_column_name()
            if name not in saved:
                raise ModelMismatch(f"the trained model has no comparison {name!r}; retrain with: {RETRAIN}")
            levels = [lv for lv in saved[name]["comparison_levels"] if not lv.get("is_null_level")]
            if len(levels) != comp.num_non_null_levels:
                raise ModelMismatch(f"comparison {name!r} changed since training; retrain with: {RETRAIN}")
            m = [lv.get("m_probability") for lv in levels]
            u = [lv.get("u_probability") for lv in levels]
            # Splink marks a level never seen in training with a text value (it then uses 1e-6).
            if any(v is None for v in m + u):
                raise ModelMismatch(f"comparison {name!r} is not fully trained; retrain with: {RETRAIN}")
            comp.configure(m_probabilities=m, u_probabilities=u)
    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        comparisons=comps,
        blocking_rules_to_generate_predictions=list[Any](blocking_rules()),
        probability_two_random_records_match=prior,
        retain_intermediate_calculation_columns=False,
        retain_matching_columns=False,
    )


@lru_cache(maxsize=4)
def _read(path: str) -> str:
    return Path(path).read_text(encoding="utf-8")


def load_model(path: str | Path | None = None) -> dict[str, Any]:
    """The trained model shipped in the package (or the one at ``path``)."""
    p = Path(path) if path is not None else MODEL_PATH
    if not p.is_file():
        raise ModelMismatch(f"no trained linkage model at {p}; train one with: {RETRAIN}")
    data: dict[str, Any] = json.loads(_read(str(p)))
    return data


def threshold(model: dict[str, Any] | None = None) -> float:
    """The match probability at or above which two records are one event."""
    if model is None:
        return DEFAULT_THRESHOLD
    return float(model.get("harmwatch", {}).get("threshold", DEFAULT_THRESHOLD))
