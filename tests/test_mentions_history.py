"""accord_mentions on history told without a time cue, on places that say nothing about where the incident
happened, and on the structure of round-ups and teaser blocks."""

from __future__ import annotations

import re
from functools import partial

import pytest

from accord.extract.mentions import places_compatible, related_units, split_article, units_from_sentences
from accord.models import Actor, DateMention, Place
from tests.split_helpers import claim, sentences, span_of, split_text

#: Articles here are dated 2016-08-22 unless a test says otherwise.
split = partial(split_text, published="2016-08-22")


def place(text: str, name: str, admin1: str, feature: str = "city", start: int = 0) -> Place:
    return Place(name=name, admin1=admin1, country="US", feature=feature, span=span_of(text, name, start), text=name)


# --------------------------------------------------------------------------- history without a time cue


@pytest.mark.parametrize("text, old", [
    ("Four people were shot at the end of an anti-violence event in Charlotte.\n"
     "The vigil honored Javon Booker, who died after he was shot during a robbery.", "Javon Booker"),
    ("An 8-year-old girl was shot in the wrist on Sunday night.\n"
     "The shooting occurred as people gathered for a vigil for Malik Causey, 14, who was fatally shot nearby.",
     "Malik Causey"),
    ("Five people were shot Thursday night on the same Austin block where six more people have been wounded.",
     "six more people"),
    ("Five people were shot near a park on Sunday.\n"
     "Neighbors had gathered to mourn the death of a 14-year-old boy who was killed in the neighborhood.",
     "a 14-year-old boy"),
])
def test_the_incident_a_gathering_or_a_place_recalls_is_another(text: str, old: str) -> None:
    # (a vigil the report is about, "Vigil held for teenager shot and killed in Killingly", is its lead)
    figures = {"Four people": "injured", "An 8-year-old girl": "injured", "Five people": "injured"}
    claims = [claim(text, phrase, measure, 1) for phrase, measure in figures.items() if phrase in text]
    recalled = claim(text, old, "killed" if "six" not in old else "injured", 1)
    result = split(text, [*claims, recalled])
    assert result.mention_at(recalled.span[0]) != 0
    assert all(result.mention_at(c.span[0]) == 0 for c in claims)


def test_in_that_case_speaks_of_the_similar_shooting_just_told() -> None:
    text = ("No charges will be filed against a man who shot a teenager to death in Adams County.\n"
            "Relatives asked why a man was charged in a similar shooting in Denver over the weekend.\n"
            "In that case, a 15-year-old was killed and a 14-year-old injured.")
    claims = [claim(text, "a teenager", "killed", 1), claim(text, "a 15-year-old", "killed", 1),
              claim(text, "a 14-year-old", "injured", 1)]
    result = split(text, claims)
    at = [result.mention_at(c.span[0]) for c in claims]
    assert at[0] == 0 and at[1] != 0 and at[2] != 0


def test_in_the_shooting_that_names_another_shooting() -> None:
    text = ("Four people were injured when shots rang out at a barbecue in Dorchester.\n"
            "The week included a fatal shooting on Dudley Terrace.\n"
            "In the shooting that left a 36-year-old man dead late Friday, police are looking for a gunman.")
    claims = [claim(text, "Four people", "injured", 4), claim(text, "a 36-year-old man", "killed", 1)]
    result = split(text, claims)
    assert result.mention_at(claims[0].span[0]) == 0 and result.mention_at(claims[1].span[0]) != 0


def test_the_incident_of_a_background_paragraph_goes_on_in_it() -> None:
    text = ("A 16-year-old girl was shot and killed on Friday.\n"
            "Court records show in August 2014, Evans opened fire on a cookout. Six people were shot in the incident.\n"
            "Police said McMillian was an innocent bystander.")
    claims = [claim(text, "A 16-year-old girl", "killed", 1), claim(text, "Six people", "injured", 6)]
    result = split(text, claims, published="2016-11-29")
    assert result.mention_at(claims[0].span[0]) == 0 and result.mention_at(claims[1].span[0]) != 0


# --------------------------------------------------------------------------- places that are no other place


def test_a_town_of_the_county_is_no_other_place() -> None:
    county = Place(name="Prince George's County", admin1="Maryland", country="US", feature="admin2")
    town = Place(name="Capitol Heights", admin1="Maryland", country="US", feature="city")
    elsewhere = Place(name="Dover", admin1="Delaware", country="US", feature="city")
    assert places_compatible(county, town) and places_compatible(town, county)
    assert not places_compatible(county, elsewhere)


