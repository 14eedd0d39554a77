"""Cues of reported speech and what they govern, read off the spaCy parse.

Each finder returns :class:`Attribution` records (content pieces as character
spans, the cue tokens, the speaker's head token) for :mod:`accord.extract.quotes`
to join with quotation marks:

* a **cue verb** from the ``speech_verbs`` lexicon: its clausal complement is
  the content ("said *that ...*", "*“...,”* he said"), its subject the speaker;
  verbs that also take a noun phrase ("echoed *the statements*"), intention
  verbs with an infinitive ("plans *to ...*") and verb + particle cues
  ("pointed *to ...*") likewise; any verb with a subject and a "that" clause;
* a **cue noun** with a "that" clause ("his claim *that ...*");
* **according to X**: the clause around it is the content, X the speaker;
* **Name: ...** at the start of a line (headlines, transcripts).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache

from spacy.attrs import IDX
from spacy.tokens import Doc, Span, Token

from accord.extract.quote_marks import QuotedSpan
from accord.lexicons import load_lexicon
from accord.models import Speaker

#: Content after "Name:" must have this many words to be speech rather than a label ("Note: see below").
MIN_HEADLINE_WORDS = 4

#: Clausal dependents that carry the content of a speech verb.
CLAUSE_DEPS = frozenset({"ccomp"})
#: Dependents that carry the content of a verb that also takes a noun phrase or an infinitive.
OBJECT_DEPS = frozenset({"dobj", "xcomp", "ccomp", "oprd"})
#: Dependents that carry the content of an intention verb ("plans to release ...").
INTENTION_DEPS = frozenset({"xcomp", "ccomp"})
SUBJECT_DEPS = frozenset({"nsubj"})
#: A cue without a subject borrows the subject of the verb it hangs from, through these
#: dependencies ("..., arguing that", "by refusing to", "and then added").
CLIMB_DEPS = frozenset({"xcomp", "advcl", "conj", "pcomp", "prep", "acomp", "advmod"})
#: Enough steps for "X said on Monday, before adding that ..." (cue -> pcomp -> prep -> verb).
MAX_SUBJECT_CLIMB = 5
RELATIVE_TAGS = frozenset({"WDT", "WP"})
_EDGE = frozenset(",;:-–—―.")
_EDGE_CHARS = frozenset(" \t\n,;:-–—―.")


@dataclass(frozen=True)
class SpeechLexicon:
    clause: frozenset[str]
    objects: frozenset[str]
    prepositional: dict[str, frozenset[str]]
    according: frozenset[str]
    intention: frozenset[str]
    dashes: frozenset[str]
    nouns: frozenset[str]
    evidence_verbs: frozenset[str] = frozenset()
    evidence_nouns: frozenset[str] = frozenset()
    appearance: frozenset[str] = frozenset()
    attitudes: dict[str, frozenset[str]] = field(default_factory=dict)
    hedges: frozenset[str] = frozenset()
    intention_nouns: frozenset[str] = frozenset()


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
        nouns=frozenset(data["clause_nouns"]),
        evidence_verbs=frozenset(data["evidence_verbs"]),
        evidence_nouns=frozenset(data["evidence_nouns"]),
        appearance=frozenset(data["appearance_verbs"]),
        attitudes={word: frozenset(parts) for word, parts in data["attitude_prepositional"].items()},
        hedges=frozenset(data["hedge_adverbs"]),
        intention_nouns=frozenset(data["intention_nouns"]),
    )


@dataclass
class Attribution:
    """One attribution as found: content pieces (character spans), cue tokens, speaker head."""

    content: list[tuple[int, int]]
    cue: Span | None
    speaker_head: Token | None
    direct: bool = False
    inherited: Attribution | None = None  # for a quotation said by an earlier attribution's speaker
    speaker_phrase: Span | None = None  # when known without the parse ("Name:" at a line start)
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
    for _ in range(MAX_SUBJECT_CLIMB):
        if token is None:
            return None
        subjects = [c for c in token.children if c.dep_ in SUBJECT_DEPS]
        if subjects:
            # Two subjects means the parser took a quotation's subject too: the nearer is the speaker.
            at = token.i
            nearest = min(subjects, key=lambda c: abs(c.i - at))
            return _same_line_subject(token, nearest)
        for child in token.children:
            if child.dep_ == "csubj" and _same_line_subject(token, child) is not child:
                return _same_line_subject(token, child)
            if child.dep_ == "agent":
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        return obj
        if token.dep_ == "acl" and token.head.pos_ in ("NOUN", "PROPN"):
            return token.head  # "a statement announcing the pick"
        if token.dep_ in CLIMB_DEPS and token.head is not token:
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
    speaker = _speaker_head(verb)
    if not heads and lemma in lexicon.evidence_verbs and _is_evidence(speaker, lexicon):
        # "the poll shows a tight race": what a poll or a study shows is its finding.
        heads = [c for c in verb.children if c.dep_ in OBJECT_DEPS]
    if not heads and lemma in lexicon.clause and verb.head.pos_ in ("VERB", "AUX") and (
        verb.dep_ == "parataxis"
        or (verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children))
    ):
        # "The economy, he said, is strong", "As he put it, ...": the clause around the cue is the content.
        heads, exclude = [verb.head], verb
    if not heads:
        # Content may still come from a quotation beside the cue ("he said: “...”").
        return Attribution(content=[], cue=doc[verb.i : cue_end], speaker_head=speaker)
    pieces = _within_paragraph(text, _subtree_pieces(doc, heads, exclude), verb.idx)
    if exclude is None and len(heads) == 1 and heads[0].i > verb.i:
        pieces = _without_conjoined_cue(doc, heads[0], pieces, lexicon)
    if exclude is None:
        # The cue and its subject are not content, even when the parse hangs them inside it.
        pieces = [p for p in pieces if not (p[0] <= verb.idx < p[1])] or pieces
    # Empty pieces (the parse ran over a paragraph break): content may come from a quotation.
    return Attribution(content=pieces, cue=doc[verb.i : cue_end], speaker_head=speaker)


def _without_conjoined_cue(
    doc: Doc, head: Token, pieces: list[tuple[int, int]], lexicon: SpeechLexicon
) -> list[tuple[int, int]]:
    """Content cut before a second cue the parse hung on it ("said it was opposed *and warned
    X to ...*"): the subject's second statement is not part of the first one's words."""
    for child in head.rights:
        if child.dep_ == "conj" and child.pos_ == "VERB" and _is_cue_verb(child.lemma_.lower(), lexicon) and not any(
            c.dep_ in SUBJECT_DEPS for c in child.children
        ):
            cut = child.left_edge.i
            while cut > head.i and (doc[cut - 1].dep_ == "cc" or doc[cut - 1].is_punct):
                cut -= 1
            limit = doc[cut].idx
            return [(a, min(b, limit)) for a, b in pieces if a < limit] or pieces
    return pieces


def _is_cue_verb(lemma: str, lexicon: SpeechLexicon) -> bool:
    return lemma in lexicon.clause or lemma in lexicon.objects or lemma in lexicon.prepositional or lemma in lexicon.intention


def _is_evidence(token: Token | None, lexicon: SpeechLexicon) -> bool:
    return token is not None and token.pos_ == "NOUN" and token.lemma_.lower() in lexicon.evidence_nouns


def _appearance_attribution(verb: Token, text: str, lexicon: SpeechLexicon) -> Attribution | None:
    """ "Melania seems to have vanished": the clause, cue included, is a stance of no one in particular.

    Not when the infinitive is itself a cue ("appeared to blame X"): that cue has a speaker.
    """
    if verb.pos_ not in ("VERB", "AUX") or verb.dep_ not in ("ROOT", "ccomp", "conj", "relcl"):
        return None
    complements = [
        c for c in verb.children if c.dep_ == "xcomp" or (c.dep_ in ("acomp", "attr") and verb.lemma_.lower() == "seem")
    ]
    if not complements or any(_is_cue_verb(c.lemma_.lower(), lexicon) for c in complements):
        return None
    return _clause_attribution(verb, verb, text)


#: Dependents of a clause's verb that are not part of its statement when it is cut out of its sentence.
_OUTSIDE_CLAUSE = frozenset({"cc", "conj", "punct", "advcl"})


def _clause_attribution(verb: Token, cue: Token, text: str, speaker: Token | None = None) -> Attribution | None:
    """The clause of ``verb`` (its subject included, its conjuncts not) attributed through ``cue``."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects:
        return None
    doc = verb.doc
    start = min(min(c.left_edge.i for c in subjects), verb.i, cue.i)
    end = max([verb.i, cue.i] + [c.right_edge.i for c in verb.children if c.dep_ not in _OUTSIDE_CLAUSE]) + 1
    piece = _trim(doc, start, end)
    pieces = _within_paragraph(text, [piece], cue.idx) if piece else []
    if not pieces:
        return None
    return Attribution(content=pieces, cue=doc[cue.i : cue.i + 1], speaker_head=speaker)


def _hedged_attribution(adverb: Token, text: str, lexicon: SpeechLexicon) -> Attribution | None:
    """ "he allegedly brandished a pistol": a hedge puts the clause on an unnamed source
    (not when the clause is itself a cue with its speaker: "he apparently believed that ...")."""
    verb = adverb.head
    if adverb.dep_ != "advmod" or verb.pos_ not in ("VERB", "AUX") or _is_cue_verb(verb.lemma_.lower(), lexicon):
        return None
    return _clause_attribution(verb, adverb, text)


def _passive_attribution(verb: Token, text: str) -> Attribution | None:
    """ "North Korea is not thought to be capable ...", "he is said to have ...": a cue verb in
    the passive with an infinitive attributes the clause to its agent, if any, or to no one."""
    if not any(c.dep_ == "nsubjpass" for c in verb.children) or not any(c.dep_ == "xcomp" for c in verb.children):
        return None
    agent = next((o for c in verb.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"), None)
    return _clause_attribution(verb, verb, text, speaker=agent)


def _evidence_attribution(prep: Token, lexicon: SpeechLexicon, text: str) -> Attribution | None:
    """ "In this poll, Trump rose 1 point": the clause the phrase modifies is the poll's finding."""
    source = next((c for c in prep.children if c.dep_ == "pobj"), None)
    clause = prep.head
    if not _is_evidence(source, lexicon) or clause.pos_ not in ("VERB", "AUX") or clause.dep_ not in ("ROOT", "ccomp", "conj"):
        return None
    if clause.lemma_.lower() in lexicon.clause or clause.lemma_.lower() in lexicon.evidence_verbs:
        return None  # "in the report, he said ...": the verb is the cue
    pieces = _within_paragraph(text, _subtree_pieces(prep.doc, [clause], exclude=prep), prep.idx)
    if not pieces:
        return None
    return Attribution(content=pieces, cue=prep.doc[prep.i : prep.i + 1], speaker_head=source)


def _attitude_attribution(word: Token, prepositions: frozenset[str], text: str) -> Attribution | None:
    """ "Republicans are worried about *the policy*", "voters expressed misgivings about *her*":
    the object of the preposition is what the stance is about, its holder the subject."""
    prep = next((c for c in word.rights if c.dep_ == "prep" and c.lower_ in prepositions), None)
    if prep is None:
        return None
    objects = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
    if not objects:
        return None
    speaker: Token | None = next((c for c in word.children if c.dep_ == "poss"), None)
    if speaker is None and word.dep_ in ("acomp", "dobj", "attr", "amod", "oprd") and word.head.pos_ in ("VERB", "AUX"):
        speaker = _speaker_head(word.head)
    if speaker is None and word.pos_ == "NOUN":
        return None  # a stance of no one in the text ("questions about the deal") is rarely annotated
    pieces = _within_paragraph(text, _subtree_pieces(word.doc, objects), word.idx)
    if not pieces:
        return None
    return Attribution(content=pieces, cue=word.doc[word.i : prep.i + 1], speaker_head=speaker)


def _noun_holder(noun: Token) -> Token | None:
    """Whose a stance noun is: its possessor, or the subject of the verb it completes."""
    speaker = next((c for c in noun.children if c.dep_ == "poss"), None)
    if speaker is None and noun.dep_ in ("dobj", "attr") and noun.head.pos_ in ("VERB", "AUX"):
        speaker = _speaker_head(noun.head)
    return speaker


def _intention_noun_attribution(noun: Token, text: str) -> Attribution | None:
    """ "its own plan *to achieve that goal*": the infinitive is the content, the holder the speaker."""
    clause = next(
        (c for c in noun.rights if c.dep_ == "acl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)),
        None,
    )
    speaker = _noun_holder(noun) if clause is not None else None
    if clause is None or speaker is None:
        return None  # an intention of no one in the text ("a plan to ...") is rarely annotated
    pieces = _within_paragraph(text, _subtree_pieces(noun.doc, [clause]), noun.idx)
    if not pieces:
        return None
    return Attribution(content=pieces, cue=noun.doc[noun.i : noun.i + 1], speaker_head=speaker)


def _noun_attribution(noun: Token, text: str) -> Attribution | None:
    """ "his claim that ...", "a statement by the ministry that ...": the clause is the content."""
    clauses = [
        c for c in noun.children
        if c.dep_ in ("acl", "ccomp", "appos") and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
    ]
    if not clauses:
        return None
    speaker: Token | None = None
    for child in noun.children:
        if child.dep_ == "poss":
            speaker = child
        elif child.dep_ == "prep" and child.lower_ in ("by", "from") and speaker is None:
            speaker = next((o for o in child.children if o.dep_ == "pobj"), None)
    if speaker is None and noun.dep_ in ("dobj", "pobj"):
        verb = noun.head if noun.dep_ == "dobj" else noun.head.head
        speaker = _speaker_head(verb) if verb.pos_ in ("VERB", "AUX") else None
    pieces = _within_paragraph(text, _subtree_pieces(noun.doc, clauses), noun.idx)
    if not pieces:
        return None
    return Attribution(content=pieces, cue=noun.doc[noun.i : noun.i + 1], speaker_head=speaker)


def _according_attribution(token: Token, text: str) -> Attribution | None:
    """ "..., according to X": the clause the phrase modifies is the content, X the speaker."""
    doc = token.doc
    if token.i + 1 >= len(doc) or doc[token.i + 1].lower_ != "to":
        return None
    to = doc[token.i + 1]
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    if token.dep_ == "ROOT" or source is None:
        # The parse lost the phrase (it took "According" for the root, or "show insiders" for a
        # verb): read it off the punctuation instead.
        return _according_by_commas(token, to, text)
    clause = token.head
    while clause.dep_ not in ("ROOT", "ccomp", "conj", "advcl") and clause.head is not clause:
        clause = clause.head
    pieces = _within_paragraph(text, _subtree_pieces(doc, [clause], exclude=token), token.idx)
    if not pieces:
        return None
    return Attribution(content=pieces, cue=doc[token.i : to.i + 1], speaker_head=source)


def _according_by_commas(token: Token, to: Token, text: str) -> Attribution | None:
    """ "According to X, <content>." or "<content>, according to X.": X runs to the next punctuation."""
    doc = token.doc
    sentence = token.sent
    end = to.i + 1
    while end < sentence.end and not (doc[end].is_punct and doc[end].text in ",.;:!?"):
        end += 1
    nouns = [t for t in doc[to.i + 1 : end] if t.pos_ in ("NOUN", "PROPN", "PRON")]
    if not nouns:
        return None
    if _trim(doc, sentence.start, token.i) is None:  # the phrase opens the sentence
        piece = _trim(doc, end, sentence.end)
    else:
        piece = _trim(doc, sentence.start, token.i)
    pieces = _within_paragraph(text, [piece], token.idx) if piece else []
    if not pieces:
        return None
    phrase = doc[to.i + 1 : end]
    return Attribution(content=pieces, cue=doc[token.i : to.i + 1], speaker_head=nouns[-1], speaker_phrase=phrase)


def find_cue_attributions(
    doc: Doc, text: str, lexicon: SpeechLexicon, quoted: list[QuotedSpan]
) -> list[Attribution]:
    """Attributions whose cue is a speech verb or "according to", outside direct quotations."""
    quote_starts = [q.start for q in quoted]
    found: list[Attribution] = []
    for token in doc:
        if _inside(quote_starts, quoted, token.idx):
            continue  # what a speaker says others said is part of their words
        # each attribute read builds a Python string: read them once per token
        lemma, lower, pos = token.lemma_.lower(), token.lower_, token.pos_
        if lower in lexicon.according and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            attribution = _according_attribution(token, text)
        elif pos == "ADV" and lower in lexicon.hedges and (
            hedged := _hedged_attribution(token, text, lexicon)
        ):
            attribution = hedged
        elif (
            pos == "VERB" and _is_cue_verb(lemma, lexicon) and lemma not in lexicon.intention
            and (passive := _passive_attribution(token, text))
        ):
            attribution = passive
        elif pos == "VERB" and (
            lemma in lexicon.clause or lemma in lexicon.objects or lemma in lexicon.prepositional
            or lemma in lexicon.intention
        ):
            attribution = _verb_attribution(token, lexicon, text)
        elif pos == "NOUN" and lemma in lexicon.nouns:
            attribution = _noun_attribution(token, text)
            if attribution is None:
                continue
        elif pos == "NOUN" and lemma in lexicon.intention_nouns and (
            intention := _intention_noun_attribution(token, text)
        ):
            attribution = intention
        elif lemma in lexicon.appearance and (appearance := _appearance_attribution(token, text, lexicon)):
            attribution = appearance
        elif pos in ("ADJ", "NOUN", "VERB") and lemma in lexicon.attitudes and (
            stance := _attitude_attribution(token, lexicon.attitudes[lemma], text)
        ):
            attribution = stance
        elif lower == "in" and token.dep_ == "prep":
            attribution = _evidence_attribution(token, lexicon, text)
        elif pos == "VERB" and _subject_and_that_clause(token):
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


_NEWLINE = re.compile("\n")
#: A name before a line-initial colon has at most this many words ("Pat Caddell:", "Sen. Warren:").
MAX_HEADLINE_NAME_WORDS = 4


def _single_word_source(token: Token, lexicon: SpeechLexicon, names: frozenset[str]) -> bool:
    """Whether a capitalised word before a line-initial colon is a source: a poll or a study, or
    a word the text names elsewhere ("Sanders" of "Bernie Sanders"), not a label ("Update:")."""
    if not token.is_title or token.i + 1 >= len(token.doc) or token.doc[token.i + 1].text != ":":
        return False
    return token.lemma_.lower() in lexicon.evidence_nouns or token.lower_ in names


def _line_starts(doc: Doc, text: str) -> Iterator[Token]:
    """The tokens that begin a line: the first, and each whose previous token holds a newline (in its
    text or the space after it). Found from the newlines of ``text``, not by walking every token."""
    starts = doc.to_array(IDX).tolist()
    first_after = sorted({0} | {bisect.bisect_right(starts, match.start()) for match in _NEWLINE.finditer(text)})
    return (doc[i] for i in first_after if i < len(doc))


def find_headline_attributions(doc: Doc, text: str, lexicon: SpeechLexicon | None = None) -> list[Attribution]:
    """ "Name: what they said" at the start of a line (headlines, transcripts)."""
    lexicon = lexicon or speech_lexicon()
    names = frozenset(
        word.lower_ for ent in doc.ents if ent.label_ in ("PERSON", "ORG") for word in ent if word.is_title
    )
    found = []
    for token in _line_starts(doc, text):
        if token.is_space:
            continue
        if token.text in ('"', "“") and token.i + 1 < len(doc):
            token = doc[token.i + 1]  # a turn of a quoted transcript: '"WALLACE: ...'
        end = token.i
        while end < len(doc) and end - token.i < MAX_HEADLINE_NAME_WORDS and doc[end].text != ":":
            word = doc[end]
            # Names only: "Pat Caddell:", "PENCE:", not a title phrase such as "Stealth Over Health:".
            if not (word.pos_ == "PROPN" and (word.is_title or word.is_upper)) and word.text not in (".", "-"):
                break
            end += 1
        if end == token.i and _single_word_source(token, lexicon, names):
            end += 1  # "Poll: ...", "Sanders: ..." (the tagger often takes a headline's first word for a noun)
        if end == token.i or end >= len(doc) or doc[end].text != ":":
            continue
        colon = doc[end]
        line_end = text.find("\n", colon.idx)
        line_end = len(text) if line_end < 0 else line_end
        if len(text[colon.idx + 1 : line_end].split()) < MIN_HEADLINE_WORDS:
            continue
        pieces = _within_paragraph(text, [(colon.idx + 1, line_end)], colon.idx)
        if pieces:
            found.append(
                Attribution(
                    content=pieces, cue=doc[end : end + 1], speaker_head=doc[end - 1],
                    speaker_phrase=doc[token.i : end],
                )
            )
    return found
