"""The ``harmwatch`` command. Each command parses its options, makes one library
call, and prints the result; named errors become one line on stderr and exit 1.
"""

from __future__ import annotations

import csv
import functools
import json
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from harmwatch.errors import HarmwatchError
from harmwatch.store import Store, default_db, open_store

app = typer.Typer(
    help="Turn raw reports of attacks on civilians and health care into a verified, sourced record.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

F = TypeVar("F", bound=Callable[..., Any])

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Database: a SQLite file path or a postgresql:// URL. [env: HARMWATCH_DB]"),
]


def friendly_errors(func: F) -> F:
    """Turn harmwatch's named errors into one clear line and exit code 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except HarmwatchError as e:
            typer.echo(f"error: {e}", err=True)
            raise typer.Exit(1) from None

    return wrapper  # type: ignore[return-value]


def _store(db: str | None) -> Store:
    return open_store(db or default_db())


def _print_json(obj: Any) -> None:
    typer.echo(json.dumps(obj, ensure_ascii=False, indent=2))


class ListFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


@app.command()
@friendly_errors
def ingest(
    inputs: Annotated[list[str], typer.Argument(help="Files, directories, URLs, or - for stdin.")],
    published: Annotated[str | None, typer.Option(help="Publication date (ISO) for every input.")] = None,
    source: Annotated[str | None, typer.Option(help="Publisher or group for every input.")] = None,
    max_bytes: Annotated[int | None, typer.Option(help="Reject inputs larger than this.")] = None,
    db: DbOption = None,
) -> None:
    """Store reports byte-exact, idempotently; bad inputs are rejected with a stored reason."""
    from harmwatch.ingest import ingest as run_ingest
    from harmwatch.settings import settings

    conf = settings()["ingest"]
    with _store(db) as store:
        summary = run_ingest(
            store,
            inputs,
            published=published,
            source=source,
            max_bytes=max_bytes or conf["max_bytes"],
            batch_size=conf["batch_size"],
        )
    typer.echo(summary.line())
    for rejection in summary.rejections:
        typer.echo(f"rejected {rejection.origin}: {rejection.reason}", err=True)
    if summary.missing:
        raise typer.Exit(1)


@app.command()
@friendly_errors
def reports(
    rejected: Annotated[bool, typer.Option("--rejected", help="List rejected inputs and why.")] = False,
    format: Annotated[ListFormat, typer.Option("--format", help="Output format.")] = ListFormat.table,
    db: DbOption = None,
) -> None:
    """List stored reports and the incidents each one feeds, or the rejected inputs."""
    with _store(db) as store:
        if rejected:
            rows = [r.to_dict() for r in store.list_rejections()]
            columns = ["origin", "reason", "sha256", "size", "at"]
        else:
            rows = [
                {
                    "id": r.id,
                    "external_id": r.external_id,
                    "sha256": r.sha256,
                    "source": r.source,
                    "published": r.published,
                    "title": r.title,
                    "language": r.language,
                    "incidents": store.incidents_of_report(r.id),
                }
                for r in store.list_reports()
            ]
            columns = ["id", "external_id", "sha256", "source", "published", "title", "language", "incidents"]
    _print_rows(rows, columns, format)


def _print_rows(rows: list[dict[str, Any]], columns: list[str], format: ListFormat) -> None:
    if format is ListFormat.json:
        _print_json(rows)
        return
    if format is ListFormat.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: ";".join(v) if isinstance(v, list) else v for k, v in row.items()})
        return
    for row in rows:
        typer.echo("  ".join(_cell(row.get(c)) for c in columns))
    typer.echo(f"({len(rows)} rows)")


def _cell(value: Any) -> str:
    if isinstance(value, list):
        return ",".join(map(str, value)) or "-"
    text = "-" if value is None else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


class JsonFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"


@app.command()
@friendly_errors
def extract(
    files: Annotated[
        list[Path] | None, typer.Argument(help=".txt/.html (one report) or .jsonl files; stdin if none.")
    ] = None,
    published: Annotated[str | None, typer.Option(help="Publication date (ISO) for every report.")] = None,
    source: Annotated[str | None, typer.Option(help="Publisher or group for every report.")] = None,
    format: Annotated[JsonFormat, typer.Option("--format", help="One JSON document, or one line each.")] = (
        JsonFormat.jsonl
    ),
) -> None:
    """Extract incidents, bulletins and facility events from reports, statelessly (no database)."""
    from harmwatch.pipeline import extract_documents

    results, failures = extract_documents(
        files or [], published=published, source=source, stdin=sys.stdin.buffer
    )
    if format is JsonFormat.json:
        _print_json(results)
    else:
        for result in results:
            typer.echo(json.dumps(result, ensure_ascii=False))
    for origin, reason in failures:
        typer.echo(f"error: {origin}: {reason}", err=True)
    if failures:
        raise typer.Exit(1)


class Engine(StrEnum):
    duckdb = "duckdb"
    spark = "spark"


@app.command()
@friendly_errors
def process(
    engine: Annotated[
        Engine, typer.Option(help="Linkage engine: duckdb here, spark for scale.")
    ] = Engine.duckdb,
    registry: Annotated[
        Path | None, typer.Option(help="A facility registry (CSV or GeoJSON) to resolve facilities against.")
    ] = None,
    db: DbOption = None,
) -> None:
    """Extract, geocode, link and grade every stored report not yet processed (incremental)."""
    from harmwatch.pipeline import process as run_process

    with _store(db) as store:
        summary = run_process(store, engine=engine.value, registry=registry)
    for line in summary.lines():
        typer.echo(line)


class ExportFormat(StrEnum):
    json = "json"
    csv = "csv"
    geojson = "geojson"
    hxl = "hxl"


@app.command()
@friendly_errors
def incidents(
    format: Annotated[ExportFormat, typer.Option("--format", help="json, or an export format.")] = (
        ExportFormat.json
    ),
    since: Annotated[str | None, typer.Option(help="Only incidents on or after this date.")] = None,
    until: Annotated[str | None, typer.Option(help="Only incidents on or before this date.")] = None,
    area: Annotated[str | None, typer.Option(help="Governorate or district (name or P-code).")] = None,
    actor: Annotated[str | None, typer.Option(help="Perpetrator, e.g. russia, syria_gov.")] = None,
    event_type: Annotated[str | None, typer.Option("--event-type", help="e.g. airstrike, shelling.")] = None,
    grade: Annotated[str | None, typer.Option(help="confirmed, fair, weak, contested, discounted.")] = None,
    bbox: Annotated[str | None, typer.Option(help="min_lon,min_lat,max_lon,max_lat")] = None,
    db: DbOption = None,
) -> None:
    """Query incidents and export them (JSON, CSV with ACLED/UCDP columns, GeoJSON, HXL)."""
    from harmwatch.publish.exports import write_incidents
    from harmwatch.web.queries import iter_incidents, parse_filters

    filters = parse_filters(
        since=since, until=until, area=area, actor=actor, event_type=event_type, grade=grade, bbox=bbox
    )
    with _store(db) as store:
        found = iter_incidents(store, filters)
        if format is ExportFormat.json:
            _print_json([i.to_dict() for i in found])
        else:
            write_incidents(found, format.value, sys.stdout)


class TextFormat(StrEnum):
    text = "text"
    json = "json"


@app.command()
@friendly_errors
def bulletins(
    format: Annotated[TextFormat, typer.Option("--format", help="Output format.")] = TextFormat.text,
    date: Annotated[
        str | None, typer.Option(help="A day: its stored bulletins and a tally written from the record.")
    ] = None,
    reconcile: Annotated[
        bool, typer.Option("--reconcile", help="With --date: compare bulletins with the incident record.")
    ] = False,
    area: Annotated[str | None, typer.Option(help="With --reconcile: one governorate only.")] = None,
    db: DbOption = None,
) -> None:
    """Read stored bulletins, or write a day's tally from the incident record."""
    from harmwatch.bulletins import bulletins_text, day_view

    with _store(db) as store:
        if date is None:
            stored = store.list_bulletins()
            if format is TextFormat.json:
                _print_json([b.to_dict() for b in stored])
            else:
                typer.echo(bulletins_text(stored), nl=False)
            return
        view = day_view(store, date, reconcile_=reconcile, area=area)
    if format is TextFormat.json:
        _print_json(view.to_dict())
    else:
        typer.echo(view.to_text(), nl=False)


