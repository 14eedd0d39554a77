"""Per article: hits to claims, "shot" counts resolved against the dead, statistics set apart."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from spacy.tokens import Doc

from accord.extract.extensions import doc_text, entities_within
from accord.extract.figures.captivity import with_captivity
from accord.extract.figures.corrections import with_corrections
from accord.extract.figures.hits import EXTRACTOR, HIT, Hit, triggers
from accord.extract.figures.layout import is_headline, run_on_paragraphs
from accord.extract.figures.predicates import BESIDES
from accord.extract.figures.sentence import sentence_hits
from accord.extract.numbers import Count
from accord.extract.sources import find_source
from accord.lexicons import load_lexicon
from accord.models import Claim, Interval, Source

#: Multiples of a count stated before ("twice as many"): the arithmetic is not attempted.
_MULTIPLES = {"twice", "thrice", "half", "double", "triple"}
#: Words a "same count" phrase may start with, left of where the parse put the count: "at least that many".
_SAME_COUNT_WORDS = {"as", "that", "at", "least", "more", "than", "nearly", "almost", "about", "roughly", "around"}
_YEAR_DATE = re.compile(r"^(?:in |since |during |over )?(?:the )?(?:(?:19|20)\d\d|(?:this|last|past|previous) (?:year|decade)|"
                        r"so far this year|this year so far|.*\byears?\b|(?:last|past) .*(?:weeks?|months?))$", re.IGNORECASE)


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
    text = " ".join(t.lower_ for t in scope)
    lexicon = triggers()
    if any(f" {cue} " in f" {text} " for cue in lexicon["statistic_cues"]):
        return True
    # a period of time anywhere in the sentence ("in the last seven months ... 47 people killed")
    for ent in entities_within(sent.doc, sent.start, sent.end):
        if ent.label_ == "DATE" and _YEAR_DATE.match(ent.text):
            return True
    return False


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
    return any(t.lower_ in BESIDES for t in doc[span.start : first])


def _resolve_hits(hits: list[Hit]) -> list[Hit]:
    """Turn "shot" counts into injured counts for those not reported killed in the same article."""
    resolved = [h for h in hits if h.measure != HIT]
    for category in ("victims", "attackers"):
        same = [h for h in resolved if _category(h.group) == category and h.modality == "reported"]
        killed = max((_low(h.count) for h in same if h.measure == "killed"), default=0)
        injured = max((_low(h.count) for h in same if h.measure == "injured"), default=0)
        for hit in (h for h in hits if h.measure == HIT and _category(h.group) == category):
            shot = _low(hit.count)
            if _besides(hit):
                resolved.append(replace(hit, measure="injured"))  # "three others were shot"
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
            resolved.append(replace(hit, measure="injured", count=Count(value, hit.count.hedge)))
    return resolved


def _claim(doc: Doc, hit: Hit, source: Source) -> Claim:
    sent = hit.anchor.sent
    modality = hit.modality
    if modality == "reported" and source.kind == "perpetrator":
        modality = "claimed"
    return Claim(
        measure=hit.measure, group=hit.group, value=hit.count.value, hedge=hit.count.hedge, modality=modality,
        source=source, article=doc._.article_id or "", sentence=sent.text, span=(hit.start, hit.end),
        sentence_span=(sent.start_char, sent.end_char), text=doc_text(doc)[hit.start : hit.end], extractor=EXTRACTOR,
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
    while first > span.sent.start and doc[first - 1].lower_ in _SAME_COUNT_WORDS:
        first -= 1
    match = _same_count_phrase().match(doc_text(doc)[doc[first].idx : hit.end])
    if match is None:
        return hit
    if first > 0 and doc[first - 1].lower_ in _MULTIPLES:
        return None  # "twice as many": a multiple of the count, not the count
    hedge = match.group(1)
    lexicon = load_lexicon("hedges")
    same = "same" if hedge is None else next(h for h in ("at_least", "at_most", "about") if hedge.lower() in lexicon[h])
    return replace(hit, start=doc[first].idx, same_as_before=same)


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
        resolved.append(replace(hit, count=value, same_as_before=None))
    return resolved


def find_figures(doc: Doc) -> tuple[list[Claim], list[Claim]]:
    """(claims of incidents, aggregate statistics) stated in ``doc``."""
    sentences = list(doc.sents)
    sentence_index = {sent.start: k for k, sent in enumerate(sentences)}
    hits = [marked for sent in sentences for hit in sentence_hits(sent)
            if (marked := _mark_same_count(doc, hit)) is not None]
    hits = _resolve_same_counts(sorted(hits, key=lambda h: h.start), sentence_index)
    statistics_hits = [h for h in hits if _is_statistic(h)]
    incident_hits = _resolve_hits([h for h in hits if not _is_statistic(h)])
    quotes = doc._.quotes or []
    claims, statistics = [], []
    for hit in sorted(incident_hits, key=lambda h: h.start):
        claims.append(_claim(doc, hit, find_source(hit.anchor, (hit.start, hit.end), quotes)))
    for hit in statistics_hits:
        if hit.measure == HIT:
            hit = replace(hit, measure="injured")
        statistics.append(_claim(doc, hit, find_source(hit.anchor, (hit.start, hit.end), quotes)))
    return with_corrections(doc, with_captivity(doc, claims)), statistics
