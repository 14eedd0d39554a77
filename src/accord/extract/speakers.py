"""Who speaks: the speaker's phrase, name, role, organisation and source kind, and coreference.

A speaker phrase is the noun phrase that is the subject of a cue ("Junior
Interior Minister Talal Chaudhry", "a security source", "he"). Its parts are
read off the parse: the name is the named entity at its head, the role the
words before the name or an apposition ("Dr. Qamar Cheema, a security
expert"), the organisation a possessor, an ORG entity or the object of
"of/for/at" ("a spokesman for the armed forces"). The source kind comes from
the lexicon ``speaker_roles``.

Pronouns, definite role nouns ("the minister", "the group") and bare surnames
resolve back to the last compatible speaker or named entity
(:class:`SpeakerMemory`), whose role and organisation they inherit.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace
from functools import cache

from spacy.tokens import Doc, Span, Token

from accord.lexicons import load_lexicon
from accord.models import Speaker

NAME_LABELS = ("PERSON", "ORG", "NORP", "GPE", "FAC")
ORG_LABELS = ("ORG", "NORP", "GPE")
_EDGE_PUNCT = frozenset(",;:-–—―()[]\"“”'‘’")
_ORG_PREPOSITIONS = frozenset({"of", "for", "at", "from", "with", "in"})

#: A pronoun looks no further back than this many characters for its antecedent
#: (about three short news paragraphs); beyond it the speaker stays unresolved.
MAX_ANTECEDENT_DISTANCE = 1500


@dataclass(frozen=True)
class RoleLexicon:
    """The ``speaker_roles`` lexicon, as sets for lookups."""

    kinds: dict[str, str]  # word or two-word phrase (lower case) -> source kind
    outlets: frozenset[str]
    titles: frozenset[str]
    group_nouns: frozenset[str]
    generic_roles: frozenset[str]
    person_pronouns: frozenset[str]
    group_pronouns: frozenset[str]


@cache
def role_lexicon() -> RoleLexicon:
    data = load_lexicon("speaker_roles")
    kinds: dict[str, str] = {}
    for kind, words in data["kinds"].items():
        for word in words:
            kinds.setdefault(word.lower(), kind)
    return RoleLexicon(
        kinds=kinds,
        outlets=frozenset(w.lower() for w in data["outlets"]),
        titles=frozenset(w.lower() for w in data["person_titles"]),
        group_nouns=frozenset(data["group_nouns"]),
        generic_roles=frozenset(data["generic_roles"]),
        person_pronouns=frozenset(data["person_pronouns"]),
        group_pronouns=frozenset(data["group_pronouns"]),
    )


def _words(text: str) -> list[str]:
    return [w.strip(".,'’\"“”()").lower() for w in text.replace("’s", " ").replace("'s", " ").split()]


def kind_of_words(text: str | None, *, skip_generic: bool = False) -> str | None:
    """The source kind of a role or organisation phrase, read from its head word leftwards."""
    if not text:
        return None
    lexicon = role_lexicon()
    words = [w for w in _words(text) if w]
    for i in range(len(words) - 1, -1, -1):
        if i > 0 and f"{words[i - 1]} {words[i]}" in lexicon.kinds:
            return lexicon.kinds[f"{words[i - 1]} {words[i]}"]
        if skip_generic and words[i] in lexicon.generic_roles:
            continue
        if words[i] in lexicon.kinds:
            return lexicon.kinds[words[i]]
    return None


def kind_for(role: str | None, organisation: str | None, name: str | None) -> str:
    """The DESIGN source kind: the role's own words first, then the organisation, then the name."""
    lexicon = role_lexicon()
    for text in (organisation, name):
        if text and " ".join(_words(text)) in lexicon.outlets:
            return "media"
    return (
        kind_of_words(role, skip_generic=True)
        or kind_of_words(organisation)
        or kind_of_words(role)
        or kind_of_words(name)
        or "unattributed"
    )


