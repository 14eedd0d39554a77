"""accord_mentions on the structures that hold several incidents: round-ups, sections under crossheads,
related-story lists, aggregate counts, follow-up reports and names that look like places."""

from __future__ import annotations

from functools import partial

import pytest

from accord.extract.mentions import (
    crosshead_sections,
    is_statistic,
    related_units,
    unit_event_type,
    units_from_sentences,
)
from accord.models import Actor, DateMention, Place
from tests.split_helpers import claim, sentences, span_of, split_text

#: Articles here are dated 2016-06-30 unless a test says otherwise.
split = partial(split_text, published="2016-06-30")


def city(text: str, name: str, admin1: str, country: str = "US") -> Place:
    return Place(name=name, admin1=admin1, country=country, feature="city", span=span_of(text, name), text=name)


@pytest.mark.parametrize("sentence, expected", [
    ("At least 18 people were shot between Tuesday afternoon and early Wednesday in Chicago.", True),
    ("Four people are dead after a string of shootings in the city.", True),
    ("Six people have been wounded in shootings over the past two weeks.", True),
    ("Nine people were hurt in separate shootings across the South Side.", True),
    ("A man was shot between two parked cars on Tuesday afternoon.", False),
    ("The siege is the latest in a string of", False),
    ("Two people were shot and killed on Tuesday afternoon.", False),
])
def test_aggregate_counts_are_statistics(sentence: str, expected: bool) -> None:
    assert is_statistic(sentence) is expected


ROUNDUP = (
    "A girl was wounded in a shooting on Elm Street on Tuesday night, police said.\n"
    "The girl was taken to a hospital in good condition.\n"
    "In a separate shooting, two men were wounded on Oak Avenue.\n"
    "A third man was grazed in the arm.\n"
    "About 2:05 am, a woman was shot in the leg on Pine Road.\n"
    "She was listed in fair condition."
)


def test_a_separate_incident_turns_the_article_into_a_round_up() -> None:
    claims = [claim(ROUNDUP, "A girl", "injured", 1), claim(ROUNDUP, "two men", "injured", 2),
              claim(ROUNDUP, "A third man", "injured", 1), claim(ROUNDUP, "a woman", "injured", 1),
              claim(ROUNDUP, "She", "injured", 1)]
    result = split(ROUNDUP, claims)
    at = {c.text: result.mention_at(c.span[0]) for c in claims}
    assert at["A girl"] == 0
    assert result.mention_at(ROUNDUP.index("The girl was taken")) == 0
    # the separate shooting goes on in the next sentence, which has no cue of its own
    assert at["two men"] != 0 and at["A third man"] == at["two men"]
    # a sentence opening on a clock time tells the next incident of the round-up
    assert at["a woman"] not in (0, at["two men"]) and at["She"] == at["a woman"]
    assert all(m.background for m in result.mentions[1:])


SECTIONS = (
    "Three people are dead after a string of shootings in the county.\n"
    "\n"
    "The first shooting happened on February 25 when a man was shot on Bay Street.\n"
    "The man was taken to a hospital.\n"
    "\n"
    "Harbor Road shooting\n"
    "\n"
    "The next night, a man was shot outside a bar.\n"
    "He survived.\n"
    "\n"
    "Two dead after Canal Street argument\n"
    "\n"
    "Two men were found dead in a car.\n"
    "\n"
    "Shooting behind Mel's Diner\n"
    "\n"
    "A cook was wounded in the parking lot.\n"
)


def test_crossheads_cut_a_round_up_into_incidents() -> None:
    claims = [claim(SECTIONS, "Three people", "killed", 3), claim(SECTIONS, "a man was shot on", "injured", 1),
              claim(SECTIONS, "a man was shot outside", "injured", 1), claim(SECTIONS, "Two men", "killed", 2),
              claim(SECTIONS, "A cook", "injured", 1)]
    feb = DateMention(text="February 25", span=span_of(SECTIONS, "February 25"), date="2017-02-25", kind="absolute")
    result = split(SECTIONS, claims, published="2017-03-12", dates=[feb])
    at = [result.mention_at(c.span[0]) for c in claims]
    assert result.mentions[at[0]].statistic
    assert at[1] == 0 and result.mentions[0].date == "2017-02-25"
    assert len({at[2], at[3], at[4]}) == 3 and 0 not in at[2:]
    assert result.mention_at(SECTIONS.index("He survived")) == at[2]


