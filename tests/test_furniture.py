"""Generic page furniture (accord.extract.furniture): rights notices, prompts and players, judged line by line,
and extraction taking no figure from them."""

from __future__ import annotations

import re

from accord.extract.furniture import furniture_line_spans, is_generic_furniture, repeated_teasers
from accord.lexicons import load_lexicon


def test_generic_furniture_lines() -> None:
    for line in ("Copyright 2016 WXYZ. All rights reserved.",
                 "Email notifications are only sent once a day, and only if there are new matching items.",
                 "Please enable Javascript to watch this video",
                 "3:55 Mayor unveils the new budget Pause",
                 "Sign up for our newsletter and have the top headlines delivered right to your inbox.",
                 "Advertisement",
                 "Already have an account?",
                 "Sign in using your account with: {* loginWidget *}",
                 "Welcome back. Please sign in",
                 "1:24"):
        assert is_generic_furniture(line), line


def test_story_lines_are_kept() -> None:
    for line in ("Police said the man was shot twice outside a store on Main Street around 3 a.m.",
                 "5:07 p.m.: Police have detained the shooter, the mayor said.",
                 "The identity of the victim is being withheld pending notification of family members.",
                 "Anyone with information is asked to email detectives or call Crime Stoppers.",
                 "A sign in the window said the shop was closed.",
                 "10:30 a.m. Two men were shot outside the courthouse."):
        assert not is_generic_furniture(line), line


def test_a_long_paragraph_naming_one_cue_in_passing_is_the_story() -> None:
    line = ("The man, who had signed up for a gun safety class last spring, was shot twice in the chest "
            "outside the apartment complex on Elm Street late Friday, and he died at the hospital about an hour "
            "later, police said on Saturday.")
    assert not is_generic_furniture(line)
    assert is_generic_furniture("Sign up for our newsletter. " + line)  # two cues: whatever its length


def test_furniture_line_spans_are_offsets_into_the_text() -> None:
    text = ("Copyright 2016 The Station. All rights reserved.\n"
            "A man was shot on Elm Street on Friday night, police said.\n"
            "Your notification has been saved.\n"
            "1:04 Weather: a cold front moves in")
    spans = furniture_line_spans(text)
    # a playlist entry is furniture to linking, but extraction keeps it as another story
    assert is_generic_furniture("1:04 Weather: a cold front moves in")
    assert [text[a:b] for a, b in spans] == [
        "Copyright 2016 The Station. All rights reserved.", "Your notification has been saved."]


TEASERS = [
    "A jury found a Summerville man guilty of burglary after a two-day trial on Friday.",
    "A jury found a Summerville man guilty of burglary after a two-day trial on Friday.",
    "Tourists on the beach found a stranded dolphin and pushed it back into the water.",
    "Tourists on the beach found a stranded dolphin and pushed it back into the water.",
    "",
    "A driver died in a single-vehicle crash on the interstate early Friday morning.",
    "A driver died in a single-vehicle crash on the interstate early Friday morning.",
    "An 11-year-old boy was shot in the hand by his brother Monday afternoon, deputies said.",
    "The boy was treated at a hospital.",
]


def test_a_block_of_teasers_printed_twice_is_furniture() -> None:
    assert repeated_teasers(TEASERS) == {0, 1, 2, 3, 5, 6}
    text = "\n".join(TEASERS)
    kept = [line for line in text.split("\n") if line and not any(
        text[a:b] == line for a, b in furniture_line_spans(text))]
    assert kept == TEASERS[-2:]


def test_a_story_printing_its_lead_twice_keeps_it() -> None:
    lines = ["Man shot and killed while trying to sell his car, police say"] * 2 + [
        "Two men were wounded on Elm Street on Friday night, police said."] * 2 + [
        "Police said the shooting followed an argument."]
    assert repeated_teasers(lines) == set()  # two repeated lines: a headline and a summary, not a block
    # a line repeated apart from its copy is a pull quote, not a teaser
    assert repeated_teasers([TEASERS[0], "Other text of the story here.", TEASERS[0], TEASERS[2], TEASERS[2]]) \
        == set()


def test_every_cue_holds_one_of_the_cue_words() -> None:
    """The substring pre-test must never hide a cue the patterns would find."""
    lexicon = load_lexicon("page_furniture")
    words = [w.lower() for w in lexicon["cue_words"]]
    for pattern in lexicon["cues"]:
        literal = re.sub(r"\\([^a-zA-Z])", r"\1", re.sub(r"\\[bs]", "", pattern)).lower()
        assert any(w in literal for w in words), pattern


def test_extraction_takes_no_figure_from_furniture(extractor) -> None:  # type: ignore[no-untyped-def]
    text = ("Two men were wounded on Elm Street on Friday night, police said.\n"
            "1:51 Three killed in crash on Interstate 95\n"
            "Sign up to get the five people killed this week delivered to your inbox.")
    result = extractor.extract_article(_article(text))
    assert [(c.measure, c.value.low) for c in result.claims if c.mention == 0] == [("injured", 2)]
    # the sign-up prompt gives nothing (figures alone would read "five people killed" in it)
    prompt = text.index("Sign up")
    assert not [c for c in result.claims + result.statistics if c.span[0] >= prompt]
    assert not [d for d in result.dates if d.span[0] >= prompt]
    assert not any("Sign up" in m.summary for m in result.mentions)


def _article(text: str):  # type: ignore[no-untyped-def]
    from accord.models import Article

    return Article(id="furniture-test", text=text, published="2016-06-30")
