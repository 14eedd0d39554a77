"""The accord_quotes component: reported speech, its cue and its speaker.

Finding and writing are apart. :mod:`accord.extract.quote_cues` finds the cues
and what they govern on the parse; :mod:`accord.extract.quote_marks` pairs the
quotation marks; this module joins the two: a quotation touching a cue's
clause joins its content ("X," he said, "Y"); a quotation standing alone
continues the attribution before it in the same paragraph, or, in the next
paragraph, is said by the same speaker ("quotes in paragraphs whose speaker
was introduced just before are theirs"). Speakers are then described and
resolved by :mod:`accord.extract.speakers`, and the component writes plain
:class:`accord.models.Quote` records to ``doc._.quotes``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from accord.extract.extensions import doc_text
from accord.extract.quote_cues import (
    RELATIVE_TAGS,
    Attribution,
    find_cue_attributions,
    find_headline_attributions,
    speech_lexicon,
)
from accord.extract.quote_marks import QuotedSpan, find_quoted_spans
from accord.extract.speakers import Entities, SpeakerMemory, describe_speaker, speaker_phrase
from accord.lexicons import extend_lexicons
from accord.models import Quote, Speaker

EXTRACTOR = "accord.quotes.v1"

#: A quotation this short (in words) that does not open its sentence is a scare
#: quote or a title ("called it “rigged”"), not direct speech on its own.
#: Checked on polnear-dev: below four words, stand-alone quotes were mostly titles.
MIN_STANDALONE_WORDS = 4

#: How far back (characters) to look for a content piece enclosing a cue: longer than any one
#: content span seen on polnear-dev (the longest multi-paragraph quotations run to about 4,000).
MAX_NESTING_LOOKBACK = 8000
_LINE_BREAKS = re.compile(r"\n\s*")


# --------------------------------------------------------------------------- quotations


class _Paragraphs:
    """Paragraph index of a character offset (one paragraph per line)."""

    def __init__(self, text: str) -> None:
        # A run of line breaks (blank lines included) is one paragraph break.
        self.breaks = [m.start() for m in _LINE_BREAKS.finditer(text)]

    def of(self, offset: int) -> int:
        return bisect.bisect_right(self.breaks, offset)


def _opens_sentence(text: str, quote: QuotedSpan) -> bool:
    """Whether a quotation opens a sentence or line, or follows a colon."""
    i = quote.start - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    if i < 0 or text[i] in "\n:.!?":
        return True
    # After a closed quotation that ended a sentence: '... so.” “Next ...'
    return text[i] in "”\"’" and i > 0 and text[i - 1] in ".!?"


def _standalone(text: str, quote: QuotedSpan) -> bool:
    """Whether a quotation is direct speech by itself: long enough, and opening its sentence."""
    return len(text[quote.start : quote.end].split()) >= MIN_STANDALONE_WORDS and _opens_sentence(text, quote)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _gap_is_blank(text: str, start: int, end: int) -> bool:
    return start >= end or not text[start:end].strip(" \t,:;—–-―")


def attach_quotations(
    doc: Doc, text: str, attributions: list[Attribution], quoted: list[QuotedSpan]
) -> list[Attribution]:
    """Join quotations to the cue attributions, and make attributions of the ones left over."""
    used: set[int] = set()  # indexes of the quotations already placed
    found = _join_quotations_to_cues(text, attributions, quoted, used)
    return _place_remaining_quotations(doc, text, found, quoted, used)


def _join_quotations_to_cues(
    text: str, attributions: list[Attribution], quoted: list[QuotedSpan], used: set[int]
) -> list[Attribution]:
    """A quotation overlapping a cue's content becomes part of it, marks included; then a cue
    with no content takes the quotation right beside it. Returns the attributions with content."""
    quote_ends = [q.end for q in quoted]
    quote_starts = [q.start for q in quoted]
    for attribution in attributions:
        if not attribution.content:
            continue
        first = bisect.bisect_right(quote_ends, attribution.start)
        last = bisect.bisect_left(quote_starts, attribution.end)
        for index in range(first, last):
            span = (quoted[index].start, quoted[index].end)
            # A cue inside the quotation is a turn of a quoted transcript ("WALLACE: ..."), not its cue.
            inside = attribution.cue is not None and span[0] < attribution.cue.start_char < span[1]
            if index not in used and not inside and any(_overlaps(span, piece) for piece in attribution.content):
                attribution.content = _merge_pieces(attribution.content + [span])
                used.add(index)
    for attribution in attributions:
        cue = attribution.cue
        if attribution.content or cue is None:
            continue
        after = bisect.bisect_left(quote_starts, cue.end_char)
        before = after - 1
        if after < len(quoted) and after not in used:
            gap = text[cue.end_char : quoted[after].start]
            if _gap_is_blank(text, cue.end_char, quoted[after].start) or (
                gap.rstrip().endswith(":") and "." not in gap and gap.count("\n") <= 2
            ):
                attribution.content = [(quoted[after].start, quoted[after].end)]
                used.add(after)
                continue
        # '“...,” Obama's former strategist said': the speaker may stand between quotation and cue.
        lead = cue.start_char
        speaker = attribution.speaker_head
        if speaker is not None and speaker.i < cue.start:
            lead = min(lead, speaker.left_edge.idx)
        if (
            before >= 0 and before not in used and quoted[before].end <= lead
            and _open_ended(text, quoted[before]) and _opens_sentence(text, quoted[before])
        ):
            if _gap_is_blank(text, quoted[before].end, lead) and "\n" not in text[quoted[before].end : lead]:
                attribution.content = [(quoted[before].start, quoted[before].end)]
                used.add(before)
    found = [a for a in attributions if a.content]
    for attribution in found:
        attribution.direct = _is_quotation(attribution.content, quoted)
    return found


def _place_remaining_quotations(
    doc: Doc, text: str, found: list[Attribution], quoted: list[QuotedSpan], used: set[int]
) -> list[Attribution]:
    """The quotation on the other side of a split cue ("X," he said, "Y") and stand-alone
    quotations: they continue the attribution before them in the same paragraph, or are said
    by its speaker in the next one, or are signed ("― Name"). All attributions, in text order."""
    paragraphs = _Paragraphs(text)
    token_starts = [t.idx for t in doc]
    entity_at = {ent.start_char: ent for ent in doc.ents if ent.label_ in ("PERSON", "ORG")}
    ordered = sorted(found, key=lambda a: a.end)
    ends = [a.end for a in ordered]
    extra: list[Attribution] = []
    for index, quote in enumerate(quoted):
        if index in used:
            continue
        span = (quote.start, quote.end)
        position = bisect.bisect_right(ends, quote.start)
        nearby = ordered[max(0, position - 2) : position + 2]
        if any(_overlaps(span, piece) for a in nearby for piece in a.content):
            continue
        previous = ordered[position - 1] if position > 0 else None
        if extra and (previous is None or extra[-1].end > previous.end):
            previous = extra[-1]
        paragraph = paragraphs.of(quote.start)
        standalone = _standalone(text, quote)
        following = ordered[position] if position < len(ordered) else None
        if following is not None and _introduced_after(text, quote, following):
            # '"...," Ms. Moore said.' where the parse gave "said" another clause.
            following.content = _merge_pieces(following.content + [span])
            used.add(index)
            continue
        if previous is not None and paragraphs.of(previous.end) == paragraph:
            split = previous.cue is not None and _gap_is_blank(
                text, max(previous.end, previous.cue.end_char), quote.start
            )
            if split or standalone:
                previous.content = _merge_pieces(previous.content + [span])
                previous.direct = previous.direct and _is_quotation(previous.content, quoted)
                used.add(index)
            continue
        if not standalone:
            continue
        signed = _signature(doc, text, quote, entity_at)
        if signed is not None:
            extra.append(signed)
            used.add(index)
            continue
        carried: Attribution | None = None
        if previous is not None and paragraphs.of(previous.end) == paragraph - 1:
            carried = previous.inherited or previous
            if carried.speaker_head is None:
                carried = None
        attribution = Attribution(content=[span], cue=None, speaker_head=None, direct=True, inherited=carried)
        if carried is None:
            attribution.speaker_head = _previous_subject(doc, quote.start, token_starts)
        extra.append(attribution)
        used.add(index)
    return sorted(found + extra, key=lambda a: a.start)


def _open_ended(text: str, quote: QuotedSpan) -> bool:
    """Whether a quotation can be followed by its attribution in the same sentence.

    '“...,” he said' and '“...?” she asked' can; '“... .”' ends the sentence, so what follows
    is a new one.
    """
    last = quote.end - 2 if quote.closed else quote.end - 1
    while last > quote.start and text[last] in " \t”\"’'":
        last -= 1
    return text[last] != "."


def _introduced_after(text: str, quote: QuotedSpan, attribution: Attribution) -> bool:
    """Whether the attribution's cue or speaker follows the quotation with only punctuation between."""
    if attribution.cue is None:
        return False
    starts = [attribution.cue.start_char, attribution.start]
    if attribution.speaker_head is not None:
        starts.append(attribution.speaker_head.left_edge.idx)
    start = min(starts)
    return _open_ended(text, quote) and _opens_sentence(text, quote) and start >= quote.end and _gap_is_blank(text, quote.end, start) and "\n" not in text[quote.end : start]


