"""The ``accord_actors`` component: who is named in an article, and in which role.

Finding: ORG and PERSON entities that ``accord_places`` did not read as a
place, plus every alias of the ``aliases`` lexicon (a PhraseMatcher; short
upper-case aliases such as "BLA" or "IS" only in that case).

Naming: each mention gets a canonical name: an alias of the lexicon, a
spelling variant of one (rapidfuzz), an acronym the article defines ("Baloch
Liberation Front (BLF)"), the full name of a person met earlier by surname, or
else the name itself.

Role, from the mention's sentence and the cues of the ``perpetrator_cues``
lexicon (lemmas):

- perpetrator  "X claimed responsibility", "blamed on X", "X said it carried
  out the attack", "militants from X", "X fighters", "an attack by X", a person
  arrested or charged, a person who shot somebody
- target       "an attack on X", "militants targeted X"
- victim       a person killed, shot, wounded: "X was pronounced dead", "the victim, X,"
- official     a person with a title: "Interior Minister X", "X, a police spokesman"
- organisation any other organisation

A person's official and victim roles hold for the whole article (one person,
one identity); a perpetrator role is read per mention. People with no role
(experts, witnesses) are left to the quotes component.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from rapidfuzz import fuzz, process
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from accord.extract.actor_claims import (
    claims_right_after,
    identified_as_members,
    negated_or_denied,
    plotted,
    work_of,
)
from accord.extract.extensions import doc_text
from accord.lexicons import extend_lexicons, load_lexicon
from accord.models import Actor

COMPONENT_VERSION = "accord.actors.v3"

ACTOR_LABELS = frozenset({"ORG", "PERSON"})
#: rapidfuzz ratio (0-100) from which a name is a spelling variant of a known
#: alias: "Baluchistan Liberation Army" (96) yes, "Balochistan Liberation Front"
#: vs "...Army" (80) no. Checked on the alias lexicon's own near pairs.
FUZZY_MIN_SCORE = 90
#: Names shorter than this are never matched fuzzily: acronyms differ by one letter.
FUZZY_MIN_LENGTH = 8
#: How many tokens before a name its title or its "by"/"on"/"from" may stand
#: ("by the separatist Balochistan Liberation Army").
LOOKBACK_TOKENS = 4
#: Short aliases matched only in exactly this case (BLA, IS, AP).
CASE_SENSITIVE_MAX_LENGTH = 4

_ACRONYM_AFTER = re.compile(r"\s*\(([A-Z][A-Za-z\-]{1,9})\)")


@cache
def _cues() -> dict[str, frozenset[str]]:
    return {key: frozenset(value) for key, value in load_lexicon("perpetrator_cues").items() if not key.startswith("_")}


@cache
def _aliases() -> dict[str, str]:
    """Folded alias (and canonical name) -> canonical name."""
    table: dict[str, str] = {}
    for canonical, aliases in load_lexicon("aliases").items():
        if canonical.startswith("_"):
            continue
        table[_fold(canonical)] = canonical
        for alias in aliases:
            key = alias if _case_sensitive(alias) else _fold(alias)
            table[key] = canonical
    return table


def _case_sensitive(alias: str) -> bool:
    return len(alias) <= CASE_SENSITIVE_MAX_LENGTH and any(c.isupper() for c in alias[1:] or alias)


def _fold(name: str) -> str:
    return " ".join(name.replace("\u2019", "'").lower().split())


def clean_name(text: str) -> str:
    """A name without its article, possessive and surrounding punctuation."""
    text = " ".join(text.split()).strip(" ,.;:\"'()\u201c\u201d\u2022\u00b7|*")  # (a list's bullet: "\u2022 Cops")
    for possessive in ("'s", "\u2019s"):
        if text.endswith(possessive):
            text = text[: -len(possessive)]
    if text.lower().startswith("the "):
        text = text[4:]
    return text.strip()


def canonical_name(name: str) -> str | None:
    """The lexicon's canonical name for ``name`` (an alias or a spelling variant of one), or None."""
    aliases = _aliases()
    if name in aliases:
        return aliases[name]
    folded = _fold(name)
    if folded in aliases and not _case_sensitive(name):
        return aliases[folded]
    if len(name) >= FUZZY_MIN_LENGTH and (fuzzy := _fuzzy_canonical(folded)) is not None:
        return fuzzy
    # "the Maute group", "Alahvaziyeh Group": a known name with the kind of group it is after it; "Boko
    # Haram Nigeria" (a headline's run of names): a known name and a capitalised word, a place's
    # (rule ``actors.canonical.group_suffix``)
    words = name.split()
    if len(words) > 1 and words[-1].lower() in _cues()["group_nouns"]:
        return canonical_name(" ".join(words[:-1]))
    if len(words) > 1 and words[-1][:1].isupper() and words[-1][1:].islower():
        return aliases.get(_fold(" ".join(words[:-1])))
    return None


