"""accord_mentions: one article split among its main incident, background incidents and statistics."""

from __future__ import annotations

import pytest

from accord.extract.mentions import (
    apply_split,
    is_statistic,
    split_article,
    temporal_cue,
    unit_event_type,
    units_from_sentences,
)
from accord.models import Actor, Claim, DateMention, Interval, Place, Source
from tests.split_helpers import sentences, span_of

ARTICLE = (
    "Gunmen stormed a hotel in Kandahar on Tuesday, killing at least 12 guests, police said.\n"
    "The siege ended after six hours when security forces killed three attackers.\n"
    "In November, a suicide bombing at a market in Herat killed at least 30 people.\n"
    "The blast was claimed by the same group.\n"
    "Attacks in the country rose 40 per cent in 2024, with more than 900 people killed, a report said.\n"
    "The hotel reopened on Thursday."
)
PUBLISHED = "2025-03-13"


def claim(text: str, phrase: str, measure: str, low: int) -> Claim:
    span = span_of(text, phrase)
    sentence_start = text.rfind("\n", 0, span[0]) + 1
    sentence_end = text.find("\n", span[1])
    sentence_end = len(text) if sentence_end < 0 else sentence_end
    return Claim(measure=measure, group="all", value=Interval(low, None), hedge="at_least", modality="reported",
                 source=Source(name="police"), article="a1", sentence=text[sentence_start:sentence_end],
                 span=span, sentence_span=(sentence_start, sentence_end), text=phrase)


def place(text: str, name: str, admin1: str) -> Place:
    return Place(name=name, admin1=admin1, country="AF", feature="city", span=span_of(text, name), text=name)


@pytest.fixture()
def records():
    text = ARTICLE
    dates = [
        DateMention(text="Tuesday", span=span_of(text, "Tuesday"), date="2025-03-11", kind="weekday"),
        DateMention(text="In November", span=span_of(text, "In November"), date="2024-11-01", kind="month"),
        DateMention(text="2024", span=span_of(text, "2024"), date="2024-01-01", kind="year"),
        DateMention(text="Thursday", span=span_of(text, "Thursday"), date="2025-03-13", kind="weekday"),
    ]
    places = [place(text, "Kandahar", "Kandahar"), place(text, "Herat", "Herat")]
    claims = [claim(text, "at least 12 guests", "killed", 12), claim(text, "three attackers", "killed", 3),
              claim(text, "at least 30 people", "killed", 30), claim(text, "more than 900 people", "killed", 900)]
    actors = [Actor(name="the same group", role="perpetrator", span=span_of(text, "the same group"))]
    return text, dates, places, claims, actors


def test_pure_split_main_background_statistic(records) -> None:
    text, dates, places, claims, actors = records
    units = units_from_sentences(text, sentences(text))
    split = split_article("a1", units, published=PUBLISHED, event_type="armed_assault", dates=dates,
                          places=places, actors=actors, claims=claims)
    main, background, statistic = split.mentions
    assert (main.index, main.background, main.date, main.date_basis) == (0, False, "2025-03-11", "weekday")
    assert main.place is not None and main.place.name == "Kandahar"
    assert main.summary.startswith("Gunmen stormed a hotel")
    assert background.background and not background.statistic
    assert (background.event_type, background.date, background.place.name) == ("bombing", "2024-11-01", "Herat")
    # "The blast was claimed by ..." continues the bombing, so its perpetrator is the bombing's.
    assert background.perpetrators == ["the same group"] and main.perpetrators == []
    assert statistic.statistic

    kept, moved = apply_split(split, published=PUBLISHED, claims=claims, statistics=[], quotes=[], dates=dates,
                              places=places, actors=actors)
    by_text = {c.text: c for c in kept}
    assert by_text["at least 12 guests"].mention == 0 and by_text["three attackers"].mention == 0
    # A figure is as of the day it was reported (figure_date), not the incident's day.
    assert by_text["at least 12 guests"].as_of == PUBLISHED[:10]
    assert by_text["at least 30 people"].mention == background.index
    assert by_text["at least 30 people"].as_of == PUBLISHED[:10]
    assert [c.text for c in moved] == ["more than 900 people"]
    assert [d.mention for d in dates] == [0, background.index, statistic.index, 0]
    assert [p.mention for p in places] == [0, background.index]


