"""Perpetrators read off the parse (accord_actors): claims, agents, blame and suspicion, groups named by
what they are, and what is never a perpetrator; on short texts written for these tests."""

from __future__ import annotations

import pytest

from accord.extract import Extractor
from accord.models import Article


def actors(extractor: Extractor, text: str) -> list[tuple[str, str, str | None]]:
    doc = extractor.nlp(extractor.make_doc(Article(id="t", text=text, published="2020-03-02")))
    return [(a.canonical or a.name, a.role, a.kind) for a in doc._.actors]


def perpetrators(extractor: Extractor, text: str) -> set[str]:
    return {name for name, role, _ in actors(extractor, text) if role == "perpetrator"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the claimant is the subject of "claimed", not a group named inside its apposition
        ("Boko Haram, an Islamic State-allied faction based in Nigeria, claimed responsibility for the raid.",
         {"Boko Haram"}),
        ("The Jamaat-ul-Ahrar, a splinter group of the Tehreek-i-Taliban Pakistan, claimed the bombing.",
         {"Jamaat-ul-Ahrar"}),
        # the agent of a passive, through "members of" an organisation
        ("The airliner was hijacked on Friday by six members of the militant organisation Harkat-ul-Mujahideen.",
         {"Harkat-ul-Mujahideen"}),
        ("The bombing was carried out by Jemaah Islamiyah, investigators said.", {"Jemaah Islamiyah"}),
        # the subject of the attack, a verb joined to another
        ("Al-Shabaab fighters drove into the town at dawn and stormed the police station.", {"al-Shabaab"}),
        # blame, suspicion, responsibility
        ("The interior ministry blamed the attack on Lashkar-e-Tayyiba.", {"Lashkar-e-Taiba"}),
        ("Suspicion quickly fell on Hizbul Mujahideen after the ambush.", {"Hizbul Mujahideen"}),
        ("Officials said the Haqqani network is believed to be behind the truck bombing.", {"Haqqani Network"}),
        ("Investigators held Jaish-e-Mohammed responsible for the suicide attack.", {"Jaish-e-Mohammed"}),
        ("A prosecutor said the attack appears to have been backed by the Islamic State group.", {"Islamic State"}),
        # spellings of one group
        ("ISIS-Khorasan took responsibility for the blast at the gate.", {"Islamic State Khorasan Province"}),
    ],
)
def test_who_claimed_or_was_blamed(extractor: Extractor, text: str, expected: set[str]) -> None:
    assert perpetrators(extractor, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Residents said the town was regularly targeted by the al-Qaeda-linked group.",  # no name does it here
        "Editorials accused the governor of ignoring warnings before the shooting.",  # a blame for no attack
        "The result, according to a member of Parliament, is fear in the district.",  # "member of" no group
        "Hundreds of newly trained Boko Haram fighters paraded through the camp.",  # no attack
        "NAIROBI (Reuters) - Kenyan security forces killed all the gunmen who stormed the hotel.",  # an agency
        "The Nigerian Army stormed the camp on Sunday and freed 40 captives.",  # a state's force
        "A corner meeting organised by Raisani was hit by the blast.",  # organised a meeting, no attack
    ],
)
def test_no_perpetrator_group(extractor: Extractor, text: str) -> None:
    assert not {name for name, role, kind in actors(extractor, text)
                if role == "perpetrator" and kind != "person"}, actors(extractor, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("More than 80 pupils were abducted from the school by bandits who arrived on motorbikes.", "bandits"),
        ("Suspicion fell on Tamil separatists who have fought the army for years.", "Tamil separatists"),
        ("Police killed three Islamist militants who attacked the checkpoint.", "Islamist militants"),
        ("The hostages were held by Chechen gunmen for three days.", "Chechen gunmen"),
    ],
)
def test_groups_named_by_what_they_are(extractor: Extractor, text: str, expected: str) -> None:
    assert (expected, "perpetrator", "description") in actors(extractor, text), actors(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        "A Norwegian gunman killed eight people at the youth camp.",  # one man: no group
        "Kurdish militants have attacked pipelines in the province in the past.",  # what they do, not did here
        "Two militants were killed in a gunfight with police.",  # no one named, not even by what they are
    ],
)
def test_descriptions_that_name_no_group(extractor: Extractor, text: str) -> None:
    assert not [a for a in actors(extractor, text) if a[2] == "description"], actors(extractor, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The missionaries were kidnapped on Saturday by the 400 Mawozo gang near the capital.", "400 Mawozo"),
        ("The pilgrims were abducted by a gang known as Village de Dieu after the service.", "Village de Dieu"),
    ],
)
def test_a_gang_is_named_by_the_words_before_or_after_its_noun(extractor: Extractor, text: str,
                                                               expected: str) -> None:
    assert (expected, "perpetrator", "organisation") in actors(extractor, text), actors(extractor, text)


