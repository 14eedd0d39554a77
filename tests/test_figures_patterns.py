"""Figure patterns beyond the basic verb frames: finding verbs, possessed outcomes, nominal arrests,
surrender, hospital statements, restated hits, people taking part, unrelated arrests, stray conjuncts.

Every sentence is invented for the phenomenon it tests."""

from __future__ import annotations

import pytest

from accord.extract import Extractor
from accord.models import Article

Figure = tuple[str, str, int | None, int | None, str]


def figures(extractor: Extractor, text: str) -> set[Figure]:
    claims = extractor.extract_article(Article(id="p1", text=text, published="2025-03-12")).claims
    return {(c.measure, c.group, c.value.low, c.value.high, c.hedge) for c in claims}


def texts(extractor: Extractor, text: str) -> dict[str, str]:
    claims = extractor.extract_article(Article(id="p1", text=text, published="2025-03-12")).claims
    return {c.text: c.measure for c in claims}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a verb of finding puts its people in a state: a participle, a small clause, a torn parse
        ("A woman found dead in a ditch on Monday has been identified.", ("killed", "all", 1, 1, "exact")),
        ("Deputies found the driver dead behind the wheel.", ("killed", "all", 1, 1, "exact")),
        ("Rangers found a hiker shot in the shoulder.", ("injured", "all", 1, 1, "exact")),
        ("Police had yet to name a young man who was found fatally shot inside a garage.",
         ("killed", "all", 1, 1, "exact")),
        # "left ... injured" with the participle hung elsewhere or behind a parenthesis
        ("Detectives named the 19-year-old who died in a fight which left four others injured Sunday.",
         ("injured", "all", 4, 4, "exact")),
        ("The crash killed a cyclist and left three other riders — two of them teenagers — hurt.",
         ("injured", "all", 3, 3, "exact")),
        # the possessor of an outcome noun is the person it happened to
        ("The coroner ruled the hiker's death an accident.", ("killed", "all", 1, 1, "exact")),
        ("Relatives mourned the loss of a grandmother and her grandson.", ("killed", "all", 2, 2, "exact")),
        # giving oneself up is an arrest
        ("The gunman turned himself in at a sheriff's substation.", ("arrested", "attackers", 1, 1, "exact")),
        ("The shooter surrendered to troopers after a standoff.", ("arrested", "attackers", 1, 1, "exact")),
        ("The driver was placed under arrest at the scene.", ("arrested", "attackers", 1, 1, "exact")),
        # arrests named by the noun
        ("Neighbours were relieved by the four arrests.", ("arrested", "attackers", 4, 4, "exact")),
        ("Detectives announced the arrest of two teenagers.", ("arrested", "attackers", 2, 2, "exact")),
        ("Officers made an arrest late on Friday.", ("arrested", "attackers", 1, 1, "exact")),
        # a hospital statement that brings people in
        ("Two other women were rushed to a hospital.", ("injured", "all", 2, 2, "exact")),
        ("Two people were driven to Mercy Hospital, where their conditions stabilized.", ("injured", "all", 2, 2, "exact")),
        # people with a wound are hurt, whatever their verb says
        ("A man with a gunshot wound to his arm walked into a pharmacy.", ("injured", "all", 1, 1, "exact")),
        ("A bartender ended up with a leg wound after a pistol went off.", ("injured", "all", 1, 1, "exact")),
        # a get-passive gerund is the subject's own wound
        ("A woman drove to a fire station after getting shot on Elm Street.", ("injured", "all", 1, 1, "exact")),
        # "both" on the verb counts a list the parse broke apart
        ("Hours later, 19-year-old Ana Maria Ruiz and 22-year-old Leo Juan Paz were both dead from their wounds.",
         ("killed", "all", 2, 2, "exact")),
        # a killing before "-suicide" is two dead; a victim named by a killing is dead
        ("Deputies are investigating an apparent murder-suicide in Elkton.", ("killed", "all", 2, 2, "exact")),
        ("The homicide victim was identified as Dale Kerr.", ("killed", "all", 1, 1, "exact")),
        ("The family lost their 8-year-old daughter in the crossfire.", ("killed", "all", 1, 1, "exact")),
        # wounds that caused a death are a death
        ("A clerk suffered a gunshot wound that led to his death.", ("killed", "all", 1, 1, "exact")),
        # people taking part, counted
        ("Four masked gunmen stormed the bank and opened fire.", ("present", "attackers", 4, 4, "exact")),
        ("Two suspects fled on foot.", ("present", "attackers", 2, 2, "exact")),
        ("Nearly 200 passengers were travelling on the ferry.", ("present", "hostages", 200, 200, "about")),
        ("Shots hit a van with three teenagers inside.", ("present", "all", 3, 3, "exact")),
        # hostages somebody only tries to free are still held
        ("Troops are trying to free dozens of hostages in the mall.", ("held", "hostages", 24, None, "vague")),
        # a person the parse hung on the verb is still in the list
        ("Three men were charged with killing a 9-year-old and his aunt in Ohio.", ("killed", "all", 2, 2, "exact")),
    ],
)
def test_pattern(extractor: Extractor, text: str, expected: Figure) -> None:
    found = figures(extractor, text)
    assert expected in found, found