class FacilityFormat(StrEnum):
    json = "json"
    csv = "csv"
    geojson = "geojson"


@app.command()
@friendly_errors
def facilities(
    format: Annotated[FacilityFormat, typer.Option("--format", help="Output format.")] = FacilityFormat.json,
    area: Annotated[str | None, typer.Option(help="A governorate, district or town.")] = None,
    on: Annotated[str | None, typer.Option(help="Status as of this date, with counts.")] = None,
    registry: Annotated[
        Path | None, typer.Option(help="Load a facility registry (CSV or GeoJSON) first.")
    ] = None,
    population: Annotated[
        Path | None, typer.Option(help="CSV of the people each area or facility serves.")
    ] = None,
    patterns: Annotated[
        bool, typer.Option("--patterns", help="Repeated attacks; attacks by perpetrator, weapon, month.")
    ] = False,
    db: DbOption = None,
) -> None:
    """Read the facility registry, each facility's status on a date, and attack patterns."""
    import harmwatch.facilities as fac

    with _store(db) as store:
        if registry is not None:
            fac.update_registry(store, registry=registry)
        if patterns:
            _print_json(fac.patterns(store))
            return
        if on is not None:
            answer = fac.as_of(store, area=area, on=on, population=population)
            listed: list[Any] = answer["facilities"]
        else:
            answer = None
            listed = store.list_facilities()
            if area is not None:
                listed = [f for f in listed if _in_area(f, area)]
    if format is FacilityFormat.csv:
        fac.facilities_to_csv(listed, sys.stdout)
    elif format is FacilityFormat.geojson:
        _print_json(fac.facilities_to_geojson(listed))
    else:
        _print_json(answer if answer is not None else [f.to_dict() for f in listed])


