"""Figures through the real pipeline: the phenomena of the issue, one sentence each."""

from __future__ import annotations

import pytest

from accord.extract import Extractor
from accord.models import Article, ArticleExtraction, Claim


def run(extractor: Extractor, text: str) -> ArticleExtraction:
    return extractor.extract_article(Article(id="t1", text=text, published="2025-03-12"))


def figures(extractor: Extractor, text: str) -> set[tuple[str, str, int | None, int | None, str]]:
    return {(c.measure, c.group, c.value.low, c.value.high, c.hedge) for c in run(extractor, text).claims}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # numbers in words and hedges
        ("Thirty-three people were killed, police said.", ("killed", "all", 33, 33, "exact")),
        ("At least 16 militants were killed.", ("killed", "attackers", 16, None, "at_least")),
        ("More than two dozen people were injured in the blast.", ("injured", "all", 24, None, "at_least")),
        ("Nearly 350 passengers were rescued.", ("rescued", "hostages", 350, 350, "about")),
        ("The attack left 70 to 80 people dead.", ("killed", "all", 70, 80, "range")),
        ("Between 10 and 15 soldiers were wounded.", ("injured", "security", 10, 15, "range")),
        ("Dozens of people were injured.", ("injured", "all", 24, None, "vague")),
        ("Gunmen kidnapped up to 40 passengers.", ("held", "hostages", None, 40, "at_most")),
        ("The train was carrying about 450 passengers.", ("present", "hostages", 450, 450, "about")),
        # implicit counts
        ("A man was shot and killed on Tuesday.", ("killed", "all", 1, 1, "exact")),
        ("Two men and a woman were wounded.", ("injured", "all", 3, 3, "exact")),
        ("The gunman was killed by police.", ("killed", "attackers", 1, 1, "exact")),
        ("Police said the victim died at the hospital.", ("killed", "all", 1, 1, "exact")),
        ("No one was injured.", ("injured", "all", 0, 0, "exact")),
        ("A third person was wounded.", ("injured", "all", 3, None, "at_least")),
        # active voice: the object is counted, not the subject
        ("The gunman killed two people before fleeing.", ("killed", "all", 2, 2, "exact")),
        # headline style
        ("4 shot in northwest Atlanta", ("injured", "all", 4, 4, "exact")),
        # an age used as a noun is one person
        ("The 15-year-old died at the hospital.", ("killed", "all", 1, 1, "exact")),
        ("A 16-year-old was shot in the leg.", ("injured", "all", 1, 1, "exact")),
        # a body is a dead person; a death toll states the killed count
        ("Police found a man's body in the home.", ("killed", "all", 1, 1, "exact")),
        ("The death toll has risen to 27, police said.", ("killed", "all", 27, 27, "exact")),
        # "took ... hostage" with the people before the complement
        ("The gunmen took dozens of passengers hostage.", ("held", "hostages", 24, None, "vague")),
        # the person arrested in an incident is its suspect
        ("Officers arrested a man in connection with the shooting.", ("arrested", "attackers", 1, 1, "exact")),
        # "others" are besides those counted killed; "one of them fatally" is a death among them
        ("Two people were killed and three others were shot.", ("injured", "all", 3, 3, "exact")),
        ("Four people were shot, one of them fatally.", ("killed", "all", 1, 1, "exact")),
        ("Four people were shot, one of them fatally.", ("injured", "all", 3, 3, "exact")),
        # titles are read by word order: people, then outcome words
        ("Teenager killed, 6 wounded in Baltimore shootings", ("killed", "all", 1, 1, "exact")),
        ("Man wounded in accidental shooting dies", ("killed", "all", 1, 1, "exact")),
        ("4 shot on Columbus Street, two die", ("injured", "all", 4, 4, "exact")),
        ("Boy, 3, wounded in accidental shooting in Florissant, police say", ("injured", "all", 1, 1, "exact")),
        # the object of a passive gerund is the subject's own wound
        ("A 5-year-old boy was taken to a hospital after being shot in the hand.", ("injured", "all", 1, 1, "exact")),
        ("A girl injured herself with a gun at the campground.", ("injured", "all", 1, 1, "exact")),
        # titles: people listed before the outcome, counts after a verb, a title run on into the text
        ("Woman and 5-year-old child injured in shooting", ("injured", "all", 2, 2, "exact")),
        ("Gun goes off at party, man seriously hurt", ("injured", "all", 1, 1, "exact")),
        ("Gunfight at biker club kills 1, wounds 12", ("injured", "all", 12, 12, "exact")),
        ("Man kills woman, her son, himself in Las Vegas", ("killed", "attackers", 1, 1, "exact")),
        ("Man kills woman, her son, himself in Las Vegas", ("killed", "all", 2, 2, "exact")),
        ("Teen accidentally shot in Charlotte, police say\n\nSign in using your profile", ("injured", "all", 1, 1, "exact")),
        ("Two-Year Old Girl Accidentally Shot, Killed In Henderson County", ("killed", "all", 1, 1, "exact")),
        ("A spokesperson says the child passed away.", ("killed", "all", 1, 1, "exact")),
        ("Tampa police investigate shooting of two teens", ("injured", "all", 2, 2, "exact")),
        ("Police investigate the fatal shooting of a man.", ("killed", "all", 1, 1, "exact")),
        ("Police are investigating after a half-dozen people were shot overnight.", ("injured", "all", 6, 6, "exact")),
        # the event's name counts: a quadruple shooting hit four, a double homicide killed two
        ("Police investigate a quadruple shooting in Salinas.", ("injured", "all", 4, 4, "exact")),
        ("A man was charged in the double-homicide.", ("killed", "all", 2, 2, "exact")),
        ("Teen shot, killed in Southwest Atlanta", ("killed", "all", 1, 1, "exact")),
        # civilians only when the text says so
        ("A student was killed.", ("killed", "all", 1, 1, "exact")),
        ("Two civilians were killed.", ("killed", "civilians", 2, 2, "exact")),
    ],
)
def test_figure(extractor: Extractor, text: str, expected: tuple) -> None:  # type: ignore[type-arg]
    assert expected in figures(extractor, text)