def test_a_place_where_somebody_lives_says_nothing_of_the_incident() -> None:
    text = ("Family mourns bar shooting victim\n"
            "Julian Johnson, 29, of Dayton, was arrested on Friday.\n"
            "A police report alleges Johnson fired at the back door, killing Edwards and wounding three others "
            "in Springfield.")
    claims = [claim(text, "Edwards", "killed", 1), claim(text, "three others", "injured", 3)]
    places = [place(text, "Dayton", "Ohio"), place(text, "Springfield", "Ohio")]
    result = split(text, claims, published="2013-03-18", places=places)
    assert all(result.mention_at(c.span[0]) == 0 for c in claims)


def test_a_victim_named_like_a_town_is_a_person() -> None:
    text = ("Rome man charged in fatal shooting on Copeland Street\n"
            "Jackson entered the house and demanded cash.\n"
            "Jackson then fired a handgun at Milner, killing him.")
    killed = claim(text, "him", "killed", 1, text.index("Milner"))
    places = [place(text, "Rome", "Georgia"), place(text, "Milner", "Georgia")]
    actors = [Actor(name="Milner", role="victim", span=span_of(text, "Milner"))]
    result = split(text, [killed], published="2015-04-10", places=places, actors=actors)
    assert result.mention_at(killed.span[0]) == 0 and len(result.mentions) == 1


def test_the_outlet_in_a_page_title_is_not_where_it_happened() -> None:
    text = ("Witnesses describe shootout that killed suspect - KSLA News 12 Shreveport, Louisiana News Weather\n"
            "Police in New Orleans are searching for two men after a shooting that left one man dead.\n"
            "New Orleans police say a trooper was shot in the elbow.")
    places = [place(text, "Shreveport", "Louisiana"), place(text, "New Orleans", "Louisiana"),
              place(text, "New Orleans", "Louisiana", text.index("New Orleans police"))]
    result = split(text, [claim(text, "one man", "killed", 1)], places=places)
    assert result.mentions[0].place is not None and result.mentions[0].place.name == "New Orleans"
    assert result.mention_at(text.index("one man")) == 0


def test_the_lede_under_a_headline_tells_the_headlines_incident() -> None:
    # "Englewood" resolved to a town of another state does not make the lede another incident
    text = ("Four-Year-Old Boy Shot In Chicago\n"
            "A four-year-old boy playing outside his home in Englewood was shot and wounded on Wednesday.\n"
            "He was listed in serious condition.")
    wounded = claim(text, "A four-year-old boy", "injured", 1)
    places = [place(text, "Chicago", "Illinois"), place(text, "Englewood", "Colorado")]
    result = split(text, [wounded], published="2016-07-06", places=places)
    assert result.mention_at(wounded.span[0]) == 0


# --------------------------------------------------------------------------- round-ups and teasers


ROUNDUP = (
    "6 wounded in Chicago shootings\n"
    "\n"
    "Two teens were wounded in separate Chicago shootings a block apart in Logan Square.\n"
    "\n"
    "About 12:30 am Thursday, police found a 17-year-old boy in an alley. He had been shot in the head.\n"
    "\n"
    "Less than nine hours earlier and a block away, a 16-year-old boy was shot in the leg.\n"
    "\n"
    "Other shootings:\n"
    "\n"
    "About 6:55 pm, a 35-year-old man was walking in the 1300 block of West 48th Street. He was shot in the face.\n"
)


def test_a_round_up_tells_one_incident_after_another() -> None:
    claims = [claim(ROUNDUP, "Two teens", "injured", 2), claim(ROUNDUP, "He had been", "injured", 1),
              claim(ROUNDUP, "a 16-year-old boy", "injured", 1), claim(ROUNDUP, "He was shot", "injured", 1)]
    result = split(ROUNDUP, claims, published="2017-03-08")
    at = [result.mention_at(c.span[0]) for c in claims]
    assert result.mentions[at[0]].statistic
    assert at[1] == 0
    # "nine hours earlier" is another time, and a paragraph opening on a clock time after "Other shootings:"
    # tells another incident even before it names the shooting
    assert len({at[1], at[2], at[3]}) == 3


def test_background_incidents_days_apart_are_two() -> None:
    text = ("Several shot at Detroit parties\n"
            "Five people were shot at a party on Sunday night.\n"
            "On June 10, four people were shot at a block party.\n"
            "On June 20, 11 were shot in the city at a block party.")
    claims = [claim(text, "Five people", "injured", 5), claim(text, "four people", "injured", 4),
              claim(text, "11", "injured", 11, text.index("June 20,") + 8)]
    dates = [DateMention(text="Sunday", span=span_of(text, "Sunday"), date="2015-06-28", kind="weekday"),
             DateMention(text="June 10", span=span_of(text, "June 10"), date="2015-06-10", kind="absolute"),
             DateMention(text="June 20", span=span_of(text, "June 20"), date="2015-06-20", kind="absolute")]
    result = split(text, claims, published="2015-06-28", dates=dates)
    at = [result.mention_at(c.span[0]) for c in claims]
    assert at[0] == 0 and 0 not in at[1:] and at[1] != at[2]


