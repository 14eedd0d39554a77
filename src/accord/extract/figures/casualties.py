"""A sentence's hits with the tolls and breakdowns of conflict reporting (:mod:`accord.extract.casualty_constructions`).

A list in parentheses that breaks a toll down is its parts, not another toll; a bare count after a
counted group is of that group ("60 Afghans were killed and 143 wounded", "10 policemen were martyred
and nine others injured"); "80 of them" of the same measure as a count before it is a part of it.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from accord.extract.casualty_constructions import (
    Found,
    bare_count,
    breakdown_lists,
    construction_hits,
    inheritable_groups,
    part_of_group,
    partitive_of_pronoun,
)
from accord.extract.extensions import doc_text
from accord.extract.figures.hits import Hit, changed_by
from accord.extract.figures.modality import modality_of
from accord.extract.numbers import Count


def with_constructions(tokens: list[Token], hits: list[Hit]) -> list[Hit]:
    """``hits`` of the sentence ``tokens`` with the constructions' figures added."""
    if not tokens:
        return hits
    lists = breakdown_lists(tokens)
    hits = [h for h in hits if not any(h.start > n.head.idx and h.start <= n.idx < h.end for n in lists)]
    for figure in construction_hits(tokens, [(h.measure, h.group, h.start, h.end) for h in hits]):
        modality = modality_of(figure.anchor)
        same = [h for h in hits if _same_figure(h, figure)]
        if figure.scope == "subset":
            # "of the hundreds wounded, 99 were in critical condition": read as a total, it is a part
            hits = [changed_by(h, figure.rule, scope="subset", group=figure.group)
                    if h in same and h.scope == "total" and h.count.value == figure.count.value else h for h in hits]
        if modality is None or same:
            continue
        hits.append(Hit(figure.measure, figure.group, figure.count, figure.start, figure.end, figure.anchor, modality,
                        True, scope=figure.scope, rule=figure.rule))
    return _parts_of_counted(hits, doc_text(tokens[0].doc))


def _same_figure(hit: Hit, figure: Found) -> bool:
    """Whether a hit already reads the figure a construction found: the same measure over the same words,
    unless the hit is a whole list and the figure one part of it ("132 children and nine adults")."""
    if hit.measure != figure.measure or hit.end <= figure.start or figure.end <= hit.start:
        return False
    inside = hit.start <= figure.start and figure.end <= hit.end and hit.end - hit.start > figure.end - figure.start
    return not inside or hit.count.value == figure.count.value


def _low(count: Count) -> int:
    return count.value.low if count.value.low is not None else (count.value.high or 0)


def _parts_of_counted(hits: list[Hit], text: str) -> list[Hit]:
    """Counts that lean on the people counted before them in the sentence (see the module docstring)."""
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: h.start):
        words = text[hit.start : hit.end]
        before = [h for h in kept if h.explicit and h.end <= hit.start and h.scope == "total"]
        last = before[-1] if before else None
        if last is not None and hit.group == "all" and hit.explicit and last.measure != hit.measure and \
                last.group in inheritable_groups() and bare_count(words):
            hit = replace(hit, group=last.group)
        if partitive_of_pronoun(words) and any(h.measure == hit.measure and _low(h.count) > _low(hit.count)
                                               for h in before):
            hit = replace(hit, scope="subset", group=part_of_group(hit.group))
        kept.append(hit)
    return kept


__all__ = ["with_constructions"]
