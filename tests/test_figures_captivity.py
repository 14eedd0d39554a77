"""Abductions and the people present (accord.extract.captivity): the lifecycle of a captivity (taken,
held as of a day, released, rescued, escaped, missing), who is counted (hostages, civilians, attackers)
and how many were there.

Every sentence is invented for the phenomenon it tests."""

from __future__ import annotations

import pytest

from accord.extract import Extractor
from accord.models import Article

Figure = tuple[str, str, int | None, int | None, str]


def claims(extractor: Extractor, text: str) -> set[tuple[str, str, int | None, int | None, str, str]]:
    found = extractor.extract_article(Article(id="c1", text=text, published="2025-03-12")).claims
    return {(c.measure, c.group, c.value.low, c.value.high, c.hedge, c.scope) for c in found}


def figures(extractor: Extractor, text: str) -> set[Figure]:
    return {claim[:5] for claim in claims(extractor, text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # in a report of a captivity, the people a lifecycle count names are its hostages...
        ("Gunmen kidnapped 42 pupils from a boarding school overnight, police said.", ("held", "hostages", 42, 42, "exact")),
        ("The army said 17 of the kidnapped pupils had escaped from the abductors' camp.",
         ("escaped", "hostages", 17, 17, "exact")),
        ("Bandits abducted travellers on the highway; troops later rescued 23 people from the forest.",
         ("rescued", "hostages", 23, 23, "exact")),
        ("The kidnappers abducted dozens on Friday, residents said.", ("held", "hostages", 24, None, "vague")),
        # ...and teachers, children or a nationality among them are civilians
        ("The abductors freed four teachers on Monday, the school's head said.", ("released", "civilians", 4, 4, "exact")),
        # a state says where the people are as of that day
        ("Officials said 61 passengers were unaccounted for after the gunmen fled with captives.",
         ("missing", "hostages", 61, 61, "exact")),
        ("Nine schoolgirls remain in captivity, the governor said of the kidnapping.", ("held", "hostages", 9, 9, "exact")),
        ("The kidnappers released some pupils, but 14 were still with the kidnappers on Sunday.",
         ("held", "hostages", 14, 14, "exact")),
        ("Police said as many as 20 hostages are being held in the bank.", ("held", "hostages", None, 20, "at_most")),
        ("After the abduction, officials said three of the pupils were still being held.",
         ("held", "hostages", 3, 3, "exact")),
        ("More than 40 people remain unaccounted for after the blast at the depot.", ("missing", "all", 40, None, "at_least")),
        ("Kidnapped: 37 still missing, say officials", ("missing", "hostages", 37, 37, "exact")),
        # a participle on counted people: the whole group a part is taken from
        ("She said only 6 of the 58 girls taken had returned home after the kidnapping.",
         ("held", "hostages", 58, 58, "exact")),
        ("Police said two of 19 abducted members of the church choir had been freed.", ("held", "hostages", 19, 19, "exact")),
        # the verb over the people decides, not a participle recalling their abduction
        ("The group returned 35 students abducted from a college last month.", ("released", "hostages", 35, 35, "exact")),
        # a noun of what happened counts the people of its "of"
        ("Elders negotiated the release of the remaining 12 hostages seized in the raid.",
         ("released", "hostages", 12, 12, "exact")),
        ("The raid ended in the rescue of nine pupils kidnapped from the school.", ("rescued", "hostages", 9, 9, "exact")),
        ("The kidnappers took away more than 50 villagers, officials said.", ("held", "hostages", 50, None, "at_least")),
        # people present: inside, on a vehicle, at the scene doing something, existential
        ("About 250 people were inside the theatre when the gunmen burst in.", ("present", "civilians", 250, 250, "about")),
        ("A minibus carrying 18 passengers was hit by the blast.", ("present", "hostages", 18, 18, "exact")),
        ("More than 90 worshippers were praying when the bomb went off.", ("present", "civilians", 90, None, "at_least")),
        ("There were about 400 guests in the hotel at the time of the attack.", ("present", "civilians", 400, 400, "about")),
        ("Some 80 pupils are believed to have been at the school when it was attacked.",
         ("present", "civilians", 80, 80, "about")),
        ("We were 40 to 50 people in the hall, a survivor said.", ("present", "civilians", 40, 50, "range")),
        ("The stadium held more than 9,000 fans when the bomb went off.", ("present", "civilians", 9000, None, "at_least")),
        # counted attackers who took part
        ("A group of 12 militants attacked the checkpoint before dawn.", ("present", "attackers", 12, 12, "exact")),
        ("The blasts were carried out by three suicide bombers, police said.", ("present", "attackers", 3, 3, "exact")),
        ("Officials said only one gunman was involved in the attack.", ("present", "attackers", 1, 1, "exact")),
        ("Police said more than one attacker was involved in the raid.", ("present", "attackers", 1, None, "at_least")),
        ("There were thought to be about 700 fans in the stadium at the time.", ("present", "civilians", 700, 700, "about")),
        ("Between 8 and 12 attackers were still holed up in the hotel with 40 hostages.",
         ("held", "hostages", 40, 40, "exact")),
        # a collective noun's "of" names the people counted
        ("A total of 64 pupils are thought to have been at the school when gunmen struck.",
         ("present", "civilians", 64, 64, "exact")),
        ("After the kidnapping, a first group of 18 girls were released in May.", ("released", "hostages", 18, 18, "exact")),
        # attackers who got away: on the run, at large, hunted for
        ("Four gunmen were detained and two more were on the run, police said.", ("escaped", "attackers", 2, 2, "exact")),
        ("Two suspects are still being sought by the police.", ("escaped", "attackers", 2, 2, "exact")),
        ("Officers launched a manhunt for at least two attackers who fled in a car.",
         ("escaped", "attackers", 2, None, "at_least")),
        ("Troops are hunting for the third attacker after the raid.", ("escaped", "attackers", 1, 1, "exact")),
        ("None of the gunmen had escaped, officials said after the siege.", ("escaped", "attackers", 0, 0, "exact")),
        # a state on a verb sharing the subject, on "listed as", on "missing" parsed as a verb
        ("Thirty people thought to have been in the mall remained unaccounted for.", ("missing", "all", 30, 30, "exact")),
        ("Another nine people were still listed as missing on Monday.", ("missing", "all", 9, 9, "exact")),
        # a participle freeing people after a clause: its subject frees them
        ("Commandos stormed the compound at dawn, freeing dozens of hostages held by the militants.",
         ("rescued", "hostages", 24, None, "vague")),
        # captives who fled in a report of a captivity escaped it
        ("The gunman held customers hostage for hours; six people fled the shop at noon.",
         ("escaped", "hostages", 6, 6, "exact")),
    ],
)
def test_captivity(extractor: Extractor, text: str, expected: Figure) -> None:
    found = figures(extractor, text)
    assert expected in found, found