def test_a_features_subheads_are_no_sections() -> None:
    """Two headings, or headings that name no place or person, do not make a round-up."""
    text = ("Gunmen attacked a train in Bolan on Tuesday, killing 20 people.\n\nUnprecedented hostage crisis\n\n"
            "The hostages were held for a day.\n\nThreat grows as militants adapt\n\nAnalysts expect more attacks.\n\n"
            "A new kind of attack\n\nThe army freed 300 passengers.\n")
    units = units_from_sentences(text, sentences(text))
    types = [unit_event_type(u.text) for u in units]
    assert crosshead_sections(units, types, 0) == [None] * len(units)


def test_related_story_lists_are_background() -> None:
    text = ("OAKLAND - A teenage boy was found fatally shot in a car on Friday evening. Related Articles "
            "Two men charged in Hayward killing\n"
            "Oakland: Man fatally stabbed at park\n"
            "The shooting happened in the 8800 block of Hillside Street.\n"
            "0:43 Homeless man found dead; suspect arrested\n"
            "1:51 Boy killed with machete\n")
    units = units_from_sentences(text, sentences(text))
    found = related_units(units)
    listed = {units[i].text.strip() for i in found}
    assert "Oakland: Man fatally stabbed at park" in listed and "1:51 Boy killed with machete" in listed
    assert not any(t.startswith(("OAKLAND", "The shooting happened")) for t in listed)
    claims = [claim(text, "A teenage boy", "killed", 1), claim(text, "Man fatally", "killed", 1),
              claim(text, "Homeless man", "killed", 1), claim(text, "Boy killed", "killed", 1)]
    result = split(text, claims, published="2016-12-16")
    at = [result.mention_at(c.span[0]) for c in claims]
    assert at[0] == 0 and 0 not in at[1:] and len(set(at[1:])) == 3


def test_an_arrest_elsewhere_and_later_is_still_the_main_incident() -> None:
    text = ("Deputies arrested a man accused of killing two people on Thursday night in Weir.\n"
            "The suspect was arrested on Saturday in Lockhart, where he fled after the shooting.\n"
            "Last year, a shooting in Lockhart killed a woman.")
    claims = [claim(text, "a man", "arrested", 1), claim(text, "two people", "killed", 2),
              claim(text, "The suspect", "arrested", 1), claim(text, "a woman", "killed", 1)]
    dates = [DateMention(text="Thursday", span=span_of(text, "Thursday"), date="2014-11-27", kind="weekday"),
             DateMention(text="Saturday", span=span_of(text, "Saturday"), date="2014-11-29", kind="weekday")]
    places = [city(text, "Weir", "Texas"), city(text, "Lockhart", "Texas")]
    result = split(text, claims, published="2014-11-30", dates=dates, places=places)
    at = {c.text: result.mention_at(c.span[0]) for c in claims}
    assert at["The suspect"] == 0 and at["a woman"] != 0


def test_a_lead_reporting_an_arrest_dates_the_arrest_not_the_incident() -> None:
    text = ("Police arrested a man Thursday in the shooting death of a 17-year-old boy.\n"
            "Jordan Miles was shot and killed in front of his home on Jan. 19.")
    claims = [claim(text, "a man", "arrested", 1), claim(text, "a 17-year-old boy", "killed", 1),
              claim(text, "Jordan Miles", "killed", 1)]
    dates = [DateMention(text="Thursday", span=span_of(text, "Thursday"), date="2017-01-26", kind="weekday"),
             DateMention(text="Jan. 19", span=span_of(text, "Jan. 19"), date="2017-01-19", kind="absolute")]
    result = split(text, claims, published="2017-01-27", dates=dates)
    assert result.mentions[0].date == "2017-01-19" and len(result.mentions) == 1


def test_a_report_without_its_own_date_keeps_the_days_before_publication() -> None:
    text = ("Two men were charged with the murders of a boy and his father in Toone.\n"
            "Investigators said the men shot and killed the boy and his father on Friday morning.\n"
            "The town was shaken.")
    claims = [claim(text, "the boy and his father", "killed", 2)]
    friday = DateMention(text="Friday", span=span_of(text, "Friday"), date="2016-10-21", kind="weekday")
    result = split(text, claims, published="2016-10-26", dates=[friday])
    assert result.mention_at(claims[0].span[0]) == 0


