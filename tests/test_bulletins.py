"""The bulletin reader on bulletins written in several groups' styles."""

from __future__ import annotations

from pathlib import Path

import pytest

from harmwatch.bulletins import check, parse_bulletins, resolve_governorate
from harmwatch.evaluation.bulletins import inconsistency_tags, load_cases, score_case
from harmwatch.models import AreaTally, Bulletin, BulletinTotals, Range, content_id

CASES = load_cases()


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_written_bulletin_read_exactly(case: dict) -> None:
    bulletins = parse_bulletins(case["text"], published=case["published"], report_id=case["file"])
    result = score_case(case, bulletins)
    assert not result["errors"], result["errors"]


def test_ids_are_stable_and_derived_from_report_and_day() -> None:
    case = CASES[0]
    a = parse_bulletins(case["text"], published=case["published"], report_id="rep-1")
    b = parse_bulletins(case["text"], published=case["published"], report_id="rep-1")
    assert a[0].id == b[0].id
    assert a[0].id.startswith("bul-")
    assert a[0].id == content_id("bul", "rep-1", a[0].date or "")
    c = parse_bulletins(case["text"], published=case["published"])
    assert c[0].id != a[0].id  # no report id: seeded by the text's hash


@pytest.mark.parametrize(
    "name",
    [
        "Rif Dimashq",
        "#Rif_Dimashq",
        "the Damascus countryside",
        "Reef Damascus",
        "Damascus Suburbs",
        "rural Damascus",
        "Rif Damascus",
    ],
)
def test_rural_damascus_spellings(name: str) -> None:
    assert resolve_governorate(name) == ("Rural Damascus", "SY03")


@pytest.mark.parametrize(
    ("name", "pcode"),
    [
        ("Damascus", "SY01"),
        ("Idlib", "SY07"),
        ("Idlib countryside", "SY07"),
        ("Deir ez-Zor", "SY09"),
        ("Deir Ezzor", "SY09"),
        ("Daraa", "SY12"),
        ("Dar'a", "SY12"),
        ("Hasakah", "SY08"),
        ("Raqqa", "SY11"),
        ("Sweida", "SY13"),
        ("Latakia", "SY06"),
        ("Tartus", "SY10"),
        ("Quneitra", "SY14"),
    ],
)
def test_governorate_spellings(name: str, pcode: str) -> None:
    hit = resolve_governorate(name)
    assert hit is not None and hit[1] == pcode


def test_spans_point_at_the_figures() -> None:
    case = next(c for c in CASES if c["file"] == "lcc_lines.txt")
    b = parse_bulletins(case["text"], published=case["published"])[0]
    killed = b.totals.killed
    assert killed is not None and killed.span is not None
    assert case["text"][killed.span.start : killed.span.end] == "87"
    for area in b.by_area:
        assert area.killed is not None and area.killed.span is not None
        assert (
            case["text"][area.killed.span.start : area.killed.span.end].strip().isdigit() or area.killed.best
        )


def test_notes_keep_the_causes() -> None:
    case = next(c for c in CASES if c["file"] == "lcc_lines.txt")
    b = parse_bulletins(case["text"], published=case["published"])[0]
    aleppo = next(a for a in b.by_area if a.admin1_pcode == "SY02")
    assert aleppo.notes is not None and "shelled the town of Anadan" in aleppo.notes


@pytest.mark.parametrize(
    ("text", "published", "day"),
    [
        (
            "By the end of Friday, 12 February 2016, the group documented 40 deaths: "
            "20 in Aleppo, 20 in Idlib.",
            "2016-02-14",
            "2016-02-12",
        ),
        (
            "The LCC documented 40 martyrs yesterday: 20 in Aleppo and 20 in Idlib.",
            "2016-02-14",
            "2016-02-13",
        ),
        (
            "The LCC documented 40 martyrs on Friday: 20 in Aleppo and 20 in Idlib.",
            "2016-02-14",
            "2016-02-12",
        ),
        ("The LCC documented 40 martyrs today: 20 in Aleppo and 20 in Idlib.", "2016-02-14", "2016-02-14"),
        ("Saturday 13-2-2016\nMartyrs: 40\nAleppo: 20\nIdlib: 20", None, "2016-02-13"),
        ("SNHR documented 40 deaths on February 12, 2016: 20 in Aleppo and 20 in Idlib.", None, "2016-02-12"),
    ],
)
def test_day_counted(text: str, published: str | None, day: str) -> None:
    (b,) = parse_bulletins(text, published=published)
    assert b.date == day