@cache
def _fuzzy_keys() -> list[str]:
    return [key for key in _aliases() if len(key) >= FUZZY_MIN_LENGTH]


def _fuzzy_canonical(folded: str) -> str | None:
    match = process.extractOne(folded, _fuzzy_keys(), scorer=fuzz.ratio, score_cutoff=FUZZY_MIN_SCORE)
    return _aliases()[match[0]] if match else None


@dataclass
class _Mention:
    span: Span
    name: str
    label: str  # ORG | PERSON | DESCRIPTION (a group named by what it is: "Chechen rebels", "bandits")
    canonical: str = ""
    role: str | None = None
    head: Token | None = None  # a description's head noun ("rebels")


def _alias_matcher(nlp: Language) -> tuple[PhraseMatcher, PhraseMatcher]:
    exact = PhraseMatcher(nlp.vocab, attr="ORTH")
    folded = PhraseMatcher(nlp.vocab, attr="LOWER")
    for canonical, aliases in load_lexicon("aliases").items():
        if canonical.startswith("_"):
            continue
        for alias in (canonical, *aliases):
            (exact if _case_sensitive(alias) else folded).add(canonical, [nlp.make_doc(alias)])
    return exact, folded


def _find_mentions(doc: Doc, matchers: tuple[PhraseMatcher, PhraseMatcher]) -> list[_Mention]:
    place_spans = {p.span for p in doc._.places or [] if p.span}
    spans: list[Span] = []
    for ent in doc.ents:
        if ent.label_ in ACTOR_LABELS and "\n" not in ent.text and (ent.start_char, ent.end_char) not in place_spans:
            spans.append(ent)
    taken = [(s.start, s.end) for s in spans]
    for matcher in matchers:
        for _match_id, start, end in matcher(doc):
            if any(start < e and s < end for s, e in taken):
                # An alias inside a longer entity: keep the entity unless the alias is longer.
                overlapping = [i for i, (s, e) in enumerate(taken) if start < e and s < end]
                if all(end - start > taken[i][1] - taken[i][0] for i in overlapping):
                    for i in sorted(overlapping, reverse=True):
                        del spans[i], taken[i]
                else:
                    continue
            spans.append(Span(doc, start, end, label="ORG"))
            taken.append((start, end))
    mentions = []
    for span in sorted(spans, key=lambda s: s.start):
        name = clean_name(span.text)
        if len(name) < 2 or not any(c.isupper() for c in name) or _only_a_noun(span):
            continue
        mentions.append(_Mention(span, name, span.label_))
    return mentions


def _only_a_noun(span: Span) -> bool:
    """"Kidnappers" opening a sentence, tagged as a name: a word of the lexicon's nouns, no one's name."""
    cues = _cues()
    nouns = cues["member_nouns"] | cues["attacker_nouns"] | cues["group_nouns"] | cues["generic_groups"]
    return all(_lemma(t) in nouns or t.lower_ in nouns or t.is_punct for t in span)


def _name_canonicals(doc: Doc, mentions: list[_Mention]) -> None:
    defined: dict[str, str] = {}  # acronyms the article defines: "(BLF)" after a name
    full_names: dict[str, str] = {}  # a person's surname -> full name seen earlier
    text = doc_text(doc)
    for mention in mentions:
        name = mention.name
        known = canonical_name(name)
        if known is not None:  # a group of the lexicon, whatever label the model gave it
            mention.label = "ORG"
            mention.canonical = known
        elif mention.label == "PERSON":
            parts = name.split()
            if len(parts) == 1 and name in full_names:
                mention.canonical = full_names[name]
                continue
            if len(parts) > 1:
                full_names.setdefault(parts[-1], name)
            mention.canonical = name
            continue
        else:
            mention.canonical = defined.get(name, name)
        acronym = _ACRONYM_AFTER.match(text, mention.span.end_char)
        if acronym and acronym[1] != name:
            defined[acronym[1]] = mention.canonical


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _before(span: Span, count: int = LOOKBACK_TOKENS) -> list[Token]:
    """The tokens just before ``span`` in its sentence, nearest first."""
    start = max(span.sent.start, span.start - count)
    return list(reversed(span.doc[start:span.start]))