def test_shot_one_fatally(extractor: Extractor) -> None:
    # "shot" without an outcome: those not reported killed are injured
    found = figures(extractor, "Three people were shot, one fatally, on Sunday.")
    assert ("killed", "all", 1, 1, "exact") in found
    assert ("injured", "all", 2, 2, "exact") in found


def test_including_the_gunman_is_not_three_victims(extractor: Extractor) -> None:
    # three people in all (group "all" counts everybody), one of them the gunman
    found = figures(extractor, "Three people including the gunman were killed.")
    assert found == {("killed", "all", 3, 3, "exact"), ("killed", "attackers", 1, 1, "exact")}


def test_suicide_after_killing_others(extractor: Extractor) -> None:
    found = figures(extractor, "The man shot his wife and then turned the gun on himself.")
    assert ("killed", "attackers", 1, 1, "exact") in found


@pytest.mark.parametrize(
    "text",
    [
        "A 15-year-old boy was questioned by police at 11:30 p.m.",
        "The shooting happened in the 1200 block of Main Street in 2015.",
        "Police seized $5,000 and 3 guns.",
        "Rivera, 24, said he heard the shots from 300 feet away.",
    ],
)
def test_not_a_figure(extractor: Extractor, text: str) -> None:
    # ages, times, addresses, years, money and distances count nobody
    assert figures(extractor, text) == set()


def test_age_is_not_a_count(extractor: Extractor) -> None:
    found = figures(extractor, "Cartrail Robertson, 13, was shot dead on Tuesday.")
    assert found == {("killed", "all", 1, 1, "exact")}


def test_threat_is_marked(extractor: Extractor) -> None:
    claims = run(extractor, "The militants threatened to kill 100 hostages.").claims
    assert [(c.measure, c.value.low, c.modality) for c in claims] == [("killed", 100, "threatened")]


def test_hypothetical_and_negated_are_not_claims(extractor: Extractor) -> None:
    assert figures(extractor, "The bullet could have killed her.") == set()
    assert figures(extractor, "The two officers were not injured.") == set()