def _signature(doc: Doc, text: str, quote: QuotedSpan, entity_at: dict[int, Span]) -> Attribution | None:
    """A quotation signed with a dash and a name ("“...” ― Pamela Padilla")."""
    i = quote.end
    while i < len(text) and text[i] in " \t":
        i += 1
    if i >= len(text) or text[i] not in speech_lexicon().dashes:
        return None
    dash = i
    i += 1
    while i < len(text) and text[i] in " \t":
        i += 1
    entity = entity_at.get(i)
    if entity is None or entity.label_ != "PERSON":
        return None
    cue = doc.char_span(dash, dash + 1, alignment_mode="expand")
    return Attribution(content=[(quote.start, quote.end)], cue=cue, speaker_head=entity.root, direct=True)


def _previous_subject(doc: Doc, offset: int, token_starts: list[int]) -> Token | None:
    """The named subject of the sentence before ``offset``, when it is a person: who was just introduced."""
    index = bisect.bisect_right(token_starts, offset) - 1
    sentence = doc[index].sent
    if sentence.start == 0:
        return None
    previous = doc[sentence.start - 1].sent
    root = previous.root
    for child in root.children:
        if child.dep_ == "nsubj" and child.ent_type_ == "PERSON":
            return child
    return None


def _merge_pieces(pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(pieces):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _is_quotation(pieces: list[tuple[int, int]], quoted: list[QuotedSpan]) -> bool:
    """Whether every piece of the content lies inside quotation marks."""
    return all(any(q.start <= a and b <= q.end for q in quoted) for a, b in pieces)


# --------------------------------------------------------------------------- records


def find_attributions(doc: Doc, text: str | None = None) -> list[Attribution]:
    """Every attribution in ``doc``, in text order, speakers not yet described.

    ``text`` is ``doc.text``, which spaCy rebuilds from the tokens on every access: pass it if at hand.
    """
    lexicon = speech_lexicon()
    text = doc_text(doc) if text is None else text
    quoted = find_quoted_spans(text)
    cues = find_cue_attributions(doc, text, lexicon, quoted) + find_headline_attributions(doc, text, lexicon)
    return drop_nested(attach_quotations(doc, text, cues, quoted))


def drop_nested(attributions: list[Attribution]) -> list[Attribution]:
    """Without the attributions whose cue lies in another one's content: they are part of its words.

    ("Flynn said Trump was right when he said that ..."). On polnear-dev such nested
    attributions were mostly not annotated (46 of 213 matched gold), like those inside quotations.
    """
    pieces = sorted((start, end, id(a)) for a in attributions for start, end in a.content)
    starts = [p[0] for p in pieces]
    kept = []
    for attribution in attributions:
        cue = attribution.cue
        if cue is not None:
            index = bisect.bisect_right(starts, cue.start_char) - 1
            nested = False
            # Pieces may nest; look back over those starting before the cue.
            while index >= 0 and not nested:
                start, end, owner = pieces[index]
                nested = owner != id(attribution) and start <= cue.start_char < end
                index -= 1
                if cue.start_char - start > MAX_NESTING_LOOKBACK:
                    break
            if nested:
                continue
        kept.append(attribution)
    return kept


def _perpetrator_names(doc: Doc) -> frozenset[str]:
    names: set[str] = set()
    for actor in doc._.actors or []:
        if getattr(actor, "role", None) == "perpetrator":
            names.add(actor.name)
            if actor.canonical:
                names.add(actor.canonical)
    return frozenset(names)


def quotes_from_doc(doc: Doc) -> list[Quote]:
    """The Quote records of ``doc``: content span, cue, speaker (described and resolved)."""
    text = doc_text(doc)
    attributions = find_attributions(doc, text)
    entities = Entities(doc)
    memory = SpeakerMemory(doc, _perpetrator_names(doc))
    quotes: list[Quote] = []
    article = doc._.article_id or ""
    for attribution in attributions:
        speaker: Speaker | None = None
        if attribution.inherited is not None and attribution.inherited.speaker is not None:
            speaker = attribution.inherited.speaker
        elif attribution.speaker_head is not None:
            head = attribution.speaker_head
            if head.tag_ in RELATIVE_TAGS and head.head.dep_ == "relcl":
                # "the ministry, which said ...": the speaker is the ministry, its mention "which".
                pronoun, head = head, head.head.head
                speaker = describe_speaker(speaker_phrase(head), head, entities)
                speaker = replace(speaker, span=(pronoun.idx, pronoun.idx + len(pronoun)))
            else:
                phrase = attribution.speaker_phrase or speaker_phrase(head)
                speaker = describe_speaker(phrase, head, entities)
            speaker = memory.resolve(speaker, head, head.ent_type_ == "PERSON")
        attribution.speaker = speaker
        start, end = attribution.start, attribution.end
        cue = attribution.cue
        quotes.append(
            Quote(
                text=text[start:end],
                span=(start, end),
                cue=cue.text if cue is not None else None,
                cue_span=(cue.start_char, cue.end_char) if cue is not None else None,
                speaker=speaker,
                direct=attribution.direct,
                article=article,
                extractor=EXTRACTOR,
            )
        )
    return quotes


def quote_containing(quotes: list[Quote], start: int, end: int) -> Quote | None:
    """The innermost quote whose content holds the characters [start, end), if any.

    For the figures component: a figure inside an attributed statement takes the
    statement's speaker as its source (``quote_containing(doc._.quotes, *span).speaker``).
    """
    best: Quote | None = None
    for quote in quotes:
        if quote.span[0] <= start and end <= quote.span[1] and (
            best is None or quote.span[1] - quote.span[0] < best.span[1] - best.span[0]
        ):
            best = quote
    return best


@Language.factory(
    "accord_quotes",
    assigns=["doc._.quotes"],
    requires=["token.dep", "token.lemma", "doc.ents", "doc._.actors"],
    default_config={"lexicons": {}},
)
def make_component(nlp: Language, name: str, lexicons: dict[str, Any]) -> Callable[[Doc], Doc]:
    extend_lexicons(lexicons)
    def component(doc: Doc) -> Doc:
        doc._.quotes = quotes_from_doc(doc)
        return doc

    return component