def _in_area(facility: Any, area: str) -> bool:
    wanted = area.strip().lower()
    place = facility.place
    names = (place.name, place.admin1, place.admin2, place.admin3, place.admin1_pcode, place.admin2_pcode)
    return any(n and n.lower() == wanted for n in names)


@app.command()
@friendly_errors
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    db: DbOption = None,
) -> None:
    """Serve the offline map and the JSON API. Writes need HARMWATCH_TOKEN to be set."""
    _serve(db or default_db(), host, port)


@app.command()
@friendly_errors
def demo(
    db: Annotated[str, typer.Option("--db", help="Where to build the demo database (replaced).")] = "demo.db",
    serve: Annotated[bool, typer.Option("--serve/--no-serve", help="Serve the map afterwards.")] = True,
    port: Annotated[int, typer.Option(help="Port for the map.")] = 8000,
) -> None:
    """Run the whole pipeline on the bundled sample corpus into a fresh database and summarise it."""
    from harmwatch.demo import run_demo

    summary = run_demo(db)
    typer.echo(summary)
    if serve:
        _serve(db, "127.0.0.1", port)


def _serve(db: str, host: str, port: int) -> None:
    import os

    from harmwatch.web import serve as run_server

    typer.echo(f"serving the map on http://{host}:{port}/ (Ctrl-C to stop)")
    run_server(db, host=host, port=port, token=os.environ.get("HARMWATCH_TOKEN") or None)


def main() -> None:  # pragma: no cover - console entry point
    app()
