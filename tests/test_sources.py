"""Attribution of figures through the real pipeline: who says each count, of what kind, relayed by whom."""

from __future__ import annotations

import pytest

from accord.extract import Extractor
from accord.extract.sources import source_kind
from accord.models import Article, Claim


def claims(extractor: Extractor, text: str) -> list[Claim]:
    return extractor.extract_article(Article(id="src", text=text, published="2025-03-12")).claims


def by_value(extractor: Extractor, text: str) -> dict[int | None, Claim]:
    return {c.value.low: c for c in claims(extractor, text)}


def test_a_contrasting_clause_keeps_its_source_to_itself(extractor: Extractor) -> None:
    found = by_value(extractor, "During the raid, 12 fighters were killed, although some outlets, such as the BBC, "
                                "claim the number was 15, while Reuters reports that the number was 19.")
    assert found[12].source.kind == "unattributed" and found[12].source.name == ""
    assert found[19].source.name == "Reuters" and found[19].source.kind == "media"


def test_a_coordinated_statement_about_something_else_is_not_the_source(extractor: Extractor) -> None:
    claim = claims(extractor, "Six people were wounded and officials said the attacker escaped.")[0]
    assert claim.value.low == 6 and claim.source.kind == "unattributed"


def test_a_parenthetical_attribution_still_counts(extractor: Extractor) -> None:
    claim = claims(extractor, "Two guards were shot dead on Monday, police said, while residents described panic.")[0]
    assert claim.source.name.lower() == "police" and claim.source.kind == "security"


@pytest.mark.parametrize(
    ("text", "name", "kind", "via"),
    [
        ("At least nine soldiers died in the ambush, a security source told Reuters.", "security source", "security",
         "Reuters"),
        ("Thirty soldiers were killed, the group said on Telegram.", "group", "perpetrator", "Telegram"),
        ("The Associated Press reports that 14 people were killed in the blast.", "Associated Press", "media", None),
        ("Four villagers were killed, Reuters reported, citing hospital officials.", "hospital officials", "official",
         "Reuters"),
        ("A spokesman for the rebels told AFP that they were holding 60 hostages.", "spokesman for the rebels",
         "perpetrator", "AFP"),
    ],
)
def test_attribution_patterns(extractor: Extractor, text: str, name: str, kind: str, via: str | None) -> None:
    claim = claims(extractor, text)[0]
    assert name.lower() in claim.source.name.lower()
    assert (claim.source.kind, claim.source.via) == (kind, via)


def test_a_dateline_is_not_part_of_the_source(extractor: Extractor) -> None:
    text = "TOLEDO, Ohio (AP) \u2013 Police say a 6-year-old boy accidentally shot his brother in the leg."
    claim = claims(extractor, text)[0]
    assert claim.source.name == "Police" and claim.source.kind == "security"
    assert text[claim.source.span[0]:claim.source.span[1]] == "Police"


def test_a_perpetrators_own_count_is_claimed(extractor: Extractor) -> None:
    claim = claims(extractor, "Eleven soldiers were killed, the group said on Telegram.")[0]
    assert claim.source.kind == "perpetrator" and claim.modality == "claimed"


def test_an_attribution_inside_a_quote_names_the_source(extractor: Extractor) -> None:
    text = ("Reporter Amina Qureshi of Dawn described the scene. "
            "\u201cThe militants have said that they killed 25 soldiers,\u201d Qureshi said.")
    claim = next(c for c in claims(extractor, text) if c.value.low == 25)
    assert claim.source.kind == "perpetrator" and "militants" in claim.source.name.lower()
    assert claim.modality == "claimed"


@pytest.mark.parametrize(
    ("name", "kind"),
    [("the interior ministry", "official"), ("a police spokesman", "security"), ("CNN", "media"),
     ("the group", "perpetrator"), ("residents", "witness"), ("an autopsy", "official"), ("", "unattributed")],
)
def test_source_kind(name: str, kind: str) -> None:
    assert source_kind(name) == kind


@pytest.mark.parametrize(
    ("name", "kind"),
    [("a spokesman for the Williamson County Sheriff's Office", "security"),  # the body, not "spokesman"
     ("Chicago Fire Department media officials", "official"),
     ("Officers", "security"), ("Investigators", "security"),  # plurals of kind words
     ("KOAM-TV", "media"),  # a broadcaster's call sign
     ("the Centre for Research and Security Studies", "expert"),
     ("Officials", "official")],
)
def test_source_kind_is_read_from_the_longest_telling_word(name: str, kind: str) -> None:
    assert source_kind(name) == kind