def test_a_doubled_headline_is_a_teaser() -> None:
    text = ("Tulsa Police: 1 dead, 3 injured in barber shop shooting.\n"
            "1 dead, 5 wounded in suburban Phoenix shootings 1 dead, 5 wounded in suburban Phoenix shootings "
            "A gunman killed one person and wounded five others.\n"
            "\"I don't even remember, I don't even remember,\" a witness said.")
    units = units_from_sentences(text, sentences(text))
    listed = [units[i].text.strip() for i in related_units(units)]
    assert any(t.startswith("1 dead, 5 wounded") and "A gunman" in t for t in listed)
    assert not any(t.startswith(("Tulsa", '"I')) for t in listed)


def test_a_report_of_a_hearing_tells_its_incident_at_the_incidents_date() -> None:
    text = ("Family mourns bar shooting victim\n"
            "Alicia Edwards wanted to look into the eyes of the stranger accused of killing her husband.\n"
            "But at his arraignment Monday, he never glanced her way.\n"
            "Julian Johnson, 29, of Dayton, was arrested Friday at an apartment complex in Trotwood.\n"
            "He is accused of killing Ernest Edwards at the Nite Owl Bar on Jan 26.\n"
            "A police report alleges Johnson fired at the back door, wounding three others in Springfield.")
    claims = [claim(text, "her husband", "killed", 1), claim(text, "Julian Johnson", "arrested", 1),
              claim(text, "Ernest Edwards", "killed", 1), claim(text, "three others", "injured", 3)]
    dates = [DateMention(text="Monday", span=span_of(text, "Monday"), date="2013-03-18", kind="weekday"),
             DateMention(text="Friday", span=span_of(text, "Friday"), date="2013-03-15", kind="weekday"),
             DateMention(text="Jan 26", span=span_of(text, "Jan 26"), date="2013-01-26", kind="absolute")]
    places = [place(text, "Dayton", "Ohio"), place(text, "Trotwood", "Ohio"), place(text, "Springfield", "Ohio")]
    result = split(text, claims, published="2013-03-18", dates=dates, places=places)
    assert result.mentions[0].date == "2013-01-26"
    assert all(result.mention_at(c.span[0]) == 0 for c in claims if c.measure != "arrested")


@pytest.mark.parametrize("sentence", [
    "Green spent 16 years in prison for killing his first wife.",
    "The charges came more than two decades after Green was imprisoned for killing his wife.",
    "This after her mother died just months ago.",
])
def test_a_life_before_the_incident_is_another_time(sentence: str) -> None:
    text = f"Four children were found shot dead in a home on Wednesday.\n{sentence}"
    old = next(phrase for phrase in ("his first wife", "his wife", "her mother") if phrase in sentence)
    claims = [claim(text, "Four children", "killed", 4), claim(text, old, "killed", 1)]
    result = split(text, claims, published="2016-09-22")
    assert result.mention_at(claims[0].span[0]) == 0 and result.mention_at(claims[1].span[0]) != 0


def test_a_round_up_turns_at_the_next_shooting_it_names() -> None:
    text = ("Three shootings kill five in Stockton in four-hour span\n"
            "Within four hours, five people were dead in a string of separate shootings in the city.\n"
            "Dispatchers got the first call before midnight. The man, 28, later died at a hospital.\n"
            "Officers responded to the second shooting at about midnight. There they found a man, 26, dead.\n")
    claims = [claim(text, "The man, 28", "killed", 1), claim(text, "a man, 26", "killed", 1)]
    result = split(text, claims, published="2014-10-12")
    at = [result.mention_at(c.span[0]) for c in claims]
    assert at[0] == 0 and at[1] != 0


def test_other_incidents_reported_the_same_day_are_not_the_report() -> None:
    text = ("A Seminole High School student was shot near the campus on Wednesday.\n"
            "Several other incidents were reported at schools across Central Florida Wednesday.\n"
            "Eight students were injured in a fight at Meadow Woods Middle School.")
    claims = [claim(text, "A Seminole High School student", "injured", 1),
              claim(text, "Eight students", "injured", 8)]
    result = split(text, claims, published="2017-03-16")
    assert result.mention_at(claims[0].span[0]) == 0 and result.mention_at(claims[1].span[0]) != 0