def test_a_place_that_names_a_person_opens_no_incident() -> None:
    text = ("Four people were shot in North Fairmount on Tuesday evening.\n"
            "Police identified the victim as Jonathan Austin, 24.\n"
            "Austin was pronounced dead at the scene.\n"
            "More shots were fired, Gaines said.")
    claims = [claim(text, "Four people", "injured", 4), claim(text, "Austin was", "killed", 1)]
    places = [city(text, "North Fairmount", "Ohio"),
              Place(name="Austin", admin1="Texas", country="US", feature="city",
                    span=span_of(text, "Austin", text.index("Austin was")), text="Austin"),
              Place(name="Gaines", admin1="Georgia", country="US", feature="city", span=span_of(text, "Gaines"),
                    text="Gaines")]
    actors = [Actor(name="Jonathan Austin", role="victim", span=span_of(text, "Jonathan Austin"))]
    result = split(text, claims, published="2015-12-09", places=places, actors=actors)
    assert len(result.mentions) == 1 and result.mention_at(claims[1].span[0]) == 0


def test_a_surname_after_the_full_name_is_the_same_victim() -> None:
    text = "Jose Ortega III was shot and killed on Sunday. Ortega was 20. Police said Ortega had no gang ties."
    actors = [Actor(name="Ortega", role="victim", span=span_of(text, "Ortega was")),
              Actor(name="Jose Ortega III", role="victim", span=span_of(text, "Jose Ortega III")),
              Actor(name="Ortega", role="victim", span=span_of(text, "Ortega had"))]
    result = split(text, [claim(text, "Jose Ortega III", "killed", 1)], actors=actors)
    assert result.mentions[0].victims == ["Jose Ortega III"]


def test_another_incident_in_passing_is_no_round_up() -> None:
    text = ("A man was shot and killed by police on Friday morning in Portland.\n"
            "The man was involved in another fatal shooting in 2013.\n"
            "Officers said the man had fired at them first.\n"
            "Also this weekend, in an unrelated shooting, a woman was wounded in Gresham.\n"
            "She is expected to survive.")
    claims = [claim(text, "A man", "killed", 1), claim(text, "a woman", "injured", 1), claim(text, "She", "injured", 1)]
    result = split(text, claims, published="2017-02-12")
    assert result.mention_at(text.index("Officers said")) == 0
    assert result.mention_at(claims[1].span[0]) != 0
    assert result.mention_at(claims[2].span[0]) == result.mention_at(claims[1].span[0])


def test_a_sentence_naming_the_main_city_stays_with_the_main_incident() -> None:
    text = ("A student was shot and killed on Tuesday in Nashville.\n"
            "A classmate at a high school in Nashville is charged with the shooting of a fellow student in Hermitage.\n"
            "Last year, a shooting in Memphis killed two people.")
    claims = [claim(text, "A student", "killed", 1), claim(text, "a fellow student", "killed", 1),
              claim(text, "two people", "killed", 2)]
    nashville = city(text, "Nashville", "Tennessee")
    places = [nashville, Place(name="Nashville", admin1="Tennessee", country="US", feature="city",
                               span=span_of(text, "Nashville", nashville.span[1]), text="Nashville"),
              city(text, "Hermitage", "Pennsylvania"), city(text, "Memphis", "Tennessee")]
    result = split(text, claims, published="2014-01-28", places=places)
    at = [result.mention_at(c.span[0]) for c in claims]
    assert at[:2] == [0, 0] and at[2] != 0


@pytest.mark.parametrize("sentence", [
    "Seven people have been shot in four separate incidents over the last three days.",
    "Four people were killed and 10 wounded in shootings across the city to start the weekend.",
    "Police: 4 dead, 10 wounded in weekend shootings",
    "Five people were killed within four hours Saturday.",
    "Nine people were shot overnight, including seven in just one location.",
])
def test_counts_over_several_incidents_are_statistics(sentence: str) -> None:
    assert is_statistic(sentence)


def test_a_man_who_died_within_hours_is_no_statistic() -> None:
    assert not is_statistic("A man was shot and died within 24 hours at the hospital.")


STAT_LED = (
    "Seven people shot in 72 hours in Riverton\n"
    "Seven people have been shot in four separate incidents over the last three days.\n"
    "Three young men were shot near Genesee Street early Monday afternoon.\n"
    "The men are expected to recover.\n"
    "Two teenage boys were shot around 11:30 pm on Best Street.\n"
    "A third boy was also grazed.\n"
)


def test_a_lead_counting_several_incidents_makes_a_round_up() -> None:
    claims = [claim(STAT_LED, "Seven people shot", "injured", 7), claim(STAT_LED, "Seven people have", "injured", 7),
              claim(STAT_LED, "Three young men", "injured", 3), claim(STAT_LED, "Two teenage boys", "injured", 2),
              claim(STAT_LED, "A third boy", "injured", 1)]
    monday = DateMention(text="Monday", span=span_of(STAT_LED, "Monday"), date="2017-03-06", kind="weekday")
    result = split(STAT_LED, claims, published="2017-03-07", dates=[monday])
    at = [result.mention_at(c.span[0]) for c in claims]
    assert result.mentions[at[0]].statistic and result.mentions[at[1]].statistic
    # each incident of the round-up is its own mention; "a third boy ... also" goes on with the last
    assert at[2] != at[3] and at[4] == at[3]
    assert result.mention_at(STAT_LED.index("The men are")) in (0, at[2])


