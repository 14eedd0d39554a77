"""Casualty figures as conflict reporting states them (issue 17, item 2), through the real pipeline.

One sentence per phenomenon: the region's casualty words, tolls told with a verb or a noun, coordinated
counts, breakdowns of a toll (claims with ``scope="subset"``), group words, and numbers that are dates.
"""

from __future__ import annotations

import pytest

from accord.extract import Extractor
from accord.models import Article, Claim

Figure = tuple[str, str, int | None, int | None, str, str]


def claims(extractor: Extractor, text: str) -> list[Claim]:
    return extractor.extract_article(Article(id="t1", text=text, published="2025-03-12")).claims


def figures(extractor: Extractor, text: str) -> set[Figure]:
    return {(c.measure, c.group, c.value.low, c.value.high, c.hedge, c.scope) for c in claims(extractor, text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the region's casualty words
        ("At least 10 policemen were martyred in the attack.", ("killed", "security", 10, None, "at_least", "total")),
        ("At least 76 people lost their lives in the blast.", ("killed", "all", 76, None, "at_least", "total")),
        ("Two soldiers embraced martyrdom in the attack.", ("killed", "security", 2, 2, "exact", "total")),
        ("The attack claimed 12 lives.", ("killed", "all", 12, 12, "exact", "total")),
        ("The blast claimed the lives of at least 125 people.", ("killed", "all", 125, None, "at_least", "total")),
        # tolls told with a verb or a noun
        ("Rescuers found seven bodies, bringing the death toll to 36.", ("killed", "all", 36, 36, "exact", "total")),
        ("Officials put the death toll at 358.", ("killed", "all", 358, 358, "exact", "total")),
        ("The ministry reported a death toll of 47.", ("killed", "all", 47, 47, "exact", "total")),
        ("The agency reported a death toll exceeding 130.", ("killed", "all", 130, None, "at_least", "total")),
        ("The toll has reached at least 292 people, the ministry said.", ("killed", "all", 292, None, "at_least", "total")),
        ("The death toll currently sits at about 130.", ("killed", "all", 130, 130, "about", "total")),
        # coordinated counts: the second count has no noun (or "others") and no verb of its own
        ("At least 72 people have been killed and over 200 injured.", ("injured", "all", 200, None, "at_least", "total")),
        ("There were 39 confirmed dead and 150 wounded at that point.", ("injured", "all", 150, 150, "exact", "total")),
        ("Gunmen opened fire, killing 15 people, and wounded 27 more.", ("injured", "all", 27, 27, "exact", "total")),
        # ... and takes the group of the people counted before it
        ("At least 60 Afghans were killed and 143 wounded.", ("injured", "civilians", 143, 143, "exact", "total")),
        ("Ten policemen were martyred and nine others got injured.", ("injured", "security", 9, 9, "exact", "total")),
        # a quantity listed after counted people is their own group's count
        ("The explosion, which also wounded 18 Americans and scores of Afghans, was claimed by the group.",
         ("injured", "civilians", 40, None, "vague", "total")),
        # group words: nationalities and workers are civilians; a modifier makes a general noun security
        ("At least 60 Afghans were killed.", ("killed", "civilians", 60, None, "at_least", "total")),
        ("Six police officials were injured.", ("injured", "security", 6, 6, "exact", "total")),
        ("Twelve U.S. service members were killed.", ("killed", "security", 12, 12, "exact", "total")),
        ("Fourteen civilian workers were killed.", ("killed", "civilians", 14, 14, "exact", "total")),
        # a date glued to the count is never the count
        ("2018-09-22 At least eight dead after gunmen open fire", ("killed", "all", 8, None, "at_least", "total")),
    ],
)
def test_casualty_figure(extractor: Extractor, text: str, expected: Figure) -> None:
    assert expected in figures(extractor, text)


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("Ten people, including four Chinese nationals, have been killed in a blast.",
         {("killed", "civilians", 4, 4, "exact", "subset")}),
        ("Twelve service members were killed, including 11 Marines and a Navy medic.",
         {("killed", "security", 11, 11, "exact", "subset"), ("killed", "security", 1, 1, "exact", "subset")}),
        ("At least 72 people (43 men, 20 children and nine women) have been killed.",
         {("killed", "civilians", 43, 43, "exact", "subset"), ("killed", "civilians", 20, 20, "exact", "subset"),
          ("killed", "civilians", 9, 9, "exact", "subset")}),
        ("Of the dead, 23 were Turkish citizens and at least 10 were foreign nationals.",
         {("killed", "civilians", 23, 23, "exact", "subset"), ("killed", "civilians", 10, None, "at_least", "subset")}),
        ("Fifty-five of the 70 dead were lawyers.", {("killed", "civilians", 55, 55, "exact", "subset")}),
        ("The dead include 11 Marines and one Navy medic.",
         {("killed", "security", 11, 11, "exact", "subset"), ("killed", "security", 1, 1, "exact", "subset")}),
        ("Three policemen are among the dead.", {("killed", "security", 3, 3, "exact", "subset")}),
        # a part of everybody hurt, told by what befell it, is of the victims (civilians); others keep theirs
        ("Two hundred people were injured, 80 of them seriously.", {("injured", "civilians", 80, 80, "exact", "subset")}),
        ("The blast killed 187 people and hurt 309, about 90 of them critically.",
         {("injured", "civilians", 90, 90, "about", "subset")}),
        ("Officials said 186 were wounded, 28 of whom were in intensive care.",
         {("injured", "civilians", 28, 28, "exact", "subset")}),
        ("The explosion also injured 100 others, and 20 of them are said to be critical.",
         {("injured", "civilians", 20, 20, "exact", "subset")}),
        ("Eight attackers also died, police say, seven of them by detonating suicide belts.",
         {("killed", "attackers", 7, 7, "exact", "subset")}),
        ("Of the hundreds wounded in the six attacks, 99 were in critical condition.",
         {("injured", "civilians", 99, 99, "exact", "subset")}),
        ("65 of those wounded are still in intensive care.", {("injured", "civilians", 65, 65, "exact", "subset")}),
        ("Of those wounded, 109 have already been discharged.", {("injured", "civilians", 109, 109, "exact", "subset")}),
        ("The bloody bodies of five attackers were shown on social media.",
         {("killed", "attackers", 5, 5, "exact", "subset")}),
        ('"We have 53 bodies at the hospital," he said.', {("killed", "all", 53, 53, "exact", "subset")}),
        ("Doctors said 130 of the bodies had been burned beyond recognition.",
         {("killed", "all", 130, 130, "exact", "subset")}),
        ("Seven policemen, a Canadian tourist and two civilians were killed in the attack.",
         {("killed", "civilians", 1, 1, "exact", "subset"), ("killed", "civilians", 2, 2, "exact", "subset")}),
        ("The Taliban attacked a school and killed 132 children and nine adults.",
         {("killed", "civilians", 132, 132, "exact", "subset"), ("killed", "civilians", 9, 9, "exact", "subset")}),
    ],
)
def test_breakdown_parts_are_subsets(extractor: Extractor, text: str, parts: set[Figure]) -> None:
    found = figures(extractor, text)
    assert parts <= found, found