def test_statistic_goes_apart(extractor: Extractor) -> None:
    result = run(extractor, "More than 2,500 people were killed in Pakistan in 2024.")
    assert result.claims == []
    assert [(c.measure, c.value.low, c.hedge) for c in result.statistics] == [("killed", 2500, "at_least")]


def test_roundup_total_goes_apart(extractor: Extractor) -> None:
    # several shootings summed up: the total is no incident's count, the one person named is
    result = run(extractor, "Teenager killed, 6 wounded in Baltimore shootings")
    assert [(c.measure, c.value.low) for c in result.claims] == [("killed", 1)]
    assert [(c.measure, c.value.low) for c in result.statistics] == [("injured", 6)]
    result = run(extractor, "Six people were shot in three separate incidents overnight, police said.")
    assert result.claims == [] and [c.value.low for c in result.statistics] == [6]


def test_quoted_plea_is_no_death(extractor: Extractor) -> None:
    # "die" under "don't let me" did not happen: she was shot, not killed
    result = run(extractor, "After she was shot, the girl said: \"Please don't let me die.\"")
    assert {c.measure for c in result.claims} == {"injured"}


def claim_with(result: ArticleExtraction, measure: str) -> Claim:
    return next(c for c in result.claims if c.measure == measure)


@pytest.mark.parametrize(
    ("text", "name", "kind", "via"),
    [
        ("Two people were killed, police said.", "police", "security", None),
        ("Five soldiers were killed, according to the interior ministry.", "the interior ministry", "official", None),
        ("The attack left 70 to 80 people dead, a security source told CNN.", "a security source", "security", "CNN"),
        ("The Associated Press reports that nearly 350 passengers were rescued.", "The Associated Press", "media", None),
        ("Two people were killed.", "", "unattributed", None),
    ],
)
def test_source(extractor: Extractor, text: str, name: str, kind: str, via: str | None) -> None:
    claim = run(extractor, text).claims[0]
    # the quotes component may name the speaker without its article ("security source")
    assert name.lower().removeprefix("the ").removeprefix("a ") in claim.source.name.lower()
    assert (claim.source.kind, claim.source.via) == (kind, via)


def test_perpetrator_claim(extractor: Extractor) -> None:
    claim = run(extractor, "The group said on Telegram that it had killed 50 soldiers.").claims[0]
    assert (claim.source.kind, claim.modality, claim.value.low) == ("perpetrator", "claimed", 50)


def test_claim_provenance(extractor: Extractor) -> None:
    text = "Officials met on Monday. At least 16 militants were killed in the operation."
    result = run(extractor, text)
    claim = result.claims[0]
    assert text[claim.span[0] : claim.span[1]] == claim.text == "At least 16 militants"
    assert text[claim.sentence_span[0] : claim.sentence_span[1]] == claim.sentence
    assert claim.article == "t1" and claim.mention == 0
    assert claim.extractor == "accord.figures.v4"


def test_future_is_not_a_count(extractor: Extractor) -> None:
    # a prediction ("no one will escape") states nothing that happened
    assert figures(extractor, "Police said no one will escape justice.") == set()


def test_title_subject_is_not_the_victim(extractor: Extractor) -> None:
    # the men charged are not the ones shot: the title's outcome follows the girl
    found = figures(extractor, "Two men charged after baby girl accidentally shot, killed")
    assert found == {("killed", "all", 1, 1, "exact")}


def test_list_of_ages_is_not_a_count(extractor: Extractor) -> None:
    found = figures(extractor, "They found three men - aged 21, 22, and 24 - and one woman, 33, had been shot.")
    assert all(low != 24 for _, _, low, _, _ in found)


def test_coordinated_verb_shares_the_modal(extractor: Extractor) -> None:
    # "could have hit her and killed her": nobody was killed
    text = "Doctors say it could have hit her in the heart and killed her."
    assert not any(measure == "killed" for measure, *_ in figures(extractor, text))


def test_released_from_jail_is_not_released(extractor: Extractor) -> None:
    assert figures(extractor, "The suspect was released from jail after posting bond.") == set()


