"""accord_quotes: direct and indirect speech, cues, speakers and their kinds, on real text."""

from __future__ import annotations

import pytest

from accord.extract.quote_marks import find_quoted_spans
from accord.models import Article, Quote
from tests.conftest import SEEDS_DIR, require

NUKTA = "000_2d629f6dfbbccf2b.txt"  # analysis piece quoting six named experts
WIRE = "002_8db86a2562697669.txt"  # translated report crediting CNN, AP and the army
FT = "004_c7c868d6b113a81c.txt"  # report quoting the BLA, officials and ministers


def _quotes(extractor, text: str) -> list[Quote]:
    return extractor.extract_article(Article(id="test", text=text)).quotes


@pytest.fixture(scope="module")
def seed_quotes(extractor) -> dict[str, tuple[str, list[Quote]]]:
    require(SEEDS_DIR)
    result = {}
    for name in (NUKTA, WIRE, FT):
        text = (SEEDS_DIR / name).read_text(encoding="utf-8")
        result[name] = (text, _quotes(extractor, text))
    return result


def _quote_with(quotes: list[Quote], words: str) -> Quote:
    found = [q for q in quotes if words in q.text]
    assert found, f"no quote contains {words!r}"
    return found[0]


def _speaker_name(quote: Quote) -> str | None:
    if quote.speaker is None:
        return None
    return quote.speaker.resolved or quote.speaker.name


# --------------------------------------------------------------------------- seeds


@pytest.mark.parametrize(
    ("words", "expert"),
    [
        ("This is the first time BLA has hijacked a train", "Qamar Cheema"),
        ("the Balochistan conflict is intensifying", "Qamar Cheema"),
        ("These ethnic and Islamist militant groups", "Qamar Cheema"),
        ("Baloch armed separatists have become a major security challenge", "Ihsanullah Tipu Mehsud"),
        ("The issue with Pakistan’s security institutions", "Ihsanullah Tipu Mehsud"),
        ("the worsening security situation will likely deter investors", "Ihsanullah Tipu Mehsud"),
        ("this attack is a direct result of a recent three-day meeting", "Imtiaz Gul"),
        ("They have formed a joint force", "Imtiaz Gul"),
        ("the attack could mark the beginning of an intensified insurgency", "Imtiaz Gul"),
        ("This is the first hostage situation", "Syed Ali Shah"),
        ("In 2023, they carried out simultaneous attacks", "Syed Ali Shah"),
        ("They have gathered intelligence on security force movements", "Muhammad Shoaib"),
        ("A high-profile attack like this raises their profile", "Muhammad Shoaib"),
        ("The frequency and intensity of Baloch militant attacks", "Adnan Aamir"),
        ("Bolan is mountainous", "Adnan Aamir"),
        ("Security forces are under immense pressure", "Adnan Aamir"),
    ],
)
def test_every_named_expert_quote_is_theirs(seed_quotes, words: str, expert: str) -> None:
    _text, quotes = seed_quotes[NUKTA]
    assert _speaker_name(_quote_with(quotes, words)) == expert


def test_expert_roles_and_kinds(seed_quotes) -> None:
    _text, quotes = seed_quotes[NUKTA]
    cheema = _quote_with(quotes, "This is the first time BLA has hijacked a train").speaker
    assert cheema is not None and cheema.role == "security expert" and cheema.kind == "expert"
    gul = _quote_with(quotes, "They have formed a joint force").speaker
    assert gul is not None and gul.role == "Security expert" and gul.kind == "expert"
    # A surname later on carries the role introduced with the full name.
    later = _quote_with(quotes, "the attack could mark the beginning").speaker
    assert later is not None and later.name == "Gul" and later.kind == "expert"


def test_pronoun_resolves_to_the_last_speaker(seed_quotes) -> None:
    text, quotes = seed_quotes[NUKTA]
    added = _quote_with(quotes, "These ethnic and Islamist militant groups")
    assert added.cue == "added" and added.direct
    assert added.speaker is not None and text[slice(*added.speaker.span)] == "he"
    assert added.speaker.resolved == "Qamar Cheema"


def test_sources_of_a_wire_report(seed_quotes) -> None:
    _text, quotes = seed_quotes[WIRE]
    army = _quote_with(quotes, "kidnapped on Tuesday by pro-independence militants")
    assert army.cue == "according to"
    assert army.speaker is not None and army.speaker.kind == "security"
    assert army.speaker.organisation == "the armed forces"
    ap = _quote_with(quotes, "the number was 50")
    assert ap.speaker is not None and ap.speaker.kind == "media"
    basit = _quote_with(quotes, "The attack has captured global attention")
    assert basit.direct and basit.speaker is not None
    assert basit.speaker.resolved == "Abdul Basit" and basit.speaker.kind == "expert"


