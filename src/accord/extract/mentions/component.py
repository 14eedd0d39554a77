"""The ``accord_mentions`` spaCy component: cuts the doc into sentences and splits its records."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from accord.extract.extensions import doc_text
from accord.extract.mentions.write_back import split_records

COMPONENT_VERSION = "accord.mentions.v1"


@Language.factory(
    "accord_mentions",
    assigns=["doc._.mentions", "doc._.claims", "doc._.statistics", "doc._.quotes", "doc._.dates", "doc._.places",
             "doc._.actors"],
    requires=["doc._.dates", "doc._.places", "doc._.actors", "doc._.claims"],
)
def make_component(nlp: Language, name: str):  # type: ignore[no-untyped-def]
    def component(doc: Doc) -> Doc:
        text = doc_text(doc)
        sentences = [(s.start_char, s.end_char) for s in doc.sents] if doc.has_annotation("SENT_START") \
            else [(0, len(text))]
        done = split_records(
            text, sentences, article=doc._.article_id or "", published=doc._.published, event_type=doc._.event_type,
            claims=doc._.claims or [], statistics=doc._.statistics or [], quotes=doc._.quotes or [],
            dates=doc._.dates or [], places=doc._.places or [], actors=doc._.actors or [])
        doc._.claims, doc._.statistics, doc._.mentions = done.claims, done.statistics, done.mentions
        doc._.quotes, doc._.dates, doc._.places, doc._.actors = done.quotes, done.dates, done.places, done.actors
        return doc

    return component
