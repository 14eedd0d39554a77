"""Where a sentence sits: paragraphs (a blank line) and title lines, which the parser often runs together."""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

#: Newlines that end a paragraph (a blank line), in the GVA texts and trafilatura's output alike.
PARAGRAPH_NEWLINES = 2
#: A title line is at most this many tokens (titles in the GVA dev documents run 5-15).
HEADLINE_MAX_TOKENS = 20
_SENTENCE_END = '.!?"\u201d\u2019\''


def is_headline(sent: SpacySpan) -> bool:
    """A title line: short, telegraphic (no auxiliary verb) and without a sentence's final punctuation."""
    if len(sent) > HEADLINE_MAX_TOKENS:
        return False  # tested first: the length is free, the text is joined from every token
    text = sent.text.strip()
    return bool(text) and text[-1] not in _SENTENCE_END and not any(t.pos_ == "AUX" for t in sent)


def across_paragraphs(a: Token, b: Token) -> bool:
    """Whether a blank line lies between two tokens (a relation the parser drew across paragraphs)."""
    low, high = sorted((a.i, b.i))
    return any(t.is_space and t.text.count("\n") >= PARAGRAPH_NEWLINES for t in a.doc[low:high])


def run_on_paragraphs(sent: SpacySpan) -> list[SpacySpan]:
    """The paragraphs a sentence runs across, but its last: "Four shot in Atlanta\n\nPolice said ..."."""
    pieces = []
    start = sent.start
    for token in sent:
        if token.is_space and token.text.count("\n") >= PARAGRAPH_NEWLINES and token.i > start:
            pieces.append(sent.doc[start : token.i])
            start = token.i + 1
    return pieces