def _trimmed(doc: Doc, start: int, end: int) -> Span | None:
    """Tokens [start, end) without punctuation or spaces at either edge."""
    while start < end and (doc[start].is_space or doc[start].text in _EDGE_PUNCT):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].text in _EDGE_PUNCT):
        end -= 1
    return doc[start:end] if end > start else None


def speaker_phrase(head: Token) -> Span:
    """The noun phrase headed by ``head``: its subtree, cut at a relative clause's edges."""
    doc = head.doc
    start, end = head.left_edge.i, head.right_edge.i + 1
    # A phrase never runs over a line break: a heading above is glued on by the parser.
    for i in range(head.i - 1, start - 1, -1):
        if "\n" in doc[i].text_with_ws:
            start = i + 1
            break
    for i in range(head.i, end):
        if "\n" in doc[i].text_with_ws:
            end = i + 1
            break
    # When the parser glued a heading on, the name's own words may hang elsewhere: take back
    # the noun-phrase words between the line start and the phrase.
    extended = start
    while extended > 0 and "\n" not in doc[extended - 1].text_with_ws and (
        doc[extended - 1].pos_ in ("PROPN", "NOUN", "ADJ", "CCONJ") or doc[extended - 1].tag_ == "HYPH"
    ):
        extended -= 1
    if extended < start and (extended == 0 or "\n" in doc[extended - 1].text_with_ws):
        start = extended
    # A relative or participial clause on the right is description, not the name.
    for child in head.rights:
        if child.dep_ in ("relcl", "acl") and child.left_edge.i > head.i:
            end = min(end, child.left_edge.i)
    return _trimmed(doc, start, end) or doc[head.i : head.i + 1]


class Entities:
    """The named entities of a doc, sorted, for finding those inside a phrase without rescanning."""

    def __init__(self, doc: Doc) -> None:
        self.ents = list(doc.ents)
        self.starts = [e.start for e in self.ents]

    def within(self, phrase: Span) -> list[Span]:
        index = bisect.bisect_left(self.starts, phrase.start)
        found = []
        while index < len(self.ents) and self.ents[index].start < phrase.end:
            if self.ents[index].end <= phrase.end:
                found.append(self.ents[index])
            index += 1
        return found


def _name_entity(ents_in_phrase: list[Span], head: Token) -> Span | None:
    ents = [e for e in ents_in_phrase if e.label_ in NAME_LABELS]
    for ent in ents:
        if ent.start <= head.i < ent.end:
            return ent
    for label in ("PERSON", "ORG"):
        for ent in ents:
            if ent.label_ == label:
                return ent
    return None


def _without_det(doc: Doc, start: int, end: int) -> str | None:
    while start < end and (doc[start].dep_ in ("det", "predet") or doc[start].tag_ == "PRP$"):
        start += 1
    span = _trimmed(doc, start, end)
    return span.text if span is not None else None


def _prep_object(token: Token) -> Span | None:
    """The object of an "of/for/at" phrase on ``token``: the organisation of a role noun."""
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ in _ORG_PREPOSITIONS:
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return _trimmed(token.doc, obj.left_edge.i, obj.right_edge.i + 1)
    return None


