"""The accord_quotes component: reported speech, its cue and its speaker.

Finding (:func:`find_attributions`) and writing (the component) are apart.
Three kinds of evidence are read off the one spaCy parse:

* a **cue verb** from the ``speech_verbs`` lexicon: its clausal complement is
  the content ("said *that ...*", "*“...,”* he said"), its subject the speaker;
  verbs that also take a noun phrase ("echoed *the statements*") and verb +
  particle cues ("pointed *to ...*") likewise;
* **according to X**: the clause around it is the content, X the speaker;
* **quotation marks** (:mod:`accord.extract.quote_marks`): a quotation touching
  a cue's clause joins its content ("X," he said, "Y"); a quotation standing
  alone continues the attribution before it in the same paragraph, or, in the
  next paragraph, is said by the same speaker.

Speakers are described and resolved by :mod:`accord.extract.speakers`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from accord.extract.quote_marks import QuotedSpan, find_quoted_spans
from accord.extract.speakers import Entities, SpeakerMemory, describe_speaker, speaker_phrase
from accord.lexicons import load_lexicon
from accord.models import Quote, Speaker

EXTRACTOR = "accord.quotes.v1"

#: A quotation this short (in words) that does not open its sentence is a scare
#: quote or a title ("called it “rigged”"), not direct speech on its own.
#: Checked on polnear-dev: below four words, stand-alone quotes were mostly titles.
MIN_STANDALONE_WORDS = 4

#: Clausal dependents that carry the content of a speech verb.
CLAUSE_DEPS = frozenset({"ccomp"})
#: Dependents that carry the content of a verb that also takes a noun phrase or an infinitive.
OBJECT_DEPS = frozenset({"dobj", "xcomp", "ccomp", "oprd"})
#: Dependents that carry the content of an intention verb ("plans to release ...").
INTENTION_DEPS = frozenset({"xcomp", "ccomp"})
SUBJECT_DEPS = frozenset({"nsubj"})
_EDGE = frozenset(",;:-–—―.")
_EDGE_CHARS = frozenset(" \t\n,;:-–—―.")
_LINE_BREAKS = re.compile(r"\n\s*")


@dataclass(frozen=True)
class SpeechLexicon:
    clause: frozenset[str]
    objects: frozenset[str]
    prepositional: dict[str, frozenset[str]]
    according: frozenset[str]
    intention: frozenset[str]
    dashes: frozenset[str]


@cache
def speech_lexicon() -> SpeechLexicon:
    data = load_lexicon("speech_verbs")
    return SpeechLexicon(
        clause=frozenset(data["content_clause"]),
        objects=frozenset(data["content_object"]),
        prepositional={verb: frozenset(parts) for verb, parts in data["prepositional"].items()},
        according=frozenset(data["according"]),
        intention=frozenset(data["intention"]),
        dashes=frozenset(data["attribution_dashes"]),
    )


@dataclass
class Attribution:
    """One attribution as found: content pieces (character spans), cue tokens, speaker head."""

    content: list[tuple[int, int]]
    cue: Span | None
    speaker_head: Token | None
    direct: bool = False
    inherited: Attribution | None = None  # for a quotation said by an earlier attribution's speaker
    speaker: Speaker | None = field(default=None, repr=False)

    @property
    def start(self) -> int:
        return self.content[0][0]

    @property
    def end(self) -> int:
        return self.content[-1][1]


# --------------------------------------------------------------------------- spans


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Token range [start, end) as a character span, without punctuation or spaces at the edges."""
    while start < end and (doc[start].is_space or doc[start].text in _EDGE):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].text in _EDGE):
        end -= 1
    if end <= start:
        return None
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def _subtree_pieces(doc: Doc, heads: Iterable[Token], exclude: Token | None = None) -> list[tuple[int, int]]:
    """Character spans covering the subtrees of ``heads``, minus the subtree of ``exclude``."""
    pieces: list[tuple[int, int]] = []
    for head in heads:
        start, end = head.left_edge.i, head.right_edge.i + 1
        if exclude is not None and start <= exclude.i < end:
            cut_start, cut_end = exclude.left_edge.i, exclude.right_edge.i + 1
            for a, b in ((start, cut_start), (cut_end, end)):
                piece = _trim(doc, a, b) if b > a else None
                if piece:
                    pieces.append(piece)
        else:
            piece = _trim(doc, start, end)
            if piece:
                pieces.append(piece)
    return sorted(pieces)


