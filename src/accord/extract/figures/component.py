"""The ``accord_figures`` spaCy component, and :func:`find_figures`, which runs the figure rules on a doc."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from accord.extract.figures.article import HIT, claim_of, same_count, shot_outcome, statistic
from accord.extract.figures.captivity import with_captivity
from accord.extract.figures.corrections import with_corrections
from accord.extract.figures.hits import changed_by
from accord.extract.figures.rules import SENTENCE_CHANGERS, ActiveRules, active_rules
from accord.extract.figures.sentence import sentence_hits
from accord.extract.sources import find_source
from accord.models import Claim

_ALL_RULES: ActiveRules | None = None


def _all_rules() -> ActiveRules:
    global _ALL_RULES
    if _ALL_RULES is None:
        _ALL_RULES = active_rules()
    return _ALL_RULES


def find_figures(doc: Doc, rules: ActiveRules | None = None) -> tuple[list[Claim], list[Claim]]:
    """(claims of incidents, aggregate statistics) stated in ``doc``, by ``rules`` (all of them unless told)."""
    rules = rules if rules is not None else _all_rules()
    on = rules.switches.on
    sentences = list(doc.sents)
    hits = [hit for sent in sentences
            for hit in sentence_hits(sent, rules.sentence, SENTENCE_CHANGERS, rules.predicates, rules.switches)]
    hits = same_count(doc, hits, sentences) if on("figures.same_count") else sorted(hits, key=lambda h: h.start)
    aggregate = [statistic(h) and on("figures.statistic") for h in hits]
    statistics_hits = [changed_by(h, "figures.statistic") for h, a in zip(hits, aggregate, strict=True) if a]
    incident_hits = [h for h, a in zip(hits, aggregate, strict=True) if not a]
    incident_hits = shot_outcome(incident_hits) if on("figures.shot_outcome") else \
        [h for h in incident_hits if h.measure != HIT]
    quotes = doc._.quotes or []
    claims, statistics = [], []
    for hit in sorted(incident_hits, key=lambda h: h.start):
        claims.append(claim_of(doc, hit, find_source(hit.anchor, (hit.start, hit.end), quotes), rules.switches))
    for hit in statistics_hits:
        if hit.measure == HIT:
            hit = changed_by(hit, "figures.statistic", measure="injured")
        statistics.append(claim_of(doc, hit, find_source(hit.anchor, (hit.start, hit.end), quotes), rules.switches))
    if on("figures.captivity"):
        claims = _recorded("figures.captivity", claims, with_captivity(doc, claims))
    if on("figures.correction"):
        claims = _recorded("figures.correction", claims, with_corrections(doc, claims))
    return claims, statistics


def _recorded(rule: str, before: list[Claim], after: list[Claim]) -> list[Claim]:
    """``after`` (what the article rule ``rule`` made of ``before``) with the rule recorded: as the rule of
    the claims it made, among the rules that changed the others it returned new."""
    by_span: dict[tuple[int, int], list[Claim]] = {}
    for claim in before:
        by_span.setdefault(claim.span, []).append(claim)
    return [claim if any(claim == same for same in by_span.get(claim.span, ())) else
            replace(claim, rule=rule) if not claim.rule else
            replace(claim, rules_changed=tuple(dict.fromkeys((*claim.rules_changed, rule))))
            for claim in after]


@Language.factory(
    "accord_figures",
    assigns=["doc._.claims", "doc._.statistics"],
    requires=["token.dep", "token.lemma"],
    default_config={"disabled_rules": []},
)
def make_component(nlp: Language, name: str, disabled_rules: list[str]) -> Callable[[Doc], Doc]:
    """``disabled_rules``: ids of figure rules switched off (see figures/rules.py, docs/extraction.md)."""
    rules = active_rules(disabled_rules)

    def component(doc: Doc) -> Doc:
        claims, statistics = find_figures(doc, rules)
        doc._.claims = claims
        doc._.statistics = statistics
        return doc

    return component
