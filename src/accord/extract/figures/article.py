"""Per article: hits to claims, "shot" counts resolved against the dead, statistics set apart."""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from accord.extract.extensions import doc_text
from accord.extract.figures.hits import EXTRACTOR, HIT, Hit, Switches, changed_by, trigger_words
from accord.extract.figures.layout import is_headline, run_on_paragraphs
from accord.extract.numbers import Count
from accord.extract.statistic_scope import has_period, has_statistic_cue
from accord.lexicons import load_lexicon
from accord.models import Claim, Interval, Source


def _is_statistic(hit: Hit) -> bool:
    """An aggregate figure (a year's total, a rate), not a count of one incident."""
    if not hit.explicit:
        return False
    anchor = hit.anchor
    sent = anchor.sent
    # a title is read by word order, not by its (poor) parse: all of it is the figure's scope
    whole = anchor.i == sent.root.i or is_headline(sent)
    scope = list(sent) if whole else list(anchor.subtree)
    title = next((p for p in run_on_paragraphs(sent) if p.start <= anchor.i < p.end and is_headline(p)), None)
    if title is not None:
        scope = list(title)
    # a period of time anywhere in the sentence ("in the last seven months ... 47 people killed")
    return has_statistic_cue(scope) or has_period(sent)


def _category(group: str) -> str:
    return "attackers" if group == "attackers" else "victims"


def _low(count: Count) -> int:
    return count.value.low if count.value.low is not None else (count.value.high or 0)


def _besides(hit: Hit) -> bool:
    """Whether the hit counts people besides those already counted ("three other men", "two more")."""
    doc = hit.anchor.doc
    span = doc.char_span(hit.start, hit.end, alignment_mode="expand")
    if span is None:
        return False
    # "Simpson and the four other teens": the list counts Simpson too, so it is not all besides
    first = next((t.i for t in span if t.lower_ in ("and", "&") or t.dep_ == "cc"), span.end)
    return any(t.lower_ in trigger_words("besides_words") for t in doc[span.start : first])


def shot_outcome(hits: list[Hit]) -> list[Hit]:
    """ "three shot, one fatally": "shot" counts become injured counts for those not reported killed in the article.

    (Switched off, a "shot" with no outcome of its own counts nobody.)
    """
    resolved = [h for h in hits if h.measure != HIT]
    for category in ("victims", "attackers"):
        same = [h for h in resolved if _category(h.group) == category and h.modality == "reported"]
        killed = max((_low(h.count) for h in same if h.measure == "killed"), default=0)
        injured = max((_low(h.count) for h in same if h.measure == "injured"), default=0)
        for hit in (h for h in hits if h.measure == HIT and _category(h.group) == category):
            shot = _low(hit.count)
            if _besides(hit):
                resolved.append(changed_by(hit, "figures.shot_outcome", measure="injured"))  # "three others were shot"
                continue
            dead = killed
            if shot <= killed + injured and hit.group != "all":
                # a hit already counted ("four officers were shot" beside "a police officer was killed"):
                # less the dead of its own group, not everybody's
                dead = max((_low(h.count) for h in same if h.measure == "killed" and h.group == hit.group), default=0)
            # a hit already covered by the injured ("the girl was shot in the hand" after "a girl was
            # wounded") speaks of them again: it is their claim too, less those who died
            left = shot - dead
            if left <= 0:
                continue
            value = Interval(
                None if hit.count.value.low is None else hit.count.value.low - dead,
                None if hit.count.value.high is None else hit.count.value.high - dead,
            )
            resolved.append(changed_by(hit, "figures.shot_outcome", measure="injured", count=Count(value, hit.count.hedge)))
    return resolved


def perpetrator_claim(modality: str, source: Source) -> str:
    """A figure the perpetrators give of their own act is their claim: "the group said it killed 20"."""
    return "claimed" if modality == "reported" and source.kind == "perpetrator" else modality


