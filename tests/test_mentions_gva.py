"""The GVA prediction over the split of real sentences: which incident's figures count, and how."""

from __future__ import annotations

from accord.evaluate.gva import predict_incident
from accord.extract import Extractor
from accord.models import Article


def _counts(extractor: Extractor, text: str, published: str = "2016-11-01") -> tuple[int, int]:
    article = Article(id="a1", text=text, published=published)
    prediction = predict_incident("i1", [article], [extractor.extract_article(article)])
    return prediction.killed, prediction.injured


def test_a_suspect_the_police_killed_counts_beside_his_victim(extractor: Extractor) -> None:
    text = ("A gunman shot and killed a customer inside a liquor store on Sunday. "
            "Police fired back, killing Pitts in the exchange, authorities said.")
    assert _counts(extractor, text)[0] == 2


def test_a_wounded_victim_who_died_is_no_longer_injured(extractor: Extractor) -> None:
    text = ("Two teenagers were fatally shot and four other people were wounded at a dice game on Oct. 30. "
            "A third man died on Monday, police said.")
    assert _counts(extractor, text) == (3, 3)


def test_a_round_up_is_the_source_of_its_largest_incident(extractor: Extractor) -> None:
    text = ("Six people were shot in three separate shootings on Friday night, police said.\n\n"
            "About 10 p.m., a 20-year-old man was wounded on Elm Street.\n\n"
            "About 11:30 p.m., four people were shot outside a bar on Oak Avenue.\n\n"
            "About 1 a.m., a woman was wounded on Pine Road.")
    assert _counts(extractor, text, "2016-12-20") == (0, 4)


def test_the_man_a_vigil_honors_is_not_a_victim_of_the_shooting_at_it(extractor: Extractor) -> None:
    text = ("Four people were shot at the end of an anti-violence event on Thursday.\n\n"
            "The vigil honored Javon Booker, who died after he was shot during a convenience store robbery.")
    assert _counts(extractor, text, "2013-09-06")[0] == 0


def test_a_count_that_names_the_dead_counts_him_once(extractor: Extractor) -> None:
    # the victim who died later is named inside the count of the injured, and his death came on a later day
    text = ("Little Rock shooting victim dies\n\nA man injured in a November 2 shooting at 22nd and Bragg has died. "
            "Little Rock police say Fred Duhart, 38, died at a local hospital on Sunday as a result of his injuries. "
            "Five people, including Duhart, were injured.")
    assert _counts(extractor, text, "2016-11-22") == (1, 4)
