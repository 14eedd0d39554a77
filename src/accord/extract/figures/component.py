"""The ``accord_figures`` spaCy component."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from accord.extract.figures.article import find_figures


@Language.factory("accord_figures", assigns=["doc._.claims", "doc._.statistics"], requires=["token.dep", "token.lemma"])
def make_component(nlp: Language, name: str):  # type: ignore[no-untyped-def]
    def component(doc: Doc) -> Doc:
        claims, statistics = find_figures(doc)
        doc._.claims = claims
        doc._.statistics = statistics
        return doc

    return component