def test_relative_day_without_publication_date_is_incomplete() -> None:
    (b,) = parse_bulletins("The LCC documented 40 martyrs yesterday: 20 in Aleppo and 20 in Idlib.")
    assert b.date is None
    assert not b.complete and any("publication date" in r for r in b.incomplete_reasons)


def test_words_for_the_dead_all_read() -> None:
    for noun in ("martyrs", "killed", "deaths", "victims"):
        text = (
            f"Syria, Friday 12 February 2016: 30 {noun} documented across the country. "
            f"Aleppo: 10 {noun}. Homs: 20 {noun}."
        )
        (b,) = parse_bulletins(text)
        assert b.totals.killed is not None and b.totals.killed.best == 30, noun
        assert [a.killed.best for a in b.by_area if a.killed] == [10, 20], noun


def test_check_flags_children_and_women_above_killed_per_area() -> None:
    b = Bulletin(
        totals=BulletinTotals(Range.exact(10)),
        by_area=[AreaTally("Aleppo", "SY02", Range.exact(10), Range.exact(6), Range.exact(5))],
    )
    check(b)
    assert not b.consistent
    assert inconsistency_tags(b) == {"cw:SY02"}
    # Checking twice gives the same list.
    assert check(b).discrepancies == b.discrepancies


def test_check_at_least_total_is_met_by_a_larger_sum() -> None:
    b = Bulletin(
        totals=BulletinTotals(Range(16, 16, None)),
        by_area=[AreaTally("Aleppo", "SY02", Range.exact(10)), AreaTally("Idleb", "SY07", Range.exact(8))],
    )
    assert check(b).consistent


def test_check_sum_below_total() -> None:
    b = Bulletin(
        totals=BulletinTotals(Range.exact(20), Range.exact(3)),
        by_area=[
            AreaTally("Aleppo", "SY02", Range.exact(10), Range.exact(1)),
            AreaTally("Idleb", "SY07", Range.exact(8), Range.exact(1)),
        ],
    )
    check(b)
    assert inconsistency_tags(b) == {"sum:killed", "sum:children"}
    assert any("add up to 18" in d for d in b.discrepancies)


def test_table_total_row_disagreeing_with_text_is_reported() -> None:
    text = (
        "LCC daily toll, Friday 12 February 2016: 40 martyrs.\n\n"
        "| Governorate | Martyrs |\n|---|---|\n| Aleppo | 20 |\n| Idlib | 15 |\n| Total | 35 |\n"
    )
    (b,) = parse_bulletins(text)
    assert b.totals.killed is not None and b.totals.killed.best == 40
    assert any("table" in d for d in b.discrepancies)
    assert not b.consistent


def test_whitespace_table_without_header_words_is_not_guessed() -> None:
    text = "Aleppo     20     3\nIdlib      15     2\n"
    assert parse_bulletins(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\x00\x01\x02 binary junk \xff" * 50,
        "martyrs " * 20000,
        "1 2 3 4 5 killed " * 5000,
        "Aleppo: " * 3000 + "killed",
        "| a | b |\n" * 2000 + "killed",
    ],
)
def test_hostile_input_never_crashes(text: str) -> None:
    out = parse_bulletins(text, published="not a date")
    assert isinstance(out, list)


def test_ordinary_news_story_is_not_a_bulletin() -> None:
    text = (
        "Airstrikes killed 12 civilians, including 4 children, in the town of Ariha in Idlib province "
        "on Tuesday, the Syrian Observatory for Human Rights said. Another strike in Aleppo killed "
        "three people, activists said."
    )
    assert parse_bulletins(text, published="2016-02-16") == []


def test_fakes_articles_are_not_bulletins(shared_data: Path) -> None:
    from harmwatch.evaluation.bulletins import fakes_false_positives

    res = fakes_false_positives(shared_data / "fakes" / "fakes_dev.csv")
    if res is None:
        pytest.skip("FA-KES not present")
    fp, n, ids = res
    assert n > 300
    assert fp / n <= 0.01, ids


def _areas(b: Bulletin) -> list[tuple[str | None, int | None, int | None, int | None]]:
    def v(r: Range | None) -> int | None:
        return None if r is None else r.best

    return [(a.admin1_pcode, v(a.killed), v(a.children), v(a.women)) for a in b.by_area]