def test_an_earlier_shooting_hours_before_is_another_incident() -> None:
    text = ("Two people were killed in a shooting Friday afternoon in Brighton Park.\n"
            "The victims were walking down the street when a car pulled up.\n"
            "About 30 minutes earlier, four people were shot at 13th and Kedzie, police said.")
    claims = [claim(text, "Two people", "killed", 2), claim(text, "four people", "injured", 4)]
    result = split(text, claims, published="2016-12-16")
    assert result.mention_at(claims[0].span[0]) == 0 and result.mention_at(claims[1].span[0]) != 0


def test_headlines_and_cut_teasers_after_a_more_from_marker_are_listed() -> None:
    text = ("A teen was shot and killed in a parking lot on Saturday night.\n"
            "MORE FROM THE STATION\n"
            "+ One killed in hit-and-run, driver still at-large\n"
            "+ Two killed in county crash\n"
            "LIVE: 25 hurt in explosion downtown Police say 25 people suffered minor injuries.\n"
            "4 dead in bus crash. A charter bus wreck killed four people and injured dozens on the bypass in Richm\u2026\n"
            "There is no word on any suspects or arrests at this time.\n")
    units = units_from_sentences(text, sentences(text))
    listed = {units[i].text.strip() for i in related_units(units)}
    assert "+ Two killed in county crash" in listed
    # a teaser whose headline ran into its text, between two listed lines
    assert any(t.startswith("LIVE: 25 hurt") for t in listed)
    assert any(t.startswith("A charter bus wreck") for t in listed) and "4 dead in bus crash." in listed
    assert not any(t.startswith(("A teen", "There is no word")) for t in listed)


def test_people_spoken_of_again_go_on_with_the_other_incident_of_their_paragraph() -> None:
    text = ("A man was wounded in a shooting on Elm Street on Friday, police said.\n"
            "Last month, a gunman opened fire on officers at a protest. Five of the officers died.\n"
            "The man is expected to survive.")
    claims = [claim(text, "A man", "injured", 1), claim(text, "Five of the officers", "killed", 5),
              claim(text, "The man", "injured", 1)]
    result = split(text, claims, published="2016-07-08")
    at = [result.mention_at(c.span[0]) for c in claims]
    assert at[0] == 0 and at[1] != 0 and at[1] == result.mention_at(text.index("Last month")) and at[2] == 0


def test_a_headline_over_a_count_of_several_shootings_is_that_count() -> None:
    text = ("Six shot, two fatally, in the city on Saturday, police say\n"
            "\n"
            "Two men were killed and four were wounded in three separate shootings Saturday, police said.\n"
            "Officers were called about 6 am to Pearl Street, where a man was found shot in the head.\n")
    claims = [claim(text, "Six", "injured", 4), claim(text, "Two men", "killed", 2),
              claim(text, "a man", "killed", 1)]
    result = split(text, claims, published="2017-04-08")
    at = [result.mention_at(c.span[0]) for c in claims]
    assert result.mentions[at[0]].statistic and at[1] == at[0] and at[2] == 0


def test_the_incident_a_report_comes_hours_after_is_another() -> None:
    text = ("One woman died and three others were injured in a highway shooting on Thursday.\n"
            "The announcement comes just hours after 12 officers were shot at a protest. Five of the officers died.\n")
    claims = [claim(text, "One woman", "killed", 1), claim(text, "12 officers", "injured", 12),
              claim(text, "Five of the officers", "killed", 5)]
    result = split(text, claims, published="2016-07-08")
    at = [result.mention_at(c.span[0]) for c in claims]
    assert at[0] == 0 and at[1] != 0 and at[2] == at[1]


def test_figures_of_the_second_shooting_of_a_report_are_not_the_main_incidents() -> None:
    text = ("A 19-year-old was killed at a block party on Sunday night.\n"
            "Information on the second shooting is scarce but one person was wounded at a gathering.\n"
            "The second shooting victim of the block party is in stable condition.")
    claims = [claim(text, "A 19-year-old", "killed", 1), claim(text, "one person", "injured", 1),
              claim(text, "The second shooting victim", "injured", 1)]
    result = split(text, claims, published="2015-06-29")
    at = [result.mention_at(c.span[0]) for c in claims]
    assert at[0] == 0 and at[1] != 0 and at[2] == 0


