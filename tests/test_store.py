"""One set of store tests, run against every backend.

Each test takes ``backend_store`` (or ``backend_url``), which is parametrised
over SQLite and PostgreSQL, so the same bodies check that both backends behave
the same. PostgreSQL needs a server: set ``HARMWATCH_TEST_PG`` to a DSN (see
``.ci/start-postgres.sh``). Without it the PostgreSQL runs are skipped, except
under CI (``CI=true``), where they fail so that CI cannot skip them quietly.
Each PostgreSQL test gets its own schema, dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pytest

from harmwatch.errors import BadQuery, MigrationError, MissingExtra, NotFound
from harmwatch.models import (
    Bulletin,
    BulletinTotals,
    Claim,
    DateSpan,
    Facility,
    FacilityEvent,
    Incident,
    Perpetrator,
    Place,
    Range,
    Rejection,
    Report,
    StatusEntry,
    Victims,
)
from harmwatch.store import IncidentQuery, Store, open_store
from harmwatch.store.migrations import MIGRATIONS

PG_ENV = "HARMWATCH_TEST_PG"


def postgres_dsn() -> str:
    """The test server's DSN; skip without one, or fail under CI."""
    dsn = os.environ.get(PG_ENV)
    if not dsn:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{PG_ENV} is not set under CI; start a server with .ci/start-postgres.sh")
        pytest.skip(f"{PG_ENV} not set (no PostgreSQL server to test against)")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        if os.environ.get("CI") == "true":
            pytest.fail("psycopg is not installed under CI; pip install 'harmwatch[postgres]'")
        pytest.skip("psycopg not installed")
    return dsn


def with_search_path(dsn: str, schema: str) -> str:
    """The DSN with libpq's ``options=-csearch_path=<schema>`` added."""
    parts = urlsplit(dsn)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "options"]
    query.append(("options", f"-csearch_path={schema}"))
    return urlunsplit(parts._replace(query=urlencode(query)))


BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgres", id="postgres", marks=pytest.mark.postgres),
]


@contextmanager
def empty_database(kind: str, tmp_dir: Path) -> Iterator[str]:
    """A URL that ``open_store`` accepts, pointing at an empty database of the given backend."""
    if kind == "sqlite":
        yield str(tmp_dir / "test.db")
        return
    import psycopg
    from psycopg import sql

    dsn = postgres_dsn()
    schema = f"hw_test_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(dsn, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
    try:
        yield with_search_path(dsn, schema)
    finally:
        with psycopg.connect(dsn, autocommit=True) as admin:
            admin.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema)))