def test_two_days_in_one_text_are_two_bulletins() -> None:
    text = (
        "LCC, Friday 12 February 2016: 30 martyrs.\nAleppo: 20 martyrs\nIdlib: 10 martyrs\n\n"
        "LCC, Saturday 13 February 2016: 25 martyrs.\nAleppo: 5 martyrs\nHoms: 20 martyrs"
    )
    a, b = parse_bulletins(text, published="2016-02-13")
    assert (a.date, b.date) == ("2016-02-12", "2016-02-13")
    assert _areas(a) == [("SY02", 20, None, None), ("SY07", 10, None, None)]
    assert _areas(b) == [("SY02", 5, None, None), ("SY04", 20, None, None)]
    assert a.id != b.id


def test_closing_total_with_its_date() -> None:
    text = (
        "Aleppo: 20 martyrs, including 2 children.\nIdlib: 10 martyrs.\n"
        "In total, 30 people were killed across Syria on Friday, 12 February 2016."
    )
    (b,) = parse_bulletins(text, published="2016-02-14")
    assert b.date == "2016-02-12" and b.totals.killed is not None and b.totals.killed.best == 30
    assert b.consistent


def test_markdown_bullets_and_bold() -> None:
    text = (
        "**LCC daily toll, 12/02/2016**\n\n* **Aleppo**: 31 martyrs (4 children, 3 women)\n"
        "* **Idlib** – 20 martyrs\n* **Hama** (5)\n\n**Total: 56 martyrs**"
    )
    (b,) = parse_bulletins(text)
    assert b.date == "2016-02-12"
    assert _areas(b) == [("SY02", 31, 4, 3), ("SY07", 20, None, None), ("SY05", 5, None, None)]
    assert b.totals.killed is not None and b.totals.killed.best == 56 and b.consistent


def test_women_before_children_and_bare_pairs() -> None:
    text = (
        "VDC documented 20 deaths on 12 February 2016, among them 3 women and 4 children: "
        "12 in Aleppo (2 women, 3 children) and 8 in Idlib (1 woman, 1 child)."
    )
    (b,) = parse_bulletins(text)
    assert _areas(b) == [("SY02", 12, 3, 2), ("SY07", 8, 1, 1)]
    (c,) = parse_bulletins("2016/02/12 - SNHR documented 20 civilian deaths: Aleppo 12, Idlib 8.")
    assert c.date == "2016-02-12" and _areas(c) == [("SY02", 12, None, None), ("SY07", 8, None, None)]


def test_categories_are_not_places() -> None:
    text = "LCC: 40 martyrs today including 3 under torture.\nAleppo: 20\nIdlib: 20\nUnder torture: 3"
    (b,) = parse_bulletins(text, published="2016-02-13")
    assert _areas(b) == [("SY02", 20, None, None), ("SY07", 20, None, None)]
    assert b.consistent


def test_a_town_the_gazetteer_knows_is_placed_in_its_governorate() -> None:
    text = "LCC daily toll, Friday 12 February 2016: 30 martyrs.\nAleppo: 20 martyrs\nDouma: 10 martyrs"
    (b,) = parse_bulletins(text)
    assert [a.admin1_pcode for a in b.by_area] == ["SY02", "SY03"]


@pytest.mark.parametrize(
    "text",
    [
        "SNHR, 12 February 2016\nGovernorate,Killed,Children,Women\n"
        "Aleppo,14,3,2\nIdlib,9,2,1\nTotal,23,5,3\n",
        "VDC 12/02/2016\nGovernorate Deaths Children Women\nAleppo 14 3 2\nIdlib 9 2 1\nTotal 23 5 3\n",
    ],
)
def test_comma_and_single_space_tables(text: str) -> None:
    (b,) = parse_bulletins(text)
    assert b.date == "2016-02-12"
    assert _areas(b) == [("SY02", 14, 3, 2), ("SY07", 9, 2, 1)]
    assert b.totals.killed is not None and b.totals.killed.best == 23 and b.consistent


def test_running_summary_keeps_its_breakdown() -> None:
    text = "69 persons killed across Syria yesterday, including 37 regime soldiers and loyalists"
    (b,) = parse_bulletins(text, published="2020-02-12", source="SOHR")
    assert b.date == "2020-02-11" and b.source == "SOHR" and b.by_area == []
    assert b.totals.killed is not None and b.totals.killed.best == 69
    assert b.totals.notes == "37 regime soldiers and loyalists"


def test_a_period_tally_is_not_a_daily_bulletin() -> None:
    text = (
        "The group documented 236 deaths from Friday 27 March 2015 to Friday 10 April 2015 across Syria, "
        "including 54 children and 39 women."
    )
    assert parse_bulletins(text) == []