def test_perpetrator_official_and_security_speakers(seed_quotes) -> None:
    _text, quotes = seed_quotes[FT]
    telegram = _quote_with(quotes, "If our demands are not met")
    assert telegram.cue == "wrote" and telegram.direct
    assert telegram.speaker is not None and telegram.speaker.kind == "perpetrator"
    assert telegram.speaker.resolved == "The Balochistan Liberation Army"
    custody = _quote_with(quotes, "214 hostages were still in its custody")
    assert custody.speaker is not None and custody.speaker.kind == "perpetrator"
    zardari = _quote_with(quotes, "Attacks on innocent citizens")
    assert zardari.speaker is not None and zardari.speaker.name == "Asif Ali Zardari"
    assert zardari.speaker.role == "President" and zardari.speaker.kind == "official"
    # "X," said Y. "Z." is one quotation.
    assert "The Baloch nation rejects" in zardari.text
    bugti = _quote_with(quotes, "The attackers will be brought to a painful end")
    assert bugti.speaker is not None and bugti.speaker.resolved == "Sarfraz Bugti"
    assert bugti.speaker.kind == "official"
    officials = _quote_with(quotes, "militants with suicide vests were stationed")
    assert officials.speaker is not None and officials.speaker.kind == "security"
    ministry = _quote_with(quotes, "had saved more than 100 hostages")
    assert ministry.speaker is not None and ministry.speaker.kind == "official"


def test_offsets_point_into_the_article(seed_quotes) -> None:
    for text, quotes in seed_quotes.values():
        assert quotes
        for quote in quotes:
            assert text[quote.span[0] : quote.span[1]] == quote.text
            if quote.cue_span is not None:
                assert text[quote.cue_span[0] : quote.cue_span[1]] == quote.cue
            if quote.speaker is not None and quote.speaker.span is not None:
                assert text[quote.speaker.span[0] : quote.speaker.span[1]].strip()
            assert quote.speaker is None or quote.speaker.kind in (
                "official", "security", "perpetrator", "witness", "media", "expert", "unattributed",
            )


# --------------------------------------------------------------------------- phenomena


def test_quote_split_by_its_attribution_is_one_quote(extractor) -> None:
    text = (
        "Rescue teams worked through the night.\n\n"
        "“We have reached the last carriage,” Colonel Ahmed Khan, the operation's commander, said, "
        "“and nobody is left inside.”"
    )
    quotes = _quotes(extractor, text)
    assert len(quotes) == 1
    quote = quotes[0]
    assert quote.text.startswith("“We have reached") and quote.text.endswith("inside.”")
    assert quote.cue == "said" and quote.speaker is not None
    assert quote.speaker.name == "Ahmed Khan" and quote.speaker.kind == "security"


def test_quote_over_several_paragraphs(extractor) -> None:
    text = (
        "The mayor spoke after the meeting.\n\n"
        "Mayor Lisa Grant said: “The bridge will stay closed until the engineers have finished.\n\n"
        "“After that we will decide, together with the county, when traffic can return.”\n\n"
        "The council meets again next week."
    )
    quotes = _quotes(extractor, text)
    quote = _quote_with(quotes, "The bridge will stay closed")
    assert "when traffic can return" in quote.text
    assert quote.speaker is not None and quote.speaker.name == "Lisa Grant"
    assert quote.speaker.kind == "official"


def test_indirect_speech_and_according_to(extractor) -> None:
    text = (
        "Junior Interior Minister Talal Chaudhry told Reuters that 27 militants had been killed. "
        "At least 20 passengers died, according to a security source."
    )
    quotes = _quotes(extractor, text)
    told = _quote_with(quotes, "27 militants had been killed")
    assert told.cue == "told" and not told.direct
    assert told.speaker is not None and told.speaker.name == "Talal Chaudhry"
    assert told.speaker.role == "Junior Interior Minister" and told.speaker.kind == "official"
    source = _quote_with(quotes, "At least 20 passengers died")
    assert source.cue == "according to"
    assert source.speaker is not None and source.speaker.kind == "security"


