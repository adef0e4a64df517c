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
    try:
        from harmwatch.web import serve as run_server
    except ImportError:
        typer.echo("(the web app is not part of this build yet)")
        return
    typer.echo(f"serving the map on http://{host}:{port}/ (Ctrl-C to stop)")
    run_server(db, host=host, port=port)


def main() -> None:  # pragma: no cover - console entry point
    app()
