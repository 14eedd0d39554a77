"""A figure a source calls wrong: "26 hostages, not 40 as reported earlier", "12 people were killed, not 15".

The count after "not" is the one corrected: a claim the source denies, beside the figure it gives instead.
The words are in lexicons/figure_triggers.json ('correction_words').
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from spacy.tokens import Doc, Token

from accord.extract.extensions import token_starting_at
from accord.lexicons import load_lexicon
from accord.models import Claim


@cache
def _correction_words() -> frozenset[str]:
    return frozenset(load_lexicon("figure_triggers")["correction_words"])


def _corrected(doc: Doc, start: int) -> bool:
    """Whether the count starting at character ``start`` follows ", not" (or "and not", "but not")."""
    token = token_starting_at(doc, start)
    if token is None or token.i < 2:
        return False
    before: Token = doc[token.i - 1]
    return before.lower_ in _correction_words() and doc[token.i - 2].lower_ in (",", "and", "but", "--", "\u2014")


def with_corrections(doc: Doc, claims: list[Claim]) -> list[Claim]:
    """``claims`` with those a source corrects in the same breath marked denied."""
    return [replace(c, modality="denied") if c.modality == "reported" and _corrected(doc, c.span[0]) else c
            for c in claims]


__all__ = ["with_corrections"]