def _preposition_before(span: Span) -> Token | None:
    """"by" in "by the separatist BLA": the nearest preposition, skipping determiners and modifiers."""
    for token in _before(span):
        if token.dep_ == "prep" or token.pos_ == "ADP":
            return token
        modifier = token.pos_ in ("DET", "ADJ", "ADV", "PROPN", "NOUN", "PUNCT") or token.tag_ in ("VBN", "VBG")
        if not modifier or token.text in (",", ";", ".", "(", ")"):
            return None
    return None


def _phrase_head(span: Span) -> Token:
    """The noun a name stands for in its sentence (rule ``actors.phrase_head``): the group or member noun
    it names ("Islamic State militants", "the Boko Haram sect", "members of X", "fighters from X"), the
    first of a list ("Both IS and a TTP faction"), the name an apposition renames ("Al Qaeda of Islamic
    Maghreb (AQIM)"); else its own root. A name modifying another word ("an al-Qaeda-linked group") stays
    its own root, whose role there is a modifier's."""
    cues = _cues()
    nouns = cues["member_nouns"] | cues["attacker_nouns"] | cues["group_nouns"]
    of_nouns = cues["member_nouns"] | cues["attacker_nouns"] | (cues["group_nouns"] - {"group", "organisation",
                                                                                         "organization", "movement"})
    token = _name_root(span)
    if len({t.head.i for t in span if not span.start <= t.head.i < span.end}) > 1:
        return token  # "an Islamic State-allied faction": the name's words modify different words
    for _ in range(8):  # a phrase is a few steps deep; a bound guards against a malformed parse
        head = token.head
        if head is token:
            break
        if token.dep_ in ("compound", "nmod", "amod", "nummod", "poss") and head.pos_ in ("NOUN", "PROPN") \
                and _lemma(head) in nouns:  # (possessive: "Boko Haram's insurgents")
            token = head
        elif token.dep_ in ("appos", "conj") and head.pos_ in ("NOUN", "PROPN") and head.ent_type_ not in ("GPE", "LOC"):
            token = head  # (not a dateline's town: "NAIROBI (Reuters):")
        elif token.dep_ == "pobj" and head.lower_ in ("of", "from") and _lemma(head.head) in of_nouns:
            token = head.head
        elif token.dep_ == "pobj" and head.lower_ == "of" and _lemma(token) in of_nouns and (
                head.head.ent_type_ == "CARDINAL" or head.head.pos_ == "NUM"):
            token = head.head  # "dozens of militants", "five of the attackers"
        elif token.dep_ == "pobj" and head.lower_ in ("to", "with") and head.head.dep_ in ("acl", "amod") \
                and _lemma(head.head) in cues["affiliation_verbs"] and _lemma(head.head.head) in nouns:
            token = head.head.head  # "militants belonging to X", "fighters affiliated with X"
        elif token.dep_ == "pobj" and head.lower_ == "as" and _lemma(head.head) in ("know", "call", "name") \
                and _lemma(head.head.head) in nouns:
            token = head.head.head  # "a gang known as 400 Mawozo"
        elif token.dep_ in ("oprd", "dobj", "attr") and _lemma(head) in ("call", "name") and head.dep_ == "acl" \
                and _lemma(head.head) in nouns:
            token = head.head  # "a movement called the Ahvaz National Resistance"
        else:
            break
    return token


def _name_root(span: Span) -> Token:
    """The word of a name its phrase hangs from: spaCy's root, unless that is the article or the possessive
    of a name that modifies a noun ("The New People's Army rebels": "Army", not "The")."""
    root = span.root
    if root.dep_ not in ("det", "case", "punct"):
        return root
    outward = [t for t in span if not span.start <= t.head.i < span.end and t.dep_ not in ("det", "case", "punct")]
    return outward[-1] if outward else root


def _passive(verb: Token) -> bool:
    return any(child.dep_ in ("auxpass", "nsubjpass") for child in verb.children)


