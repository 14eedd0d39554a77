"""Linking weighs details two reports give that disagree (addresses, ages, times of day) against a merge, ties a
follow-up months later by the rare names both give (a suspect, a business), and lets no crowd of undated recalls
outvote two dated reports a year apart."""

from __future__ import annotations

from collections import Counter
from datetime import date

from accord.link import link_features, link_mentions, rare_names
from accord.link.cluster import agglomerate
from accord.link.features import ages, capitalised_names, lower_case_words, times_of_day
from accord.link.signals import (
    CONFLICT_FACTORS,
    FOLLOW_UP_RARE_NAMES,
    compatible,
    conflicts,
    mentions_place_relation,
    named_follow_up,
    other_addresses,
    other_ages,
    other_times,
    rare_name_credit,
    score,
)
from accord.models import ArticleExtraction, IncidentMention, Place
from tests.test_link import city, groups_of, membership, report, thirty_shootings
from tests.test_link_group_support import mention


def test_ages_and_times_of_day_are_read_from_a_lead_and_page_stamps_are_not() -> None:
    assert ages("Girl, 5, And Boy, 7, Among 4 Shot In West Englewood") == {5, 7}
    assert ages("A 24-year-old man, aged 24, and a woman 31 years old; a 150-year-old house") == {24, 31}
    assert times_of_day("Posted: Tuesday, January 28, 2014 8:18 PM EST. Police were called about 2 a.m. and "
                        "again at 10:30 p.m.") == {120, 1350}
    assert times_of_day("Updated 5:00 PM") == frozenset()


def test_addresses_agree_on_the_same_block_or_street_and_conflict_otherwise() -> None:
    def with_addresses(*found: str):  # type: ignore[no-untyped-def]
        m = mention("x", {1: 1.0})
        m.addresses = frozenset(found)
        return m

    hermitage = with_addresses("5500 s hermitage avenue")
    assert not other_addresses(hermitage, with_addresses("5532 s hermitage avenue"))  # same hundred block
    assert not other_addresses(with_addresses("7400 bentanna drive"), with_addresses("7400 betanna drive"))
    assert not other_addresses(with_addresses("1094 misty hollow lane"), with_addresses("1900 misty hollow court"))
    assert other_addresses(hermitage, with_addresses("5700 s morgan street"))
    assert not other_addresses(hermitage, mention("y", {1: 1.0}))  # one gives no address: nothing to weigh


def test_ages_and_times_conflict_beyond_their_tolerance_only() -> None:
    a, b = mention("a", {1: 1.0}), mention("b", {1: 1.0})
    a.ages, b.ages = frozenset({4}), frozenset({7, 9})
    assert other_ages(a, b)
    b.ages = frozenset({5})  # reports disagree on an age by a year
    assert not other_ages(a, b)
    a.times, b.times = frozenset({23 * 60 + 30}), frozenset({60})  # 11:30 p.m. and 1 a.m.: across midnight
    assert not other_times(a, b)
    b.times = frozenset({15 * 60})
    assert other_times(a, b) and conflicts(a, b) == ["times"]