def test_without_dates_the_cue_alone_opens_a_background_incident(records) -> None:
    """Before (or without) the dates component, "In November" is still another time."""
    text, _, places, claims, _ = records
    split = split_article("a1", units_from_sentences(text, sentences(text)), claims=claims, places=places)
    assert [m.background for m in split.mentions] == [False, True, True]
    kept, moved = apply_split(split, published=None, claims=claims, statistics=[], quotes=[], dates=[],
                              places=places, actors=[])
    assert {c.text: c.mention for c in kept} == {"at least 12 guests": 0, "three attackers": 0,
                                                  "at least 30 people": 1}
    assert all(c.as_of is None for c in kept)  # no date anywhere: nothing to say


def test_the_main_incidents_own_month_is_no_cue() -> None:
    from datetime import date

    assert temporal_cue("In March, gunmen attacked the hotel.", date(2025, 3, 11)) is None
    assert temporal_cue("In August, gunmen attacked a bus.", date(2025, 3, 11)) == "In August"
    assert temporal_cue("A suicide bombing killed 25 in November 2024.", date(2025, 3, 11)) is not None
    assert temporal_cue("A month prior, a bomb went off.", None) == "A month prior"
    assert temporal_cue("It was the latest attack.", None) is None


def test_the_time_of_saying_and_hours_before_are_told_apart() -> None:
    # when a victim told a paper something is not when he was shot
    assert temporal_cue("The victim told the News Tribune this week that he was shot twice.", None) is None
    assert temporal_cue("Last week, a man was shot twice on Elm Street.", None) == "Last week"
    assert temporal_cue("About 30 minutes earlier, four people were shot at 13th and Kedzie.", None) is not None
    assert temporal_cue("Mourners gathered for a boy who was killed earlier in the day.", None) is not None
    assert temporal_cue("Minutes later, the man died at the hospital.", None) is None


def test_a_follow_up_report_keeps_its_lead_as_the_main_incident() -> None:
    """"Last week" in the lead is the main incident's time, not a background cue."""
    text = ("A man shot last week in Gary has died, police said.\n"
            "The shooting happened outside a club on Broadway.\n"
            "Last year, a shooting at the same club killed two people.")
    last_week = DateMention(text="last week", span=span_of(text, "last week"), date="2016-02-12", kind="relative")
    last_year = DateMention(text="Last year", span=span_of(text, "Last year"), date="2015-01-01", kind="year")
    claims = [claim(text, "two people", "killed", 2)]
    split = split_article("a1", units_from_sentences(text, sentences(text)), published="2016-02-19",
                          event_type="shooting", dates=[last_week, last_year], claims=claims)
    assert split.mentions[0].date == "2016-02-12" and split.mentions[0].date_basis == "relative"
    assert split.mention_at(text.index("outside a club")) == 0
    assert split.mention_at(claims[0].span[0]) == 1


def test_comparison_cue_splits_the_sentence() -> None:
    text = "The bombing was the deadliest since 2019, when 40 people were killed in Kabul."
    units = units_from_sentences(text, [(0, len(text))])
    assert len(units) == 2 and units[0].text.endswith("since")
    claims = [claim(text, "40 people", "killed", 40)]
    split = split_article("a1", units, published="2025-03-12", event_type="bombing", claims=claims)
    assert split.mention_at(claims[0].span[0]) != 0


@pytest.mark.parametrize("sentence, expected", [
    ("More than 2,500 people were killed by terror attacks in Pakistan in 2024.", True),
    ("The province recorded an 84 per cent rise in attacks.", True),
    ("Police said at least 12 people were killed on Tuesday.", False),
    ("Shootings so far this year have killed 300 people in the city.", True),
])
def test_statistics(sentence: str, expected: bool) -> None:
    assert is_statistic(sentence) is expected