def claim_of(doc: Doc, hit: Hit, source: Source, switches: Switches) -> Claim:
    """The claim of one resolved hit, with the rule that found it and those that changed it."""
    sent = hit.anchor.sent
    modality, changed = hit.modality, hit.changed
    if switches.on("figures.perpetrator_claim") and (claimed := perpetrator_claim(modality, source)) != modality:
        modality, changed = claimed, (*changed, "figures.perpetrator_claim")
    return Claim(
        measure=hit.measure, group=hit.group, value=hit.count.value, hedge=hit.count.hedge, modality=modality,
        source=source, article=doc._.article_id or "", sentence=sent.text, span=(hit.start, hit.end),
        sentence_span=(sent.start_char, sent.end_char), text=doc_text(doc)[hit.start : hit.end], extractor=EXTRACTOR,
        rule=hit.rule, rules_changed=tuple(dict.fromkeys(changed)), scope=hit.scope,
    )


@cache
def _same_count_phrase() -> re.Pattern[str]:
    """ "(hedge) as many" ending a count phrase, not "as many as six" (which states its own number)."""
    lexicon = load_lexicon("hedges")
    hedges = sorted((p for h in ("at_least", "at_most", "about") for p in lexicon[h]), key=len, reverse=True)
    same = "|".join(re.escape(p) for p in lexicon["same_count"])
    return re.compile(r"^(?:(" + "|".join(re.escape(p) for p in hedges) + r")\s+)?(?:" + same + r")\b(?!\s+as\b)",
                      re.IGNORECASE)


def _mark_same_count(doc: Doc, hit: Hit) -> Hit | None:
    """A hit written "at least as many": marked to take the count before it; None for "twice as many"."""
    span = doc.char_span(hit.start, hit.end, alignment_mode="expand")
    if span is None or not any(t.lower_ == "many" for t in span):
        return hit
    first = span.start
    # the parse may leave "that" or "as" out of the count's words: "at least that many"
    while first > span.sent.start and doc[first - 1].lower_ in trigger_words("same_count_lead_words"):
        first -= 1
    match = _same_count_phrase().match(doc_text(doc)[doc[first].idx : hit.end])
    if match is None:
        return hit
    if first > 0 and doc[first - 1].lower_ in trigger_words("count_multiples"):
        return None  # "twice as many": a multiple of the count, not the count
    hedge = match.group(1)
    lexicon = load_lexicon("hedges")
    same = "same" if hedge is None else next(h for h in ("at_least", "at_most", "about") if hedge.lower() in lexicon[h])
    return changed_by(hit, "figures.same_count", start=doc[first].idx, same_as_before=same)


def _resolve_same_counts(hits: list[Hit], sentence_index: dict[int, int]) -> list[Hit]:
    """ "Five were killed and at least as many wounded": the count of the figure just before.

    The figure is the last one with a written number in the same sentence or the sentence before;
    without one, the phrase counts nothing that can be told and is dropped.
    """
    resolved = []
    for k, hit in enumerate(hits):
        if hit.same_as_before is None:
            resolved.append(hit)
            continue
        here = sentence_index[hit.anchor.sent.start]
        earlier = [h for h in hits[:k] if h.same_as_before is None and h.explicit and h.end <= hit.start
                   and here - sentence_index[h.anchor.sent.start] <= 1 and h.count.value.low is not None]
        if not earlier:
            continue
        value = earlier[-1].count
        if hit.same_as_before == "at_least":
            value = Count(Interval(value.value.low, None), "at_least")
        elif hit.same_as_before == "at_most":
            value = Count(Interval(None, value.value.high or value.value.low), "at_most")
        elif hit.same_as_before == "about":
            value = Count(value.value, "about") if value.hedge == "exact" else value
        resolved.append(changed_by(hit, "figures.same_count", count=value, same_as_before=None))
    return resolved


def same_count(doc: Doc, hits: list[Hit], sentences: list[SpacySpan]) -> list[Hit]:
    """ "Five were killed and at least as many wounded": a count that repeats the one before it
    ("twice as many" counts nothing that can be told). Returns the hits in text order."""
    sentence_index = {sent.start: k for k, sent in enumerate(sentences)}
    marked = [m for hit in hits if (m := _mark_same_count(doc, hit)) is not None]
    return _resolve_same_counts(sorted(marked, key=lambda h: h.start), sentence_index)


def statistic(hit: Hit) -> bool:
    """An aggregate figure (a year's total, a rate: "47 people killed in the last seven months"), not a
    count of one incident: it goes to the article's statistics."""
    return _is_statistic(hit)