def _does_attack(verb: Token, depth: int = 0) -> bool:
    """Whether the active subject of ``verb`` (or of a verb it is joined to) carries out or claims an
    attack: "stormed the school", "claimed responsibility", "carried out the attack", "took hostages",
    "opened fire", "said it carried out the attack"."""
    cues = _cues()
    for v in (verb, *verb.conjuncts):
        if v.pos_ not in ("VERB", "AUX") or _passive(v) or negated_or_denied(v):
            continue
        lemma = _lemma(v)
        objects = [c for c in v.children if c.dep_ in ("dobj", "attr")]
        # "carried out dozens of suicide bombings", "a series of attacks": the counted noun is the object
        objects += [g for c in objects for p in c.children if p.dep_ == "prep" and p.lower_ == "of"
                    for g in p.children if g.dep_ == "pobj"]
        object_lemmas = {_lemma(c) for c in objects}
        if lemma in cues["claim_verbs"] and object_lemmas & (cues["claim_nouns"] | cues["attack_nouns"]):
            return True
        if lemma in cues["attack_verbs"] and object_lemmas & cues["attack_nouns"]:
            return True
        if plotted(v):
            return True
        if lemma in cues["kidnap_verbs"] | cues["target_verbs"] | cues["harm_verbs"]:
            return True
        if lemma in ("take", "hold") and _about_hostages(v):
            return True
        if lemma == "open" and "fire" in object_lemmas:
            return True
        # "fired on the convoy", "fired rockets at the town" (not "fired tear gas": a force's, left out anyway)
        if lemma == "fire" and (object_lemmas & cues["fire_objects"] or any(
                c.dep_ == "prep" and c.lower_ in ("on", "at", "upon") for c in v.children)):
            return True
        # "began shooting hostages", "tried to storm the building": the doing is the verb's complement
        if depth == 0 and any(c.dep_ == "xcomp" and _does_attack(c, depth + 1) for c in v.children):
            return True
        # "X said it carried out the attack": the clause said, with a pronoun for X as its subject
        if depth == 0 and lemma in ("say", "announce", "state", "confirm"):
            for clause in v.children:
                if clause.dep_ == "ccomp" and any(c.dep_ == "nsubj" and _itself(c) for c in clause.children) \
                        and (_does_attack(clause, depth + 1) or _responsible(clause, depth + 1)):
                    return True
    return False


def _itself(subject: Token) -> bool:
    """The speaker of "X said it carried out the attack" again: a pronoun a group goes by, or its own people
    ("X said its fighters carried out the attack"). Not "he": "'He blew himself up,' the SSP said" tells of
    somebody else (rule ``actors.perpetrator.self_reference``)."""
    pronouns = _cues()["group_pronouns"]
    return (subject.pos_ == "PRON" and subject.lower_ in pronouns) or any(
        c.dep_ == "poss" and c.lower_ in pronouns for c in subject.children)


def _blamed_for_attack(verb: Token) -> bool:
    """"blamed X for the attack", "accused X of carrying out the bombing", "blamed X": what ``verb`` blames
    on its object is an attack, or nothing said ("accused Trump of inspiring a shooter" is no blame for it)."""
    cues = _cues()
    reasons = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("for", "of", "over")]
    if not reasons:
        return True
    words = {_lemma(t) for reason in reasons for t in reason.subtree}
    return bool(words & (cues["attack_nouns"] | cues["attack_verbs"] | cues["kidnap_verbs"] | cues["target_verbs"]))


def _by_agent_of_attack(by: Token) -> bool:
    """"claimed by X", "an attack by X", "kidnapped by X", "held hostage by X": ``by`` brings in the doer."""
    cues = _cues()
    governor = by.head
    lemma = _lemma(governor)
    if lemma in (cues["attack_nouns"] | cues["attack_verbs"] | cues["harm_verbs"] | cues["target_verbs"]
                 | cues["claim_verbs"] | cues["kidnap_verbs"]):
        return True
    if lemma in cues["plot_verbs"]:
        # "an attack that appears to have been backed by the Islamic State group", "the bombing was
        # masterminded by X"; not "a meeting organised by X"
        verb = governor
        for _ in range(3):
            # (or its doers: "the attackers were trained by X")
            if any(c.dep_ in ("nsubjpass", "nsubj") and _lemma(c) in cues["attack_nouns"] | cues["attacker_nouns"]
                   for c in verb.children):
                return True
            if verb.dep_ in ("relcl", "acl"):
                return _lemma(verb.head) in cues["attack_nouns"]
            if verb.dep_ not in ("xcomp", "ccomp", "conj") or verb.head is verb:
                return False
            verb = verb.head
        return False
    return lemma == "hold" and _about_hostages(governor)


def _about_hostages(verb: Token) -> bool:
    """"held hostage", "took 40 hostages", "where they had been held" in a sentence of the hostage-taking."""
    words = _cues()["hostage_nouns"]
    return any(_lemma(t) in words or any(w in t.lower_ for w in words) for t in verb.sent)


