"""Hand-made records for the web, API and export tests (not a test module)."""

from __future__ import annotations

import hashlib

from harmwatch.models import (
    Bulletin,
    BulletinTotals,
    Claim,
    DateSpan,
    Facility,
    Incident,
    Perpetrator,
    Place,
    Range,
    Report,
    StatusEntry,
    Target,
    Victims,
)
from harmwatch.store import Store

XSS_TITLE = '<script>window.__xss=1</script>Strike <img src=x onerror="window.__xss=2">'
XSS_QUOTE = '<img src=x onerror="window.__xss=3"> killed 7 <a href="javascript:window.__xss=4">link</a>'
XSS_SOURCE = "<svg onload=window.__xss=5>Agency"


def report(
    n: int, text: str, *, source: str = "Agency", title: str | None = None, published: str = "2017-04-04"
) -> Report:
    raw = text.encode()
    sha = hashlib.sha256(raw).hexdigest()
    return Report(
        id=f"rep-{n:04d}",
        sha256=sha,
        text=text,
        source=source,
        title=title or f"Report {n}",
        published=published,
        retrieved="2026-01-01T00:00:00+00:00",
        size=len(raw),
        url=f"https://example.org/{n}",
    )


def incident(
    iid: str,
    day: str,
    lat: float | None,
    lon: float | None,
    *,
    event_type: str = "airstrike",
    killed: int | None = 5,
    admin1: str = "Idleb",
    admin1_pcode: str = "SY07",
    admin2: str | None = "Idleb",
    admin2_pcode: str | None = "SY0700",
    actor: str = "syria_gov",
    grade: str = "weak",
    report_ids: tuple[str, ...] = ("rep-0001",),
    name: str = "Khan Shaykhun",
    children: int | None = None,
    women: int | None = None,
    civilians: int | None = None,
    precision: str = "day",
    end: str | None = None,
    claims: list[Claim] | None = None,
) -> Incident:
    return Incident(
        id=iid,
        date=DateSpan(start=day, end=end or day, precision=precision),  # type: ignore[arg-type]
        place=Place(
            name=name,
            admin1=admin1,
            admin1_pcode=admin1_pcode,
            admin2=admin2,
            admin2_pcode=admin2_pcode,
            lat=lat,
            lon=lon,
            precision="town" if lat is not None else "unknown",
            country="SY",
        ),
        event_type=event_type,
        perpetrators=[Perpetrator(actor=actor, attribution="alleged")],
        victims=Victims(
            killed=Range.exact(killed) if killed is not None else None,
            killed_children=Range.exact(children) if children is not None else None,
            killed_women=Range.exact(women) if women is not None else None,
            killed_civilians=Range.exact(civilians) if civilians is not None else None,
        ),
        targets=[Target(kind="hospital", name="Al-Rahma hospital")] if event_type == "airstrike" else [],
        claims=claims
        if claims is not None
        else [
            Claim(
                report_id=report_ids[0],
                source="Agency",
                kind="report",
                field="victims.killed",
                value={"best": killed, "low": killed, "high": killed},
                quote=f"{killed} people were killed",
            ),
        ],
        grade=grade,
        report_ids=list(report_ids),
    )


def fill(store: Store) -> list[Incident]:
    """A small, varied record: 6 incidents over 3 governorates, 2 reports, one hostile."""
    r1 = report(1, "Warplanes struck Khan Shaykhun, killing 5 people including 2 children.")
    r2 = report(2, XSS_QUOTE, source=XSS_SOURCE, title=XSS_TITLE)
    r3 = report(3, "The ministry denied any strike on the town.", source="Ministry of Defence")
    with store.transaction():
        for r in (r1, r2, r3):
            store.add_report(r, r.text.encode())
    incs = [
        incident(
            "inc-a01",
            "2017-04-04",
            35.4,
            36.65,
            killed=5,
            children=2,
            women=1,
            civilians=5,
            report_ids=("rep-0001", "rep-0003"),
            grade="contested",
            claims=[
                Claim(
                    "rep-0001",
                    "Agency",
                    "report",
                    "victims.killed",
                    {"best": 5, "low": 5, "high": 5},
                    "killing 5 people",
                ),
                Claim(
                    "rep-0001",
                    "Agency",
                    "report",
                    "victims.killed_children",
                    {"best": 2, "low": 2, "high": 2},
                    "including 2 children",
                ),
                Claim(
                    "rep-0003",
                    "Ministry of Defence",
                    "denial",
                    "perpetrators",
                    "russia",
                    "denied any strike on the town",
                ),
            ],
        ),
        incident(
            "inc-a02",
            "2017-04-20",
            35.93,
            36.63,
            event_type="barrel_bomb",
            killed=12,
            name="Idlib city",
            grade="fair",
        ),
        incident(
            "inc-b01",
            "2016-08-10",
            36.2,
            37.15,
            event_type="shelling",
            killed=3,
            admin1="Aleppo",
            admin1_pcode="SY02",
            admin2="Jebel Saman",
            admin2_pcode="SY0200",
            actor="opposition",
            name="Aleppo",
        ),
        incident(
            "inc-b02",
            "2016-12-01",
            36.21,
            37.16,
            event_type="airstrike",
            killed=40,
            admin1="Aleppo",
            admin1_pcode="SY02",
            admin2="Jebel Saman",
            admin2_pcode="SY0200",
            actor="russia",
            name="Aleppo",
            grade="confirmed",
        ),
        incident(
            "inc-c01",
            "2018-02-20",
            33.57,
            36.4,
            event_type="shelling",
            killed=None,
            admin1="Rural Damascus",
            admin1_pcode="SY03",
            admin2="Duma",
            admin2_pcode="SY0303",
            name="Douma",
        ),
        incident(
            "inc-x01",
            "2017-04-05",
            35.6,
            36.7,
            killed=7,
            name='=HYPERLINK("http://evil")',
            report_ids=("rep-0002",),
            claims=[
                Claim(
                    "rep-0002",
                    XSS_SOURCE,
                    "report",
                    "victims.killed",
                    {"best": 7, "low": 7, "high": 7},
                    XSS_QUOTE,
                )
            ],
        ),
    ]
    with store.transaction():
        for inc in incs:
            store.save_incident(inc)
        store.save_bulletin(
            Bulletin(
                id="bul-1",
                report_id="rep-0001",
                source="Agency",
                date="2017-04-04",
                totals=BulletinTotals(killed=Range.exact(5)),
            )
        )
        store.save_facility(
            Facility(
                id="fac-1",
                name="Al-Rahma hospital",
                kind="hospital",
                place=Place(name="Khan Shaykhun", admin1="Idleb", admin1_pcode="SY07", lat=35.44, lon=36.65),
                status_history=[
                    StatusEntry("2017-01-01", "functioning"),
                    StatusEntry(
                        "2017-04-04", "destroyed", "inc-a01", "rep-0001", "the hospital was destroyed"
                    ),
                ],
                status="destroyed",
            )
        )
        store.save_facility(
            Facility(
                id="fac-2",
                name="Aleppo field hospital",
                kind="field_hospital",
                place=Place(name="Aleppo", admin1="Aleppo", admin1_pcode="SY02", lat=36.2, lon=37.1),
                status_history=[StatusEntry("2016-01-01", "functioning")],
                status="functioning",
            )
        )
    return incs