def _within_paragraph(text: str, pieces: list[tuple[int, int]], anchor: int) -> list[tuple[int, int]]:
    """Pieces cut to the paragraph of ``anchor``: a parse that runs over a line break is wrong there."""
    first = text.rfind("\n", 0, anchor) + 1
    last = text.find("\n", anchor)
    last = len(text) if last < 0 else last
    clipped = []
    for start, end in pieces:
        start, end = max(start, first), min(end, last)
        while start < end and text[start] in _EDGE_CHARS:
            start += 1
        while end > start and text[end - 1] in _EDGE_CHARS:
            end -= 1
        if end > start:
            clipped.append((start, end))
    return clipped


def _line_break_between(doc: Doc, start: int, end: int) -> bool:
    return any("\n" in doc[i].text_with_ws for i in range(start, end))


def _same_line_subject(verb: Token, subject: Token) -> Token:
    """The subject on the verb's own line when the parser took a heading above as the subject."""
    if subject.i > verb.i or not _line_break_between(verb.doc, subject.i, verb.i):
        return subject
    before = verb.doc[verb.i - 1]
    if before.pos_ in ("PROPN", "NOUN") and not _line_break_between(verb.doc, before.i, verb.i):
        return before
    return subject


def _speaker_head(verb: Token) -> Token | None:
    """The subject of a cue verb, or of the verb it hangs from ("..., arguing that ...")."""
    token: Token | None = verb
    for _ in range(3):
        if token is None:
            return None
        for child in token.children:
            if child.dep_ in SUBJECT_DEPS:
                return _same_line_subject(token, child)
            if child.dep_ == "csubj" and _same_line_subject(token, child) is not child:
                return _same_line_subject(token, child)
            if child.dep_ == "agent":
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        return obj
        if token.dep_ in ("xcomp", "advcl", "conj", "pcomp") and token.head is not token:
            token = token.head
        else:
            return None
    return None


# --------------------------------------------------------------------------- cues


def _subject_and_that_clause(verb: Token) -> bool:
    subject = clause = False
    for child in verb.children:
        subject = subject or child.dep_ in SUBJECT_DEPS
        clause = clause or (
            child.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in child.children)
        )
    return subject and clause


def _verb_attribution(verb: Token, lexicon: SpeechLexicon, text: str, any_clause: bool = False) -> Attribution | None:
    doc = verb.doc
    lemma = verb.lemma_.lower()
    cue_end = verb.i + 1
    heads: list[Token] = []
    exclude: Token | None = None
    if lemma in lexicon.prepositional:
        for child in verb.rights:
            if child.dep_ in ("prep", "prt") and child.lower_ in lexicon.prepositional[lemma]:
                objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
                if objects:
                    heads = objects
                    cue_end = child.i + 1
                    break
                if child.dep_ == "prt":
                    cue_end = child.i + 1
    if not heads and (any_clause or lemma in lexicon.clause):
        heads = [c for c in verb.children if c.dep_ in CLAUSE_DEPS]
    if not heads and lemma in lexicon.objects:
        heads = [c for c in verb.children if c.dep_ in OBJECT_DEPS]
    if not heads and lemma in lexicon.intention:
        heads = [c for c in verb.children if c.dep_ in INTENTION_DEPS]
    if not heads and lemma in lexicon.clause and verb.dep_ == "parataxis" and verb.head.pos_ in ("VERB", "AUX"):
        # "The economy, he said, is strong": the clause around the cue is the content.
        heads, exclude = [verb.head], verb
    speaker = _speaker_head(verb)
    if not heads:
        # Content may still come from a quotation beside the cue ("he said: “...”").
        return Attribution(content=[], cue=doc[verb.i : cue_end], speaker_head=speaker)
    pieces = _within_paragraph(text, _subtree_pieces(doc, heads, exclude), verb.idx)
    if exclude is None:
        # The cue and its subject are not content, even when the parse hangs them inside it.
        pieces = [p for p in pieces if not (p[0] <= verb.idx < p[1])] or pieces
    # Empty pieces (the parse ran over a paragraph break): content may come from a quotation.
    return Attribution(content=pieces, cue=doc[verb.i : cue_end], speaker_head=speaker)