def _responsible(verb: Token, depth: int = 0) -> bool:
    """"X was behind the attack", "X is believed to be responsible", "X appears to have been behind it"."""
    cues = _cues()
    if negated_or_denied(verb):
        return False
    if _lemma(verb) == "be" and any(_lemma(c) in cues["responsible_words"] and c.dep_ in ("acomp", "prep")
                                    for c in verb.children):
        return True
    return depth < 2 and any(c.dep_ == "xcomp" and _responsible(c, depth + 1) for c in verb.children)


def _doer(head: Token) -> bool:
    """Whether the phrase headed by ``head`` carries out, claims or is blamed for an attack (rules
    ``actors.perpetrator.*``, read off the dependency parse)."""
    cues = _cues()
    dep, governor = head.dep_, head.head
    # subject: "X claimed responsibility", "X militants stormed the school"
    if dep == "nsubj" and _does_attack(governor):
        return True
    # relative clause: "the gang that raided the mall", "X, which claimed responsibility"
    for child in head.children:
        if child.dep_ == "relcl" and any(c.dep_ == "nsubj" and c.tag_ in ("WDT", "WP") for c in child.children) \
                and _does_attack(child):
            return True
    # "by X": the doer of a passive verb or of an attack noun
    if dep == "pobj" and (governor.dep_ == "agent" or governor.lower_ == "by") and _by_agent_of_attack(governor):
        return True
    if dep == "pobj" and governor.lower_ in ("on", "at"):
        verb = governor.head
        # "blamed on X", "blamed the attack on X"
        if governor.lower_ == "on" and (_lemma(verb) in cues["blame_verbs"] or _lemma(verb.head) in cues["blame_verbs"]):
            return True
        # "suspicion fell on X", "pointed the finger at X"
        if any(c.dep_ in ("nsubj", "dobj") and _lemma(c) in cues["suspicion_nouns"] for c in verb.children):
            return True
    # "officials blamed X for the attack", "X was blamed"
    if dep in ("dobj", "nsubjpass") and _lemma(governor) in cues["blame_verbs"] and _blamed_for_attack(governor):
        return True
    # "the militants responsible", "X was responsible for / behind the attack"
    if any(c.dep_ == "amod" and _lemma(c) in cues["responsible_words"] for c in head.children):
        return True
    if dep in ("nsubj", "nsubjpass") and _responsible(governor):
        return True
    # "officials held X responsible"
    if dep == "dobj" and _lemma(governor) == "hold" and any(
            _lemma(c) in cues["responsible_words"] for c in governor.children if c.dep_ in ("oprd", "acomp", "ccomp")):
        return True
    # "the attack was attributed to X", "officials attributed the blast to militants of X"
    if dep == "pobj" and governor.lower_ == "to" and _lemma(governor.head) in cues["blame_verbs"]:
        return True
    # "the attackers belonged to X", "the gunmen were from X", "the bomber was linked to X"
    if dep == "pobj" and governor.lower_ in ("to", "from", "with") and _attackers_of(governor.head):
        return True
    # "a spokesman for X claimed responsibility", "X spokesman Y claimed the attack": X claims
    if _voice_of_claim(head):
        return True
    # "the attack bore the hallmarks of X"
    if dep == "pobj" and governor.lower_ == "of" and _lemma(governor.head) in cues["hallmark_nouns"]:
        return True
    # "the bombing was the work of X", "the attackers were identified as members of X"
    if work_of(head) or identified_as_members(head):
        return True
    # "the attackers were members of X"
    if dep == "attr" and _lemma(governor) == "be" and any(
            c.dep_ == "nsubj" and _lemma(c) in cues["attacker_nouns"] for c in governor.children):
        return True
    # "X's claim of responsibility"
    return dep == "poss" and _lemma(governor) in ("claim",)


def _attackers_of(verb: Token) -> bool:
    """"belonged to", "were from", "was linked to" said of the attackers (rule ``actors.perpetrator.affiliation``):
    the subject is an attacker or member noun ("the attackers", "the gunmen", "the bomber")."""
    cues = _cues()
    if _lemma(verb) not in cues["affiliation_verbs"] | {"be", "come", "hail"}:
        return False
    return any(c.dep_ in ("nsubj", "nsubjpass") and _lemma(c) in cues["attacker_nouns"] | cues["member_nouns"]
               for c in verb.children)


