"""Linking merges groups only with the groups' support; bare names tie no follow-up; titles lose their
site's name; the doubled evaluation pool moves every written date."""

from __future__ import annotations

from datetime import date

import numpy as np

from accord.link.boilerplate import furniture_lines, title_without_furniture
from accord.link.cluster import MIN_GROUP_SUPPORT, STRONG_LINK, agglomerate, group_support, supported
from accord.link.features import MentionFeatures, WordVector
from accord.link.signals import named_follow_up, score
from accord.models import Article, Place

AKRON = Place(name="Akron", admin1="Ohio", country="US", feature="city")


def vector(weights: dict[int, float]) -> WordVector:
    """A unit-length word vector over vocabulary ids ``weights``."""
    ids = sorted(weights)
    values = np.array([weights[i] for i in ids], dtype=np.float64)
    values /= np.linalg.norm(values)
    return WordVector(ids=np.array(ids, dtype=np.int32), weights=values, heaviest=tuple(ids[:3]))


def mention(article: str, words: dict[int, float], *, when: date = date(2016, 6, 4),
            victims: tuple[str, ...] = (), place: Place | None = AKRON) -> MentionFeatures:
    return MentionFeatures(
        article=article, index=0, event_type="shooting", background=False, date=when, date_last=when,
        basis="weekday", published=when, weekdays=frozenset(), absolute=(), place=place,
        places=(place,) if place else (), days=frozenset(), names=victims, victims=victims, vector=vector(words))


def chain() -> list[MentionFeatures]:
    """Four same-day Akron reports of six words, each sharing one word with the next only: a - b - c - d."""
    return [mention(name, {word: 1.0 for word in range(5 * n, 5 * n + 6)}) for n, name in enumerate("abcd")]


def test_a_chain_of_weak_links_does_not_become_one_incident() -> None:
    features = chain()
    links = [score(features[i], features[i + 1]).score for i in range(3)]
    assert all(0.1 <= s < STRONG_LINK for s in links), links  # each neighbour pair would link on its own
    assert score(features[0], features[3]).score == 0.0
    groups = agglomerate(features)
    assert groups == [[0, 1], [2, 3]], groups


def test_a_weak_link_joins_a_group_that_agrees_with_it() -> None:
    # Three reports of one story, one of them short (its words are some of the others').
    features = [mention("a", {1: 1.0, 2: 1.0, 3: 1.0, 4: 1.0}), mention("b", {1: 1.0, 2: 1.0, 3: 1.0, 5: 1.0}),
                mention("c", {2: 0.4, 4: 0.4, 9: 1.0, 8: 1.0})]
    assert score(features[0], features[1]).score >= STRONG_LINK
    assert group_support(features, [0, 1], [2]) >= MIN_GROUP_SUPPORT
    assert supported(features, [0, 1], [2], best=score(features[0], features[2]).score)
    assert agglomerate(features) == [[0, 1, 2]]


def test_group_support_counts_incompatible_pairs_as_nothing() -> None:
    far = Place(name="Reno", admin1="Nevada", country="US", feature="city")
    features = [mention("a", {1: 1.0, 2: 1.0}), mention("b", {1: 1.0, 2: 1.0}, place=far),
                mention("c", {1: 1.0, 2: 1.0})]
    assert group_support(features, [0, 1], [2]) == score(features[0], features[2]).score / 2


def test_a_bare_name_ties_no_follow_up_months_apart() -> None:
    shooting = mention("a", {1: 1.0}, victims=("castro",))
    trial = mention("b", {2: 1.0}, when=date(2016, 11, 20), victims=("luis castro",))
    assert not named_follow_up(shooting, trial)
    named = mention("c", {1: 1.0}, victims=("luis castro",))
    assert named_follow_up(named, trial)
    assert score(named, mention("d", {3: 1.0}, victims=("luis castro",))).score > \
        score(shooting, mention("e", {3: 1.0}, victims=("luis castro",))).score


def test_a_sites_name_in_its_titles_is_furniture_and_the_headline_is_not() -> None:
    titles = ["Man shot on Elm Street - WXYZ Action News 7 - Akron, Ohio",
              "Two hurt in crash - WXYZ Action News 7 - Akron, Ohio",
              "Man shot on Elm Street - WXYZ Action News 7 - Akron, Ohio",
              "City council meets | WXYZ Action News 7"]
    articles = [Article(id=str(n), text=f"Story {n}.", title=title, url=f"https://wxyz.example/{n}")
                for n, title in enumerate(titles)]
    furniture = furniture_lines(articles)["wxyz.example"]
    assert {"wxyz action news 7", "akron, ohio"} <= furniture
    assert "man shot on elm street" not in furniture  # one story's headline on two of its pages
    assert title_without_furniture(titles[0], furniture) == "Man shot on Elm Street"
    assert title_without_furniture("Akron, Ohio - WXYZ Action News 7", furniture) == "Akron, Ohio"


def test_the_doubled_pool_moves_abbreviated_and_day_first_dates() -> None:
    from accord.evaluate.link import shift_text_dates

    text = "Posted on 05 Jan 2016. Thu. May. 26: police said on Sept 2, 2015 and Dec 28 that 12 may die."
    # A date without its year is moved as one of 2000 (a leap year): "May 26" is June 1 a year later.
    assert shift_text_dates(text, 371) == ("Posted on 10 January 2017. Thu. June 1: police said on September 7, "
                                           "2016 and January 3 that 12 may die.")