def test_definite_role_noun_resolves_to_the_named_speaker(extractor) -> None:
    text = (
        "Foreign Minister Maria Lopez said the talks would resume on Monday. "
        "The minister added that both delegations had agreed to the agenda."
    )
    quotes = _quotes(extractor, text)
    added = _quote_with(quotes, "both delegations had agreed")
    assert added.speaker is not None and added.speaker.resolved == "Maria Lopez"
    assert added.speaker.kind == "official"


def test_a_poll_is_the_source_of_what_it_shows(extractor) -> None:
    text = (
        "A new survey of county residents shows a narrow lead for the incumbent. "
        "In the same survey, most voters named housing as their main worry."
    )
    quotes = _quotes(extractor, text)
    shows = _quote_with(quotes, "a narrow lead for the incumbent")
    assert shows.cue == "shows" and shows.speaker is not None and "survey" in shows.speaker.name
    within = _quote_with(quotes, "most voters named housing")
    assert within.cue == "In" and within.speaker is not None and "survey" in within.speaker.name


def test_hedges_and_appearances_attribute_a_clause_to_no_one(extractor) -> None:
    text = (
        "The gunman allegedly fired at a passing patrol car. "
        "The mayor seems to have left the city before the storm."
    )
    quotes = _quotes(extractor, text)
    hedged = _quote_with(quotes, "The gunman allegedly fired")
    assert hedged.cue == "allegedly" and hedged.speaker is None
    seems = _quote_with(quotes, "The mayor seems to have left")
    assert seems.cue == "seems" and seems.speaker is None


def test_stance_about_something_is_attributed_to_its_holder(extractor) -> None:
    text = "Local farmers are worried about the new water rules, and the union expressed concern over the cost."
    quotes = _quotes(extractor, text)
    worried = _quote_with(quotes, "the new water rules")
    assert worried.cue == "worried about"
    assert worried.speaker is not None and worried.speaker.name == "Local farmers"


def test_sentence_initial_according_to_and_headline_source(extractor) -> None:
    text = (
        "Poll: Voters in the north favour the new bridge over the river\n\n"
        "According to Fire Chief Dana Ortiz, the blaze started in a storage room."
    )
    quotes = _quotes(extractor, text)
    headline = _quote_with(quotes, "Voters in the north favour")
    assert headline.speaker is not None and headline.speaker.name.startswith("Poll")
    according = _quote_with(quotes, "the blaze started in a storage room")
    assert according.cue == "According to" and not according.text.startswith("According")
    assert according.speaker is not None and "Dana Ortiz" in according.speaker.name


def test_an_intention_noun_is_its_holders(extractor) -> None:
    text = "Closing the road was the mayor's decision to keep drivers away from the flooded bridge."
    quotes = _quotes(extractor, text)
    decision = _quote_with(quotes, "to keep drivers away")
    assert decision.cue == "decision" and decision.speaker is not None and "mayor" in decision.speaker.name


def test_a_second_cue_is_not_part_of_the_first_statement(extractor) -> None:
    text = "The ministry said it was opposed to the plan and warned the company to withdraw its offer."
    quotes = _quotes(extractor, text)
    said = _quote_with(quotes, "it was opposed to the plan")
    assert "warned" not in said.text


# --------------------------------------------------------------------------- quotation marks


def test_quotation_marks_pair_across_paragraphs_and_nest() -> None:
    text = 'He said "one two\n\n"three four." Then “a “b” c” and “open\n\nnext'
    spans = [(text[q.start : q.end], q.closed) for q in find_quoted_spans(text)]
    assert spans == [('"one two\n\n"three four."', True), ("“a “b” c”", True), ("“open", False)]


def test_mixed_quotation_marks_close_each_other() -> None:
    text = '“Deals should not be a requirement," he said, adding they were "like candy." “He said "no" to me.”'
    spans = [text[q.start : q.end] for q in find_quoted_spans(text)]
    assert spans == ['“Deals should not be a requirement,"', '"like candy."', '“He said "no" to me.”']


def test_a_figure_inside_a_statement_finds_its_speaker(seed_quotes) -> None:
    from accord.extract.quotes import quote_containing

    text, quotes = seed_quotes[FT]
    start = text.index("214 hostages")
    quote = quote_containing(quotes, start, start + len("214 hostages"))
    assert quote is not None and quote.speaker is not None and quote.speaker.kind == "perpetrator"
    start = text.index("more than 100 hostages")
    quote = quote_containing(quotes, start, start + len("more than 100 hostages"))
    assert quote is not None and quote.speaker is not None and quote.speaker.name == "interior ministry"
    assert quote_containing(quotes, 0, 5) is None