def _voice_of_claim(head: Token) -> bool:
    """A name speaking through its spokesman or statement that claims the attack (rule
    ``actors.perpetrator.voice``): "a spokesman for X claimed", "X spokesman Y claimed", "a statement
    from X claimed responsibility"."""
    cues = _cues()
    if head.dep_ == "pobj" and head.head.lower_ in ("for", "of", "from"):
        voice = head.head.head
    elif head.dep_ in ("compound", "nmod", "poss"):
        voice = head.head
    else:
        return False
    if _lemma(voice) not in cues["voice_nouns"]:
        return False
    if voice.dep_ in ("compound", "appos") and voice.head.pos_ in ("PROPN", "NOUN"):
        voice = voice.head  # "TTP spokesman Muhammad Khurasani": the person the title names
    verb = voice.head
    return voice.dep_ == "nsubj" and _lemma(verb) in cues["claim_verbs"] and any(
        c.dep_ in ("dobj", "attr") and _lemma(c) in cues["claim_nouns"] | cues["attack_nouns"] for c in verb.children)


def _perpetrator_cue(mention: _Mention) -> bool:
    cues = _cues()
    span = mention.span
    head = _phrase_head(span)
    if head.i >= span.end or head.i < span.start:
        # "the 10 Taliban attackers", "al-Shabaab gunmen": the name's noun names the attack's doers
        # ("a hijacker, Ibrahim, a Kashmiri": one man, whose origin is no group)
        if _lemma(head) in cues["attacker_nouns"] and (head.tag_ == "NNS" or canonical_name(mention.name)):
            return True
    if _doer(head):
        return not (_security_force(mention) and not _claims(head)) and not _outlet(mention)
    if canonical_name(mention.name) is not None and claims_right_after(span) and not _outlet(mention):
        return True
    return _names_the_attack(mention, head)


def _names_the_attack(mention: _Mention, head: Token) -> bool:
    """"the Taliban attack on the airport", "Sunday's Boko Haram raid", "al-Shabaab's bombing of the hotel"
    (rule ``actors.perpetrator.attack_modifier``): an armed group of the aliases lexicon modifying an
    attack noun is its doer. Only a known group: any other name before "attack" is as often its target or
    its venue ("the Charlie Hebdo attack")."""
    known = canonical_name(mention.name)
    if known is None or _outlet(mention) or _fold(known) in _not_armed_groups():
        return False
    return head.dep_ in ("compound", "nmod", "poss") and _lemma(head.head) in _cues()["attack_nouns"] \
        and not any(c.dep_ == "prep" and c.lower_ == "by" for c in head.head.children)


@cache
def _not_armed_groups() -> frozenset[str]:
    """Entries of the aliases lexicon that are no armed group (agencies, the UN, wire services), folded."""
    return frozenset(_fold(name) for name in load_lexicon("perpetrator_cues").get("not_armed_groups", []))


@cache
def _outlets() -> frozenset[str]:
    """News outlets and wire services (lexicon ``source_kinds``: ``outlets``): they report, never attack."""
    return frozenset(_fold(name) for name in load_lexicon("source_kinds")["outlets"])


def _outlet(mention: _Mention) -> bool:
    """"NAIROBI (Reuters): Kenyan security forces have killed ...": a dateline's agency."""
    return _fold(mention.name) in _outlets() or _fold(mention.canonical or "") in _outlets()


def _claims(head: Token) -> bool:
    """Whether ``head`` is the subject of a claim verb ("claimed", "took responsibility")."""
    cues = _cues()
    return head.dep_ == "nsubj" and _lemma(head.head) in cues["claim_verbs"]


def _security_force(mention: _Mention) -> bool:
    """A state's force ("Kenya Defence Forces", "Nigerian Army"), unless the lexicon knows it as a group."""
    if canonical_name(mention.name) is not None:
        return False
    words = {word.lower() for word in mention.name.replace("-", " ").split()}
    # "National Liberation Army": an army of insurgents, never the state's
    return bool(words & _cues()["security_words"]) and not words & _cues()["insurgent_name_words"]


def _target_cue(mention: _Mention) -> bool:
    cues = _cues()
    prep = _preposition_before(mention.span)
    if prep is not None and prep.lower_ in ("on", "against") and _lemma(prep.head) in cues["attack_nouns"]:
        return True
    root = mention.span.root
    return root.dep_ == "dobj" and _lemma(root.head) in cues["target_verbs"]


