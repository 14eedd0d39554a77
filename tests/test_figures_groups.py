"""Which group counted people are in, by how a report names them: members of a body, a noun in
apposition, people named by their abduction, attackers named by a modifier, a count with "of" on its
own words ("two dozen of the gunmen").

Every sentence is invented for the phenomenon it tests."""

from __future__ import annotations

import pytest

from accord.extract import Extractor
from accord.extract.figures import find_figures
from accord.extract.figures.rules import active_rules
from accord.models import Claim

Reading = tuple[str, str, int | None, str]


def claims_of(extractor: Extractor, text: str, disabled: tuple[str, ...] = ()) -> list[Claim]:
    return find_figures(extractor.nlp(text), active_rules(disabled))[0]


def groups(claims: list[Claim]) -> set[Reading]:
    return {(c.measure, c.group, c.value.low, c.scope) for c in claims}


@pytest.mark.parametrize(
    ("text", "expected", "rule"),
    [
        # members of a force or of an armed group are in its group
        ("The ambush killed nine members of the border police.", ("killed", "security", 9, "total"),
         "figures.member_of"),
        ("Troops shot dead three members of the armed gang on Friday.", ("killed", "attackers", 3, "total"),
         "figures.member_of"),
        ("At least five members of a militant cell were killed in the raid.",
         ("killed", "attackers", 5, "total"), "figures.member_of"),
        # a noun in apposition, without a count of its own, says who the counted people are
        ("The blast wounded 14 people, all policemen.", ("injured", "security", 14, "total"),
         "figures.appositive_group"),
        ("The mortar fire killed 40 men, mostly soldiers, near the border.", ("killed", "security", 40, "total"),
         "figures.appositive_group"),
        # people named by their abduction are hostages, whatever then happens to them
        ("Two of the kidnapped nurses died in captivity.", ("killed", "hostages", 2, "total"),
         "figures.captive_people"),
        ("One of the pupils abducted from the school was found dead.", ("killed", "hostages", 1, "total"),
         "figures.captive_people"),
    ],
)
def test_a_group_read_from_how_people_are_named(extractor: Extractor, text: str, expected: Reading,
                                                rule: str) -> None:
    claims = claims_of(extractor, text)
    assert expected in groups(claims)
    assert any(rule in c.rules_changed for c in claims)
    # switched off, the people stay of no particular group
    off = groups(claims_of(extractor, text, (rule,)))
    assert expected not in off and (expected[0], "all", expected[2], expected[3]) in off


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a members' body that is nobody's group leaves them where they were
        ("Four members of the choir were hurt.", ("injured", "all", 4, "total")),
        # apposition with its own count is a part, not the group of the whole
        # a modifier naming attackers: "terrorist", "armed", "hostage takers"
        ("Commandos killed six terrorist outlaws.", ("killed", "attackers", 6, "total")),
        ("Officers arrested two armed men near the checkpoint.", ("arrested", "attackers", 2, "total")),
        ("About two dozen of the 40 hostage-takers were killed.", ("killed", "attackers", 24, "total")),
        # ... but never on a noun of the security forces
        ("Two armed policemen were wounded.", ("injured", "security", 2, "total")),
        # a modifier naming civilians: staff and crew
        ("Around 12 staff members were killed in the attack.", ("killed", "civilians", 12, "total")),
        # bandits are attackers
        ("Seven bandits were killed in the gunfight.", ("killed", "attackers", 7, "total")),
        # "of" on the count's own words: "two dozen of the gunmen"
        ("About two dozen of the gunmen were killed.", ("killed", "attackers", 24, "total")),
    ],
)
def test_group_words_and_their_limits(extractor: Extractor, text: str, expected: Reading) -> None:
    assert expected in groups(claims_of(extractor, text))


def test_an_apposition_with_its_own_count_is_a_part(extractor: Extractor) -> None:
    claims = claims_of(extractor, "The blast killed 12 people, two soldiers and ten villagers.")
    assert not any(c.value.low == 12 and c.group == "security" for c in claims)


def test_an_unconfirmed_apposition_says_nothing_of_the_group(extractor: Extractor) -> None:
    claims = claims_of(extractor, "At least nine people died in the fire, reportedly pilgrims.")
    assert ("killed", "all", 9, "total") in groups(claims)