def test_custody_counts_arrests_and_hostages(extractor) -> None:  # noqa: ANN001
    def claims(text: str) -> list[tuple[str, str, int | None]]:
        article = Article(id="custody", text=text, published="2025-03-12")
        return [(c.measure, c.group, c.value.low) for c in extractor.extract_article(article).claims]

    assert claims("Two men were taken into custody, police said.") == [("arrested", "attackers", 2)]
    assert claims("The group said 214 hostages were still in its custody.") == [("held", "hostages", 214)]
    assert claims("The boy was placed in protective custody.") == []


def modality_of(extractor: Extractor, text: str, value: int) -> str:
    return next(c.modality for c in run(extractor, text).claims if c.value.low == value)


def test_claimed_needs_a_party_claiming_its_own_act(extractor: Extractor) -> None:
    # the media or unnamed sources "claiming" a figure report it; a party claiming its own act claims it
    text = "Twelve gunmen were killed, though some reporters claim the number was 14."
    assert modality_of(extractor, text, 14) == "reported"
    assert modality_of(extractor, "The insurgents claimed they had killed 30 soldiers.", 30) == "claimed"
    assert modality_of(extractor, "Neighbours claimed that nine people were shot dead.", 9) == "reported"


def test_claiming_an_attack_is_not_claiming_its_toll(extractor: Extractor) -> None:
    # the group claims authorship; the toll of the attack is what the report says
    text = "The Baloch Liberation Army claimed responsibility for the attack, which killed 20 people."
    assert modality_of(extractor, text, 20) == "reported"
    text = "The militant group claimed responsibility for the bombing that killed 14 soldiers."
    assert modality_of(extractor, text, 14) == "reported"
    assert modality_of(extractor, "The militants claimed to have killed 40 soldiers.", 40) == "claimed"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # freed by security forces is a rescue; let go by the captors is a release
        ("Commandos freed 60 passengers from the bus.", ("rescued", "hostages", 60, 60, "exact")),
        ("About 40 people were freed by the police on Friday.", ("rescued", "hostages", 40, 40, "about")),
        ("The kidnappers released 12 people late on Monday.", ("released", "hostages", 12, 12, "exact")),
        ("Nine soldiers were released by the rebels.", ("released", "security", 9, 9, "exact")),
        # one number for a list of plural nouns: the hedge word after the comma is not an age (women and
        # children freed are civilians; the captives as such, hostages, passengers, pupils, are hostages)
        ("On Friday, nearly 30 women and children were freed by the gang.", ("released", "civilians", 30, 30, "about")),
    ],
)
def test_who_frees_decides_rescued_or_released(extractor: Extractor, text: str, expected: tuple) -> None:  # type: ignore[type-arg]
    found = figures(extractor, text)
    assert expected in found, found


def test_one_count_for_a_list_of_groups_is_group_all(extractor: Extractor) -> None:
    claims = run(extractor, "More than 300 soldiers, police and insurgents were killed in the fighting.").claims
    assert [(c.measure, c.group, c.value.low, c.hedge) for c in claims] == [("killed", "all", 300, "at_least")]
    assert claims[0].text == "More than 300 soldiers, police and insurgents"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Four guards were killed and at least as many were injured.", ("injured", "all", 4, None, "at_least")),
        ("Eleven people died on Sunday. Nearly that many were hurt.", ("injured", "all", 11, 11, "about")),
    ],
)
def test_as_many_takes_the_count_before_it(extractor: Extractor, text: str, expected: tuple) -> None:  # type: ignore[type-arg]
    found = figures(extractor, text)
    assert expected in found, found


def test_as_many_without_a_count_before_or_a_multiple_counts_nothing(extractor: Extractor) -> None:
    assert figures(extractor, "At least as many were injured.") == set()
    assert not any(m == "injured" for m, *_ in figures(extractor, "Two people died and twice as many were hurt."))
    assert ("injured", "all", None, 6, "at_most") in figures(extractor, "As many as six people were wounded.")


def test_video_timestamp_is_not_part_of_the_phrase(extractor: Extractor) -> None:
    result = run(extractor, "1:25 Elderly man found dead in Renton\n\n2:08 A woman was shot and killed on Friday.")
    texts = {c.text for c in result.claims}
    assert texts and not any(":" in t for t in texts), texts