def test_a_suspect_is_a_person(extractor: Extractor) -> None:
    found = actors(extractor, "Derek Lyons was arrested and charged with murder after the shooting.")
    assert ("Derek Lyons", "perpetrator", "person") in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Militants belonging to the Tehreek-e-Taliban Pakistan attacked the checkpoint.", "Tehreek-e-Taliban Pakistan"),
        ("Police said the bombing bore the hallmarks of al-Qaeda.", "al-Qaeda"),
    ],
)
def test_members_and_hallmarks_name_the_group(extractor: Extractor, text: str, expected: str) -> None:
    assert expected in perpetrators(extractor, text), actors(extractor, text)


def test_a_movement_named_by_its_creed_keeps_its_capital(extractor: Extractor) -> None:
    assert ("Maoists", "perpetrator", "description") in actors(
        extractor, "Maoists ambushed a police patrol in the forest on Sunday.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # attributed to (rule actors.perpetrator.* blame)
        ("Authorities attributed the blast to militants of the Islamic State Khorasan Province.",
         "Islamic State Khorasan Province"),
        # the attackers' affiliation (actors.perpetrator.affiliation)
        ("Security officials said the attackers belonged to the Jamaat-ul-Ahrar faction.", "Jamaat-ul-Ahrar"),
        ("Indian officials said the gunmen were from Lashkar-e-Taiba.", "Lashkar-e-Taiba"),
        ("Turkish officials said the bomber was linked to the PKK.", "Kurdistan Workers' Party"),
        # a group speaking through its spokesman (actors.perpetrator.voice)
        ("A spokesman for the TTP, Mohammad Khorasani, claimed responsibility for the attack.",
         "Tehreek-e-Taliban Pakistan"),
        ("TTP spokesman Muhammad Khurasani claimed responsibility.", "Tehreek-e-Taliban Pakistan"),
        # its own fighters said to have done it; the counted noun of "dozens of bombings"
        ("In a statement, al-Shabaab said its fighters carried out the attack.", "al-Shabaab"),
        ("No claim was made, but the Shabaab has carried out dozens of suicide bombings in the capital.", "al-Shabaab"),
        # a known group modifying the attack noun (actors.perpetrator.attack_modifier), or owning the attackers
        ("The bodies were found a day after Sunday's Taliban attack on the airport.", "Taliban"),
        ("The girls returned three years after their kidnapping by Boko Haram's insurgents.", "Boko Haram"),
        # "fired rockets at", "fired on"; a name whose parse hangs from its article
        ("Hamas militants fired rockets at the town overnight.", "Hamas"),
        ("The New People's Army rebels attacked a military outpost.", "New People's Army"),
    ],
)
def test_claims_blame_and_affiliation_name_the_group(extractor: Extractor, text: str, expected: str) -> None:
    assert expected in perpetrators(extractor, text), actors(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        "A spokesman for the Interior Ministry claimed that 10 militants had been killed.",  # no claim of an attack
        "The hospital attributed the deaths to smoke inhalation at Lady Reading Hospital.",  # "at" blames nobody
        "The soldiers belonged to the Frontier Corps.",  # soldiers are no attackers
        "The dead were linked to the Awami National Party.",
        "The Charlie Hebdo attack left 12 dead.",  # a name before "attack" not known as a group: its target
        "Police fired tear gas at the protesters.",
    ],
)
def test_no_perpetrator_from_speech_victims_or_venues(extractor: Extractor, text: str) -> None:
    assert not {name for name, role, kind in actors(extractor, text)
                if role == "perpetrator" and kind != "person"}, actors(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        # a denial or a negated verb makes nobody the doer (rule actors.perpetrator.negated)
        "The Haqqani network denied carrying out the raid on the guesthouse.",
        "The BLF rejected responsibility for the grenade blast at the market.",
        "The Houthis did not claim the strike on the tanker.",
        "Jaish-e-Mohammed never carried out the ambush, its spokesman said.",
        "Hezbollah disowned the bombing and said it does not target civilians.",
        # "he" in "X said he ..." is somebody else (actors.perpetrator.self_reference)
        "\"He lit the fuse and then blew himself up,\" the NDFB said in a statement.",
    ],
)
def test_a_group_that_denies_or_is_said_not_to_have_done_it_is_no_perpetrator(extractor: Extractor,
                                                                               text: str) -> None:
    assert not {name for name, role, kind in actors(extractor, text)
                if role == "perpetrator" and kind != "person"}, actors(extractor, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a known group right before a claim verb, however the acronym parses (actors.perpetrator.name_before_claim)
        ("IS claimed the stabbing at the station, without giving evidence.", "Islamic State"),
        ("IS-K claimed the suicide blast at the wedding hall.", "Islamic State Khorasan Province"),
        # "the work of X" (actors.perpetrator.work_of); "identified as members of X" (actors.perpetrator.identified_as)
        ("The ambush on the convoy was the work of ISWAP, the governor said.", "Islamic State West Africa Province"),
        ("The gunmen were identified as members of Harkat-ul-Jihad al-Islami.", "Harkat-ul-Jihad al-Islami"),
        # a plot verb with an attack for its object (actors.perpetrator.plotted), "trained by" said of the attackers
        ("Prosecutors say Jemaah Islamiyah planned the bombings from a rented house.", "Jemaah Islamiyah"),
        ("Officials said the bombers had been trained by the LTTE.", "Liberation Tigers of Tamil Eelam"),
        # "said it was behind": responsibility in the clause said
        ("The ASMLA said it was behind the shooting at the parade.", "Arab Struggle Movement for the Liberation of Ahvaz"),
        # "laid siege", "overran", "blew up": attack verbs
        ("BIFF fighters laid siege to the town hall for two days.", "Bangsamoro Islamic Freedom Fighters"),
        ("JNIM fighters overran the army post before dawn.", "Jama'at Nusrat al-Islam wal-Muslimin"),
        # an insurgents' army is no state's force
        ("Villagers blamed the Arakan Army for the mortar attack.", "Arakan Army"),
        # a known name with its kind of group after it (actors.canonical.group_suffix)
        ("Police said the attackers belonged to the Jundallah group.", "Jundallah"),
    ],
)
def test_more_ways_of_naming_the_doer(extractor: Extractor, text: str, expected: str) -> None:
    assert expected in perpetrators(extractor, text), actors(extractor, text)


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("Tamil Tigers", "Liberation Tigers of Tamil Eelam"),
        ("NTJ", "National Thowheeth Jama'ath"),
        ("al-Qassam Brigades", "Hamas"),
        ("Daesh-Khorasan", "Islamic State Khorasan Province"),
        ("Islamic State in the Greater Sahara", "Islamic State Sahel Province"),
        ("Alahvaziyeh Group", "Arab Struggle Movement for the Liberation of Ahvaz"),
        ("DHKP-C", "Revolutionary People's Liberation Party-Front"),
        ("ssp", None),  # a police rank's letters, never a group's
        ("Boko Haram Nigeria", "Boko Haram"),  # a headline's run of a known name and a place
        ("Ansar Dine Mali", "Ansar Dine"),
    ],
)
def test_armed_group_aliases(name: str, canonical: str | None) -> None:
    from accord.extract.actors import canonical_name

    assert canonical_name(name) == canonical


def test_a_bullet_is_no_part_of_a_name() -> None:
    from accord.extract.actors import clean_name

    assert clean_name("\u2022 Police Department") == "Police Department"
