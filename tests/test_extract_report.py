"""Whole reports: several incidents, background, bad input, spans."""

import time

from harmwatch.extract import extract_report
from harmwatch.models import Extraction


def test_empty_text_gives_no_incidents() -> None:
    assert extract_report("").incidents == []
    assert extract_report("   \n\t ").incidents == []


def test_non_english_is_flagged_and_not_mined() -> None:
    ar = "قتل عشرة مدنيين في غارات جوية على مدينة إدلب يوم الاثنين بحسب المرصد السوري لحقوق الإنسان"
    ext = extract_report(ar)
    assert ext.language == "ar" and ext.incidents == []
    fr = "Dix civils ont été tués lundi dans des frappes aériennes sur la ville d'Idleb, selon une ONG."
    ext = extract_report(fr)
    assert ext.language not in (None, "en") and ext.incidents == []


def test_a_short_headline_is_too_little_to_call_foreign() -> None:
    # Statistical language guessers name Danish or German for a few capitalised
    # words; a headline this short is read, and the rules find what English it holds.
    ext = extract_report("Deir ez-Zor: SDF Fighter Assassinated")
    assert ext.language == "en"
    ext = extract_report("Airstrike Kills 12 Civilians in Idlib Market")
    assert ext.language == "en"
    assert ext.incidents and ext.incidents[0].victims.killed_civilians is not None
    assert ext.incidents[0].victims.killed_civilians.best == 12


def test_binary_junk_does_not_crash() -> None:
    ext = extract_report("\x00\x01\x02 killed \xff\xfe 5 people \x07 in Homs on Monday.")
    assert isinstance(ext, Extraction)


def test_several_incidents_main_first() -> None:
    text = (
        "Sat 12 Nov 2016 Air strikes killed 14 civilians in Saraqib in Idlib province on Saturday, "
        "a monitor said. "
        "Elsewhere, rebel shelling killed three people in Hamdaniyeh in Aleppo on Friday. "
        "The war has killed more than 300,000 people since 2011."
    )
    ext = extract_report(text, report_id="rep-1", source="test")
    assert len(ext.incidents) == 2
    main, other = ext.incidents
    assert main.victims.killed_civilians is not None and main.victims.killed_civilians.best == 14
    assert main.date.start == "2016-11-12" and main.place.admin1 == "Idleb"
    assert other.date.start == "2016-11-11" and other.place.admin1 == "Aleppo"
    assert other.perpetrators[0].actor == "opposition"
    assert main.id and main.id != other.id and main.report_ids == ["rep-1"]


def test_live_blog_entries_are_separate_items() -> None:
    text = (
        "All times are local.\n\n"
        "14:10 - Local officials say an air strike on a market in Saraqib killed 11 people.\n\n"
        "12:30 - Rescuers in Kafranbel say barrel bombs hit a school and killed four children."
    )
    ext = extract_report(text, published="2016-03-01")
    places = [i.place.name for i in ext.incidents]
    assert len(ext.incidents) == 2, places
    killed = [(i.victims.killed or i.victims.killed_children) for i in ext.incidents]
    assert [k.best for k in killed if k is not None] == [11, 4]


def test_every_span_quotes_the_text() -> None:
    text = (
        "Mon 14 Nov 2016 Syrian government helicopters dropped barrel bombs on Anadan on Monday, killing "
        "at least 11 people including 4 children, activists said."
    )
    ext = extract_report(text, report_id="r9", source="test")
    inc = ext.incidents[0]
    spans = [inc.date.span, inc.place.span] + [p.span for p in inc.perpetrators]
    spans += [getattr(inc.victims, f).span for f in ("killed", "killed_children")]
    for sp in spans:
        assert sp is not None
        assert text[sp.start : sp.end] == sp.text
    for c in inc.claims:
        assert c.quote in text and c.report_id == "r9"


def test_huge_report_is_linear_and_bounded() -> None:
    unit = "Shelling killed two men in Douma on Monday, activists said. The market was closed. "
    small = unit * 200
    t0 = time.perf_counter()
    extract_report(small, published="2016-01-05")
    t_small = time.perf_counter() - t0
    big = unit * 2000
    t0 = time.perf_counter()
    ext = extract_report(big, published="2016-01-05")
    t_big = time.perf_counter() - t0
    assert ext.incidents
    assert t_big < max(30 * t_small, 1.0) * 1.0 + 10 * t_small  # about linear, generous bound


def test_long_run_without_punctuation() -> None:
    text = "killed " * 20000
    ext = extract_report(text)
    assert isinstance(ext, Extraction)