def test_unit_event_type_prefers_the_specific_word() -> None:
    assert unit_event_type("A suicide bombing killed 30 people.") == "bombing"
    assert unit_event_type("Militants attacked and hijacked the train.") == "hijacking"
    assert unit_event_type("The group attacked a convoy.") == "armed_assault"
    assert unit_event_type("The minister spoke to reporters.") is None


def test_component_on_a_real_doc_with_hand_set_records(extractor, records) -> None:
    """The registered component, on a parsed doc, with the upstream records set by hand."""
    text, dates, places, claims, actors = records
    nlp = extractor.nlp
    accord = [name for name in nlp.pipe_names if name.startswith("accord_")]
    with nlp.select_pipes(disable=accord):
        doc = nlp(text)
    doc._.article_id, doc._.published, doc._.event_type = "a1", PUBLISHED, "armed_assault"
    doc._.dates, doc._.places, doc._.claims, doc._.actors = dates, places, claims, actors
    doc._.quotes, doc._.statistics = [], []
    doc = nlp.get_pipe("accord_mentions")(doc)
    mentions = doc._.mentions
    assert [m.background for m in mentions] == [False, True, True] and mentions[2].statistic
    assert [c.text for c in doc._.statistics] == ["more than 900 people"]
    assert {c.text: c.mention for c in doc._.claims}["at least 30 people"] == 1


def test_the_pages_own_date_is_no_incident_date() -> None:
    text = ("A man was shot and killed at a party early Sunday. (Published Wednesday, Jan. 4, 2017)\n"
            "Police said the shooting happened outside a banquet hall.")
    stamp = DateMention(text="Jan. 4, 2017", span=span_of(text, "Jan. 4, 2017"), date="2017-01-04", kind="absolute")
    sunday = DateMention(text="Sunday", span=span_of(text, "Sunday"), date="2017-01-01", kind="weekday")
    split = split_article("a1", units_from_sentences(text, sentences(text)), published="2017-01-05",
                          event_type="shooting", dates=[stamp, sunday])
    assert split.mentions[0].date == "2017-01-01" and split.mentions[0].date_basis == "weekday"
    assert len(split.mentions) == 1


def test_a_dateline_is_not_the_incident_place() -> None:
    text = "NAIROBI — Soldiers stormed a hideout in Garissa on Wednesday, ending a siege, the army said."
    units = units_from_sentences(text, sentences(text))
    nairobi = Place(name="Nairobi", admin1="Nairobi", country="KE", feature="city", span=(0, 7), text="NAIROBI")
    garissa = place(text, "Garissa", "Garissa")
    split = split_article("d1", units, published=PUBLISHED, event_type="hostage_taking", places=[nairobi, garissa])
    assert split.mentions[0].place is not None and split.mentions[0].place.name == "Garissa"
    # A lead opening with a place name and no dash is no dateline.
    text = "Garissa police said gunmen stormed a hideout in Hola on Wednesday."
    units = units_from_sentences(text, sentences(text))
    split = split_article("d2", units, published=PUBLISHED, event_type="hostage_taking",
                          places=[place(text, "Garissa", "Garissa"), place(text, "Hola", "Tana River")])
    assert split.mentions[0].place is not None and split.mentions[0].place.name == "Garissa"


def test_a_country_the_dateline_town_lies_in_does_not_outrank_the_town() -> None:
    # "HOLA, Kenya — ... in Kenya's Tana River County": the country is the town's, said less precisely
    text = "HOLA, Kenya — Gunmen seized a bus in Kenya's Tana River County on Tuesday, police said."
    units = units_from_sentences(text, sentences(text))
    hola = Place(name="Hola", admin1="Tana River", country="KE", feature="city", span=(0, 4), text="HOLA")
    start = text.index("Kenya's")
    kenya = Place(name="Kenya", country="KE", feature="country", span=(start, start + 5), text="Kenya")
    split = split_article("d1", units, published=PUBLISHED, event_type="hijacking", places=[hola, kenya])
    assert split.mentions[0].place is not None and split.mentions[0].place.name == "Hola"


