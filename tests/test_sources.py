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