def test_the_incident_compared_with_is_told_on_in_its_own_paragraph() -> None:
    text = ("Alvin boy, 7, lucky to be alive after shooting himself\n"
            "A 7-year-old accidentally shot himself in the head on Wednesday.\n"
            "The boy is expected to recover.\n"
            "The incident came a day after another boy shot himself in the face at a home in Harris County.\n"
            "That shooting happened about 6:15 pm Tuesday on Shady Tree Lane. The child was rushed to a hospital. "
            "He died on Thursday.")
    claims = [claim(text, "A 7-year-old", "injured", 1), claim(text, "He died", "killed", 1)]
    result = split(text, claims, published="2016-07-28")
    assert result.mention_at(claims[0].span[0]) == 0 and result.mention_at(claims[1].span[0]) != 0


def test_a_victim_who_died_days_later_elsewhere_is_still_the_main_incident() -> None:
    text = ("Little Rock shooting victim dies\n"
            "A man injured in a shooting at 22nd and Bragg on November 2 has died.\n"
            "Fred Duhart, 38, died at a hospital in North Little Rock on Sunday as a result of his injuries.")
    claims = [claim(text, "A man", "killed", 1), claim(text, "Fred Duhart", "killed", 1)]
    dates = [DateMention(text="November 2", span=span_of(text, "November 2"), date="2016-11-02", kind="absolute"),
             DateMention(text="Sunday", span=span_of(text, "Sunday"), date="2016-11-20", kind="weekday")]
    places = [place(text, "Little Rock", "Arkansas"), place(text, "North Little Rock", "Arkansas")]
    result = split(text, claims, published="2016-11-22", dates=dates, places=places)
    assert result.mentions[0].date == "2016-11-02"
    assert all(result.mention_at(c.span[0]) == 0 for c in claims)


def test_a_gathering_the_victims_came_from_is_no_other_incident() -> None:
    text = ("St. Louis police seek white SUV in shootings\n"
            "Four men coming from a repast to honor a slain friend were shot, one fatally, on Friday afternoon.")
    claims = [claim(text, "Four men", "injured", 3), claim(text, "one fatally", "killed", 1)]
    result = split(text, claims, published="2013-01-25")
    assert all(result.mention_at(c.span[0]) == 0 for c in claims)


def test_the_people_of_the_incident_just_told_keep_it() -> None:
    # a photo caption stamped with its year, then a sentence naming its victim again
    text = ("One teen injured after shooting in Pine Bluff\n"
            "istock 1993: Doctor David Gunn is shot to death outside a Pensacola abortion clinic. "
            "Michael Griffin was eventually convicted of murdering Gunn.\n"
            "Pine Bluff police say one teen is injured after a shooting near 17th Avenue.")
    claims = [claim(text, "Doctor David Gunn", "killed", 1),
              claim(text, "Gunn", "killed", 1, text.index("murdering")), claim(text, "one teen", "injured", 1)]
    # the parser ends a sentence at the stamp's colon
    stamped = [(m.start(), m.end()) for m in re.finditer(r"[^.:\n]+[.:]?", text) if m.group(0).strip()]
    result = split_article("a1", units_from_sentences(text, stamped), claims=claims, published="2017-03-16",
                           event_type="shooting")
    at = [result.mention_at(c.span[0]) for c in claims]
    assert at[0] != 0 and at[1] == at[0] and at[2] == 0


def test_the_incidents_a_count_is_made_of_are_not_the_report() -> None:
    text = ("Four young friends were shot outside a house on Sheridan Road on Feb 23.\n"
            "At least 11 students were shot in 2015 in three separate incidents, police records show. "
            "Two female students were shot to death in an off-campus apartment. "
            "Three more students were shot, one of them fatally, during a party.")
    claims = [claim(text, "Four young friends", "injured", 4), claim(text, "Two female students", "killed", 2),
              claim(text, "one of them", "killed", 1)]
    result = split(text, claims, published="2016-06-25")
    at = [result.mention_at(c.span[0]) for c in claims]
    assert at[0] == 0 and 0 not in at[1:]


def test_this_week_in_a_report_of_this_weeks_incident_is_its_time() -> None:
    text = ("Kissimmee shooting victims mum\n"
            "One man who had been shot in a leg was found at home on Tuesday.\n"
            "A night of gunfire injured at least five victims this week, police said.\n"
            "A man accused of shooting his stepson in May pleaded guilty this week.")
    claims = [claim(text, "One man", "injured", 1), claim(text, "at least five victims", "injured", 5),
              claim(text, "his stepson", "killed", 1)]
    tuesday = DateMention(text="Tuesday", span=span_of(text, "Tuesday"), date="2013-09-17", kind="weekday")
    result = split(text, claims, published="2013-09-19", dates=[tuesday])
    at = [result.mention_at(c.span[0]) for c in claims]
    assert at[0] == 0 and at[1] == 0 and at[2] != 0
