"""Who says a figure: the attribution of a claim, read from the dependency tree.

Order of evidence: a quote (from ``accord_quotes``) whose content holds the
figure gives its speaker; otherwise the nearest attribution above the figure in
the parse ("police said", "a security source told CNN", "the group said on
Telegram"), or "according to X" anywhere on the figure's path or in its
sentence. The kind of source (official, security, perpetrator, media, ...)
comes from the words of its name (lexicon ``source_kinds``).

An attribution clause that states something of its own ("..., although some
sources claim the number was 35", "... and officials said the gunman fled")
does not lend its source to a neighbouring clause's figure. An outlet citing
someone ("Reuters reported, citing hospital officials") makes the cited one the
source and the outlet its ``via``; an attribution inside quoted words ("Militants
have confirmed that they hold 182 passengers") beats the quote's speaker. Only
a quote whose cue is speech lends its speaker ("said", "told", "according to",
quotation marks; not "identified", "responded to", "accused of"); the subject
of a passive report ("he was reported in critical condition") speaks of nobody;
claiming responsibility for an attack is not stating its toll.

A figure whose sentence names nobody may still be someone's: a line opened by
a label ("SOURCES: 2 detained"), or an account that runs over several
sentences of one paragraph ("A man was shot, Gaines said. The man was hit in
the back." / "He was pronounced dead. Police said he was shot in the head.").
A short name whose kind its words do not tell ("Parker", "TBI") takes the kind
of its fuller mention elsewhere in the article ("spokeswoman Julie Parker",
"Tennessee Bureau of Investigation").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from itertools import takewhile
from typing import Any

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from accord.extract.extensions import doc_text, made_once
from accord.lexicons import load_lexicon
from accord.models import Quote, Source, Speaker

#: Longest source name kept, in tokens: a subject longer than this is a clause, not a name;
#: 12 keeps "a spokesman for the Chicago Police Department" and cuts relative clauses.
MAX_SOURCE_TOKENS = 12

UNATTRIBUTED = Source(name="", kind="unattributed")

#: How many sentences without attribution an account may run on after the sentence that names its
#: source, within one paragraph: "The friend said ... . The man looked ... . He ... shot his friend"
#: needs two; more reaches into statements that are the reporter's own.
MAX_ACCOUNT_STEPS = 2

#: Longest label that opens a line ("SOURCES:", "Police:"), in words; longer ones are sentences.
MAX_LABEL_WORDS = 3

#: Key of the per-article cache of kinds found for short names, in ``Doc.user_data``.
_KIND_CACHE = "accord.sources.kind_of_name"

_SUBJECTS = ("nsubj",)
_RELATIVE_PRONOUNS = ("who", "that", "which")
_PERSONAL_PRONOUNS = ("he", "she", "they", "him", "her", "them")
#: Pronouns by which a next sentence goes on about a victim already named. Not "they": in
#: "Witnesses said they heard gunfire" it is the speakers themselves.
_SINGULAR_PRONOUNS = ("he", "she")
_DASHES = ("—", "–", "--", "-")
_CLAUSAL = ("parataxis", "advcl", "ccomp", "conj")


@cache
def _lexicon() -> dict[str, Any]:
    return load_lexicon("source_kinds")


@cache
def _kind_patterns() -> list[tuple[str, re.Pattern[str]]]:
    lexicon = _lexicon()
    patterns = []
    for kind in lexicon["kind_order"]:
        words = sorted(lexicon["kinds"][kind], key=len, reverse=True)
        # a kind word matches its plural too: "officers", "investigators"
        alternatives = "|".join(re.escape(w) for w in words)
        patterns.append((kind, re.compile(r"\b(?P<word>" + alternatives + r")(?:s|es)?\b", re.IGNORECASE)))
    return patterns


@cache
def _call_sign() -> re.Pattern[str]:
    return re.compile(_lexicon()["call_sign_pattern"])


@cache
def _outlet_pattern() -> re.Pattern[str]:
    names = sorted(_lexicon()["outlets"], key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b")


def source_kind(name: str) -> str:
    """The kind of a source from its name: "the interior ministry" → official.

    The longest kind word decides ("Chicago Fire Department media officials" is
    official, by "fire department"); a weak word ("spokesman", "officials",
    "county") decides only when there is no other ("a spokesman for the
    Sheriff's Office" is security). Ties go to the lexicon's ``kind_order``.
    """
    if not name:
        return "unattributed"
    if _outlet_pattern().search(name) or _call_sign().search(name):
        return "media"
    weak = set(_lexicon()["weak_words"])
    best: tuple[bool, int, int] | None = None
    best_kind = "unattributed"
    for rank, (kind, pattern) in enumerate(_kind_patterns()):
        for match in pattern.finditer(name):
            word = match.group("word").lower()
            score = (word not in weak, len(word), -rank)
            if best is None or score > best:
                best, best_kind = score, kind
    return best_kind


def _outlet_in(tokens: Iterable[Token]) -> str | None:
    for token in tokens:
        text = _phrase(token)
        match = _outlet_pattern().search(text)
        if match:
            return match.group(0)
    return None


def _phrase_tokens(token: Token) -> list[Token]:
    """The words of the noun phrase headed by ``token``, without relative clauses or appositions."""
    excluded = {t.i for c in token.children if c.dep_ in ("relcl", "acl", "appos") for t in c.subtree}
    kept = [t for t in token.subtree if t.i not in excluded]
    # A dateline parsed into the subject ("MILWAUKEE (AP) – Police say ..."): the name starts after the dash.
    dashes = [k for k, t in enumerate(kept) if t.text in _DASHES and t.i < token.i]
    if dashes:
        kept = kept[dashes[-1] + 1:]
    return kept[:MAX_SOURCE_TOKENS]


def _phrase(token: Token) -> str:
    """The noun phrase headed by ``token``, as text."""
    return "".join(t.text_with_ws for t in _phrase_tokens(token)).strip(" ,")


def _span_of(token: Token) -> tuple[int, int]:
    kept = _phrase_tokens(token) or [token]
    return kept[0].idx, kept[-1].idx + len(kept[-1].text)


def _make(subject: Token, via: str | None) -> Source:
    if subject.lower_ in _RELATIVE_PRONOUNS and subject.head.dep_ == "relcl":
        subject = subject.head.head  # "staff members, who said they were treating a girl": the staff members
    name = _phrase(subject)
    kind = source_kind(name)
    if kind == "unattributed":
        kind = _kind_described_elsewhere(name, subject.doc)
    if kind == "unattributed" and subject.ent_type_ in ("ORG", "NORP"):
        kind = "official"
    return Source(name=name, kind=kind, span=_span_of(subject), via=via if via != name else None)


def _description(token: Token) -> str:
    """All the words that describe the person or body ``token`` names: its whole phrase with
    appositions ("Fred Thomas, a spokesman for the Sheriff's Office"), and what a copula says of it
    ("Manharsh Mohan is also a fellow student"). A name inside a longer phrase stands for that phrase."""
    if token.dep_ in ("appos", "compound"):
        token = token.head  # "the ... Police Department spokeswoman Julie Parker": Parker is the spokeswoman
    # not its clauses or conjuncts: "Stinemetz, who shot his friend" and "Stinemetz and the victim"
    # do not make Stinemetz a friend or a victim
    clauses = {t.i for c in token.children if c.dep_ in ("relcl", "acl", "advcl", "conj", "cc") for t in c.subtree}
    words = [t for t in token.subtree if t.i not in clauses]
    if token.dep_ == "nsubj" and token.head.lemma_ == "be":
        words += [t for c in token.head.children if c.dep_ == "attr" for t in c.subtree]
    return " ".join(t.text for t in words[:MAX_SOURCE_TOKENS])


def _acronym(text: str) -> str:
    return "".join(word[0] for word in text.split() if word[:1].isupper())


def _kind_described_elsewhere(name: str, doc: Doc) -> str:
    """The kind of a short name from its fuller mention in the article: "Parker" is "Prince George's
    County Police Department spokeswoman Julie Parker", "TBI" the "Tennessee Bureau of Investigation"."""
    words = name.split()
    if not words or len(words) > 2 or not words[-1][:1].isupper() or words[-1].lower() in _PERSONAL_PRONOUNS:
        return "unattributed"
    # one look per name and article: the figures of an article share a handful of sources
    known: dict[str, str] = made_once(doc, _KIND_CACHE, dict)
    last = words[-1]
    if last not in known:
        known[last] = _look_up_kind(last, doc)
    return known[last]


def _look_up_kind(last: str, doc: Doc) -> str:
    if last.isupper() and len(last) >= 2:
        for entity in doc.ents:
            if entity.text != last and _acronym(entity.text) == last:
                kind = source_kind(entity.text)
                if kind != "unattributed":
                    return kind
    for token in doc:
        if token.text == last:
            kind = source_kind(_description(token))
            if kind != "unattributed":
                return kind
    return "unattributed"


def _according_to(token: Token) -> Token | None:
    """The pobj of "according to X" attached to ``token``."""
    for child in token.children:
        if child.lower_ in _lexicon()["according"]:
            for prep in child.children:
                if prep.lower_ == "to":
                    for obj in prep.children:
                        if obj.dep_ == "pobj":
                            return obj
    return None


def _has_own_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def _has_own_content(verb: Token) -> bool:
    """An attribution verb that states something of its own ("although some sources claim the number
    was 35", "and officials said the gunman fled"): it vouches for its complement, not for a figure
    of a neighbouring clause."""
    return any(c.dep_ in ("ccomp", "xcomp") for c in verb.children) or any(
        c.dep_ == "mark" and c.lower_ in _lexicon()["contrast_marks"] for c in verb.children)


def _cited(verb: Token) -> Token | None:
    """The source an outlet cites: "Reuters reported, citing hospital officials" → officials."""
    for child in verb.children:
        if child.dep_ in ("advcl", "xcomp", "prep", "conj") and child.lemma_.lower() in _lexicon()["citing_verbs"]:
            for obj in child.children:
                if obj.dep_ in ("dobj", "pobj"):
                    return obj
    return None


def _from_verb(verb: Token) -> Source | None:
    """A source named as the subject of an attribution verb ("police said", "X told CNN")."""
    if verb.lemma_.lower() not in _lexicon()["attribution_verbs"]:
        return None
    subject = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
    if subject is None:
        # "was reported by the sheriff": the agent speaks; a passive's subject ("he was reported in
        # critical condition") is what is spoken of
        subject = next((o for a in verb.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"), None)
    if subject is None:
        # "..., the group said on Telegram" parsed as a conjunct sharing the subject
        if verb.dep_ == "conj":
            subject = next((c for c in verb.head.children if c.dep_ in _SUBJECTS), None)
        if subject is None:
            return None
    via_tokens = [c for c in verb.children if c.dep_ in ("dobj", "dative", "iobj")]
    via_tokens += [o for p in verb.children if p.dep_ == "prep" and p.lower_ in ("to", "on", "in", "via")
                   for o in p.children if o.dep_ == "pobj"]
    channels = [o for o in via_tokens if o.text in _lexicon()["channels"]]
    via = _outlet_in(via_tokens) or (channels[0].text if channels else None)
    if subject.lower_ in ("it", "this", "that", "which"):
        return None
    cited = _cited(verb)
    if cited is not None:
        # the outlet relays the cited source: it becomes the "via"
        outlet = _outlet_in([subject]) or _phrase(subject)
        return _make(cited, outlet)
    return _make(subject, via)


def _inside(inner: tuple[int, int] | None, outer: tuple[int, int]) -> bool:
    return inner is not None and outer[0] <= inner[0] and inner[1] <= outer[1]


def _without_determiner(name: str) -> str:
    first, _, rest = name.partition(" ")
    return rest if rest and first.lower() in ("the", "a", "an") else name


def _overlap(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def find_source(anchor: Token, span: tuple[int, int], quotes: list[Quote] | None) -> Source:
    """Who says the figure at ``span`` whose predicate is ``anchor``."""
    source = _in_sentence(anchor, span, quotes)
    if source.name:
        return source
    return _line_label(anchor) or _continued_account(anchor, span) or source


def _speaker_kind(speaker: Speaker, doc: Doc) -> str:
    """The speaker's kind from its words (name, role, organisation), else as the quotes component found it."""
    words = " ".join(part for part in (speaker.name, speaker.role, speaker.organisation) if part)
    kind = source_kind(words)
    if kind == "unattributed":
        kind = _kind_described_elsewhere(speaker.name, doc)
    return kind if kind != "unattributed" else speaker.kind


def _attributes(quote: Quote, doc: Doc, span: tuple[int, int]) -> bool:
    """Whether a quote's cue says that its speaker said the words: a speech verb ("said", "told",
    "according to", "testified") or quotation marks, not "identified", "responded to", "accused of"."""
    if quote.speaker is None:
        return False
    if quote.direct:
        return True
    if quote.cue_span is None:
        return False
    cue = doc.char_span(quote.cue_span[0], quote.cue_span[1], alignment_mode="expand")
    if cue is None or not len(cue):
        return False
    if not (cue.sent.start_char <= span[0] < cue.sent.end_char):
        return False  # reported speech without quotation marks does not run on past its cue's sentence
    lexicon = _lexicon()
    first = cue[0]
    if first.text == ":":
        return _label_kind(quote.speaker.name) is not None
    if claims_an_act(first, span):
        return False
    lemma = first.lemma_.lower()
    return lemma in lexicon["attribution_verbs"] or lemma in lexicon["speech_verbs"] or first.lower_ in lexicon["according"]


def claims_an_act(verb: Token, span: tuple[int, int]) -> bool:
    """Whether the figure at ``span`` is inside what ``verb`` claims responsibility for."""
    for child in verb.children:
        if child.dep_ == "dobj" and child.lemma_.lower() in _lexicon()["responsibility_nouns"]:
            words = list(child.subtree)
            if words[0].idx <= span[0] < words[-1].idx + len(words[-1].text):
                return True
    return False


def _in_sentence(anchor: Token, span: tuple[int, int], quotes: list[Quote] | None) -> Source:
    """The attribution the figure's own sentence gives, through a quote or the parse."""
    from_parse = _from_parse(anchor)
    doc = anchor.doc
    for quote in quotes or []:
        if quote.speaker is None or not _inside(span, quote.span) or not _attributes(quote, doc, span):
            continue
        speaker = quote.speaker
        if speaker.name.lower() in _PERSONAL_PRONOUNS and speaker.resolved and speaker.resolved != speaker.name:
            speaker = Speaker(name=speaker.resolved, span=speaker.span, role=speaker.role,
                              organisation=speaker.organisation, kind=speaker.kind)
        kind = _speaker_kind(speaker, doc)
        same = _overlap(from_parse.span, speaker.span)
        if _inside(from_parse.span, quote.span) and not same:
            # The quoted words name their own source ("militants have confirmed that they hold
            # 182 passengers"): that source says the figure; an outlet quoting it relays it.
            outlet = _outlet_pattern().search(speaker.name)
            via = from_parse.via or (outlet.group(0) if outlet else None)
            return Source(name=from_parse.name, kind=from_parse.kind, span=from_parse.span, via=via)
        if from_parse.via and speaker.name and (speaker.name in from_parse.via or from_parse.via in speaker.name):
            return from_parse  # "Reuters reported, citing hospital officials": the officials, via Reuters
        if same and from_parse.name and from_parse.kind != "media" and _outlet_pattern().fullmatch(speaker.name):
            # "MILWAUKEE (AP) – Police say ...": the police say it, in the wire's report
            return Source(name=from_parse.name, kind=from_parse.kind, span=from_parse.span, via=speaker.name)
        # the quote names the speaker; the parse may add the outlet it was told to, or a fuller name
        name = speaker.name
        fuller = _without_determiner(from_parse.name)
        if same and speaker.name and speaker.name.lower() in fuller.lower() and len(fuller) > len(speaker.name):
            name = fuller  # "spokesman for the militants", not "spokesman"
        return Source(name=name, kind=kind, span=speaker.span, via=from_parse.via if same else None)
    return from_parse


def _same_line(one: Token, other: Token) -> bool:
    start, end = sorted((one.idx, other.idx))
    return "\n" not in doc_text(one.doc)[start:end]


def _from_parse(anchor: Token) -> Source:
    """The attribution found in the dependency tree above ``anchor``, or in its sentence."""
    # A parse that runs over a line break joins a headline or a link line to the next paragraph:
    # an attribution on another line is not the figure's.
    path = [anchor, *takewhile(lambda t: _same_line(t, anchor), anchor.ancestors)]
    on_path = {t.i for t in path}
    for below, token in zip([None, *path], path, strict=False):
        found = _according_to(token)
        if found is not None:
            return _make(found, None)
        # "DPD says nobody is in custody, but CBS4 is learning more about the student who was killed":
        # an attribution verb with a complement of its own does not vouch for its conjunct.
        own_conjunct = (below is not None and below.dep_ == "conj" and _has_own_subject(below)
                        and _has_own_content(token))
        # "The group claimed responsibility for the attack, which killed 20 people": it claims the
        # attack, not its toll.
        claims_an_act = below is not None and below.dep_ == "dobj" and below.lemma_.lower() in _lexicon()[
            "responsibility_nouns"]
        source = None if own_conjunct or claims_an_act else _from_verb(token)
        if source is not None:
            return source
        for child in token.children:
            if (child.dep_ in _CLAUSAL and child.i not in on_path and not _has_own_content(child)
                    and _same_line(child, anchor)):
                source = _from_verb(child)
                if source is not None:
                    return source
    sentence: SpacySpan = anchor.sent
    for token in sentence:
        found = _according_to(token) if _same_line(token, anchor) else None
        if found is not None:
            return _make(found, None)
    return UNATTRIBUTED


def _sentence_source(sent: SpacySpan) -> Source | None:
    """The attribution that covers a whole sentence: its root's ("Police said ...", "According to
    police, ...", "..., Gaines said"), not one buried in a clause."""
    root = sent.root
    found = _according_to(root)
    if found is not None:
        return _make(found, None)
    source = _from_verb(root)
    if source is None:
        for child in root.children:
            if child.dep_ in _CLAUSAL and not _has_own_content(child):
                source = _from_verb(child)
                if source is not None:
                    break
    if source is None or source.name.lower() in _PERSONAL_PRONOUNS:
        return None
    return source


def _same_paragraph(first: SpacySpan, second: SpacySpan) -> bool:
    """Two consecutive sentences with no line break from the start of the first to the second."""
    return "\n" not in doc_text(first.doc)[first.start_char:second.start_char]


def _goes_on_about_someone_named(sent: SpacySpan) -> bool:
    """A sentence that carries on about someone already named: its subject, or the subject of what its
    root reports, is "he" or "she" ("She was taken to hospital, Gaines said", "Police said he ...")."""
    root = sent.root
    heads = [root, *(c for c in root.children if c.dep_ in ("ccomp", "parataxis"))]
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in _SINGULAR_PRONOUNS
               for head in heads for c in head.children)


def _refers_back(sent: SpacySpan, span: tuple[int, int]) -> bool:
    """Whether a sentence goes on about what came before: its subject or its figure is a pronoun, a
    name or a definite phrase ("The man was shot three times", "Barbee was rushed to hospital",
    "Gunfire struck Milner and three others"), not someone new ("Two people were killed in a
    separate shooting")."""
    figure = sent.doc.char_span(span[0], span[1], alignment_mode="expand")
    firsts = [next(iter(c.subtree)) for c in sent.root.children if c.dep_ in ("nsubj", "nsubjpass")]
    if figure is not None and len(figure):
        firsts.append(figure[0])
    return any(t.lower_ in _lexicon()["back_references"] or t.pos_ == "PROPN" for t in firsts)


def _continued_account(anchor: Token, span: tuple[int, int]) -> Source | None:
    """The source of an account that the figure's sentence continues, within its paragraph.

    Back: when the sentence goes on about what came before, up to ``MAX_ACCOUNT_STEPS``
    sentences without attribution, then one that has it. Forth: the next sentence, when it
    names a source and carries on about the same person.
    """
    doc = anchor.doc
    sent = anchor.sent
    current = sent
    # a parse sentence that runs over a line break: the figure's paragraph starts or ends inside it
    starts_paragraph = "\n" in doc_text(doc)[sent.start_char:anchor.idx] or not _refers_back(sent, span)
    ends_paragraph = "\n" in doc_text(doc)[anchor.idx:sent.end_char]
    for _ in range(0 if starts_paragraph else MAX_ACCOUNT_STEPS + 1):
        if current.start == 0:
            break
        before = doc[current.start - 1].sent
        if not _same_paragraph(before, current):
            break
        source = _sentence_source(before)
        if source is not None:
            return source
        current = before
    if sent.end < len(doc) and not ends_paragraph:
        after = doc[sent.end].sent
        if _same_paragraph(sent, after) and _goes_on_about_someone_named(after):
            return _sentence_source(after)
    return None


def _label_kind(label: str) -> str | None:
    """The kind of a line label ("SOURCES", "Police"), or None when it names no source ("UPDATE")."""
    words = label.split()
    if not words or len(words) > MAX_LABEL_WORDS:
        return None
    kind = source_kind(label)
    if kind != "unattributed" or label.lower() in _lexicon()["label_words"]:
        return kind
    return None


def _line_label(anchor: Token) -> Source | None:
    """"SOURCES: 2 detained ...", "Police: man shot dead": a line opened by a source and a colon."""
    text = doc_text(anchor.doc)
    line_start = text.rfind("\n", 0, anchor.idx) + 1
    colon = text.find(":", line_start, anchor.idx)
    if colon < 0:
        return None
    label = text[line_start:colon].strip()
    kind = _label_kind(label)
    if kind is None:
        return None
    begin = line_start + text[line_start:colon].index(label)
    return Source(name=label, kind=kind, span=(begin, begin + len(label)))


__all__ = ["UNATTRIBUTED", "claims_an_act", "find_source", "source_kind"]