def test_headline_names_the_main_event_and_fills_gaps() -> None:
    # The story opens with another event; the headline says which one the report is about.
    text = (
        "Sun 05 Jun 2016 Rebels shelled a checkpoint near Hama on Saturday, killing two soldiers. "
        "Elsewhere, Russian air strikes on a market in Saraqib in Idlib province killed "
        "at least 21 civilians "
        "on Sunday, a monitor said."
    )
    ext = extract_report(text, title="Russian strikes on Idlib market kill 21", report_id="h1")
    main = ext.incidents[0]
    assert main.place.admin1 == "Idleb"
    assert main.victims.killed_civilians is not None and main.victims.killed_civilians.best == 21
    # a headline alone gives the toll the body does not state
    ext2 = extract_report(
        "Mon 01 Aug 2016 A helicopter was shot down over Aleppo province on Monday, officials said.",
        title="Five killed as Russian helicopter shot down in Syria",
    )
    assert ext2.incidents[0].victims.killed is not None and ext2.incidents[0].victims.killed.best == 5


def test_page_furniture_is_not_the_story() -> None:
    text = (
        "Date of publication 3 April 2017 At least 22 civilians were killed by regime air strikes near "
        "Damascus on Monday. Tags Syria Aleppo Idlib Airstrikes At least 22 civilians were killed in Douma "
        "on Monday a monitor said. A picture taken in Aleppo on March 2 shows a destroyed street (AFP photo)"
    )
    ext = extract_report(text)
    assert ext.incidents[0].place.admin1 in ("Damascus", "Rural Damascus")
    assert all(inc.place.admin1 != "Idleb" for inc in ext.incidents)


def test_true_event_day_and_report_day_fallback() -> None:
    # the article's day is Sunday; the strike was on Saturday
    ext = extract_report(
        "Sun 16 Apr 2017 Saturday's blast on buses near Aleppo killed 112 people, a monitor said."
    )
    assert ext.report_date is not None and ext.report_date.start == "2017-04-16"
    assert ext.incidents[0].date.start == "2017-04-15"
    # no day tied to the event: the report's own day, and the record says so
    ext = extract_report("Sun 16 Apr 2017 A car bomb killed 12 people in Azaz, a monitor said.")
    inc = ext.incidents[0]
    assert inc.date.start == "2017-04-16" and inc.date.precision == "day"
    assert any("report date" in r for r in inc.review)


def test_headline_place_is_where_its_toll_is() -> None:
    text = "The army took two villages near Khanasser. In Hama the army killed more than 70 militants."
    ext = extract_report(text, title="Army advances in Aleppo, kills 70 militants in Hama", report_id="hp")
    assert ext.incidents[0].place.admin1 == "Hama"


def test_capital_standing_for_the_government_is_not_the_place() -> None:
    text = (
        "More than 30 people were killed in bombing on Wednesday despite Damascus promises of a truce. "
        "Rebel-held areas in Idlib province were bombed, a monitor said."
    )
    ext = extract_report(text, report_id="gov")
    assert ext.incidents[0].place.admin1 == "Idleb"


def test_a_hospital_abroad_where_the_wounded_went_is_no_facility_event() -> None:
    text = (
        "Missiles hit the women and children's hospital in Azaz on Monday, killing 14 people. "
        "The wounded were driven across the border and treated at the state hospital in Kilis."
    )
    ext = extract_report(text, published="2016-02-16")
    names = [(f.name or "") for f in ext.facility_events]
    assert ext.facility_events and not any("Kilis" in n for n in names), names


def test_a_date_inside_the_first_sentence_is_not_the_dateline() -> None:
    text = (
        "The medical society reports that the medical point in Saraqib was struck at around 11:00 "
        "local time on Tuesday, 4 April 2017, hours after a chemical attack on the town killed 20 people."
    )
    ext = extract_report(text, published="2017-04-06")
    assert ext.incidents and ext.incidents[0].date.start == "2017-04-04"
    assert ext.incidents[0].date.span is not None  # stated, not the report's day standing in


def test_hours_later_a_second_strike_is_its_own_incident() -> None:
    text = (
        "An air strike on the market in Saraqib killed at least 12 people on Monday, a monitor said. "
        "Hours later, a rocket struck near a clinic in the town where the wounded were being treated."
    )
    ext = extract_report(text, published="2017-04-04")
    assert len(ext.incidents) == 2
    assert any(t.kind == "clinic" for t in ext.incidents[1].targets)
    assert not any(t.kind == "clinic" for t in ext.incidents[0].targets)