def _person_role(mention: _Mention) -> str | None:
    cues = _cues()
    span = mention.span
    root = span.root
    head = _lemma(root.head)
    # Titles: "Interior Minister X", "Sheriff X", "X, a police spokesman", "X, the police chief"
    if any(_lemma(t) in cues["official_titles"] for t in span[:-1]):
        return "official"
    for token in _before(span, 3):
        if token.text in (",", ";", ".") or token.pos_ == "VERB":
            break
        if _lemma(token) in cues["official_titles"]:
            return "official"
    for child in root.children:
        if child.dep_ == "appos" and any(_lemma(t) in cues["official_titles"] for t in child.subtree):
            return "official"
    if root.dep_ == "appos" and _lemma(root.head) in cues["official_titles"]:
        return "official"
    # Suspects: "X was arrested", "X is charged with", "the suspect, X,"
    if root.dep_ in ("nsubjpass", "dobj") and head in cues["suspect_verbs"]:
        return "perpetrator"
    if root.dep_ == "appos" and head in cues["suspect_nouns"]:
        return "perpetrator"
    # Victims: "X was shot", "X died", "X was pronounced dead", "the victim, X,", "identified as X"
    if root.dep_ == "nsubjpass" and (head in cues["harm_verbs"] or head == "pronounce"):
        return "victim"
    if root.dep_ == "nsubj" and head in cues["death_verbs"]:
        return "victim"
    if root.dep_ == "dobj" and head in cues["harm_verbs"]:
        return "victim"
    if root.dep_ == "appos" and head in cues["victim_nouns"]:
        return "victim"
    if root.dep_ == "pobj" and root.head.lower_ == "as" and _lemma(root.head.head) in cues["identify_verbs"]:
        # "identified the suspect as X" / "the victim was identified as X"
        identified = [_lemma(t) for t in root.head.head.children if t.dep_ in ("dobj", "nsubjpass")]
        return "perpetrator" if any(lemma in cues["suspect_nouns"] for lemma in identified) else "victim"
    # "X shot his friend": the one who shot
    if root.dep_ == "nsubj" and head in cues["harm_verbs"]:
        return "perpetrator"
    return None


def _assign_roles(mentions: list[_Mention]) -> None:
    person_roles: dict[str, str] = {}
    for mention in mentions:
        if mention.label == "PERSON":
            mention.role = _person_role(mention)
            if mention.role in ("official", "victim"):
                person_roles.setdefault(mention.canonical, mention.role)
        elif mention.label == "DESCRIPTION":
            # a description is a group only as the doer of the attack ("Chechan separatists")
            mention.role = "perpetrator" if mention.head is not None and _doer(mention.head) else None
        elif mention.canonical == mention.name and _person_role(mention) == "victim":
            mention.role = "victim"  # a person the model tagged ORG: "Marcus Reed, 24, was pronounced dead"
        elif _perpetrator_cue(mention):
            mention.role = "perpetrator"
        elif _target_cue(mention):
            mention.role = "target"
        else:
            mention.role = "organisation"
    for mention in mentions:
        if mention.label == "PERSON" and mention.role is None:
            mention.role = person_roles.get(mention.canonical)


def _group_names(mentions: list[_Mention]) -> None:
    """Names of groups told by the noun after them (rule ``actors.group_name``): "the 400 Mawozo gang" is a
    gang's name, whatever the model tagged "Mawozo", and its number is part of it; "Chechan separatists",
    a single word the lexicon does not know before a member noun, is a description of the group, named
    with its noun (the word alone would be a fragment: a nationality, a region)."""
    cues = _cues()
    for mention in mentions:
        span, root = mention.span, mention.span.root
        head = _phrase_head(span)
        # a name the lexicon or the article resolves ("SFF" defined as "Sindh Freedom Front") stays a name
        if head.i in range(span.start, span.end) or canonical_name(mention.name) is not None \
                or mention.canonical != mention.name:
            continue
        if _lemma(head) in cues["group_nouns"] and root.dep_ in ("compound", "nummod", "pobj", "appos"):
            start = span.start
            while start > span.sent.start and span.doc[start - 1].dep_ in ("nummod", "compound") \
                    and span.doc[start - 1].head.i in (head.i, root.i) and span.doc[start - 1].pos_ in ("NUM", "PROPN"):
                start -= 1
            mention.span = Span(span.doc, start, span.end, label="ORG")
            mention.name = mention.canonical = clean_name(mention.span.text)
            mention.label = "ORG"
        elif root.dep_ == "compound" and head.i == span.end and head.pos_ == "NOUN" and len(span) == 1 \
                and _lemma(head) in cues["member_nouns"] | cues["attacker_nouns"] and not mention.name.isupper() \
                and (mention.label != "PERSON" or head.tag_ == "NNS"):  # "Tamil separatists", "Tamil" tagged a person
            mention.span = Span(span.doc, span.start, head.i + 1, label="DESCRIPTION")
            mention.name = mention.canonical = clean_name(mention.span.text)
            mention.label, mention.head = "DESCRIPTION", head


