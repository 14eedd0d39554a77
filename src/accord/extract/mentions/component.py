"""The ``accord_mentions`` spaCy component: cuts the doc into sentences and splits its records.

Settings (``nlp.add_pipe("accord_mentions", config={...})``, recorded in ``nlp.config``):
``disabled_rules``, ids of mention rules switched off (``mentions.other_place``; the list is in
docs/extraction.md), and ``lexicons``, entries merged over the lexicons it reads
(``background_cues``, ``page_furniture``; see :func:`accord.lexicons.extend_lexicons`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from accord.extract.extensions import doc_text
from accord.extract.mentions.write_back import split_records
from accord.extract.rules import checked_disabled
from accord.lexicons import extend_lexicons

COMPONENT_VERSION = "accord.mentions.v1"


@Language.factory(
    "accord_mentions",
    assigns=["doc._.mentions", "doc._.claims", "doc._.statistics", "doc._.quotes", "doc._.dates", "doc._.places",
             "doc._.actors"],
    requires=["doc._.dates", "doc._.places", "doc._.actors", "doc._.claims", "doc._.statistics", "doc._.quotes",
              "doc._.event_type"],
    default_config={"disabled_rules": [], "lexicons": {}},
)
def make_component(nlp: Language, name: str, disabled_rules: list[str],
                   lexicons: dict[str, Any]) -> Callable[[Doc], Doc]:
    extend_lexicons(lexicons)
    disabled = checked_disabled(disabled_rules, "mentions.")

    def component(doc: Doc) -> Doc:
        text = doc_text(doc)
        sentences = [(s.start_char, s.end_char) for s in doc.sents] if doc.has_annotation("SENT_START") \
            else [(0, len(text))]
        done = split_records(
            text, sentences, article=doc._.article_id or "", published=doc._.published, event_type=doc._.event_type,
            claims=doc._.claims or [], statistics=doc._.statistics or [], quotes=doc._.quotes or [],
            dates=doc._.dates or [], places=doc._.places or [], actors=doc._.actors or [], disabled=disabled)
        doc._.claims, doc._.statistics, doc._.mentions = done.claims, done.statistics, done.mentions
        doc._.quotes, doc._.dates, doc._.places, doc._.actors = done.quotes, done.dates, done.places, done.actors
        return doc

    return component