@pytest.mark.parametrize(
    ("text", "unexpected"),
    [
        # the dead carried out are not people present
        ("Rescuers carried 12 bodies out of the mosque.", ("present", "civilians", 12, 12, "exact")),
        # too vague to say who was there
        ("Many were celebrating the end of the fast.", ("present", "all", 3, None, "vague")),
        # a release still sought is not done
        ("Leaders vowed to work to secure the release of the remaining 11 pupils.", ("released", "hostages", 11, 11, "exact")),
        # an ordinal attacker, another attacker, one of a toll: no count of those taking part
        ("A second bomber blew himself up among the rescuers.", ("present", "attackers", 2, None, "at_least")),
        ("Nine soldiers were killed along with 10 militants.", ("present", "attackers", 10, 10, "exact")),
        # "there are 30 dead" counts the dead, not people present
        ("There are 30 dead, a police official said.", ("present", "all", 30, 30, "exact")),
        # an "a" is no count of captives, nor is the word "hostage" that says how they are held
        ("A young woman ran out after being held hostage in the shop.", ("held", "civilians", 1, 1, "exact")),
        ("Gunmen took a theatre audience hostage in the capital.", ("held", "hostages", 1, 1, "exact")),
        # one attacker told of is which one, not how many took part
        ("One attacker blew himself up at the gate.", ("present", "attackers", 1, 1, "exact")),
    ],
)
def test_not_captivity(extractor: Extractor, text: str, unexpected: Figure) -> None:
    assert unexpected not in figures(extractor, text)


def test_list_parts_are_subsets(extractor: Extractor) -> None:
    found = claims(extractor, "The kidnappers freed three teachers and 25 pupils on Sunday, officials said.")
    assert ("released", "civilians", 3, 3, "exact", "subset") in found, found
    assert ("released", "hostages", 25, 25, "exact", "subset") in found, found


def test_people_held_hostage_are_counted_by_their_own_number(extractor: Extractor) -> None:
    found = figures(extractor, "The gunmen held over 100 people hostage at the hotel.")
    assert ("held", "hostages", 100, None, "at_least") in found, found
    assert not any(f[0] == "held" and f[2] == 1 for f in found), found