def describe_speaker(phrase: Span, head: Token, entities: Entities | None = None) -> Speaker:
    """A Speaker record for a phrase: name, role, organisation and kind, as the text states them."""
    doc = phrase.doc
    lexicon = role_lexicon()
    phrase_ents = entities.within(phrase) if entities is not None else list(phrase.ents)
    name_ent = _name_entity(phrase_ents, head)
    role: str | None = None
    organisation: str | None = None
    role_head: Token | None = None

    if name_ent is not None and name_ent.label_ == "PERSON":
        # Words before the name are its role ("Security expert Imtiaz Gul"), a possessor its
        # organisation ("Pakistan's President", "Clinton's campaign manager Robby Mook").
        start = phrase.start
        for token in doc[phrase.start : name_ent.start]:
            if token.dep_ == "poss" and token.head.i < name_ent.start:
                possessor = _trimmed(doc, token.left_edge.i, token.i + 1)
                organisation = possessor.text if possessor is not None else organisation
                start = token.i + 1
                if start < name_ent.start and doc[start].dep_ == "case":
                    start += 1
        role = _without_det(doc, start, name_ent.start)
        if role and all(w in lexicon.titles for w in _words(role)):
            role = None
        name_head = name_ent.root
        role_head = doc[name_ent.start - 1] if role else None
        for child in name_head.children:
            if child.dep_ == "appos" and child.i >= name_ent.end:
                appos_end = child.right_edge.i + 1
                role_tokens = [t for t in child.subtree if t.dep_ != "prep" and t.i <= child.i]
                appos_role = _without_det(doc, role_tokens[0].i, child.i + 1) if role_tokens else None
                role = appos_role if role is None else f"{role}, {appos_role}"
                role_head = child
                if organisation is None:
                    obj = _prep_object(child)
                    organisation = obj.text if obj is not None else None
                if appos_end > phrase.end:
                    break
        name = name_ent.text
    elif name_ent is not None:
        name = name_ent.text
        if name_ent.label_ in ORG_LABELS and name_ent.start > phrase.start:
            role = _without_det(doc, phrase.start, name_ent.start)
        organisation = name_ent.text if name_ent.label_ != "PERSON" else None
    else:
        # A description without a name: "a security source", "officials in the ministry".
        name = _without_det(doc, phrase.start, head.i + 1) or head.text
        role = name if head.pos_ != "PRON" else None
        role_head = head
        ents = [e for e in phrase_ents if e.label_ in ORG_LABELS]
        obj = _prep_object(head)
        if obj is not None:
            organisation = obj.text
        elif ents:
            organisation = ents[0].text
    if organisation is None and role_head is not None:
        obj = _prep_object(role_head)
        organisation = obj.text if obj is not None else None
    if organisation is None:
        others = [e for e in phrase_ents if e.label_ == "ORG" and e != name_ent]
        organisation = others[0].text if others else None
    return Speaker(
        name=name,
        span=(phrase.start_char, phrase.end_char),
        role=role,
        organisation=organisation,
        kind=kind_for(role, organisation, name if name_ent is not None else None),
    )


@dataclass
class _Mention:
    start: int  # character offset
    speaker: Speaker
    person: bool