def test_two_shootings_of_one_city_and_day_at_other_addresses_stay_apart(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    chicago = city("Chicago", "Illinois")
    first = report("first", "Four people were shot, including a 5-year-old girl and a 7-year-old boy, in the 5500 "
                   "block of South Hermitage Avenue late Monday, police said. The children were taken to Comer "
                   "Children's Hospital. No one is in custody; Area Central detectives are investigating.",
                   published="2016-07-05", date="2016-07-04", basis="weekday", place=chicago)
    again = report("again", "A 5-year-old girl and a 7-year-old boy were among four people wounded Monday night "
                   "in the 5500 block of South Hermitage Avenue, police said.",
                   published="2016-07-05", date="2016-07-04", basis="weekday", place=chicago)
    other = report("other", "A 2-year-old boy was shot while playing outside a home in the 5700 block of South "
                   "Morgan Street on Monday evening, police said. He was taken to a hospital "
                   "in serious condition.",
                   published="2016-07-05", date="2016-07-04", basis="weekday", place=chicago)
    pairs = [first, again, other, *thirty_shootings()]
    features = {f.article: f for f in link_features([a for a, _ in pairs], [e for _, e in pairs])}
    assert score(features["first"], features["other"]).signals["conflicts"] == ["addresses", "ages"]
    together = membership(groups_of(pairs))
    assert frozenset({("first", 0), ("again", 0)}) in together
    assert frozenset({("other", 0)}) in together
    # Without the conflicting details weighed, the same words and day join the two shootings.
    monkeypatch.setitem(CONFLICT_FACTORS, "addresses", 1.0)
    monkeypatch.setitem(CONFLICT_FACTORS, "ages", 1.0)
    assert frozenset({("first", 0), ("again", 0), ("other", 0)}) in membership(groups_of(pairs))


def test_capitalised_names_leave_out_institutions_labels_places_and_the_calendar() -> None:
    extraction = ArticleExtraction(article="x")
    main = IncidentMention(index=0, article="x", place=city("Lexington", "Kentucky"))
    names = capitalised_names(
        "Updated: Friday. Police arrested Darnell Whitacre on Monday in the April shooting at Eastland Bowling "
        "Lanes in Lexington. The victim died at the University of Kentucky Medical Center, the Fayette County "
        "Coroner's Office said.", extraction, main)
    assert {"darnell", "whitacre", "eastland", "bowling", "lanes"} <= names
    assert not names & {"updated", "friday", "monday", "april", "lexington", "kentucky", "coroner's", "university"}


def test_a_name_is_rare_when_few_mentions_give_it_and_none_writes_it_in_lower_case() -> None:
    df = Counter({"whitacre": 2, "eastland": 2, "bowling": 2, "chicago": 40})
    lower = Counter(lower_case_words("the bowling alley was closed")) + Counter(lower_case_words("a bowling team"))
    assert rare_names(frozenset({"whitacre", "eastland", "bowling", "chicago"}), df, lower, pool=1000) == {
        "whitacre", "eastland"}
    # In a pool of ten mentions a name in three of them is not rare.
    assert rare_names(frozenset({"whitacre"}), Counter({"whitacre": 3}), Counter(), pool=10) == frozenset()
    assert rare_name_credit(1) == 0.0 and rare_name_credit(FOLLOW_UP_RARE_NAMES) == 1.0


def test_an_arrest_months_later_joins_its_shooting_through_the_rare_names_both_give() -> None:
    lexington = city("Lexington", "Kentucky")
    shooting = report("shooting", "A man was shot and killed in the parking lot of Eastland Bowling Lanes late "
                      "Saturday, Lexington police said. Witnesses told officers a fight had broken out inside.",
                      published="2016-04-17", date="2016-04-16", basis="weekday", place=lexington)
    arrest = report("arrest", "Lexington police on Tuesday charged Darnell Whitacre with murder in the April "
                    "killing outside Eastland Bowling Lanes. Whitacre was held on a $1 million bond.",
                    published="2016-06-21", date="2016-06-21", basis="weekday", place=lexington)
    elsewhere = report("elsewhere", "A woman was wounded in a drive-by shooting on Tuesday night, Lexington "
                       "police said. Officers found shell casings in the road.", published="2016-06-22",
                       date="2016-06-21", basis="weekday", place=lexington)
    pairs = [shooting, arrest, elsewhere, *thirty_shootings()]
    features = {f.article: f for f in link_features([a for a, _ in pairs], [e for _, e in pairs])}
    assert named_follow_up(features["shooting"], features["arrest"])
    assert not compatible(features["shooting"], features["elsewhere"])
    together = membership(link_mentions([a for a, _ in pairs], [e for _, e in pairs]))
    assert frozenset({("shooting", 0), ("arrest", 0)}) in together
    assert frozenset({("elsewhere", 0)}) in together


def test_undated_recalls_do_not_outvote_two_dated_reports_a_year_apart() -> None:
    story = {1: 1.0, 2: 1.0, 3: 1.0}
    first = mention("first", story, when=date(2016, 9, 4))
    reprint = mention("reprint", story, when=date(2017, 10, 8))
    recalls = [mention(f"recall{n}", story) for n in range(4)]
    for recall in recalls:
        recall.date = recall.date_last = recall.published = None
        recall.basis, recall.background, recall.index = "none", True, 2
    assert not compatible(first, reprint)
    groups = agglomerate([first, reprint, *recalls])
    assert not any({0, 1} <= set(group) for group in groups), groups


def test_a_town_name_of_two_regions_is_one_place_unless_each_text_names_its_own_region() -> None:
    ohio = Place(name="Hamilton", admin1="Ohio", country="US", feature="city", text="Hamilton")
    misread = Place(name="Hamilton", admin1="Ontario", country="CA", feature="city", text="Hamilton")
    a, b = mention("a", {1: 1.0}, place=ohio), mention("b", {1: 1.0}, place=misread)
    assert mentions_place_relation(a, b) == "unknown"  # one of the two resolutions may be wrong
    b.places = (misread, Place(name="Ontario", country="CA", feature="admin1", text="Ontario"))
    assert mentions_place_relation(a, b) == "unknown"  # one text alone names a region
    a.places = (ohio, Place(name="Ohio", country="US", feature="admin1", text="Ohio"))
    assert mentions_place_relation(a, b) == "far"  # Hamilton, Ohio and Hamilton, Ontario