def test_a_journeys_ends_are_not_the_incident_place() -> None:
    """Rule mentions.place.route_end: where the train came from or was going is not where it was attacked."""
    text = ("Militants ambushed the Jaffar Express traveling from Quetta to Peshawar in Balochistan on Tuesday, "
            "killing the driver.")
    units = units_from_sentences(text, sentences(text))
    places = [place(text, "Quetta", "Balochistan"), place(text, "Peshawar", "Khyber Pakhtunkhwa"),
              Place(name="Balochistan", admin1="Balochistan", country="PK", feature="admin1",
                    span=span_of(text, "Balochistan"), text="Balochistan")]
    split = split_article("r1", units, published=PUBLISHED, event_type="hijacking", places=places)
    assert split.mentions[0].place is not None and split.mentions[0].place.name == "Balochistan"
    # without a journey, the first place of the lead stays the incident's
    text = "Militants attacked a checkpoint in Quetta on Tuesday, killing two soldiers."
    units = units_from_sentences(text, sentences(text))
    split = split_article("r2", units, published=PUBLISHED, event_type="armed_assault",
                          places=[place(text, "Quetta", "Balochistan")])
    assert split.mentions[0].place is not None and split.mentions[0].place.name == "Quetta"


def test_an_undated_reports_figures_take_the_reports_own_day() -> None:
    """Rule mentions.as_of.report_day: the page's stamp, else the latest day the text tells of; else none."""
    from accord.extract.mentions.write_back import report_day

    stamp = DateMention(text="Updated 3 June 2024", span=(0, 19), date="2024-06-03", kind="stamp")
    tuesday = DateMention(text="Tuesday", span=(30, 37), date="2024-06-04", kind="weekday")
    monday = DateMention(text="Monday", span=(40, 46), date="2024-06-03", kind="weekday")
    hearing = DateMention(text="June 20", span=(50, 57), date="2024-06-20", kind="scheduled")
    assert report_day([tuesday, stamp]) == "2024-06-03"
    assert report_day([monday, tuesday, hearing]) == "2024-06-04"
    assert report_day([hearing]) is None and report_day([]) is None


def test_a_siege_told_ended_began_days_before() -> None:
    """Rule mentions.date.siege_start: "the three-day siege ... ended ... yesterday" began two days before;
    the mention keeps the day the report dates (for linking) and gives the start beside it."""
    text = ("The death toll from the end of the school siege rose to 323 today.\n"
            "\n"
            "More than 500 were wounded when the three-day siege ended with explosions yesterday.")
    units = units_from_sentences(text, sentences(text))
    today = DateMention(text="today", span=span_of(text, "today"), date="2004-09-04", kind="relative")
    yesterday = DateMention(text="yesterday", span=span_of(text, "yesterday"), date="2004-09-03", kind="relative")
    split = split_article("s1", units, published="2004-09-04", event_type="hostage_taking",
                          dates=[today, yesterday])
    assert split.mentions[0].date == "2004-09-04" and split.mentions[0].start == "2004-09-01"
    # "the eight day-long hijack is over", in a report of that day
    text = "The eight day-long hijack of the airliner is over after a deal with the hijackers."
    split = split_article("s2", units_from_sentences(text, sentences(text)), published="1999-12-31",
                          event_type="hijacking")
    assert split.mentions[0].start == "1999-12-24"
    # a length with no end told gives no start
    text = "Gunmen began a three-day siege of the hotel on Friday."
    split = split_article("s3", units_from_sentences(text, sentences(text)), published="2016-01-16",
                          event_type="hostage_taking")
    assert split.mentions[0].start is None


def test_a_capitals_colon_dateline_is_not_the_incident_place() -> None:
    """"QUETTA: ... in Mastung": the dateline's town is where the report was filed from."""
    text = "QUETTA: A suicide bomber struck an election rally in Mastung on Friday, killing 128 people."
    units = units_from_sentences(text, sentences(text))
    places = [place(text, "QUETTA", "Balochistan"), place(text, "Mastung", "Balochistan")]
    split = split_article("q1", units, published=PUBLISHED, event_type="bombing", places=places)
    assert split.mentions[0].place is not None and split.mentions[0].place.name == "Mastung"
