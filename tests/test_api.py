"""The JSON API: endpoints, filters, pagination, the error shape, the write token, OpenAPI."""

from __future__ import annotations

import csv
import io
import json
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from _web_records import XSS_QUOTE, fill
from harmwatch.store import Store, open_store
from test_store import BACKENDS, empty_database

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from harmwatch.web import create_app


@pytest.fixture(params=BACKENDS)
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The hand-made records in a fresh database of each backend (PostgreSQL with HARMWATCH_TEST_PG)."""
    with empty_database(request.param, tmp_path) as url:
        s = open_store(url)
        fill(s)
        s.close()
        yield url


@pytest.fixture
def client(db: str) -> Iterator[TestClient]:
    with TestClient(create_app(db)) as c:
        yield c


def ids(resp_json: dict) -> set[str]:
    return {i["id"] for i in resp_json["incidents"]}


def assert_error_shape(resp, status: int, code: str) -> None:
    assert resp.status_code == status
    body = resp.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "status"}
    assert body["error"]["status"] == status
    assert body["error"]["code"] == code
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]


def test_list_all(client: TestClient) -> None:
    body = client.get("/api/incidents").json()
    assert ids(body) == {"inc-a01", "inc-a02", "inc-b01", "inc-b02", "inc-c01", "inc-x01"}
    assert body["has_more"] is False and body["next"] is None
    one = next(i for i in body["incidents"] if i["id"] == "inc-a01")
    # The SPEC record shape.
    assert one["victims"]["killed"] == {"best": 5, "low": 5, "high": 5}
    assert one["date"]["start"] == "2017-04-04"
    assert one["place"]["admin1_pcode"] == "SY07"
    assert one["grade"] == "contested"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("since=2017-01-01", {"inc-a01", "inc-a02", "inc-c01", "inc-x01"}),
        ("until=2016-12-31", {"inc-b01", "inc-b02"}),
        ("since=2017-04-01&until=2017-04-30", {"inc-a01", "inc-a02", "inc-x01"}),
        ("area=Aleppo", {"inc-b01", "inc-b02"}),
        ("area=Idlib", {"inc-a01", "inc-a02", "inc-x01"}),  # a common spelling of Idleb
        ("area=SY03", {"inc-c01"}),
        ("area=Rural%20Damascus", {"inc-c01"}),
        ("area=Jebel%20Saman", {"inc-b01", "inc-b02"}),  # a district
        ("actor=russia", {"inc-b02"}),
        ("event_type=shelling", {"inc-b01", "inc-c01"}),
        ("grade=confirmed", {"inc-b02"}),
        ("bbox=36.0,35.0,37.0,36.0", {"inc-a01", "inc-a02", "inc-x01"}),
        ("bbox=36.0,35.0,37.0,36.0&since=2017-04-10", {"inc-a02"}),
        ("bbox=40,30,41,31", set()),
    ],
)
def test_filters(client: TestClient, query: str, expected: set[str]) -> None:
    resp = client.get(f"/api/incidents?{query}")
    assert resp.status_code == 200, resp.text
    assert ids(resp.json()) == expected


def test_multi_day_incident_overlaps_since(tmp_path: Path) -> None:
    from _web_records import incident

    s = open_store(tmp_path / "m.db")
    s.save_incident(incident("inc-m", "2017-03-01", 35.0, 36.0, precision="month", end="2017-03-31"))
    s.close()
    with TestClient(create_app(str(tmp_path / "m.db"))) as c:
        assert ids(c.get("/api/incidents?since=2017-03-15").json()) == {"inc-m"}
        assert ids(c.get("/api/incidents?until=2017-03-10").json()) == {"inc-m"}
        assert ids(c.get("/api/incidents?since=2017-04-01").json()) == set()


def test_pagination_with_cursor(client: TestClient) -> None:
    seen: list[str] = []
    url = "/api/incidents?limit=2"
    pages = 0
    while True:
        body = client.get(url).json()
        pages += 1
        seen += [i["id"] for i in body["incidents"]]
        if not body["has_more"]:
            assert body["next"] is None
            break
        url = f"/api/incidents?limit=2&cursor={body['next']}"
    assert pages == 3
    assert len(seen) == 6 and len(set(seen)) == 6


def test_pagination_keeps_filters(client: TestClient) -> None:
    body = client.get("/api/incidents?area=Idleb&limit=1").json()
    got = [i["id"] for i in body["incidents"]]
    while body["has_more"]:
        body = client.get(f"/api/incidents?area=Idleb&limit=1&cursor={body['next']}").json()
        got += [i["id"] for i in body["incidents"]]
    assert set(got) == {"inc-a01", "inc-a02", "inc-x01"}


def test_incident_detail_has_sources_and_claims(client: TestClient) -> None:
    body = client.get("/api/incidents/inc-a01").json()
    assert body["id"] == "inc-a01"
    assert {s["id"] for s in body["sources"]} == {"rep-0001", "rep-0003"}
    kinds = {c["kind"] for c in body["claims"]}
    assert kinds == {"report", "denial"}
    assert any(c["quote"] == "including 2 children" for c in body["claims"])


def test_points_are_compact(client: TestClient) -> None:
    body = client.get("/api/incidents/points?area=Aleppo").json()
    assert body["count"] == 2 and body["seq"] > 0
    assert set(body["id"]) == {"inc-b01", "inc-b02"}
    i = body["id"].index("inc-b02")
    assert [body["lat"][i], body["lon"][i], body["killed"][i]] == [36.21, 37.16, 40]
    assert body["day"][i] == 17136  # 2016-12-01, in days since 1970-01-01
    assert body["event_types"][body["type"][i]] == "airstrike"
    empty = client.get("/api/incidents/points?area=Quneitra").json()
    assert empty["count"] == 0 and empty["id"] == [] and empty["day"] == []


def test_points_follow_saves_and_deletes(db: str, client: TestClient) -> None:
    from _web_records import incident

    before = client.get("/api/incidents/points").json()
    s = open_store(db)
    s.save_incident(incident("inc-new", "2019-05-05", 35.1, 36.1))
    after = client.get("/api/incidents/points").json()
    assert after["count"] == before["count"] + 1 and after["id"][-1] == "inc-new"
    s.delete_incident("inc-b01")
    s.close()
    gone = client.get("/api/incidents/points", headers={"Accept-Encoding": "identity"}).json()
    assert "inc-b01" not in gone["id"] and gone["count"] == before["count"]


def test_hostile_text_comes_back_as_data(client: TestClient) -> None:
    body = client.get("/api/incidents/inc-x01").json()
    assert body["claims"][0]["quote"] == XSS_QUOTE
    report = client.get("/api/reports/rep-0002").json()
    assert report["text"] == XSS_QUOTE
    assert report["incident_ids"] == []


def test_facilities_list_and_as_of(client: TestClient) -> None:
    body = client.get("/api/facilities").json()
    assert {f["id"] for f in body["facilities"]} == {"fac-1", "fac-2"}
    before = client.get("/api/facilities?area=Idleb&on=2017-03-01").json()
    assert before["on"] == "2017-03-01"
    assert before["functioning"] == 1 and before["not_functioning"] == 0
    after = client.get("/api/facilities?area=Idleb&on=2017-05-01").json()
    assert after["functioning"] == 0 and after["not_functioning"] == 1
    assert [f["status"] for f in after["facilities"]] == ["destroyed"]
    for key in (
        "area",
        "on",
        "functioning",
        "not_functioning",
        "unknown",
        "population_without_access",
        "facilities",
        "statements",
    ):
        assert key in after


def test_bulletins(client: TestClient) -> None:
    assert len(client.get("/api/bulletins").json()["bulletins"]) == 1
    assert client.get("/api/bulletins?date=2017-04-04").json()["bulletins"][0]["id"] == "bul-1"
    assert client.get("/api/bulletins?date=2017-04-05").json()["bulletins"] == []


@pytest.mark.parametrize(
    ("url", "status", "code"),
    [
        ("/api/incidents/inc-nope", 404, "not_found"),
        ("/api/reports/rep-nope", 404, "not_found"),
        ("/api/no/such/route", 404, "not_found"),
        ("/api/incidents?since=yesterday", 400, "bad_query"),
        ("/api/incidents?since=2017-02-30", 400, "bad_query"),
        ("/api/incidents?since=2018-01-01&until=2017-01-01", 400, "bad_query"),
        ("/api/incidents?bbox=1,2,3", 400, "bad_query"),
        ("/api/incidents?bbox=37,36,36,35", 400, "bad_query"),
        ("/api/incidents?bbox=a,b,c,d", 400, "bad_query"),
        ("/api/incidents?actor=martians", 400, "bad_query"),
        ("/api/incidents?event_type=meteor", 400, "bad_query"),
        ("/api/incidents?grade=excellent", 400, "bad_query"),
        ("/api/incidents?area=Atlantis", 400, "bad_query"),
        ("/api/incidents?limit=0", 400, "bad_query"),
        ("/api/incidents?limit=100000", 400, "bad_query"),
        ("/api/incidents?limit=ten", 400, "bad_query"),
        ("/api/incidents?cursor=abc", 400, "bad_query"),
        ("/api/facilities?on=soon", 400, "bad_query"),
        ("/api/bulletins?date=today", 400, "bad_query"),
    ],
)
def test_error_shape(client: TestClient, url: str, status: int, code: str) -> None:
    assert_error_shape(client.get(url), status, code)


def test_wrong_method_has_error_shape(client: TestClient) -> None:
    assert_error_shape(client.delete("/api/incidents"), 405, "method_not_allowed")


def test_read_only_without_token(client: TestClient) -> None:
    resp = client.post("/api/reports", json={"text": "Shelling hit Douma."})
    assert_error_shape(resp, 401, "unauthorized")
    assert resp.headers["www-authenticate"] == "Bearer"


def test_write_needs_the_right_token(db: str) -> None:
    with TestClient(create_app(db, token="s3cret")) as c:
        payload = {
            "id": "ext-9",
            "text": "Shelling hit Douma, killing 3.",
            "source": "Local council",
            "published": "2018-02-21",
        }
        assert_error_shape(c.post("/api/reports", json=payload), 401, "unauthorized")
        assert_error_shape(
            c.post("/api/reports", json=payload, headers={"Authorization": "Bearer wrong"}),
            401,
            "unauthorized",
        )
        ok = c.post("/api/reports", json=payload, headers={"Authorization": "Bearer s3cret"})
        assert ok.status_code == 201, ok.text
        rid = ok.json()["id"]
        stored = c.get(f"/api/reports/{rid}").json()
        assert stored["text"] == payload["text"] and stored["external_id"] == "ext-9"
        again = c.post("/api/reports", json=payload, headers={"Authorization": "Bearer s3cret"})
        assert again.status_code == 200 and again.json()["stored"] is False
        bad = c.post("/api/reports", content=b"not json", headers={"Authorization": "Bearer s3cret"})
        assert_error_shape(bad, 400, "bad_query")
        big = c.post(
            "/api/reports", content=b"x" * (20 * 1024 * 1024 + 1), headers={"Authorization": "Bearer s3cret"}
        )
        assert_error_shape(big, 400, "input_rejected")
        binary = c.post(
            "/api/reports", json={"text": "\x00\x01\x02" * 10}, headers={"Authorization": "Bearer s3cret"}
        )
        assert binary.status_code in (201, 400)
        if binary.status_code == 400:
            assert_error_shape(binary, 400, "input_rejected")


def test_token_from_environment(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HARMWATCH_TOKEN", "envtoken")
    with TestClient(create_app(db)) as c:
        resp = c.post("/api/reports", json={"text": "x y z"}, headers={"Authorization": "Bearer envtoken"})
        assert resp.status_code == 201


def test_openapi_describes_the_spec_endpoints(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    for path in (
        "/api/incidents",
        "/api/incidents/{incident_id}",
        "/api/facilities",
        "/api/bulletins",
        "/api/reports/{report_id}",
        "/api/incidents.csv",
        "/api/incidents.geojson",
        "/api/incidents.hxl.csv",
        "/api/incidents/points",
        "/api/feed",
    ):
        assert path in spec["paths"], path
    get = spec["paths"]["/api/incidents"]["get"]
    params = {p["name"] for p in get["parameters"]}
    page = get["responses"]["200"]["content"]["application/json"]["schema"]
    assert set(page["required"]) == {"incidents", "has_more", "next", "limit"}
    error = get["responses"]["400"]["content"]["application/json"]["schema"]
    assert set(error["properties"]["error"]["required"]) == {"code", "message", "status"}
    assert {"since", "until", "area", "actor", "event_type", "grade", "bbox", "limit", "cursor"} <= params


def test_security_headers(client: TestClient) -> None:
    for url in ("/", "/api/incidents", "/static/app.js"):
        resp = client.get(url)
        assert resp.status_code == 200, url
        csp = resp.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert resp.headers["x-content-type-options"] == "nosniff"


def test_export_endpoints_use_filters(client: TestClient) -> None:
    text = client.get("/api/incidents.csv?area=Aleppo").text
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {r["incident_id"] for r in rows} == {"inc-b01", "inc-b02"}
    hxl = list(csv.reader(io.StringIO(client.get("/api/incidents.hxl.csv?actor=russia").text)))
    assert hxl[1][0] == "#date" and len(hxl) == 3
    gj = client.get("/api/incidents.geojson?event_type=shelling")
    assert gj.headers["content-type"].startswith("application/geo+json")
    assert {f["id"] for f in json.loads(gj.text)["features"]} == {"inc-b01", "inc-c01"}


def test_csv_export_streams_many_batches(tmp_path: Path) -> None:
    from _web_records import incident

    s: Store = open_store(tmp_path / "many.db")
    with s.transaction():
        for n in range(1001):
            s.save_incident(incident(f"inc-{n:05d}", "2017-01-01", 35.0, 36.0, killed=n))
    s.close()
    with TestClient(create_app(str(tmp_path / "many.db"))) as c:
        rows = list(csv.reader(io.StringIO(c.get("/api/incidents.hxl.csv").text)))
        assert rows[1][0] == "#date"
        assert len(rows) == 1001 + 2
        assert len({r[16] for r in rows[2:]}) == 1001


def test_store_object_and_memory(tmp_path: Path) -> None:
    with TestClient(create_app(":memory:")) as c:
        assert c.get("/api/incidents").json()["incidents"] == []
    s = open_store(tmp_path / "o.db", check_same_thread=False)
    fill(s)
    with TestClient(create_app(s)) as c:
        assert len(c.get("/api/incidents").json()["incidents"]) == 6
    s.close()


def test_rtree_follows_incidents(store: Store) -> None:
    from _web_records import incident

    store.save_incident(incident("inc-r1", "2017-01-01", 35.0, 36.0))
    store.save_incident(incident("inc-r2", "2017-02-01", None, None))
    assert store._query("SELECT COUNT(*) AS n FROM incidents_rtree")[0]["n"] == 2
    store.save_incident(incident("inc-r1", "2019-01-01", 33.0, 36.5))  # moved: delete + insert
    store.delete_incident("inc-r2")
    rows = store._query("SELECT r.min_lat, r.min_day FROM incidents_rtree r JOIN incidents i ON i.seq = r.id")
    assert len(rows) == 1
    assert abs(rows[0]["min_lat"] - 33.0) < 1e-4 and rows[0]["min_day"] == 17897  # 2019-01-01


def test_rtree_answers_match_plain_sql(tmp_path: Path) -> None:
    """Random bbox/date/filter queries give the same pages with and without the R*Tree."""
    import random

    from _web_records import incident
    from harmwatch.web.queries import incident_page, parse_filters

    rng = random.Random(5)
    s = open_store(tmp_path / "r.db")
    with s.transaction():
        for n in range(600):
            day = f"{rng.randint(2012, 2020)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            has_place = rng.random() > 0.1
            s.save_incident(
                incident(
                    f"inc-{n:04d}",
                    day,
                    rng.uniform(32.5, 37.0) if has_place else None,
                    rng.uniform(35.8, 42.0) if has_place else None,
                    event_type=rng.choice(["airstrike", "shelling"]),
                    precision=rng.choice(["day", "month"]),
                    end=day if rng.random() < 0.7 else f"{day[:8]}28",
                    killed=rng.randint(1, 9),
                )
            )
    plain = open_store(tmp_path / "r.db")
    plain._hw_has_rtree = False  # type: ignore[attr-defined]
    for _ in range(40):
        lat, lon, half = rng.uniform(33, 36.5), rng.uniform(36, 41), rng.uniform(0.1, 2.0)
        y = rng.randint(2012, 2020)
        kw: dict[str, str | None] = {
            "bbox": f"{lon - half},{lat - half},{lon + half},{lat + half}" if rng.random() < 0.8 else None,
            "since": f"{y}-0{rng.randint(1, 9)}-01" if rng.random() < 0.8 else None,
            "until": f"{y + rng.randint(0, 2)}-12-31" if rng.random() < 0.8 else None,
            "event_type": "shelling" if rng.random() < 0.3 else None,
        }
        f = parse_filters(**kw)
        for limit in (1, 7, 50):
            after = None
            for _page in range(3):
                got, more = incident_page(s, f, after_seq=after, limit=limit)
                want, more2 = incident_page(plain, f, after_seq=after, limit=limit)
                assert [q for q, _ in got] == [q for q, _ in want], kw
                assert more == more2
                if not more:
                    break
                after = got[-1][0]
    s.close()
    plain.close()
