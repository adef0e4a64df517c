"""Report dates (datelines) and event dates, kept apart."""

from harmwatch.extract import extract_report
from harmwatch.extract.dates import find_date_expressions, find_dateline, parse_iso


def test_datelines() -> None:
    d = find_dateline("Wed 09 Mar 2016 Shelling hits a village")
    assert d is not None and d.date_start is not None and d.date_start.isoformat() == "2016-03-09"
    d = find_dateline("Posted on March 9 2016 by Staff. Shelling hits")
    assert d is not None and d.date_start is not None and d.date_start.isoformat() == "2016-03-09"
    d = find_dateline("09.03.2016 Shelling hits a village")
    assert d is not None and d.date_start is not None and d.date_start.isoformat() == "2016-03-09"


def _event(sentence: str, ref: str) -> list[tuple[str, str | None, str]]:
    r = parse_iso(ref)
    return [
        (d.text, d.date_start.isoformat() if d.date_start else None, d.kind)
        for d in find_date_expressions(sentence, 0, r)
    ]


def test_relative_dates_resolve_against_reference() -> None:
    # 2016-03-09 is a Wednesday.
    assert ("on Sunday", "2016-03-06", "event") in _event("A mortar fell on Sunday", "2016-03-09")
    assert ("yesterday", "2016-03-08", "event") in _event("A mortar fell yesterday", "2016-03-09")
    assert ("late on Wednesday", "2016-03-09", "event") in _event("It fell late on Wednesday", "2016-03-09")
    assert ("last Friday", "2016-03-04", "event") in _event("It fell last Friday", "2016-03-09")
    week = find_date_expressions("Jets struck earlier this week", 0, parse_iso("2016-03-09"))
    assert week[0].precision == "week" and week[0].date_start is not None
    assert week[0].date_start.isoformat() == "2016-03-07"


def test_reporting_weekday_is_not_the_event_date() -> None:
    found = _event("Four men died in the raid, a monitor said on Tuesday", "2016-03-09")
    assert ("on Tuesday", "2016-03-08", "report") in [(t, d, k) for t, d, k in found]


def test_event_date_apart_from_report_date() -> None:
    text = "Thu 10 Mar 2016 Artillery shells killed six farmers in a village near Hama on Tuesday."
    ext = extract_report(text)
    assert ext.report_date is not None and ext.report_date.start == "2016-03-10"
    inc = ext.incidents[0]
    assert inc.date.start == "2016-03-08" and inc.date.precision == "day"
    assert inc.date.span is not None and text[inc.date.span.start : inc.date.span.end] == "on Tuesday"


def test_published_overrides_missing_dateline() -> None:
    ext = extract_report("A drone strike killed two drivers near Idlib yesterday.", published="2019-05-02")
    assert ext.incidents[0].date.start == "2019-05-01"


def test_no_date_falls_back_to_report_date_with_review_flag() -> None:
    ext = extract_report("A barrel bomb killed three shepherds near Hama.", published="2019-05-02")
    inc = ext.incidents[0]
    assert inc.date.start == "2019-05-02"
    assert any("report date" in r for r in inc.review)


def test_a_sentence_opening_with_its_date_is_no_dateline() -> None:
    assert find_dateline("On Thursday 16 March 2017, at around 19:00, warplanes fired missiles.") is None
    ext = extract_report(
        "On Thursday 16 March 2017, at around 19:00, warplanes fired missiles at a mosque in Atarib, "
        "killing 29 civilians.",
        published="2017-03-18",
    )
    assert ext.incidents[0].date.start == "2017-03-16"
    assert "on thursday 16 march 2017" in ext.incidents[0].claims[0].quote.lower()


def test_month_number_reads_names_and_abbreviations_only() -> None:
    from harmwatch.extract.dates import month_number

    assert [month_number(w) for w in ("February", "feb", "Sept.", "december")] == [2, 2, 9, 12]
    assert month_number("marching") is None and month_number("Mayday") is None