@pytest.fixture(params=BACKENDS)
def backend_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database of each backend, new for each test."""
    with empty_database(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def backend_store(backend_url: str) -> Iterator[Store]:
    """A fresh, migrated store of each backend."""
    s = open_store(backend_url)
    try:
        yield s
    finally:
        s.close()


# --- helpers ---------------------------------------------------------------------


def make_report(n: int, text: str = "", **kw: object) -> Report:
    return Report(
        id=f"rep-{n:04d}",
        sha256=f"{n:064x}",
        text=text or f"report {n}",
        source="test",
        retrieved="2020-01-01T00:00:00+00:00",
        size=len(text or f"report {n}"),
        **kw,  # type: ignore[arg-type]
    )


def make_incident(
    iid: str,
    start: str,
    *,
    end: str | None = None,
    admin1: str | None = "SY02",
    lat: float | None = 36.2,
    lon: float | None = 37.1,
    actors: tuple[str, ...] = ("syria_gov",),
    event_type: str = "airstrike",
    grade: str = "fair",
    killed: int | None = 3,
    claims: int = 1,
) -> Incident:
    return Incident(
        id=iid,
        date=DateSpan(start=start, end=end or start, precision="day"),
        place=Place(name="Aleppo", admin1="Aleppo", admin1_pcode=admin1, lat=lat, lon=lon, precision="town"),
        event_type=event_type,
        perpetrators=[Perpetrator(actor=a, attribution="alleged") for a in actors],
        victims=Victims(killed=Range.exact(killed) if killed is not None else None),
        claims=[
            Claim(
                report_id=f"rep-{k:04d}",
                source="test",
                kind="report",
                field="victims.killed",
                value={"best": killed, "low": killed, "high": None},
                quote=f"{killed} people were killed",
            )
            for k in range(claims)
        ],
        grade=grade,
        report_ids=[f"rep-{k:04d}" for k in range(claims)],
        summary="Airstrike on a market — «سوق» 100% destroyed?",
    )


def ids(incidents: list[Incident]) -> list[str]:
    return [i.id for i in incidents]


# --- schema ----------------------------------------------------------------------


def test_migrations_are_versioned_and_idempotent(backend_url: str) -> None:
    names = [m.name for m in MIGRATIONS]
    with open_store(backend_url, migrate=False) as s:
        assert s.migrate() == names
        assert s.schema_version() == sorted(names)
        assert s.migrate() == []
    with open_store(backend_url) as s:  # reopening migrates again: nothing left to do
        assert s.migrate() == []
        assert s.schema_version() == sorted(names)
        for table in (
            "reports",
            "rejections",
            "incidents",
            "links",
            "claims",
            "bulletins",
            "facilities",
            "facility_status",
            "area_statements",
            "meta",
            "facility_events",
            "migrations",
        ):
            assert s._table_exists(table), table
        assert not s._table_exists("no_such_table")


def test_unknown_migration_in_database_is_refused(backend_store: Store) -> None:
    backend_store._execute(
        "INSERT INTO migrations (name, applied_at) VALUES (?, ?)", ("9999_from_the_future", "2030-01-01")
    )
    with pytest.raises(MigrationError, match="9999_from_the_future"):
        backend_store.migrate()


def test_migration_sql_renders_for_every_dialect() -> None:
    from harmwatch.store.postgres import POSTGRES
    from harmwatch.store.sqlite import SQLITE

    for migration in MIGRATIONS:
        for dialect in (SQLITE, POSTGRES):
            rendered = dialect.render(migration.sql)
            assert "{" not in rendered and "}" not in rendered, (migration.name, dialect.name)
    pg = POSTGRES.render("CREATE TABLE t (n INTEGER, b {blob}, j {json}, s {serial}, r {real})")
    assert pg == "CREATE TABLE t (n BIGINT, b BYTEA, j TEXT, s BIGSERIAL PRIMARY KEY, r DOUBLE PRECISION)"


# --- reports and rejections ---------------------------------------------------------


HOSTILE_RAW = (
    b"\x00\x00start\x00"  # NUL bytes
    + bytes(range(256))  # every byte value
    + b"\xff\xfe\xc3\x28\xa0\xa1\xe2\x82"  # invalid UTF-8 sequences
    + "تقرير عن غارة".encode()  # valid UTF-8 Arabic
    + "caf\xe9".encode("latin-1")  # Latin-1, not UTF-8
    + b"\x00"
)


def test_add_report_is_idempotent_and_keeps_raw_bytes_exactly(backend_store: Store) -> None:
    report = make_report(1, text="قصف على مشفى — 12 killed", title="T", language="ar", published="2016-04-27")
    assert backend_store.add_report(report, HOSTILE_RAW) is True
    assert backend_store.add_report(report, HOSTILE_RAW) is False
    # Same bytes under another id are still the same report.
    twin = make_report(2)
    twin.sha256 = report.sha256
    assert backend_store.add_report(twin, HOSTILE_RAW) is False
    assert backend_store.count_reports() == 1
    assert backend_store.has_report(report.sha256)
    assert not backend_store.has_report("0" * 64 + "x")

    raw = backend_store.get_report_raw(report.id)
    assert type(raw) is bytes
    assert raw == HOSTILE_RAW
    got = backend_store.get_report(report.id)
    assert got == report
    with pytest.raises(NotFound):
        backend_store.get_report("rep-missing")
    with pytest.raises(NotFound):
        backend_store.get_report_raw("rep-missing")


def test_report_text_with_nul_is_stored(backend_store: Store) -> None:
    # PostgreSQL text cannot hold NUL: that backend keeps U+FFFD in its place. Either way
    # the store must not refuse the report, and the raw bytes keep the NUL.
    text = "before\x00after"
    report = make_report(3, text=text)
    assert backend_store.add_report(report, text.encode())
    got = backend_store.get_report(report.id).text
    assert got.replace("\x00", "\ufffd") == "before\ufffdafter"
    assert backend_store.get_report_raw(report.id) == b"before\x00after"


def test_processed_flag_and_listing_order(backend_store: Store) -> None:
    for n, published in [(3, "2016-05-01"), (1, "2016-04-01"), (2, "2016-04-15")]:
        backend_store.add_report(make_report(n, published=published), f"raw {n}".encode())
    assert [r.id for r in backend_store.list_reports()] == ["rep-0001", "rep-0002", "rep-0003"]
    backend_store.mark_processed("rep-0002")
    assert [r.id for r in backend_store.list_reports(processed=False)] == ["rep-0001", "rep-0003"]
    done = backend_store.list_reports(processed=True)
    assert [r.id for r in done] == ["rep-0002"]
    assert done[0].processed is True


def test_rejections_are_kept_once(backend_store: Store) -> None:
    first = Rejection(
        id="rej-1",
        origin="inbox/a.bin",
        reason="binary content",
        sha256="ab" * 32,
        size=10,
        at="2020-01-02T00:00:00+00:00",
    )
    second = Rejection(id="rej-2", origin="stdin", reason="empty", at="2020-01-01T00:00:00+00:00")
    assert backend_store.add_rejection(first) is True
    assert backend_store.add_rejection(first) is False
    assert backend_store.add_rejection(second) is True
    assert backend_store.list_rejections() == [second, first]


# --- incidents ---------------------------------------------------------------------


def sample_incidents() -> list[Incident]:
    """Five incidents that differ in every filtered field."""
    return [
        make_incident(
            "inc-a",
            "2016-04-27",
            admin1="SY02",
            lat=36.20,
            lon=37.15,
            actors=("syria_gov", "russia"),
            event_type="airstrike",
            grade="confirmed",
            claims=2,
        ),
        make_incident(
            "inc-b",
            "2016-05-03",
            end="2016-05-05",
            admin1="SY02",
            lat=36.00,
            lon=37.00,
            actors=("opposition",),
            event_type="shelling",
            grade="fair",
        ),
        make_incident(
            "inc-c",
            "2017-04-04",
            admin1="SY07",
            lat=35.44,
            lon=36.64,
            actors=("syria_gov",),
            event_type="chemical",
            grade="confirmed",
            killed=89,
            claims=3,
        ),
        make_incident(
            "inc-d",
            "2018-02-20",
            admin1="SY03",
            lat=33.57,
            lon=36.40,
            actors=(),
            event_type="shelling",
            grade="weak",
            killed=None,
            claims=0,
        ),
        make_incident(
            "inc-e",
            "2019-01-01",
            admin1=None,
            lat=None,
            lon=None,
            actors=("russia_unknown_prefix",),
            event_type="unknown",
            grade="contested",
        ),
    ]


@pytest.fixture
def incidents(backend_store: Store) -> list[Incident]:
    records = sample_incidents()
    with backend_store.transaction():
        for inc in records:
            backend_store.save_incident(inc)
    return records


@pytest.fixture(scope="module", params=BACKENDS)
def filled_store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """One store per backend holding :func:`sample_incidents`, shared by read-only tests."""
    with empty_database(request.param, tmp_path_factory.mktemp("filled")) as url, open_store(url) as s:
        with s.transaction():
            for inc in sample_incidents():
                s.save_incident(inc)
        yield s


def test_save_and_get_incident_round_trips(filled_store: Store) -> None:
    backend_store = filled_store
    for inc in sample_incidents():
        assert backend_store.get_incident(inc.id) == inc
    with pytest.raises(NotFound):
        backend_store.get_incident("inc-missing")
    assert ids(backend_store.query_incidents()) == ["inc-a", "inc-b", "inc-c", "inc-d", "inc-e"]
    assert backend_store.count_incidents() == 5


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (IncidentQuery(since="2017-01-01"), ["inc-c", "inc-d", "inc-e"]),
        (IncidentQuery(since="2016-05-04"), ["inc-b", "inc-c", "inc-d", "inc-e"]),  # b ends on 05-05
        (IncidentQuery(until="2016-12-31"), ["inc-a", "inc-b"]),
        (IncidentQuery(since="2016-05-01", until="2017-12-31"), ["inc-b", "inc-c"]),
        (IncidentQuery(admin1_pcode="SY02"), ["inc-a", "inc-b"]),
        (IncidentQuery(actor="russia"), ["inc-a"]),  # not russia_unknown_prefix
        (IncidentQuery(actor="syria_gov"), ["inc-a", "inc-c"]),
        (IncidentQuery(actor="RUSSIA"), ["inc-a"]),  # case-insensitive, as SQLite's LIKE
        (IncidentQuery(event_type="shelling"), ["inc-b", "inc-d"]),
        (IncidentQuery(grade="confirmed"), ["inc-a", "inc-c"]),
        (IncidentQuery(bbox=(36.9, 35.9, 37.2, 36.3)), ["inc-a", "inc-b"]),
        (IncidentQuery(bbox=(36.0, 33.0, 37.0, 36.0)), ["inc-b", "inc-c", "inc-d"]),  # edges included
        (IncidentQuery(admin1_pcode="SY02", grade="confirmed", actor="russia"), ["inc-a"]),
        (IncidentQuery(limit=2), ["inc-a", "inc-b"]),
        (IncidentQuery(limit=2, offset=2), ["inc-c", "inc-d"]),
        (IncidentQuery(limit=10, offset=4), ["inc-e"]),
        (IncidentQuery(limit=0), []),
        (IncidentQuery(admin1_pcode="SY99"), []),
    ],
)
def test_query_incidents_filters(filled_store: Store, query: IncidentQuery, expected: list[str]) -> None:
    backend_store = filled_store
    assert ids(backend_store.query_incidents(query)) == expected
    unpaged = IncidentQuery(**{**query.__dict__, "limit": None, "offset": 0})
    assert backend_store.count_incidents(unpaged) == len(backend_store.query_incidents(unpaged))


def test_undated_records_sort_first_on_every_backend(backend_store: Store) -> None:
    undated = make_incident("inc-undated", "2016-01-01")
    undated.date = DateSpan()
    backend_store.save_incident(make_incident("inc-dated", "2015-06-01"))
    backend_store.save_incident(undated)
    assert ids(backend_store.query_incidents()) == ["inc-undated", "inc-dated"]
    assert ids(backend_store.query_incidents(IncidentQuery(limit=1))) == ["inc-undated"]
    assert ids(backend_store.query_incidents(IncidentQuery(since="2015-01-01"))) == ["inc-dated"]

    backend_store.add_report(make_report(1, published="2016-01-01"), b"a")
    backend_store.add_report(make_report(2), b"b")
    assert [r.id for r in backend_store.list_reports()] == ["rep-0002", "rep-0001"]
    backend_store.save_bulletin(Bulletin(id="bul-dated", date="2016-01-01"))
    backend_store.save_bulletin(Bulletin(id="bul-undated"))
    assert [b.id for b in backend_store.list_bulletins()] == ["bul-undated", "bul-dated"]
    backend_store.save_area_statement("st-dated", "Aleppo", None, "2016-01-01", None, {"id": "st-dated"})
    backend_store.save_area_statement("st-undated", "Aleppo", None, None, None, {"id": "st-undated"})
    assert [d["id"] for d in backend_store.list_area_statements()] == ["st-undated", "st-dated"]


def test_text_orders_by_code_point_on_every_backend(backend_store: Store) -> None:
    names = ["zeta", "Zeta", "alpha", "Émile", "مشفى", "_x", "10"]
    for n, name in enumerate(names):
        backend_store.save_facility(Facility(id=f"fac-{n}", name=name))
    assert [f.name for f in backend_store.list_facilities()] == sorted(names)


def test_bad_bbox_is_a_bad_query(filled_store: Store) -> None:
    backend_store = filled_store
    with pytest.raises(BadQuery):
        backend_store.query_incidents(IncidentQuery(bbox=(37.0, 36.0, 36.0, 37.0)))


def test_claims_rows_follow_the_incident(backend_store: Store, incidents: list[Incident]) -> None:
    def claim_rows(iid: str) -> list[dict[str, object]]:
        return backend_store._query(
            "SELECT incident_id, report_id, kind, field, value, quote FROM claims WHERE incident_id = ?"
            " ORDER BY id",
            (iid,),
        )

    rows = claim_rows("inc-c")
    assert [r["report_id"] for r in rows] == ["rep-0000", "rep-0001", "rep-0002"]
    assert rows[0]["field"] == "victims.killed"
    assert rows[0]["quote"] == "89 people were killed"
    from harmwatch.store.base import _loads

    assert _loads(rows[0]["value"]) == {"best": 89, "low": 89, "high": None}
    # Saving again replaces the claims rather than adding to them.
    changed = backend_store.get_incident("inc-c")
    changed.claims = changed.claims[:1]
    backend_store.save_incident(changed)
    assert len(claim_rows("inc-c")) == 1
    backend_store.delete_incident("inc-c")
    assert claim_rows("inc-c") == []
    with pytest.raises(NotFound):
        backend_store.get_incident("inc-c")
    assert backend_store.count_incidents() == 4


def test_counts_beyond_32_bits(backend_store: Store) -> None:
    # A hostile or mistaken figure must not make the save fail on either backend.
    inc = make_incident("inc-big", "2016-01-01", killed=12_000_000_000)
    backend_store.save_incident(inc)
    assert backend_store.get_incident("inc-big").victims.killed == Range.exact(12_000_000_000)
    rows = backend_store._query("SELECT killed_best FROM incidents WHERE id = ?", ("inc-big",))
    assert rows[0]["killed_best"] == 12_000_000_000


def test_incidents_changed_since_follows_saves_in_order(backend_store: Store) -> None:
    assert backend_store.last_incident_seq() == 0
    assert backend_store.incidents_changed_since(0) == []
    for iid in ("inc-1", "inc-2", "inc-3"):
        backend_store.save_incident(make_incident(iid, "2016-01-01"))
    first = backend_store.incidents_changed_since(0)
    assert [i.id for _, i in first] == ["inc-1", "inc-2", "inc-3"]
    seqs = [s for s, _ in first]
    assert seqs == sorted(seqs) and len(set(seqs)) == 3
    assert backend_store.last_incident_seq() == seqs[-1]

    # Saving inc-1 again moves it to the end of the feed.
    backend_store.save_incident(make_incident("inc-1", "2016-01-02"))
    after = backend_store.incidents_changed_since(seqs[-1])
    assert [i.id for _, i in after] == ["inc-1"]
    assert after[0][1].date.start == "2016-01-02"
    assert [i.id for _, i in backend_store.incidents_changed_since(0)] == ["inc-2", "inc-3", "inc-1"]
    assert [i.id for _, i in backend_store.incidents_changed_since(0, limit=2)] == ["inc-2", "inc-3"]
    assert backend_store.last_incident_seq() == after[0][0]
    assert ids(backend_store.query_incidents(IncidentQuery(after_seq=seqs[1]))) == ["inc-3", "inc-1"]


# --- links --------------------------------------------------------------------------


def test_report_incidents_and_links(backend_store: Store) -> None:
    for n in (1, 2):
        backend_store.add_report(make_report(n), f"raw {n}".encode())
    extracted = [make_incident("", "2016-04-27"), make_incident("", "2016-04-28", killed=7)]
    backend_store.save_report_incidents("rep-0001", extracted)
    backend_store.save_report_incidents("rep-0002", [make_incident("", "2016-04-27", killed=4)])

    rows = backend_store.report_incidents(report_id="rep-0001")
    assert [(r, i, inc_id) for r, i, inc_id, _ in rows] == [("rep-0001", 0, None), ("rep-0001", 1, None)]
    assert rows[1][3] == extracted[1]
    assert backend_store.incidents_of_report("rep-0001") == []

    assert [(r, i) for r, i, _, _ in backend_store.unlinked_report_incidents()] == [
        ("rep-0001", 0),
        ("rep-0001", 1),
        ("rep-0002", 0),
    ]
    backend_store.set_link("rep-0001", 0, "inc-x", 0.93)
    backend_store.set_link("rep-0002", 0, "inc-x", None)
    backend_store.set_link("rep-0001", 1, "inc-y", 1.0)
    linked = backend_store.report_incidents(incident_id="inc-x")
    assert [(r, i) for r, i, _, _ in linked] == [("rep-0001", 0), ("rep-0002", 0)]
    assert sorted(backend_store.incidents_of_report("rep-0001")) == ["inc-x", "inc-y"]
    # A link to an incident that is not (yet) on record still counts as unlinked.
    assert len(backend_store.unlinked_report_incidents()) == 3
    backend_store.save_incident(make_incident("inc-x", "2016-04-27"))
    assert [(r, i) for r, i, _, _ in backend_store.unlinked_report_incidents()] == [("rep-0001", 1)]
    scores = backend_store._query("SELECT score FROM links WHERE report_id = ? ORDER BY idx", ("rep-0001",))
    assert [r["score"] for r in scores] == [pytest.approx(0.93), 1.0]

    # Re-extracting a report replaces its rows.
    backend_store.save_report_incidents("rep-0001", [make_incident("", "2016-04-29")])
    assert len(backend_store.report_incidents(report_id="rep-0001")) == 1
    assert len(backend_store.report_incidents()) == 2
    backend_store.save_report_incidents("rep-0001", [])
    assert backend_store.report_incidents(report_id="rep-0001") == []


# --- bulletins, facilities, statements, meta ----------------------------------------


def test_bulletins(backend_store: Store) -> None:
    backend_store.add_report(make_report(1), b"raw")
    b1 = Bulletin(
        id="bul-1",
        report_id="rep-0001",
        source="SNHR",
        date="2016-04-28",
        totals=BulletinTotals(killed=Range.exact(41)),
        consistent=False,
        discrepancies=["areas add up to 39, total says 41"],
    )
    b2 = Bulletin(
        id="bul-2", source="SNHR", date="2016-04-27", totals=BulletinTotals(killed=Range(30, 30, None))
    )
    backend_store.save_bulletin(b1)
    backend_store.save_bulletin(b2)
    assert backend_store.list_bulletins() == [b2, b1]
    assert backend_store.list_bulletins(date="2016-04-28") == [b1]
    assert backend_store.list_bulletins(date="2000-01-01") == []
    b1.consistent = True
    b1.discrepancies = []
    backend_store.save_bulletin(b1)
    assert backend_store.list_bulletins(date="2016-04-28") == [b1]
    assert len(backend_store.list_bulletins()) == 2


def test_facilities_and_status_timeline(backend_store: Store) -> None:
    history = [
        StatusEntry(
            date="2016-04-27",
            status="destroyed",
            incident_id="inc-a",
            report_id="rep-0001",
            quote="al-Quds hospital was destroyed",
        ),
        StatusEntry(date="2016-01-01", status="functioning"),
        StatusEntry(date=None, status="unknown", quote="date unknown"),
    ]
    quds = Facility(
        id="fac-quds",
        name="al-Quds Hospital",
        aliases=["مشفى القدس"],
        kind="hospital",
        place=Place(name="Sukkari", admin1_pcode="SY02", lat=36.18, lon=37.15),
        status_history=history,
        status="destroyed",
    )
    clinic = Facility(id="fac-clinic", name="A Clinic", kind="clinic")
    backend_store.save_facility(quds)
    backend_store.save_facility(clinic)
    assert backend_store.get_facility("fac-quds") == quds
    assert [f.id for f in backend_store.list_facilities()] == ["fac-clinic", "fac-quds"]
    # Date order, undated first on every backend.
    assert backend_store.status_entries("fac-quds") == [history[2], history[1], history[0]]

    quds.status_history = [history[1]]
    quds.status = "functioning"
    backend_store.save_facility(quds)
    assert backend_store.status_entries("fac-quds") == [history[1]]
    assert backend_store.get_facility("fac-quds").status == "functioning"

    backend_store.delete_facility("fac-quds")
    with pytest.raises(NotFound):
        backend_store.get_facility("fac-quds")
    assert backend_store.status_entries("fac-quds") == []
    assert [f.id for f in backend_store.list_facilities()] == ["fac-clinic"]


def test_facility_events(backend_store: Store) -> None:
    for n in (1, 2):
        backend_store.add_report(make_report(n), f"raw {n}".encode())
    ev = [
        FacilityEvent(
            name="al-Quds Hospital",
            kind="hospital",
            date="2016-04-27",
            status="destroyed",
            perpetrators=[Perpetrator("syria_gov", "alleged")],
            incident_index=0,
            quote="the hospital was destroyed",
        ),
        FacilityEvent(name=None, kind="ambulance", quote="an ambulance was hit"),
    ]
    backend_store.save_facility_events("rep-0001", ev)
    backend_store.save_facility_events("rep-0002", [ev[0]])
    rows = backend_store.facility_events()
    assert [(r, i, f) for r, i, f, _ in rows] == [
        ("rep-0001", 0, None),
        ("rep-0001", 1, None),
        ("rep-0002", 0, None),
    ]
    assert rows[0][3] == ev[0] and rows[1][3] == ev[1]
    backend_store.set_facility_event_facility("rep-0001", 0, "fac-quds")
    assert [(r, i) for r, i, _, _ in backend_store.facility_events(unresolved_only=True)] == [
        ("rep-0001", 1),
        ("rep-0002", 0),
    ]
    assert backend_store.facility_events()[0][2] == "fac-quds"
    backend_store.save_facility_events("rep-0001", [])
    assert [(r, i) for r, i, _, _ in backend_store.facility_events()] == [("rep-0002", 0)]


def test_area_statements(backend_store: Store) -> None:
    backend_store.save_area_statement(
        "st-2",
        "eastern Ghouta",
        "SY03",
        "2018-02-25",
        None,
        {"id": "st-2", "text": "no hospital still works", "n": 0},
    )
    backend_store.save_area_statement(
        "st-1", "Aleppo city", "SY02", "2016-04-30", "rep-0001", {"id": "st-1", "text": "حلب", "pct": 100.0}
    )
    assert backend_store.list_area_statements() == [
        {"id": "st-1", "text": "حلب", "pct": 100.0},
        {"id": "st-2", "text": "no hospital still works", "n": 0},
    ]
    backend_store.save_area_statement("st-1", "Aleppo city", "SY02", "2016-04-30", "rep-0001", {"id": "st-1"})
    assert backend_store.list_area_statements()[0] == {"id": "st-1"}
    assert len(backend_store.list_area_statements()) == 2


def test_meta(backend_store: Store) -> None:
    assert backend_store.get_meta("model") is None
    value = {"weights": [0.1, 2.5e-7], "name": "m\u0000odel %s ?", "nested": {"ok": True, "n": None}}
    backend_store.set_meta("model", value)
    assert backend_store.get_meta("model") == value
    backend_store.set_meta("model", [1, 2, 3])
    assert backend_store.get_meta("model") == [1, 2, 3]
    backend_store.set_meta("flag", False)
    assert backend_store.get_meta("flag") is False


# --- transactions -------------------------------------------------------------------


class Boom(Exception):
    pass


def test_transaction_rolls_back_everything_on_error(backend_store: Store) -> None:
    with pytest.raises(Boom), backend_store.transaction():
        backend_store.add_report(make_report(1), b"raw")
        backend_store.save_incident(make_incident("inc-1", "2016-01-01"))
        backend_store.set_meta("k", 1)
        with backend_store.transaction():  # nested: joins the outer one
            backend_store.save_bulletin(Bulletin(id="bul-1", date="2016-01-01"))
        raise Boom
    assert backend_store.count_reports() == 0
    assert backend_store.count_incidents() == 0
    assert backend_store.get_meta("k") is None
    assert backend_store.list_bulletins() == []
    assert backend_store._query("SELECT COUNT(*) AS n FROM claims")[0]["n"] == 0

    # An error in a nested block undoes the outer block too.
    with pytest.raises(Boom), backend_store.transaction():
        backend_store.set_meta("outer", 1)
        with backend_store.transaction():
            backend_store.set_meta("inner", 1)
            raise Boom
    assert backend_store.get_meta("outer") is None and backend_store.get_meta("inner") is None

    # The store is usable afterwards, and a clean block commits.
    with backend_store.transaction():
        backend_store.set_meta("k", 2)
        with backend_store.transaction():
            backend_store.add_report(make_report(1), b"raw")
    assert backend_store.get_meta("k") == 2
    assert backend_store.count_reports() == 1


def test_failed_statement_rolls_back_the_transaction(backend_store: Store) -> None:
    backend_store.add_report(make_report(1), b"raw")
    with pytest.raises(Exception), backend_store.transaction():  # noqa: B017 - driver errors differ
        backend_store.set_meta("k", 1)
        # A link to a report that does not exist breaks the foreign key.
        backend_store.save_report_incidents("rep-missing", [make_incident("", "2016-01-01")])
    assert backend_store.get_meta("k") is None
    backend_store.set_meta("k", 2)
    assert backend_store.get_meta("k") == 2


def test_writes_are_visible_to_a_second_connection(backend_url: str) -> None:
    with open_store(backend_url) as writer, open_store(backend_url) as reader:
        writer.save_incident(make_incident("inc-1", "2016-01-01"))
        assert reader.get_incident("inc-1").id == "inc-1"
        with writer.transaction():
            writer.save_incident(make_incident("inc-2", "2016-01-01"))
        assert reader.count_incidents() == 2


# --- backend-specific pieces that need no server ------------------------------------------


def test_placeholder_translation() -> None:
    from harmwatch.store.postgres import to_pyformat

    assert to_pyformat("SELECT a FROM t WHERE b = ? AND c = ?") == "SELECT a FROM t WHERE b = %s AND c = %s"
    assert to_pyformat("SELECT '?' AS q, \"w?\" FROM t WHERE x LIKE '%a%' AND y = ?") == (
        "SELECT '?' AS q, \"w?\" FROM t WHERE x LIKE '%%a%%' AND y = %s"
    )
    assert to_pyformat("SELECT 'it''s ?', n % 2 FROM t -- why?\nWHERE z = ?") == (
        "SELECT 'it''s ?', n %% 2 FROM t -- why?\nWHERE z = %s"
    )
    assert to_pyformat("SELECT $$ a ? b $$, /* ? */ ?") == "SELECT $$ a ? b $$, /* ? */ %s"
    assert to_pyformat("SELECT %s") == "SELECT %%s"


def test_missing_psycopg_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from harmwatch.store.postgres import PostgresStore

    monkeypatch.setitem(sys.modules, "psycopg", None)
    with pytest.raises(MissingExtra) as info:
        PostgresStore("postgresql://nobody@127.0.0.1:1/none")
    assert info.value.extra == "postgres"


def test_unreachable_server_is_a_store_error() -> None:
    pytest.importorskip("psycopg")
    from harmwatch.errors import StoreError
    from harmwatch.store.postgres import PostgresStore

    with pytest.raises(StoreError) as info:
        PostgresStore("postgresql://nobody:secret@127.0.0.1:1/none", connect_timeout=2)
    assert "secret" not in str(info.value)


def test_ci_refuses_to_skip_postgres(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(PG_ENV, raising=False)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception):
        postgres_dsn()
    monkeypatch.setenv("CI", "false")
    with pytest.raises(pytest.skip.Exception):
        postgres_dsn()


@pytest.mark.postgres
def test_postgres_reconnects_after_the_server_drops_the_connection(tmp_path: Path) -> None:
    import psycopg

    with empty_database("postgres", tmp_path) as url, open_store(url) as s:
        s.set_meta("k", 1)
        pid = s.conn.info.backend_pid  # type: ignore[attr-defined]
        with psycopg.connect(postgres_dsn(), autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        with pytest.raises(psycopg.OperationalError):
            s.get_meta("k")  # this statement met the dropped connection
        assert s.get_meta("k") == 1  # the next one reconnects, to the same schema
        s.set_meta("k", 2)
        assert s.get_meta("k") == 2


def test_closed_store_refuses_work(backend_url: str) -> None:
    s = open_store(backend_url)
    s.close()
    with pytest.raises(Exception):  # noqa: B017 - sqlite3.ProgrammingError or StoreError
        s.get_meta("k")


# --- the whole pipeline, on both backends -----------------------------------------------


def _record_snapshot(url: str) -> dict[str, object]:
    """Ingest and process the bundled sample corpus; everything the record holds, as plain data."""
    from harmwatch.demo import sample_dir
    from harmwatch.ingest import ingest
    from harmwatch.pipeline import process
    from harmwatch.web.queries import incident_points, iter_incidents, parse_filters

    filters = [
        parse_filters(),
        parse_filters(since="2016-01-01", until="2017-12-31"),
        parse_filters(actor="syria_gov"),
        parse_filters(area="Aleppo", event_type="airstrike"),
        parse_filters(bbox="35,32,43,38", since="2014-01-01"),
    ]
    corpus = sample_dir()
    with open_store(url) as s:
        ingest(s, [str(corpus / "reports.jsonl"), str(corpus / "html")])
        summary = process(s)
        reports = [{**r.to_dict(), "retrieved": None} for r in s.list_reports()]  # the clock differs
        return {
            "summary": summary.lines(),
            "reports": reports,
            "raw": [s.get_report_raw(r["id"]) for r in reports],
            "incidents": [i.to_dict() for i in s.query_incidents()],
            "feed": [i.id for _, i in s.incidents_changed_since(0, limit=10_000)],
            "links": [(r, i, inc, x.to_dict()) for r, i, inc, x in s.report_incidents()],
            "bulletins": [b.to_dict() for b in s.list_bulletins()],
            "facilities": [f.to_dict() for f in s.list_facilities()],
            "facility_events": [(r, i, f, e.to_dict()) for r, i, f, e in s.facility_events()],
            "area_statements": s.list_area_statements(),
            "rejections": [r.to_dict() for r in s.list_rejections()],
            # The web layer's own SQL (keyset pages, map points).
            "web_pages": [[i.id for i in iter_incidents(s, f, batch=5)] for f in filters],
            "web_points": [incident_points(s, f)[0] for f in filters],
        }


@pytest.mark.postgres
@pytest.mark.slow
def test_pipeline_gives_the_same_record_on_postgres_as_on_sqlite(tmp_path: Path) -> None:
    with empty_database("postgres", tmp_path) as pg_url:
        on_postgres = _record_snapshot(pg_url)
    on_sqlite = _record_snapshot(str(tmp_path / "sqlite.db"))
    assert on_sqlite["incidents"], "the sample corpus should yield incidents"
    for key, value in on_sqlite.items():
        assert on_postgres[key] == value, key


def test_one_filter_builder_serves_the_store_and_the_web(backend_store: Store) -> None:
    from harmwatch.store.base import incident_filters
    from harmwatch.web.queries import Filters, incident_page

    place = Place(
        name="Kafr Nabl", admin1_pcode="SY07", admin2_pcode="SY0703", lat=35.6, lon=36.5, precision="town"
    )
    blamed = [Perpetrator("russia", "alleged"), Perpetrator("syria_gov", "alleged")]
    inc = Incident(
        id="inc-a", date=DateSpan("2020-02-10", "2020-02-10", "day"), place=place, perpetrators=blamed
    )
    backend_store.save_incident(inc)
    q = IncidentQuery(admin2_pcode="SY0703", actor="Russia")
    assert [i.id for i in backend_store.query_incidents(q)] == ["inc-a"]
    assert incident_filters(q) == incident_filters(Filters(admin2_pcode="SY0703", actor="Russia"))
    assert [i.id for _seq, i in incident_page(backend_store, Filters(actor="syria_gov"))[0]] == ["inc-a"]
    assert backend_store.query_incidents(IncidentQuery(actor="syria")) == []  # a whole id, not a substring