def test_an_account_runs_on_over_the_sentences_of_its_paragraph(extractor: Extractor) -> None:
    text = ("Police said a gunman opened fire on the porch of the house. "
            "The gunman wounded two men and killed a woman.")
    found = by_value(extractor, text)
    assert found[2].source.name == "Police" and found[2].source.kind == "security"
    assert found[1].source.name == "Police"


def test_an_account_stops_at_a_paragraph_break(extractor: Extractor) -> None:
    text = "Police said a gunman opened fire on the porch of the house.\n\nThe gunman wounded two men."
    assert by_value(extractor, text)[2].source.kind == "unattributed"


def test_an_account_does_not_run_on_to_someone_new(extractor: Extractor) -> None:
    text = "Police said the suspect fled on foot. Two people were killed in a separate shooting on Friday."
    assert by_value(extractor, text)[2].source.kind == "unattributed"


def test_a_claim_of_responsibility_does_not_vouch_for_the_toll(extractor: Extractor) -> None:
    text = "The Islamic State group claimed responsibility for the attack, which killed 20 people."
    assert by_value(extractor, text)[20].source.name == ""


def test_a_next_sentence_about_the_same_person_lends_its_source(extractor: Extractor) -> None:
    text = ("A 28-year-old woman was shot in the head while she slept in her bed. "
            "She was taken to Stroger Hospital in good condition, Officer Ron Gaines said.")
    claim = claims(extractor, text)[0]
    assert "Gaines" in claim.source.name and claim.source.kind == "security"


def test_a_next_sentence_about_its_own_speakers_does_not(extractor: Extractor) -> None:
    text = ("Officers found a man dead from gunshot wounds in the street. "
            "Witnesses said they heard gunfire and saw a car drive away.")
    assert claims(extractor, text)[0].source.kind == "unattributed"


@pytest.mark.parametrize(("line", "name", "kind"), [
    ("Police: Three wounded in shooting outside downtown bar", "Police", "security"),
    ("UPDATE: Three wounded in shooting outside downtown bar", "", "unattributed"),
])
def test_a_label_opening_the_line_is_the_source(extractor: Extractor, line: str, name: str, kind: str) -> None:
    claim = claims(extractor, line)[0]
    assert (claim.source.name, claim.source.kind) == (name, kind)


def test_a_quote_cue_that_is_not_speech_lends_no_source(extractor: Extractor) -> None:
    text = "Deputies arrested a man accused of killing two people at a gas station."
    assert by_value(extractor, text)[2].source.name == ""


def test_a_relative_pronoun_speaker_is_the_noun_it_stands_for(extractor: Extractor) -> None:
    text = "Officers were called by hospital staff, who said they were treating a girl with a gunshot wound."
    claim = claims(extractor, text)[0]
    assert "staff" in claim.source.name and claim.source.kind == "official"


def test_a_short_name_takes_the_kind_of_its_fuller_mention(extractor: Extractor) -> None:
    text = ("The victim was found in the parking lot, according to Police Department spokeswoman Julie Parker. "
            "\u201cThe woman was pronounced dead on the scene,\u201d Parker said.")
    claim = next(c for c in claims(extractor, text) if c.text == "The woman")
    assert claim.source.name == "Parker" and claim.source.kind == "security"


def test_an_acronym_takes_the_kind_of_the_name_it_shortens(extractor: Extractor) -> None:
    text = ("The Tennessee Bureau of Investigation is leading the case. "
            "TBI said two men were arrested on Friday in connection with the killing.")
    claim = by_value(extractor, text)[2]
    assert claim.source.name == "TBI" and claim.source.kind == "security"


def test_the_subject_of_a_passive_report_is_not_its_source(extractor: Extractor) -> None:
    claim = claims(extractor, "Two people were reported wounded in the attack on the market.")[0]
    assert claim.source.name == ""


def test_a_conjunct_with_its_own_subject_is_not_vouched_for(extractor: Extractor) -> None:
    text = "Officials say they have made no arrests, but the newspaper has learned more about the student who was killed."
    claim = claims(extractor, text)[0]
    assert claim.source.name == ""