def _according_attribution(token: Token, text: str) -> Attribution | None:
    """ "..., according to X": the clause the phrase modifies is the content, X the speaker."""
    doc = token.doc
    to = next((c for c in token.rights if c.lower_ == "to"), None)
    if to is None:
        return None
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    clause = token.head
    while clause.dep_ not in ("ROOT", "ccomp", "conj", "advcl") and clause.head is not clause:
        clause = clause.head
    pieces = _within_paragraph(text, _subtree_pieces(doc, [clause], exclude=token), token.idx)
    if not pieces or source is None:
        return None
    return Attribution(content=pieces, cue=doc[token.i : to.i + 1], speaker_head=source)


def find_cue_attributions(
    doc: Doc, text: str, lexicon: SpeechLexicon, quoted: list[QuotedSpan]
) -> list[Attribution]:
    """Attributions whose cue is a speech verb or "according to", outside direct quotations."""
    quote_starts = [q.start for q in quoted]
    found: list[Attribution] = []
    for token in doc:
        if _inside(quote_starts, quoted, token.idx):
            continue  # what a speaker says others said is part of their words
        lemma = token.lemma_.lower()
        if token.lower_ in lexicon.according and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            attribution = _according_attribution(token, text)
        elif token.pos_ == "VERB" and (
            lemma in lexicon.clause or lemma in lexicon.objects or lemma in lexicon.prepositional
            or lemma in lexicon.intention
        ):
            attribution = _verb_attribution(token, lexicon, text)
        elif token.pos_ == "VERB" and _subject_and_that_clause(token):
            # Any verb with a subject and a "that" clause reports what someone holds ("X conceded that ...").
            attribution = _verb_attribution(token, lexicon, text, any_clause=True)
        else:
            continue
        if attribution is not None:
            found.append(attribution)
    return found


def _inside(starts: list[int], quoted: list[QuotedSpan], offset: int) -> bool:
    index = bisect.bisect_right(starts, offset) - 1
    return index >= 0 and quoted[index].start < offset < quoted[index].end


# --------------------------------------------------------------------------- quotations


class _Paragraphs:
    """Paragraph index of a character offset (one paragraph per line)."""

    def __init__(self, text: str) -> None:
        # A run of line breaks (blank lines included) is one paragraph break.
        self.breaks = [m.start() for m in _LINE_BREAKS.finditer(text)]

    def of(self, offset: int) -> int:
        return bisect.bisect_right(self.breaks, offset)


def _standalone(text: str, quote: QuotedSpan) -> bool:
    """Whether a quotation is direct speech by itself: it opens a sentence or line, or follows a colon."""
    if len(text[quote.start : quote.end].split()) < MIN_STANDALONE_WORDS:
        return False
    i = quote.start - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    if i < 0 or text[i] in "\n:.!?":
        return True
    # After a closed quotation that ended a sentence: '... so.” “Next ...'
    return text[i] in "”\"’" and i > 0 and text[i - 1] in ".!?"


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _gap_is_blank(text: str, start: int, end: int) -> bool:
    return start >= end or not text[start:end].strip(" \t,:;—–-―")