def test_a_governorate_listed_twice_is_flagged() -> None:
    text = "LCC, Friday 12 February 2016: 35 martyrs.\nAleppo: 20 martyrs\nIdlib: 5\nAleppo: 10 martyrs"
    (b,) = parse_bulletins(text)
    assert inconsistency_tags(b) == {"dup:SY02"}


def test_later_prose_about_a_listed_governorate_is_a_detail_not_a_line() -> None:
    text = (
        "SNHR documented 30 civilians killed on 12 February 2016: Aleppo: 20, Idlib: 10.\n"
        "In Aleppo, government forces killed 5 civilians in al-Sukkari."
    )
    (b,) = parse_bulletins(text)
    assert _areas(b) == [("SY02", 20, None, None), ("SY07", 10, None, None)]
    assert b.consistent and "al-Sukkari" in (b.by_area[0].notes or "")


def test_a_share_of_the_same_governorate_is_not_a_new_line() -> None:
    text = (
        "LCC, Friday 12 February 2016: 35 martyrs.\n"
        "Damascus Suburbs: 20 martyrs, 15 of them in Eastern Ghouta and 5 in Qalamoun.\n"
        "Aleppo: 15 martyrs."
    )
    (b,) = parse_bulletins(text)
    assert _areas(b) == [("SY03", 20, None, None), ("SY02", 15, None, None)] and b.consistent


def test_weekday_that_does_not_match_the_date_marks_the_record_incomplete() -> None:
    (b,) = parse_bulletins("LCC, Friday 13 February 2016: 30 martyrs.\nAleppo: 20\nIdlib: 10")
    assert b.date == "2016-02-13" and not b.complete
    assert any("weekday" in r for r in b.incomplete_reasons)


def test_sample_corpus_bulletins_found_and_checked() -> None:
    """The bundled sample corpus marks which reports are bulletins and which one does not add up."""
    import json

    sample = Path(__file__).resolve().parents[1] / "src" / "harmwatch" / "sample"
    if not (sample / "truth.json").is_file():
        pytest.skip("sample corpus not present")
    truth = json.loads((sample / "truth.json").read_text(encoding="utf-8"))
    found: dict[str, list[Bulletin]] = {}
    for line in (sample / "reports.jsonl").read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        bs = parse_bulletins(
            r["text"], published=r.get("published"), source=r.get("source"), report_id=r["id"]
        )
        if bs:
            found[r["id"]] = bs
    assert sorted(found) == sorted(truth["bulletins"])
    inconsistent = sorted(rid for rid, bs in found.items() if not bs[0].consistent)
    assert inconsistent == sorted(truth["inconsistent_bulletins"])


def test_governorates_resolve_without_the_gazetteer(monkeypatch: pytest.MonkeyPatch) -> None:
    from harmwatch.bulletins import areas

    monkeypatch.setattr(areas, "_gazetteer", lambda: None)
    areas.resolve_governorate.cache_clear()
    try:
        for name, pcode in (
            ("#Rif_Dimashq", "SY03"),
            ("the Damascus countryside", "SY03"),
            ("Dar'a", "SY12"),
            ("Deir Al-Zour", "SY09"),
            ("Idlib countryside", "SY07"),
            ("Houran", "SY12"),
        ):
            hit = areas.resolve_governorate(name)
            assert hit is not None and hit[1] == pcode, name
        case = next(c for c in CASES if c["file"] == "vdc_hashtags.txt")
        assert score_case(case, parse_bulletins(case["text"], published=case["published"]))["errors"] == []
    finally:
        areas.resolve_governorate.cache_clear()


@pytest.mark.parametrize(
    "text",
    [
        "LCC documented 23 martyrs on Friday 12 February 2016. Aleppo topped the list with 12 martyrs, "
        "followed by Idlib with 8 and Homs with 3.",
        "SNHR, 12 February 2016: 23 civilians killed. Aleppo 12 / Idlib 8 / Homs 3",
        "VDC 12-02-2016 | deaths: 23 | Aleppo 12 | Idlib 8 | Homs 3",
        "Death toll in Syria on Friday 12 February 2016 according to the LCC: 23 martyrs. "
        "Aleppo (12 martyrs), Idlib (8 martyrs), Homs (3 martyrs).",
    ],
)
def test_list_separators(text: str) -> None:
    (b,) = parse_bulletins(text)
    assert b.date == "2016-02-12"
    assert _areas(b) == [("SY02", 12, None, None), ("SY07", 8, None, None), ("SY04", 3, None, None)]
    assert b.consistent