class SpeakerMemory:
    """Earlier speakers and named entities of one document, for resolving later mentions.

    Each speaker is :meth:`resolve`\\d in document order: a pronoun takes the
    latest compatible speaker or subject entity before it; "the minister"
    takes the latest speaker whose role says minister; a surname takes the
    full name introduced earlier, with its role and organisation.
    """

    def __init__(self, doc: Doc, perpetrators: frozenset[str] = frozenset()) -> None:
        self.lexicon = role_lexicon()
        self.perpetrators = perpetrators
        self.mentions: list[_Mention] = []
        self.profiles: dict[str, Speaker] = {}  # full name -> its fullest description
        # Subjects that are named entities: the antecedents of pronouns when no speaker is nearer.
        subjects = []
        for ent in doc.ents:
            if ent.label_ in ("PERSON", "ORG", "NORP") and ent.root.dep_ in ("nsubj", "nsubjpass", "appos"):
                subjects.append((ent.start_char, ent))
        self._subject_starts = [s for s, _ in subjects]
        self._subjects = [e for _, e in subjects]

    def _profile_for(self, name: str) -> Speaker | None:
        if name in self.profiles:
            return self.profiles[name]
        bare = name[4:] if name.lower().startswith("the ") else name
        if bare.isupper() and len(bare) > 1:
            # An acronym of a name introduced before ("BLA" for "Balochistan Liberation Army").
            for full, profile in reversed(list(self.profiles.items())):
                if "".join(w[0] for w in full.split() if w[:1].isupper() and w.lower() != "the") == bare:
                    return profile
        words = name.lower().split()
        # A surname (or a shorter form) of a name introduced before; transcripts write it in capitals.
        for full, profile in reversed(list(self.profiles.items())):
            full_words = full.lower().split()
            if len(words) < len(full_words) and full_words[-len(words):] == words:
                return profile
        return None

    def _latest_subject(self, before: int, person: bool) -> Span | None:
        index = bisect.bisect_left(self._subject_starts, before) - 1
        while index >= 0 and self._subject_starts[index] >= before - MAX_ANTECEDENT_DISTANCE:
            ent = self._subjects[index]
            if (ent.label_ == "PERSON") == person:
                return ent
            index -= 1
        return None

    def _latest_speaker(self, before: int, person: bool, role_word: str | None = None) -> _Mention | None:
        for mention in reversed(self.mentions):
            if mention.start >= before:
                continue
            if role_word is not None:
                words = _words(" ".join(filter(None, (mention.speaker.role, mention.speaker.organisation))))
                if role_word in words:
                    return mention
                continue
            if mention.start < before - MAX_ANTECEDENT_DISTANCE:
                return None
            if mention.person == person:
                return mention
        return None

    def _antecedent(self, start: int, person: bool) -> Speaker | None:
        mention = self._latest_speaker(start, person)
        entity = self._latest_subject(start, person)
        if entity is not None and (mention is None or entity.start_char > mention.start):
            profile = self._profile_for(entity.text)
            if profile is not None:
                return profile
            return Speaker(name=entity.text, kind=kind_for(None, None, entity.text), resolved=entity.text)
        return mention.speaker if mention is not None else None

    def _antecedent_of(self, speaker: Speaker, head: Token, start: int) -> Speaker | None:
        """The earlier speaker or entity this mention stands for, if it is a short form or a pro-form."""
        lower = head.lower_
        if head.ent_type_ in ("PERSON", "ORG", "NORP") or head.pos_ == "PROPN":
            # A shorter form of a name introduced before: "Cheema", "the BLA".
            return self._profile_for(speaker.name)
        if lower in self.lexicon.person_pronouns:
            return self._antecedent(start, person=True)
        if lower in self.lexicon.group_pronouns:
            return self._antecedent(start, person=False)
        if head.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in head.children):
            # "the minister", "the group": the latest speaker described by that word.
            found = self._latest_speaker(start, person=False, role_word=head.lemma_.lower())
            if found is None and head.lemma_.lower() in self.lexicon.group_nouns:
                found = self._latest_speaker(start, person=False)
            return found.speaker if found is not None else None
        return None

    def resolve(self, speaker: Speaker, head: Token, person_name: bool) -> Speaker:
        """``speaker`` with ``resolved`` (and inherited role, organisation, kind) filled in; remembered."""
        start = speaker.span[0] if speaker.span else head.idx
        lower = head.lower_
        antecedent = self._antecedent_of(speaker, head, start)
        if antecedent is not None:
            speaker = replace(
                speaker,
                resolved=antecedent.resolved or antecedent.name,
                role=speaker.role or antecedent.role,
                organisation=speaker.organisation or antecedent.organisation,
                kind=antecedent.kind if speaker.kind == "unattributed" or speaker.role is None else speaker.kind,
            )
            person_name = person_name or (head.pos_ == "PROPN" and antecedent.organisation is None)
        elif head.pos_ == "PROPN" or head.ent_type_ in ("PERSON", "ORG", "NORP"):
            speaker = replace(speaker, resolved=speaker.name)
        resolved = speaker.resolved or ""
        if resolved and (resolved in self.perpetrators or speaker.name in self.perpetrators):
            speaker = replace(speaker, kind="perpetrator")
        pro_form = lower in self.lexicon.person_pronouns | self.lexicon.group_pronouns
        if resolved and not pro_form:
            known = self.profiles.get(resolved)
            if known is None or (speaker.role and not known.role):
                self.profiles[resolved] = speaker
        person = person_name or lower in self.lexicon.person_pronouns
        self.mentions.append(_Mention(start, speaker, person))
        return speaker