@pytest.mark.parametrize(
    "text",
    [
        "A warrant was issued for his arrest.",
        "A warrant was issued for the arrest of two men.",
        "No arrests have been made in the case.",
        "Police have not made an arrest.",
        "The suspect refused to surrender.",
        "His lawyer said the suspect wished to turn himself in.",
        "The man was taken to the hospital.",
        "The dog was found dead in the yard.",
        "Deputies are investigating whether it was a murder-suicide.",
        "A murder-suicide threat at a high school led to an arrest.",
        "The clerk lost his job after the robbery.",
        "He was charged with two counts of assault.",
    ],
)
def test_no_figure(extractor: Extractor, text: str) -> None:
    found = figures(extractor, text)
    assert not any(measure in ("arrested", "killed", "injured") for measure, *_ in found), found


def test_restated_hit_is_an_injured_claim(extractor: Extractor) -> None:
    # the second sentence speaks again of the girl counted injured: a coder notes it too
    found = texts(extractor, "Staff were treating a girl with a gunshot wound. The girl was shot in the arm.")
    assert found == {"a girl": "injured", "The girl": "injured"}


def test_restated_hit_of_the_dead_is_no_injury(extractor: Extractor) -> None:
    # four hit, one of them dead: three injured, stated once by the hospital sentence and once by the hit
    text = "Four people were shot on Elm Street and one of them died. Three other men were taken to the hospital."
    found = figures(extractor, text)
    assert ("killed", "all", 1, 1, "exact") in found
    assert ("injured", "all", 3, 3, "exact") in found
    assert not any(measure == "injured" and low == 4 for measure, _, low, *_ in found)


def test_apposition_is_the_same_person(extractor: Extractor) -> None:
    claims = extractor.extract_article(Article(id="p1", text="The girl's uncle, Dan Ross, 41, was arrested.")).claims
    assert [(c.measure, c.value.low) for c in claims] == [("arrested", 1)]


@pytest.mark.parametrize(
    "text",
    [
        "The boy's grandfather was arrested and charged with child endangerment.",
        "Officers arrested the girl's mother on an outstanding warrant.",
    ],
)
def test_arrest_for_something_else_is_not_an_attacker(extractor: Extractor, text: str) -> None:
    assert figures(extractor, text) == {("arrested", "all", 1, 1, "exact")}


def test_arrested_with_a_wound_is_also_hurt(extractor: Extractor) -> None:
    found = figures(extractor, "A trooper detained a man with a gunshot wound to his hip.")
    assert {("arrested", "attackers", 1, 1, "exact"), ("injured", "attackers", 1, 1, "exact")} <= found


def test_photo_counter_counts_nobody(extractor: Extractor) -> None:
    found = figures(extractor, "Girl, 9, recovering after shooting herself 1 / 6 Back to Gallery\n\nMore.")
    assert not any(low == 6 for _, _, low, _, _ in found), found


def test_title_attribution_is_not_a_victim(extractor: Extractor) -> None:
    # "police say" closes the title's list of people: only the nephew was shot
    found = figures(extractor, "Man accidentally shoots 12-year-old nephew, police say\n\nMore.")
    assert ("injured", "all", 1, 1, "exact") in found
    assert not any(low == 2 for _, _, low, _, _ in found), found


def test_shot_himself_and_another(extractor: Extractor) -> None:
    # an accidental shot that hit its shooter and somebody else hit two people
    found = figures(extractor, "Police say Ortiz dropped a pistol on Friday, shooting himself and a neighbour.")
    assert ("injured", "all", 2, 2, "exact") in found, found


def test_title_read_twice_is_one_claim(extractor: Extractor) -> None:
    # a title run on into the text is read by word order and by the parse: one claim per phrase
    text = "Rifle goes off at range, hits man in arm; boy hit by fragment\n\nMore to come."
    claims = extractor.extract_article(Article(id="p1", text=text, published="2025-03-12")).claims
    spans = [(c.measure, c.span) for c in claims]
    assert len(spans) == len(set(spans)), spans
    assert ("injured", "boy") in {(c.measure, c.text) for c in claims}


def test_name_tagged_elsewhere_is_a_person(extractor: Extractor) -> None:
    # the entity tagger may miss a bare surname it tags as a person elsewhere in the same article
    text = "Friends said Jun Sang, 17, loved music. Sang died."
    found = texts(extractor, text)
    assert found.get("Sang") == "killed", found


def test_hospital_statement_of_all_the_hit_is_not_more_injured(extractor: Extractor) -> None:
    # "all three" speaks again of those hit, one of whom died there: not three injured
    found = figures(extractor, "All three victims were taken to the hospital, where one of them died.")
    assert not any(measure == "injured" for measure, *_ in found), found


def test_partitive_takes_the_group_counted_before(extractor: Extractor) -> None:
    # "one of them" are the robbers just counted: one robber dead, the other hurt
    found = figures(extractor, "The clerk drew a pistol and shot two of the robbers, killing one of them.")
    assert found == {("killed", "attackers", 1, 1, "exact"), ("injured", "attackers", 1, 1, "exact")}, found


def test_pronoun_restating_the_person_counted_is_one_claim(extractor: Extractor) -> None:
    # "he" is the boy again; "he" beside a woman is somebody else
    found = texts(extractor, "The boy was hit in the arm and he was taken to a hospital in serious condition.")
    assert found == {"The boy": "injured"}, found
    found = texts(extractor, "A woman was shot and he was wounded.")
    assert set(found) == {"A woman", "he"}, found


def test_names_given_with_ages_are_people(extractor: Extractor) -> None:
    found = figures(extractor, "Ana Ruiz, 21, and Tom Hill, 25, were both taken into custody.")
    assert ("arrested", "attackers", 2, 2, "exact") in found, found