def attach_quotations(
    doc: Doc, text: str, attributions: list[Attribution], quoted: list[QuotedSpan]
) -> list[Attribution]:
    """Join quotations to the cue attributions, and make attributions of the ones left over."""
    paragraphs = _Paragraphs(text)
    token_starts = [t.idx for t in doc]
    used: set[int] = set()

    # 1. A quotation overlapping a cue's content becomes part of it, marks included;
    #    then a cue with no content takes the quotation right beside it.
    entity_at = {ent.start_char: ent for ent in doc.ents if ent.label_ in ("PERSON", "ORG")}  # one pass
    quote_ends = [q.end for q in quoted]
    quote_starts = [q.start for q in quoted]
    for attribution in attributions:
        if not attribution.content:
            continue
        first = bisect.bisect_right(quote_ends, attribution.start)
        last = bisect.bisect_left(quote_starts, attribution.end)
        for index in range(first, last):
            span = (quoted[index].start, quoted[index].end)
            if index not in used and any(_overlaps(span, piece) for piece in attribution.content):
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
        if before >= 0 and before not in used and quoted[before].end <= cue.start_char:
            if _gap_is_blank(text, quoted[before].end, cue.start_char) and "\n" not in text[
                quoted[before].end : cue.start_char
            ]:
                attribution.content = [(quoted[before].start, quoted[before].end)]
                used.add(before)
    found = [a for a in attributions if a.content]
    for attribution in found:
        attribution.direct = _is_quotation(attribution.content, quoted)

    # 2. The quotation on the other side of a split cue ("X," he said, "Y") and stand-alone
    #    quotations: they continue the attribution before them in the same paragraph, or are
    #    said by its speaker in the next one.
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


#: A name before a line-initial colon has at most this many words ("Pat Caddell:", "Sen. Warren:").
MAX_HEADLINE_NAME_WORDS = 4


def find_headline_attributions(doc: Doc, text: str) -> list[Attribution]:
    """ "Name: what they said" at the start of a line (headlines, transcripts)."""
    found = []
    for token in doc:
        if token.is_space or (token.i and "\n" not in doc[token.i - 1].text_with_ws):
            continue
        end = token.i
        while end < len(doc) and end - token.i < MAX_HEADLINE_NAME_WORDS and doc[end].text != ":":
            word = doc[end]
            if not (word.is_title or word.is_upper or word.text in (".", "-")) or word.pos_ in ("VERB", "AUX"):
                break
            end += 1
        if end == token.i or end >= len(doc) or doc[end].text != ":":
            continue
        colon = doc[end]
        line_end = text.find("\n", colon.idx)
        line_end = len(text) if line_end < 0 else line_end
        if len(text[colon.idx + 1 : line_end].split()) < MIN_STANDALONE_WORDS:
            continue
        pieces = _within_paragraph(text, [(colon.idx + 1, line_end)], colon.idx)
        if pieces:
            found.append(Attribution(content=pieces, cue=doc[end : end + 1], speaker_head=doc[end - 1]))
    return found


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
    text = doc.text if text is None else text
    quoted = find_quoted_spans(text)
    cues = find_cue_attributions(doc, text, lexicon, quoted) + find_headline_attributions(doc, text)
    return attach_quotations(doc, text, cues, quoted)


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
    text = doc.text
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
            phrase = speaker_phrase(head)
            speaker = describe_speaker(phrase, head, entities)
            person_name = head.ent_type_ == "PERSON"
            speaker = memory.resolve(speaker, head, person_name)
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


@Language.factory(
    "accord_quotes",
    assigns=["doc._.quotes"],
    requires=["token.dep", "token.lemma", "doc.ents"],
)
def make_component(nlp: Language, name: str):  # type: ignore[no-untyped-def]
    def component(doc: Doc) -> Doc:
        doc._.quotes = quotes_from_doc(doc)
        return doc

    return component