def test_a_list_in_parentheses_is_no_second_toll(extractor: Extractor) -> None:
    found = figures(extractor, "At least 72 people (43 men, 20 children and nine women) have been killed.")
    assert [f for f in found if f[5] == "total"] == [("killed", "all", 72, None, "at_least", "total")]


def test_a_breakdown_is_a_part_of_the_people_it_hangs_on(extractor: Extractor) -> None:
    # "including" hangs on "others hurt", not on the two killed before them
    found = figures(extractor, "Two people were killed and four others hurt, including a 2-year-old child.")
    assert ("injured", "civilians", 1, 1, "exact", "subset") in found  # a child among the hurt
    assert not any(f[0] == "killed" and f[5] == "subset" for f in found)


@pytest.mark.parametrize(
    "text",
    [
        # a period after a comparison measures how rare the attack is, not a span the figure counts over
        "A twin suicide bombing killed 32 people, the city's deadliest attack in three years.",
        "At least 32 people were killed, in the first such attack for two years.",
        # "last week" and "as of" a day say when, not over what period
        "The attack on the train last week killed eight people.",
        "As of Tuesday evening, the death toll was 34.",
        # however far back in the period's own clause
        "Militants attacked the base, killing at least nine soldiers in the most serious such attack in the "
        "northern region of Kashmir since 2014.",
    ],
)
def test_a_moment_or_a_comparison_is_no_statistic(extractor: Extractor, text: str) -> None:
    extraction = extractor.extract_article(Article(id="t1", text=text, published="2025-03-12"))
    assert any(c.measure == "killed" for c in extraction.claims), (extraction.claims, extraction.statistics)


def test_a_period_still_makes_a_statistic(extractor: Extractor) -> None:
    extraction = extractor.extract_article(Article(id="t1", text="In 2024, 2,500 people were killed in attacks.",
                                                   published="2025-03-12"))
    assert not extraction.claims and extraction.statistics


def test_victims_are_no_casualty_word_of_a_breakdown(extractor: Extractor) -> None:
    # victims of a shooting were shot, not all killed: "three of the victims were men" is no death toll
    found = figures(extractor, "Three of the victims were adults and one was a teenager.")
    assert not any(f[0] == "killed" for f in found)


def test_a_count_of_them_is_a_part_not_a_second_toll(extractor: Extractor) -> None:
    found = figures(extractor, "Of the hundreds wounded in the six attacks, 99 were in critical condition.")
    assert ("injured", "all", 99, 99, "exact", "total") not in found
    found = figures(extractor, "Officials said 186 were wounded, 28 of whom were in intensive care.")
    assert [f for f in found if f[5] == "total"] == [("injured", "all", 186, 186, "exact", "total")]


def test_pronoun_part_goes_with_the_constructions(extractor: Extractor) -> None:
    from accord.extract.nlp import load_pipeline

    nlp = load_pipeline(settings={"accord_figures": {"disabled_rules": ["figures.casualty_constructions"]}})
    text = "Officials said 186 were wounded, 28 of whom were in intensive care."
    found = {(c.measure, c.value.low, c.scope) for c in Extractor(nlp=nlp).extract_article(Article(id="t", text=text)).claims}
    assert found == {("injured", 186, "total")}


def test_a_hedged_list_keeps_each_count(extractor: Extractor) -> None:
    # "at least 61" and "six" do not add up: each is a figure of its own
    found = figures(extractor, "At least 61 civilians and six security troops were killed in the attack.")
    assert {("killed", "civilians", 61, None, "at_least", "total"), ("killed", "security", 6, 6, "exact", "total")} <= found
