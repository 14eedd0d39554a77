"""The ``Doc`` extensions accord's components write to (spaCy's way, instead of side tables).

Input, set before the pipeline runs:
    doc._.article_id   the Article id
    doc._.published    ISO publication date or None
    doc._.outlet       the outlet's name or its site's host ("dawn.com"), or None
Written by the components, in pipeline order:
    doc._.dates        list[DateMention]        accord_dates
    doc._.places       list[Place]              accord_places
    doc._.actors       list[Actor]              accord_actors
    doc._.event_type   str                      accord_event_type
    doc._.quotes       list[Quote]              accord_quotes
    doc._.claims       list[Claim]              accord_figures
    doc._.statistics   list[Claim]              accord_figures (aggregate figures)
    doc._.mentions     list[IncidentMention]    accord_mentions (also sets .mention on the above)
Read by patterns (a getter):
    token._.lemma_lower  the token's lemma in lower case (lexicon patterns match lemmas case-blind)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from spacy.attrs import IDX
from spacy.tokens import Doc, Span, Token

T = TypeVar("T")

#: Where :func:`doc_text` keeps a document's text (``Doc.user_data``, which travels with the Doc).
_TEXT_KEY = "accord.text"
#: Where :func:`doc_entities` keeps a document's entities.
_ENTITIES_KEY = "accord.entities"
#: Where :func:`token_starting_at` keeps the token index of each token's first character.
_STARTS_KEY = "accord.token_starts"

_LIST_EXTENSIONS = ("dates", "places", "actors", "quotes", "claims", "statistics", "mentions")


def register_extensions() -> None:
    """Register every accord ``Doc`` extension (idempotent)."""
    for name in _LIST_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    for name in ("article_id", "published", "outlet", "event_type"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    if not Token.has_extension("lemma_lower"):
        Token.set_extension("lemma_lower", getter=_lemma_lower)


def _lemma_lower(token: Token) -> str:
    return token.lemma_.lower()


register_extensions()


def made_once(doc: Doc, key: str, make: Callable[[], T]) -> T:
    """``make()``, computed on the first call for ``doc`` and kept in its ``user_data`` under ``key``
    (which travels with the Doc) for every later call."""
    value = doc.user_data.get(key)
    if value is None:
        value = doc.user_data[key] = make()
    return value


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per document: spaCy rebuilds it from every token on each access
    (7 components read it, figures once per claim: 8% of the extract stage before this)."""
    return made_once(doc, _TEXT_KEY, lambda: doc.text)


def doc_entities(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents``, made once per document: spaCy builds every entity Span on each access, and the
    figure rules ask for the entity around a number (a fifth of their time before this). Read it only
    after the model's ``ner``: accord's components do not change the entities."""
    return made_once(doc, _ENTITIES_KEY, lambda: tuple(doc.ents))


def entities_within(doc: Doc, start: int, end: int) -> list[Span]:
    """The entities lying wholly within tokens ``start``..``end`` (as ``Span.ents`` gives them)."""
    return [ent for ent in doc_entities(doc) if ent.start >= start and ent.end <= end]


def token_starting_at(doc: Doc, char: int) -> Token | None:
    """The token of ``doc`` whose first character is at ``char``, or None (no token starts there).

    The offsets are read once per document from its array: a walk over the document builds a Token
    for every word before the one asked for."""
    starts = made_once(doc, _STARTS_KEY, lambda: {start: i for i, start in enumerate(doc.to_array(IDX).tolist())})
    i = starts.get(char)
    return doc[i] if i is not None else None
