"""Each token's words, read once per document from its arrays: the sentence walk's fast path."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from spacy.attrs import DEP, LEMMA, LOWER, ORTH, POS, TAG
from spacy.parts_of_speech import NOUN, PRON, PROPN
from spacy.tokens import Doc

from accord.extract.extensions import made_once
from accord.extract.figure_counting import (
    AGE_WORDS,
)
from accord.extract.numbers import is_count_word

_DOC_WORDS_KEY = "accord.figure_words"


@dataclass(frozen=True)
class _DocWords:
    """Each token's lower-case form and lower-case lemma, and whether it may head a count of people."""

    lowers: list[str]
    lemmas: list[str]
    may_count: list[bool]


def doc_words(doc: Doc) -> _DocWords:
    """The words of ``doc``, read once from its arrays of string ids: a Token object and each string
    attribute read from it are built anew at every read, and most tokens are no count of anybody."""
    return made_once(doc, _DOC_WORDS_KEY, lambda: _read_doc_words(doc))


def _read_doc_words(doc: Doc) -> _DocWords:
    strings = doc.vocab.strings
    orth, lower, lemma, pos, tag, dep = doc.to_array([ORTH, LOWER, LEMMA, POS, TAG, DEP]).T
    # each distinct word decoded once
    lower_of = {i: strings[i] for i in set(lower.tolist())}
    lemma_of = {i: strings[i].lower() for i in set(lemma.tolist())}
    counts = [i for i in set(orth.tolist()) if is_count_word(strings[i])]
    ages = [strings[word] for word in AGE_WORDS]
    # a token no branch of the walk in ``sentence_hits`` can take: not a noun or pronoun (people),
    # an age noun, a number modifier, a plural noun or a count word
    may_count = (np.isin(pos, (NOUN, PROPN, PRON)) | (dep == strings["nummod"]) | (tag == strings["NNS"])
                 | np.isin(lower, ages) | np.isin(orth, counts))
    return _DocWords([lower_of[i] for i in lower.tolist()], [lemma_of[i] for i in lemma.tolist()], may_count.tolist())