@pytest.mark.parametrize("opening", [
    "Relatedly, troops rescued 16 girls abducted by another gang",
    "It would be recalled that troops rescued 16 girls abducted by another gang",
    "In a similar incident, troops rescued 16 girls abducted by another gang",
    "Meanwhile, in a neighbouring state, troops rescued 16 girls abducted by another gang",
])
def test_a_related_incident_paragraph_is_background(opening: str) -> None:
    """Related-incident openers turn to another incident: its figures are not the main one's."""
    text = ("Gunmen abducted 80 pupils from a school on Thursday, police said.\n"
            "\n"
            f"{opening}.\n")
    claims = [claim(text, "80 pupils", "held", 80), claim(text, "16 girls", "rescued", 16)]
    result = split(text, claims, event_type="kidnapping")
    assert result.mention_at(claims[0].span[0]) == 0
    assert result.mention_at(claims[1].span[0]) != 0


@pytest.mark.parametrize("sentence", [
    "The incident happened two days after an attack at the airport where 2 officials were killed.",
    "The attack came as 2 aid workers were kidnapped in the north, the ministry said.",
    "The carnage came on a day of bloodshed with a suicide bomber killing 2 officials at a mosque abroad.",
    "The bombing follows three days of attacks on the oil terminals, which killed 2 officials.",
    "The group also claimed responsibility Monday for bombings in coastal cities that killed 2 officials.",
])
def test_a_related_incident_told_beside_the_main_one_is_background(sentence: str) -> None:
    """Clauses that tell another incident beside the main one: what came before it, what happened at the
    same time, the other attacks of the day or of the group. Their figures are not the main incident's."""
    text = f"Gunmen killed 40 people at a market on Thursday, police said.\n{sentence}\n"
    claims = [claim(text, "40 people", "killed", 40), claim(text, "2 ", "killed", 2)]
    result = split(text, claims, event_type="armed_assault")
    assert result.mention_at(claims[0].span[0]) == 0
    assert result.mention_at(claims[1].span[0]) != 0


@pytest.mark.parametrize("sentence", [
    "The attack came as 300 worshippers gathered for Friday prayers.",
    "The blast was followed by gunfire that killed 2 more people.",
    "Islamic State also claimed responsibility for the suicide attack, which killed 2 officials.",
])
def test_the_main_incident_told_with_those_words_stays_main(sentence: str) -> None:
    text = f"Gunmen killed 40 people at a market on Thursday, police said.\n{sentence}\n"
    phrase = "300 worshippers" if "300" in sentence else "2 "
    claims = [claim(text, "40 people", "killed", 40), claim(text, phrase, "killed", 2)]
    result = split(text, claims, event_type="armed_assault")
    assert result.mention_at(claims[1].span[0]) == 0


def region(text: str, name: str, country: str = "PK", start: int = 0) -> Place:
    return Place(name=name, admin1=name, country=country, feature="admin1", span=span_of(text, name, start),
                 text=name)


@pytest.mark.parametrize(("opening", "elsewhere"), [
    ("And in Balochistan, 4 terrorists were killed at a naval base.", True),
    ("Elsewhere in northern Balochistan, 4 terrorists were killed at a naval base.", True),
    ("In Khyber Pakhtunkhwa, 4 terrorists were killed as they fled.", False),  # the main incident's province
    ("Militants from Balochistan said 4 terrorists were killed as they fled.", False),  # not the setting
])
def test_a_sentence_set_in_another_region_tells_what_happened_there(opening: str, elsewhere: bool) -> None:
    text = f"A suicide bomber killed 6 people in Besham on Tuesday, police said.\n{opening}\n"
    claims = [claim(text, "6 people", "killed", 6), claim(text, "4 terrorists", "killed", 4)]
    besham = Place(name="Besham", admin1="Khyber Pakhtunkhwa", country="PK", feature="city",
                   span=span_of(text, "Besham"), text="Besham")
    named = "Balochistan" if "Balochistan" in opening else "Khyber Pakhtunkhwa"
    places = [besham, region(text, named)]
    result = split(text, claims, published="2024-03-26", event_type="bombing", places=places)
    assert result.mention_at(claims[0].span[0]) == 0
    assert (result.mention_at(claims[1].span[0]) != 0) is elsewhere
    kept = split(text, claims, published="2024-03-26", event_type="bombing", places=places,
                 disabled=["mentions.other_region_opening"])
    assert kept.mention_at(claims[1].span[0]) == 0
