"""Page furniture left out of linking's words (which lines are generic furniture: tests/test_furniture.py);
a victim's full name links a follow-up without a place."""

from __future__ import annotations

from datetime import date

from accord.link.boilerplate import furniture_lines, without_furniture
from accord.link.features import MentionFeatures
from accord.link.signals import named_follow_up
from accord.models import Article, Place


def test_a_page_of_furniture_keeps_nothing_but_its_story() -> None:
    text = ("Copyright 2016 The Station. All rights reserved.\n"
            "A man was shot on Elm Street on Friday night, police said.\n"
            "Your notification has been saved.\n"
            "1:04 Weather: a cold front moves in")
    assert without_furniture(text, frozenset()) == "A man was shot on Elm Street on Friday night, police said."


def test_site_furniture_still_counts_three_pages() -> None:
    menu = "Home | News | Weather | Sports | Contact us"
    articles = [Article(id=str(i), text=f"{menu}\nStory number {i} about a shooting.", url=f"https://example.com/{i}")
                for i in range(3)]
    assert furniture_lines(articles)["example.com"] == frozenset({menu.lower()})


def mention(article: str, when: date, victims: tuple[str, ...], place: Place | None) -> MentionFeatures:
    return MentionFeatures(
        article=article, index=0, event_type="shooting", background=False, date=when, date_last=when,
        basis="weekday", published=when, weekdays=frozenset(), absolute=(), place=place,
        places=(place,) if place else (), days=frozenset(), names=victims, victims=victims)


def test_a_full_name_links_a_follow_up_that_names_no_place() -> None:
    akron = Place(name="Akron", admin1="Ohio", country="US", feature="city")
    shooting = mention("a", date(2016, 3, 1), ("ryan welch",), akron)
    sentencing = mention("b", date(2016, 9, 1), ("ryan welch",), None)
    assert named_follow_up(shooting, sentencing)
    # A surname alone is not enough without a place.
    assert not named_follow_up(mention("c", date(2016, 3, 1), ("welch",), akron),
                               mention("d", date(2016, 9, 1), ("welch",), None))
    # Places far apart still forbid it.
    miami = Place(name="Miami", admin1="Florida", country="US", feature="city")
    assert not named_follow_up(shooting, mention("e", date(2016, 9, 1), ("ryan welch",), miami))


def test_a_short_body_served_under_two_titles_is_the_page_shell() -> None:
    shell = "Riding along with the mounted patrol downtown\n1:24"
    articles = [Article(id="1", text=shell, title="Girl, 4, shot in the hand", url="https://news.example.com/a"),
                Article(id="2", text=shell, title="Teen found shot in a driveway", url="https://news.example.com/b"),
                Article(id="3", text="A man was shot on Elm Street on Friday night, police said.",
                        title="Man shot on Elm Street", url="https://news.example.com/c")]
    furniture = furniture_lines(articles)["news.example.com"]
    assert without_furniture(shell, furniture) == ""
    assert without_furniture(articles[2].text, furniture) == articles[2].text


def test_one_story_retitled_is_not_a_shell() -> None:
    body = "A man was shot on Elm Street on Friday night, police said.\nHe died at the hospital."
    articles = [Article(id="1", text=body, title="Man shot on Elm Street", url="https://news.example.com/a"),
                Article(id="2", text=body, title="Man shot on Elm Street dies", url="https://news.example.com/b")]
    # Two titles over one short body: furniture all the same (no third page needed), by design: a body
    # that short under two headlines is more often a shell than a story (SHELL_MAX_CHARS).
    assert furniture_lines(articles)["news.example.com"]
    # Under one title (the same page archived twice) it is the story.
    same = [Article(id=str(i), text=body, title="Man shot on Elm Street", url=f"https://news.example.com/{i}")
            for i in range(2)]
    assert "news.example.com" not in furniture_lines(same)


def test_a_country_both_name_makes_no_place_the_same() -> None:
    from accord.link.signals import mentions_place_relation

    kenya = Place(name="Kenya", country="KE", feature="country")
    garissa = Place(name="Garissa", admin1="Garissa", country="KE", feature="city")
    lamu = Place(name="Lamu", admin1="Lamu", country="KE", feature="admin1")
    market = mention("b", date(2025, 10, 18), (), garissa)
    market.places = (garissa, kenya)
    post = mention("c", date(2025, 10, 20), (), lamu)
    post.places = (lamu, kenya)
    assert mentions_place_relation(market, post) == "far"
    # The country as a report's main place still contains the other's town.
    national = mention("d", date(2025, 10, 18), (), kenya)
    assert mentions_place_relation(national, market) == "same"