def _perfect(verb: Token) -> bool:
    """"have attacked", "has carried out": the present perfect, which tells what a group does or has done."""
    return verb.tag_ == "VBN" and any(c.dep_ == "aux" and _lemma(c) == "have" and c.tag_ in ("VBP", "VBZ")
                                      for c in verb.children)


def _descriptions(doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
    """Groups named by what they are, where no name is (rule ``actors.description``): a kind of armed group
    ("bandits"), or a member noun after a nationality or a creed ("Chechen rebels", "Islamist militants").
    Only those doing the attack are kept: "two Islamic militants who attacked the museum", "kidnapped by
    bandits", "suspicion fell on Chechen separatists"."""
    cues = _cues()
    taken = {i for m in mentions for i in range(m.span.start, m.span.end)}
    nouns = cues["member_nouns"] | cues["attacker_nouns"]
    found = []
    for token in doc:
        lemma = _lemma(token)
        # "bandits"; "Maoists": a creed's word in the plural names its followers
        # ("separatists", "extremists" alone are members of no group said, as "militants" are)
        alone = lemma in cues["generic_groups"] or (lemma in cues["qualifier_words"] and lemma not in nouns)
        if token.pos_ != "NOUN" or token.i in taken or (lemma not in nouns and not alone):
            continue
        qualifiers = [c for c in token.lefts if c.dep_ in ("amod", "compound", "nmod") and c.i not in taken
                      and (c.ent_type_ == "NORP" or _lemma(c) in cues["qualifier_words"])]
        if not qualifiers and not alone:
            continue
        # a group, in a sentence of this attack: "German gunman" is one man; "Arab separatists have attacked
        # oil pipelines in the past" tells what they do, not what they did here
        if token.tag_ not in ("NNS", "NNPS") or _perfect(token.head) or not _doer(token):
            continue
        start = min((q.i for q in qualifiers), default=token.i)
        span = Span(doc, start, token.i + 1, label="DESCRIPTION")
        words = [t.text for t in span if t in qualifiers or t.i == token.i]
        # "bandits"; a creed's or a movement's name keeps its capital ("Maoists")
        name = " ".join(words) if qualifiers else token.text if lemma in cues["qualifier_words"] else token.lower_
        found.append(_Mention(span, name, "DESCRIPTION", canonical=name, role="perpetrator", head=token))
    return found


_KIND_OF_LABEL = {"PERSON": "person", "DESCRIPTION": "description"}


def actors_of(doc: Doc, matchers: tuple[PhraseMatcher, PhraseMatcher]) -> list[Actor]:
    """Every named organisation and every person with a role, per mention, and every group named by what
    it is that does the attack ("bandits"), in text order."""
    mentions = _find_mentions(doc, matchers)
    _name_canonicals(doc, mentions)
    _group_names(mentions)
    _assign_roles(mentions)
    mentions = sorted(mentions + _descriptions(doc, mentions), key=lambda m: m.span.start)
    return [
        Actor(name=m.name, role=m.role, canonical=m.canonical, span=(m.span.start_char, m.span.end_char),
              kind=_KIND_OF_LABEL.get(m.label, "organisation"))
        for m in mentions
        if m.role is not None
    ]


def actors_in_range(doc: Doc, start_char: int, end_char: int, role: str | None = None) -> list[Actor]:
    """The actors ``accord_actors`` found between two character offsets of ``doc`` (of one role)."""
    return [a for a in doc._.actors or []
            if a.span and start_char <= a.span[0] and a.span[1] <= end_char and (role is None or a.role == role)]


def perpetrators(actors: Iterable[Actor]) -> list[str]:
    """Canonical names of the perpetrators among ``actors``, each once, in order."""
    seen: dict[str, None] = {}
    for actor in actors:
        if actor.role == "perpetrator":
            seen.setdefault(actor.canonical or actor.name, None)
    return list(seen)


@Language.factory("accord_actors", assigns=["doc._.actors"], requires=["doc.ents", "token.dep", "token.lemma", "doc._.places"],
                  default_config={"lexicons": {}})
def make_component(nlp: Language, name: str, lexicons: dict[str, Any]) -> Callable[[Doc], Doc]:
    extend_lexicons(lexicons)
    matchers = _alias_matcher(nlp)

    def component(doc: Doc) -> Doc:
        doc._.actors = actors_of(doc, matchers)
        return doc

    return component


__all__ = ["actors_of", "actors_in_range", "canonical_name", "clean_name", "perpetrators", "COMPONENT_VERSION"]
