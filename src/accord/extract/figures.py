"""The ``accord_figures`` component: every count of people in an incident → a :class:`Claim`.

Finding (per sentence, from the one spaCy parse):

1. *Participants*: a noun naming people ("three men", "the gunman", a person's
   name, "he"), or a count standing alone ("one fatally", "killing two",
   "two of the victims"). Its count comes from the number phrase on its left
   (:func:`accord.extract.numbers.parse_count`), or is implicit: a singular
   noun is one person, "two men and a woman" sums its conjuncts, "no one" is 0.
   (This side lives in :mod:`accord.extract.figure_counting`.)
2. *What happened to them*: the participant's governing predicate, read by its
   grammatical role: the passive subject or object of a patient verb ("were
   killed", "killed two"), the subject of "died"/"escaped", of "is dead", a
   reduced relative ("two people killed in"), "left three dead". Verbs sharing
   the subject through coordination count ("shot and killed"). Trigger lemmas
   are data (lexicon ``figure_triggers``), groups come from ``group_nouns``.
3. *Who says so*: :func:`accord.extract.sources.find_source`; modality from a
   governing "threatened"/"denied"/"claimed".

Writing: "shot" without an outcome is a *hit* (killed or injured). Per article,
hits are turned into injured claims for those not reported killed ("three shot,
one fatally" → 1 killed, 2 injured); a hit that only restates somebody counted
injured before is an injured claim too (a coder notes each statement). Aggregate
statistics (a year's total, a percentage) go to ``doc._.statistics``. ``mention``
stays 0 and ``as_of`` None: ``accord_mentions`` sets them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

import numpy as np
from spacy.attrs import DEP, LEMMA, LOWER, ORTH, POS, TAG
from spacy.language import Language
from spacy.parts_of_speech import NOUN, PRON, PROPN
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from accord.extract.extensions import doc_text, entities_within, made_once
from accord.extract.figure_counting import (
    AGE_WORDS,
    age_noun,
    coordinated,
    count_of,
    count_tokens,
    is_clock,
    is_numberish,
    not_a_count,
    noun_stoplist,
    person_group,
    vague_words,
    with_conjuncts,
)
from accord.extract.numbers import Count, count_word_value, is_count_word, parse_count
from accord.extract.sources import claims_an_act, find_source, source_kind
from accord.lexicons import load_lexicon
from accord.models import Claim, Interval, Source

EXTRACTOR = "accord.figures.v1"

#: Internal measure of "shot" with no stated outcome; never leaves this module.
HIT = "hit"

#: Measures from the strongest outcome down: "shot and killed" is killed, not hit.
_PRIORITY = ("killed", "injured", HIT, "held", "released", "rescued", "escaped", "arrested", "missing", "present")

#: Auxiliaries of an unreal or future figure: "could have killed", "no one will escape" (a prediction).
#: Newlines that end a paragraph (a blank line), in the GVA texts and trafilatura's output alike.
PARAGRAPH_NEWLINES = 2
#: A title line is at most this many tokens (titles in the GVA dev documents run 5-15).
HEADLINE_MAX_TOKENS = 20
_SENTENCE_END = '.!?"\u201d\u2019\''
#: Pronouns a partitive count refers back to people with: "one of them fatally".
_PARTITIVE_PRONOUNS = {"them", "those", "these", "whom", "us"}
#: Multiples of a count stated before ("twice as many"): the arithmetic is not attempted.
_MULTIPLES = {"twice", "thrice", "half", "double", "triple"}
#: Words a "same count" phrase may start with, left of where the parse put the count: "at least that many".
_SAME_COUNT_WORDS = {"as", "that", "at", "least", "more", "than", "nearly", "almost", "about", "roughly", "around"}
#: Words that put a count beside those already counted: "three others were shot" are not the dead.
_BESIDES = {"other", "others", "another", "additional"}
#: Pronouns a party names itself or is named with when it claims its own act: "they claimed to have killed 20".
_CLAIMANT_PRONOUNS = {"they", "it", "we"}
#: How far a parenthesis set off by dashes may run: "four other teens — ages 14, 16, 17 and 18 — injured".
_DASH_REACH = 15
_MODAL_HYPOTHETICAL = {"could", "would", "might", "may", "should", "will", "shall", "'ll"}
#: Prepositions of shooting *at* something: "shot at police", "fired into the crowd".
_AIMED = {"at", "into", "through", "toward", "towards", "from"}
#: Lemmas saying somebody died; an unnumbered injured person in the same sentence is that person.
_DEATH_LEMMAS = {"die", "succumb", "pronounce"}
#: Governing verbs that make a figure unreal: "wanted to kill", "tried to kill".
_UNREAL_VERBS = {"want", "try", "attempt", "plan", "intend", "let", "fear", "hope", "prevent", "avoid", "refuse"}
#: Nouns that say their people are held ("hostages"), whatever is done or tried for them.
_CAPTIVE_NOUNS = {"hostage", "captive"}
#: Nouns of an act not (yet) done, which an act named before them does not make real: "a murder-suicide threat".
_UNDONE_ACT_NOUNS = {"threat", "plot", "pact", "attempt", "plan", "scare", "hoax"}
#: Pronouns that speak again of one person, by sex.
_SEXED_PRONOUNS = {"he": "male", "him": "male", "she": "female", "her": "female"}
#: Nouns of a wound, which a hospital statement may carry ("with gunshot wounds").
_WOUND_NOUNS = {"wound", "injury"}
_YEAR_DATE = re.compile(r"^(?:in |since |during |over )?(?:the )?(?:(?:19|20)\d\d|(?:this|last|past|previous) (?:year|decade)|"
                        r"so far this year|this year so far|.*\byears?\b|(?:last|past) .*(?:weeks?|months?))$", re.IGNORECASE)


@cache
def _triggers() -> dict:  # type: ignore[type-arg]
    return load_lexicon("figure_triggers")


@dataclass
class _Hit:
    """One figure found in a sentence, before per-article resolution."""

    measure: str
    group: str
    count: Count
    start: int  # character span of the figure phrase
    end: int
    anchor: Token
    modality: str
    explicit: bool  # a number was written (not an implicit "a man")
    same_as_before: str | None = None  # "at least as many": the hedge of a count repeating the one before


# --------------------------------------------------------------------------- predicates


def _verb_chain(verb: Token, subject: bool = True) -> list[Token]:
    """``verb`` and the verbs sharing its subject (or, with ``subject=False``, its object) by coordination."""
    chain = [verb]
    has_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    if subject and verb.dep_ == "conj" and not has_subject and verb.head.pos_ in ("VERB", "AUX"):
        chain.append(verb.head)
    own_role = ("nsubj", "nsubjpass") if subject else ("nsubj", "nsubjpass", "dobj")
    for child in verb.children:
        if child.dep_ in ("conj", "xcomp") and child.pos_ in ("VERB", "ADJ") and \
                not any(c.dep_ in own_role for c in child.children):
            chain.append(child)
    return chain


def _fatal(verb: Token) -> bool:
    fatal = set(_triggers()["fatal"])
    for child in verb.children:
        if child.lower_ in fatal or child.lemma_.lower() in fatal:
            return True
        if child.dep_ == "prep" and child.lower_ == "to" and any(g.lemma_ == "death" for g in child.children):
            return True
    return False


def _nonfatal(verb: Token) -> bool:
    nonfatal = set(_triggers()["nonfatal"])
    return any(t.lower_ in nonfatal for t in verb.subtree if t.i - verb.i < 6)


def _patient_measure(verb: Token) -> str | None:
    lexicon = _triggers()
    lemma = verb.lemma_.lower()
    measure = lexicon["patient_verbs"].get(lemma)
    if measure is None:
        return None
    needs = lexicon["held_needs"].get(lemma)
    if needs and not any(t.lemma_.lower() in needs for t in verb.subtree if t.i > verb.i):
        return None
    if measure == "released" and any(t.lemma_.lower() in lexicon["release_not_captive"] for t in verb.subtree
                                     if t.i > verb.i and not _freeing_agent_word(verb, t)):
        return None  # released from jail or hospital: nobody was held captive
    if measure == "released" and lemma in lexicon["freeing_verbs"] and _freed_by_security(verb):
        return "rescued"  # "the army freed 350 passengers": a rescue, not captors letting people go
    if measure in (HIT, "injured") and _fatal(verb):
        return "killed"
    if measure == HIT and _nonfatal(verb):
        return "injured"
    return measure


def _freeing_agent(verb: Token) -> Token | None:
    """Who frees: the active subject ("the army freed ...") or the passive agent ("... freed by commandos")."""
    for child in verb.children:
        if child.dep_ == "nsubj":
            return child
        if child.dep_ == "agent":
            return next((o for o in child.children if o.dep_ == "pobj"), None)
    return None


def _freeing_agent_word(verb: Token, word: Token) -> bool:
    """Whether ``word`` names who "freed" people ("freed by the police"): a rescuer, not a custody left.

    "Released by police" stays a release from police custody: only "release" is said of suspects.
    """
    agent = _freeing_agent(verb)
    return verb.lemma_.lower() != "release" and agent is not None and agent.left_edge.i <= word.i <= agent.i


def _freed_by_security(verb: Token) -> bool:
    agent = _freeing_agent(verb)
    if agent is None:
        return False
    forces = set(_triggers()["rescuing_agents"])
    names = [agent, *(c for c in agent.children if c.dep_ == "compound")]
    return person_group(agent) == "security" or any(t.lemma_.lower() in forces or t.lower_ in forces for t in names)


def _state_measure(token: Token) -> str | None:
    """A state word ("dead", "injured", "in critical condition") among ``token``'s complements."""
    states = _triggers()["states"]
    for child in token.children:
        if child.dep_ in ("acomp", "oprd", "attr", "amod", "xcomp", "advmod") and child.lower_ in states:
            return states[child.lower_]
        if child.dep_ == "prep" and child.lower_ in ("in", "on"):
            for obj in child.children:
                if obj.lemma_ == "condition" and any(a.lower_ in states for a in obj.children):
                    return "injured"
                if obj.lower_ in ("board",):
                    return "present"
        # "another is fighting for her life", "clinging to life": alive, badly hurt
        if child.dep_ == "prep" and child.lower_ in ("for", "to") and token.lemma_.lower() in _triggers()["struggle_verbs"] \
                and any(obj.lemma_.lower() == "life" for obj in child.children):
            return "injured"
    return None


def _corpse(head: Token) -> bool:
    """ "a man's body was found", "police recovered two bodies": a dead person."""
    lexicon = _triggers()
    if head.lemma_.lower() not in lexicon["corpse_nouns"] or head.dep_ not in ("nsubj", "nsubjpass", "dobj"):
        return False
    # found, recovered, identified: "her body froze" or "lifting the body of a boy" says nobody died
    return head.head.lemma_.lower() in lexicon["corpse_verbs"]


def _count_stated_by(verb: Token) -> tuple[Count, int, int, str] | None:
    """The number a "toll"/"number" verb states: "was 35", "has risen to 27", "stands at 5".

    Returns (count, start char, end char, modality), or None when there is no count or the verb
    is hypothetical.
    """
    numbers = [c for c in verb.children if c.dep_ in ("attr", "dobj") and c.pos_ == "NUM"]
    numbers += [o for p in verb.children if p.dep_ == "prep" and p.lower_ in ("to", "at")
                for o in p.children if o.dep_ == "pobj" and o.pos_ == "NUM"]
    if not numbers or not_a_count(numbers[0]):
        return None
    words = [t for t in numbers[0].subtree if is_numberish(t)]
    count = parse_count(" ".join(t.text for t in words))
    modality = _modality(verb)
    if count is None or modality is None:
        return None
    return count, words[0].idx, words[-1].idx + len(words[-1].text), modality


def _toll_hits(sent: list[Token]) -> list[_Hit]:
    """ "The death toll has risen to 27", "the toll stands at 5": the toll states the killed count."""
    lexicon = _triggers()
    hits = []
    for toll in sent:
        if toll.lemma_.lower() not in lexicon["toll_nouns"] or toll.dep_ not in ("nsubj", "nsubjpass"):
            continue
        if not any(c.lemma_.lower() == "death" for c in toll.children) and toll.head.lemma_.lower() == "be":
            continue  # a bare "the toll is high" says nothing countable
        verb = toll.head
        if verb.lemma_.lower() not in lexicon["toll_verbs"]:
            continue
        stated = _count_stated_by(verb)
        if stated is not None:
            count, start, end, modality = stated
            hits.append(_Hit("killed", "all", count, start, end, verb, modality, True))
    return hits


def _multiple_event_hits(sent: list[Token]) -> list[_Hit]:
    """ "a quadruple shooting" (four people hit), "a double homicide" (two killed): the event's name counts."""
    lexicon = _triggers()["multiple_event"]
    hits: list[_Hit] = []
    if not sent:
        return hits
    doc, end = sent[0].doc, sent[-1].i + 1
    for word in sent:
        size = lexicon["multipliers"].get(word.lower_)
        if size is None:
            continue
        noun = doc[word.i + 2] if word.i + 2 < end and doc[word.i + 1].text == "-" else \
            doc[word.i + 1] if word.i + 1 < end else None
        measure = lexicon["nouns"].get(noun.lower_) if noun is not None else None
        modality = _modality(noun) if measure is not None and noun is not None else None
        if measure is None or noun is None or modality is None:
            continue
        hits.append(_Hit(measure, "all", Count(Interval(size, size), "exact"), word.idx, noun.idx + len(noun.text),
                         noun, modality, True))
    return hits


def _restated_hits(sent: list[Token], earlier: list[_Hit]) -> list[_Hit]:
    """ "33 rebels were killed, although CNN says the number was 35": a count restated by "the number".

    A general noun of quantity ("the number", "the figure", "the tally") with no "of" phrase of its
    own takes the measure and group of the nearest figure before it in the same sentence: another
    source's value for the same count.
    """
    lexicon = _triggers()
    hits = []
    for noun in sent:
        if noun.lemma_.lower() not in lexicon["restating_nouns"] or noun.dep_ not in ("nsubj", "nsubjpass"):
            continue
        if any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children):
            continue  # "the number of protesters was 500" names its own people
        before = [h for h in earlier if h.end <= noun.idx and h.explicit]
        verb = noun.head
        if not before or verb.lemma_.lower() not in lexicon["toll_verbs"]:
            continue
        stated = _count_stated_by(verb)
        if stated is not None:
            count, start, end, modality = stated
            antecedent = max(before, key=lambda h: h.end)
            hits.append(_Hit(antecedent.measure, antecedent.group, count, start, end, verb, modality, True))
    return hits


#: (noun, preposition) of being held: "taken into custody", "placed under arrest".
_CUSTODY_PHRASES = {("custody", "in"), ("custody", "into"), ("arrest", "under")}


def _custody_hits(sent: list[Token], earlier: list[_Hit]) -> list[_Hit]:
    """ "Two men were taken into custody", "police took a suspect into custody", "214 hostages remain in its custody".

    Custody is arrest for suspects and captivity for hostages; the people are the verb's object
    (active "took X into custody") or its subject.
    """
    hits = []
    taken = {(h.start, h.end) for h in earlier}
    not_arrest = set(_triggers()["custody_not_arrest"])
    for word in sent:
        if word.dep_ != "pobj" or (word.lemma_.lower(), word.head.lower_) not in _CUSTODY_PHRASES:
            continue
        if any(c.dep_ in ("amod", "compound") and c.lemma_.lower() in not_arrest for c in word.children):
            continue  # "in protective custody", "child custody": nobody was arrested
        verb = word.head.head
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        subjects = [c for c in verb.children if c.dep_ in ("nsubjpass", "nsubj")]
        for person in (objects or subjects)[:1]:
            group = person_group(person)
            info = count_of(person) if group is not None else None
            modality = _modality(verb)
            if info is None or modality is None:
                continue
            count, start, explicit = info
            count, end, _ = with_conjuncts(person, count)
            if count.value.low == 1 and count.hedge == "exact" and _both_said(person):
                count = Count(Interval(2, 2), "exact")  # "X, 21, and Y, 25, were both taken into custody"
            end = max(end, person.idx + len(person.text))
            if any(s < end and start < e for s, e in taken):
                continue  # already counted by another rule ("arrested and taken into custody")
            measure, group = ("held", "hostages") if group == "hostages" else ("arrested", "attackers")
            hits.append(_Hit(measure, group, count, start, end, verb, modality, explicit))
    return hits


def _murder_suicide_hits(sent: list[Token]) -> list[_Hit]:
    """ "Police investigate a murder-suicide": somebody killed, and the killer dead by his own hand (two dead)."""
    hits = []
    killings = set(_triggers()["killing_nouns"])
    for word in sent:
        if word.lemma_.lower() != "suicide" or word.i < 2:
            continue
        doc = word.doc
        first = doc[word.i - 2]
        if doc[word.i - 1].text not in ("-", "\u2013", "/") or first.lemma_.lower() not in killings:
            continue
        if word.i >= 3 and doc[word.i - 3].lower_ in _triggers()["multiple_event"]["multipliers"]:
            continue  # "a double murder-suicide": how many the killer took with him is not read here
        modality = _modality(word)
        if modality is None or any(c.lemma_.lower() in ("attempt", "attempted") for c in word.children):
            continue
        if any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for a in word.ancestors for c in a.children):
            continue  # "investigating whether it was a murder-suicide"
        if word.dep_ == "compound" and word.head.lemma_.lower() in _UNDONE_ACT_NOUNS:
            continue  # "a murder/suicide threat": nobody died
        hits.append(_Hit("killed", "all", Count(Interval(2, 2), "exact"), first.idx, word.idx + len(word.text),
                         word, modality, False))
    return hits


def _arrest_unreal(noun: Token) -> bool:
    """An arrest noun that says nobody was arrested: a warrant "for his arrest", information "leading to an
    arrest", "no arrests", "police have not made an arrest"."""
    if noun.head.lower_ == "for" or any(a.tag_ == "VBG" and a.lemma_ == "lead" for a in noun.ancestors):
        return True
    return any(c.dep_ in ("neg", "det") and c.lower_ in ("no", "not", "n't") for c in (*noun.children, *noun.head.children))


def _arrest_noun_hits(sent: list[Token], earlier: list[_Hit]) -> list[_Hit]:
    """ "Police announced two arrests", "upon his arrest", "made an arrest": arrests named by the noun.

    The person is the possessor ("his arrest", "Smith's arrest") or the count the number on the noun
    ("the three arrests"); a warrant, a reward or a call "for his arrest", information "leading to an
    arrest" and "no arrests" say nobody was arrested.
    """
    hits: list[_Hit] = []
    taken = [(h.start, h.end) for h in earlier]
    for noun in sent:
        if noun.lemma_.lower() != "arrest" or noun.pos_ != "NOUN" or noun.dep_ == "compound":
            continue
        if noun.head.lower_ == "under" or _arrest_unreal(noun):
            continue
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        if owner is not None:
            if owner.lower_ not in ("his", "her") and (person_group(owner) is None or owner.tag_ == "NNS"):
                continue
            count, start, end = Count(Interval(1, 1), "exact"), owner.idx, owner.idx + len(owner.text)
            explicit = False
        else:
            words = count_tokens(noun)
            numbers = [t for t in words if is_count_word(t.text)]
            made = noun.head.lemma_.lower() == "make" and noun.dep_ == "dobj"
            if not numbers and not (made and noun.tag_ == "NN" and any(c.lower_ in ("a", "an") for c in noun.children)):
                continue  # "the arrests", "after an arrest": how many is not said
            parsed = parse_count(" ".join(t.text for t in words)) if numbers else Count(Interval(1, 1), "exact")
            if parsed is None or not parsed.value.low:
                continue
            start = words[0].idx if numbers else noun.idx
            count, end, explicit = parsed, noun.idx + len(noun.text), bool(numbers)
        modality = _modality(noun)
        if modality is None or any(s < end and start < e for s, e in taken):
            continue
        hits.append(_Hit("arrested", "attackers", count, start, end, noun, modality, explicit))
    return hits


def _best(measures: list[str]) -> str | None:
    found = [m for m in measures if m]
    return min(found, key=_PRIORITY.index) if found else None


def _predicate(head: Token, explicit: bool, wounds: bool = False) -> tuple[str, Token] | None:
    """What happened to the people ``head`` names: (measure, the predicate token), within their paragraph.

    A title the parser ran on into the first sentence gets relations across the blank line
    ("Man charged in shooting\n\nTwo people ..."): those say nothing. ``wounds``: the sentence
    names a wound, so people "with a gunshot wound" may be the only thing said of them.
    """
    found = _read_predicate(head, explicit)
    if found is None and wounds:
        found = _with_wound(head)
    if found is not None and _across_paragraphs(head, found[1]):
        return None
    return found


def _both_said(head: Token) -> bool:
    """ "X and Y were both killed" with a list the parse broke: "both" on the verb says two people."""
    verb = head.head
    if head.dep_ not in ("nsubj", "nsubjpass") or head.tag_ == "NNS" or \
            not any(c.lower_ == "both" for c in verb.children):
        return False
    # counted one with an "and" before the verb: the parse or the entity tagger lost the other person
    return any(t.lower_ == "and" for t in head.doc[head.left_edge.i : verb.i])


def _with_wound(head: Token) -> tuple[str, Token] | None:
    """ "A man with a gunshot wound showed up at a diner", "police found a teen with injuries": hurt people.

    The "with" phrase hangs on the people or on their verb; on a verb it is its object's or, with no
    person as object, its subject's ("showed up with a wound"). Those "found with a gunshot wound" are
    as often the dead of the story as the hurt: the finding alone says nothing.
    """
    if head.head.lemma_.lower() in _triggers()["finding_verbs"]:
        return None
    holders = [head]
    if head.dep_ in ("nsubj", "nsubjpass", "dobj"):
        verb = head.head
        objects = [c for c in verb.children if c.dep_ == "dobj" and person_group(c) is not None]
        if head.dep_ == "dobj" or not objects:
            holders.append(verb)
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ != "prep" or prep.lower_ != "with":
                continue
            for wound in prep.children:
                if wound.dep_ == "pobj" and wound.lemma_.lower() in _WOUND_NOUNS:
                    fatal = any(a.lower_ in ("fatal", "mortal") for a in wound.children)
                    return ("killed" if fatal else "injured"), wound
    return None


def _read_predicate(head: Token, explicit: bool) -> tuple[str, Token] | None:
    """What happened to the people ``head`` names: (measure, the predicate token)."""
    lexicon = _triggers()
    first = head
    if head.dep_ == "conj":
        # "two men were killed and seven other people were hurt": the parse may join the people,
        # but the verb right after the second group is its own
        following = _verb_after(head)
        if following is not None and following.lemma_.lower() not in ("suffer", "sustain"):  # read below, with its wounds
            measure = _patient_measure(following) or lexicon["subject_verbs"].get(following.lemma_.lower())
            if measure is not None:
                return measure, following
    while first.dep_ in ("conj", "appos") and first.head.i != first.i:
        first = first.head
    if _corpse(head):
        return "killed", head
    if head.pos_ == "NUM" and head.dep_ in ("appos", "conj", "npadvmod") and \
            any(c.dep_ in ("advmod", "npadvmod") and c.lower_ in lexicon["fatal"] for c in head.children):
        return "killed", head  # "four people were shot, one of them fatally"
    if head.dep_ == "poss" and head.pos_ == "NOUN" and head.head.dep_ != "compound" and \
            (measure := lexicon["possessed_outcomes"].get(head.head.lemma_.lower())) is not None:
        # "the woman's death was ruled a suicide" (a name or a pronoun as possessor is as often somebody
        # the story only recalls: "protesters demanded justice in Clark's death")
        return measure, head.head
    # the people's own modifiers: "two people killed in", "three injured men", "five hostages",
    # "a man found dead in a park" (a participle's own complement)
    participles = [c for c in head.children if c.dep_ == "acl" and c.tag_ == "VBN"]
    own = [_patient_measure(c) for c in participles]
    own += [_state_measure(c) or _complement_outcome(c) for c in participles]
    own += [lexicon["states"].get(c.lower_) for c in head.children if c.dep_ in ("amod", "acl", "advmod")]
    if head.lemma_.lower() in lexicon["victim_nouns"]:
        # "the homicide victim was identified": a victim named by a killing is dead
        own += ["killed" for c in head.children if c.dep_ == "compound" and c.lemma_.lower() in lexicon["killing_nouns"]]
    measure = _best([m for m in own if m])
    if measure:
        return measure, head
    # "a boy who was found fatally shot": the relative clause says what happened
    for clause in (c for c in head.children if c.dep_ == "relcl"):
        relative = next((c for c in clause.children if c.tag_ in ("WP", "WDT") and c.dep_ in ("nsubjpass", "nsubj")), None)
        if relative is not None:
            found = _read_predicate(relative, explicit)
            if found is not None:
                return found
    # "the shooting death of a 12-year-old"
    if first.dep_ == "pobj" and first.head.lower_ == "of" and \
            first.head.head.lemma_.lower() in lexicon["death_nouns"] and first.head.head.lemma_.lower() != "killing":
        event = first.head.head
        if lexicon["death_nouns"][event.lemma_.lower()] == "arrested" and _arrest_unreal(event):
            return None  # "a warrant for the arrest of two men"
        if _across_paragraphs(event, first):
            return None  # the parser ran a title on into the text: "shooting of ...\n\nMichael Edwards"
        measure = lexicon["death_nouns"][event.lemma_.lower()]
        if measure == HIT and any(a.lower_ in lexicon["fatal_adjectives"] for a in event.children):
            measure = "killed"  # "the fatal shooting of a man"
        return measure, event
    dep, verb = first.dep_, first.head
    if dep == "pobj" and explicit and verb.lower_ == "with" and verb.i > 0 and \
            verb.doc[verb.i - 1].lower_ not in ("along", "together"):
        # "a car with two children inside", "at home with three friends": counted people present
        # ("along with two others" shares the verb's outcome)
        return "present", verb
    if dep in ("nsubjpass", "dobj", "npadvmod", "advmod", "pobj") and verb.pos_ in ("VERB", "AUX", "ADJ"):
        if dep == "pobj":
            return None
        if dep == "npadvmod" and any(c.lower_ in lexicon["fatal"] for c in head.children):
            return "killed", verb
        # the verb the people hang on decides, unless it only says "shot" ("shot and killed")
        # or a coordinated verb says they died ("was taken to hospital in critical condition but died")
        chain = _verb_chain(verb, subject=dep == "nsubjpass")
        if dep == "nsubjpass" and any(lexicon["subject_verbs"].get(v.lemma_.lower()) == "killed" for v in chain):
            return "killed", verb
        own = _best([m for m in (_patient_measure(verb), _state_measure(verb)) if m])
        if own is not None and own != HIT:
            return own, verb
        if dep == "dobj" and verb.tag_ == "VBG" and verb.i == head.i - 1 and person_group(head) == "attackers":
            return None  # "shooting suspect John Doe": a noun compound the parser read as a verb and its object
        if dep == "dobj" and verb.lemma_.lower() == "leave" and (left := _left_in_state(head)) is not None:
            return left, verb
        if dep == "nsubjpass" and _to_hospital(verb) and _brought_in(head, verb):
            return "injured", verb  # "three other men were sent to the hospital": people brought in, hurt
        measures = [_patient_measure(v) for v in chain] + [_state_measure(v) for v in chain]
        measures += [_complement_outcome(v) for v in chain if v.lemma_.lower() in lexicon["finding_verbs"]]
        if dep == "nsubjpass":  # the gerund's patient is the subject, never an object ("calls 911 after being shot")
            measures += [_after_being(v) for v in chain]
        measure = _best([m for m in measures if m])
        if measure:
            anchor = next((v for v in chain if _patient_measure(v) == measure), verb)
            return measure, anchor
        return None
    if dep == "nsubj" and verb.dep_ in ("ccomp", "xcomp", "oprd") and verb.head.lemma_.lower() in lexicon["finding_verbs"]:
        # a small clause under "found": "officers found the woman dead", "deputies found a man shot"
        measure = lexicon["states"].get(verb.lower_) if verb.pos_ == "ADJ" else \
            _patient_measure(verb) if verb.tag_ == "VBN" else None
        if measure in ("killed", "injured", HIT):
            return measure, verb
    if dep in ("nsubj",) and verb.pos_ in ("VERB", "AUX"):
        # headline style: "4 shot in Atlanta", "Two killed" (a count as subject, no object)
        if explicit and verb.tag_ in ("VBN", "VBD") and not any(
            c.dep_ in ("dobj", "ccomp") or (c.dep_ == "prep" and c.lower_ in _AIMED) for c in verb.children
        ) and person_group(head) != "attackers":
            measure = _patient_measure(verb)
            if measure is not None:
                return measure, verb
        chain = _verb_chain(verb)
        measures = [lexicon["subject_verbs"].get(v.lemma_.lower()) for v in chain]
        # "the child passed away": a verb and its particle
        measures += [lexicon["subject_phrasal_verbs"].get(f"{v.lemma_.lower()} {p.lower_}") for v in chain
                     for p in v.children if p.dep_ == "prt"]
        if verb.lemma_.lower() in ("suffer", "sustain"):  # "suffered a gunshot wound", not "suffered a loss"
            wounds = [t for t in verb.subtree if t.lemma_.lower() in lexicon["suffer_needs"]]
            measures = measures if wounds else []
            if any(a.lower_ in ("fatal", "mortal", "fatally") for t in wounds for a in t.children) or \
                    any(a.lemma_.lower() in ("death", "die") for t in wounds for a in t.subtree if a.i > t.i):
                # "suffered fatal gunshot wounds", "suffered wounds which appear to be the cause of death"
                return "killed", verb
        measures += [_state_measure(v) for v in chain] + [_after_being(v) for v in chain]
        measures += [_surrender(v) for v in chain]
        measure = _best([m for m in measures if m])
        if measure:
            return measure, verb
        if explicit and verb.pos_ == "VERB" and person_group(head) == "attackers":
            return "present", verb  # "three suspects walked up and opened fire": how many took part
    return None


def _arrested_for_other(verb: Token) -> bool:
    """An arrest for something else than the attack: "on an outstanding warrant", "charged with child neglect"."""
    cues = _unrelated_charges()
    return any(t.lemma_.lower() in cues for t in verb.subtree if t.i > verb.i)


@cache
def _unrelated_charges() -> frozenset[str]:
    return frozenset(_triggers()["unrelated_charges"])


@cache
def _surrender_lemmas() -> frozenset[str]:
    surrender = _triggers()["surrender"]
    return frozenset([*surrender["verbs"], *(phrase.split()[0] for phrase in surrender["reflexive_phrasal"])])


def _to_hospital(verb: Token) -> bool:
    """ "taken to the hospital", "rushed to a trauma center": a verb of carrying the people to care."""
    lexicon = _triggers()["hospital"]
    if verb.lemma_.lower() not in lexicon["verbs"]:
        return False
    return any(p.dep_ == "prep" and p.lower_ == "to" and any(o.lemma_.lower() in lexicon["places"] for o in p.children)
               for p in verb.children)


def _brought_in(head: Token, verb: Token) -> bool:
    """Whether a hospital statement brings people in ("three other men", "18 members ... with gunshot
    wounds") rather than speaking again of those counted ("all four victims", "both boys", "the man"):
    it counts people besides others, or people and their wounds or condition; those it takes for
    observation, or where somebody died, include the unhurt and the dead."""
    children = {c.lower_ for c in head.children}
    if children & {"all", "both"} or head.lower_ == "both":
        return False
    if children & _BESIDES:
        return True
    after = [t.lemma_.lower() for t in verb.subtree if t.i > verb.i]
    return any(t.like_num or t.lower_ in vague_words() for t in head.subtree if t.i < head.i) and \
        bool(set(after) & (_WOUND_NOUNS | {"condition"})) and not set(after) & (_DEATH_LEMMAS | {"observation"})


def _surrender(verb: Token) -> str | None:
    """ "turned himself in", "gave himself up", "surrendered to police": the subject is arrested."""
    surrender = _triggers()["surrender"]
    lemma = verb.lemma_.lower()
    if lemma not in _surrender_lemmas():
        return None
    if verb.dep_ == "xcomp" or any(c.tag_ == "TO" for c in verb.children):
        return None  # "refused to surrender", "wished to surrender", "agreed to turn himself in": not yet
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if lemma in surrender["verbs"] and not any(not _reflexive(o) for o in objects):
        return "arrested"
    doc = verb.doc
    for obj in objects:
        following = doc[obj.i + 1].lower_ if obj.i + 1 < len(doc) else ""
        particles = {c.lower_ for c in verb.children if c.dep_ == "prt"} | {following}
        if _reflexive(obj) and any(f"{lemma} {p}" in surrender["reflexive_phrasal"] for p in particles):
            return "arrested"
    return None


def _complement_outcome(verb: Token) -> str | None:
    """ "found dead", "was found fatally shot": the state a verb of finding puts its people in."""
    if verb.lemma_.lower() not in _triggers()["finding_verbs"]:
        return None
    for child in verb.children:
        if child.dep_ in ("oprd", "xcomp", "acomp", "ccomp") and child.tag_ == "VBN":
            measure = _patient_measure(child)
            if measure is not None:
                return measure
    # the parser may tear "found fatally shot" apart: read the words right after the verb
    doc = verb.doc
    i = verb.i + 1
    while i < len(doc) and doc[i].tag_ == "RB" and i - verb.i <= 2:
        i += 1
    if i >= len(doc) or doc[i].tag_ != "VBN" or doc[i].dep_ in ("relcl", "acl"):
        return None
    measure = _patient_measure(doc[i])
    fatal = set(_triggers()["fatal"])
    if measure in (HIT, "injured") and any(t.lower_ in fatal for t in doc[verb.i + 1 : i]):
        return "killed"
    return measure


def _left_in_state(people: Token) -> str | None:
    """ "a shooting which left six others injured": the state word right after the people "left".

    The parser often hangs the participle on another word ("left ... injured" read as "shooting
    injured"), so the word right after the object phrase is read, past a parenthesis set off by dashes.
    """
    doc = people.doc
    i = people.right_edge.i + 1
    if i < len(doc) and doc[i].text in ("\u2014", "--", "-", "("):
        # "four other teens — ages 14 and 16 — injured": skip to the closing dash
        closing = next((t.i for t in doc[i + 1 : i + _DASH_REACH] if t.text in (doc[i].text, ")")), None)
        i = closing + 1 if closing is not None else i
    if i >= len(doc):
        return None
    word = doc[i]
    state = _triggers()["states"].get(word.lower_)
    if state in ("killed", "injured"):
        return state
    return _patient_measure(word) if word.tag_ == "VBN" else None


def _after_being(verb: Token) -> str | None:
    """ "was taken to hospital after being shot", "ran for help after being shot": the subject's own wound.

    A passive gerund under "after"/"following" has no subject of its own: it is the main verb's.
    """
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("after", "following"):
            continue
        for gerund in prep.children:
            if gerund.dep_ == "pcomp" and gerund.tag_ == "VBN" and \
                    any(a.dep_ == "auxpass" and a.lower_ in ("being", "getting") for a in gerund.children):
                return _patient_measure(gerund)
    return None


def _verb_after(head: Token) -> Token | None:
    """A participle or verb right after the phrase ``head`` ends ("... seven others were hurt")."""
    doc = head.doc
    i = head.right_edge.i + 1
    while i < len(doc) and i <= head.right_edge.i + 3 and doc[i].pos_ == "AUX":
        i += 1
    if i < len(doc) and doc[i].pos_ == "VERB" and doc[i].tag_ in ("VBN", "VBD") and doc[i].i > head.head.i:
        return doc[i]
    return None


def _included_attackers(head: Token) -> int:
    """How many attackers "N people, including the gunman" counts among its N."""
    for prep in head.children:
        if prep.lower_ in ("including", "includes", "among") and prep.dep_ == "prep":
            for obj in prep.children:
                if obj.dep_ == "pobj" and person_group(obj) == "attackers":
                    count = count_of(obj)
                    return count[0].value.low or 1 if count else 1
    return 0


def _reflexive(token: Token) -> bool:
    return token.lower_ in ("himself", "herself", "themselves")


def _subject_of(verb: Token) -> Token | None:
    """The subject of ``verb``, or of the verb it is coordinated with or subordinated to."""
    for candidate in (verb, verb.head, verb.head.head):
        subject = next((c for c in candidate.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            return subject
        if candidate.dep_ not in ("conj", "advcl", "pcomp", "xcomp"):
            break
    return None


@cache
def _suicide_verbs() -> frozenset[str]:
    """Lemmas a self-inflicted shot is told with; a sentence with none of them has none."""
    suicide = _triggers()["suicide"]
    return frozenset([*suicide["verbs_reflexive"], *suicide["turn_on"], "take", "commit"])


def _suicide(sent: list[Token]) -> list[tuple[Token, str]]:
    """Verbs of a self-inflicted shot: "killed himself", "took his own life" (killed), "shot himself" (hit)."""
    found = []
    suicide = _triggers()["suicide"]
    for token in sent:
        if token.pos_ != "VERB":
            continue
        lemma = token.lemma_.lower()
        objects = [c for c in token.children if c.dep_ == "dobj"]
        objects += [c for o in objects for c in o.conjuncts]  # "kills his daughter, himself"
        preps = [o for p in token.children if p.dep_ == "prep" for o in p.children]
        if lemma in suicide["verbs_reflexive"] and any(_reflexive(o) for o in objects):
            measure = _patient_measure(token)
            found.append((token, "killed" if measure == "killed" or lemma == "hang" else measure or HIT))
        elif lemma in suicide["turn_on"] and any(_reflexive(o) for o in preps) and any(
            o.lemma_ in ("gun", "weapon", "rifle", "pistol", "firearm") for o in objects
        ):
            found.append((token, "killed"))
        elif lemma == "take" and any(o.lemma_ in suicide["own_life"] and any(c.lower_ == "own" for c in o.children)
                                     for o in objects):
            found.append((token, "killed"))
        elif lemma == "commit" and any(o.lemma_ in suicide["nouns"] for o in objects):
            found.append((token, "killed"))
    return found


def _modality(anchor: Token) -> str | None:
    """reported/threatened/denied/claimed from the predicates above the figure; None if hypothetical/negated."""
    lexicon = _triggers()
    # a coordinated verb shares its head's auxiliaries: "could have hit her and killed her"
    heads = [anchor, anchor.head] if anchor.dep_ == "conj" and anchor.head.pos_ in ("VERB", "AUX") else [anchor]
    for child in (c for h in heads for c in h.children):
        if child.dep_ == "neg" and child.head.i != anchor.i and child.head.i < anchor.i:
            continue  # "was not shot but died": the negation is the first verb's own
        if child.dep_ == "neg":
            return None
        if child.dep_ == "mark" and child.lower_ in ("if", "whether", "unless"):
            return None
        if child.dep_ == "aux" and child.lower_ in _MODAL_HYPOTHETICAL:
            return None
    for token in anchor.ancestors:
        lemma = token.lemma_.lower()
        if lemma in _UNREAL_VERBS or any(c.dep_ == "neg" for c in token.children if token.pos_ == "VERB"
                                         and token.i > anchor.i - 4 and token.dep_ != "ROOT"):
            return None
        if lemma in lexicon["threat_verbs"]:
            return lexicon["threat_verbs"][lemma]
        if lemma in lexicon["denial_verbs"]:
            return lexicon["denial_verbs"][lemma]
        if lemma in lexicon["claim_verbs"] and _self_interested_claimant(token):
            if claims_an_act(token, (anchor.idx, anchor.idx + len(anchor.text))):
                # "claimed responsibility for the attack, which killed 20": the claim is authorship,
                # the toll is the report's
                return "reported"
            return lexicon["claim_verbs"][lemma]
    return "reported"


def _self_interested_claimant(verb: Token) -> bool:
    """Whether the one who "claims" is a party speaking of its own act: "the militants claim", "the group claimed".

    "Some sources, such as CNN, claim the number was 35" is the media reporting another figure, not a
    claim; a collective pronoun ("they claimed", "it claimed") is taken for the party the article is about.
    """
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return False
    if subject.lower_ in _CLAIMANT_PRONOUNS or person_group(subject) == "attackers":
        return True
    name = "".join(t.text_with_ws for t in subject.subtree).strip()
    kind = source_kind(name)
    return kind == "perpetrator" or (kind == "unattributed" and subject.ent_type_ in ("ORG", "NORP"))


def _is_statistic(hit: _Hit) -> bool:
    """An aggregate figure (a year's total, a rate), not a count of one incident."""
    if not hit.explicit:
        return False
    anchor = hit.anchor
    sent = anchor.sent
    # a title is read by word order, not by its (poor) parse: all of it is the figure's scope
    whole = anchor.i == sent.root.i or _is_headline(sent)
    scope = list(sent) if whole else list(anchor.subtree)
    title = next((p for p in _run_on_paragraphs(sent) if p.start <= anchor.i < p.end and _is_headline(p)), None)
    if title is not None:
        scope = list(title)
    text = " ".join(t.lower_ for t in scope)
    lexicon = _triggers()
    if any(f" {cue} " in f" {text} " for cue in lexicon["statistic_cues"]):
        return True
    # a period of time anywhere in the sentence ("in the last seven months ... 47 people killed")
    for ent in entities_within(sent.doc, sent.start, sent.end):
        if ent.label_ == "DATE" and _YEAR_DATE.match(ent.text):
            return True
    return False


# --------------------------------------------------------------------------- per sentence


def _is_headline(sent: SpacySpan) -> bool:
    """A title line: short, telegraphic (no auxiliary verb) and without a sentence's final punctuation."""
    if len(sent) > HEADLINE_MAX_TOKENS:
        return False  # tested first: the length is free, the text is joined from every token
    text = sent.text.strip()
    return bool(text) and text[-1] not in _SENTENCE_END and not any(t.pos_ == "AUX" for t in sent)


def _headline_people(outcome: Token) -> tuple[str, Count, SpacySpan] | None:
    """The people a headline's outcome word follows: "Teen", "6", "two men" → (group, count, their words)."""
    doc = outcome.doc
    j = outcome.i - 1
    while j >= outcome.sent.start and (doc[j].tag_ == "RB" or (doc[j].lower_.endswith("ly") and doc[j].is_title)):
        j -= 1  # "girl accidentally shot" ("Girl Accidentally Shot": a title's adverb is tagged a name)
    if j - 3 >= outcome.sent.start and doc[j].text == "," and doc[j - 2].text == "," and doc[j - 1].like_num:
        j -= 3  # "Boy, 3, wounded": the age set off by commas belongs to the person
    if j < outcome.sent.start:
        return None
    last = doc[j]
    if is_count_word(last.text) and not not_a_count(last):
        k = j
        while k - 1 >= outcome.sent.start and is_numberish(doc[k - 1]) and doc[k - 1].text != ",":
            k -= 1
        count = parse_count(doc[k : j + 1].text)
        return ("all", count, doc[k : j + 1]) if count is not None else None
    found = _headline_person(doc[j], outcome.sent.start)
    if found is None:
        return None
    group, count, k = found
    # "Woman and 5-year-old child injured", "Officer, suspect wounded": the people listed before
    while k - 2 >= outcome.sent.start and doc[k - 1].text in ("and", "&", ",") and count.hedge == "exact":
        other = _headline_person(doc[k - 2], outcome.sent.start)
        if other is None or other[1].hedge != "exact" or doc[k - 2].lower_ in _triggers()["headline_nouns"]:
            break
        if doc[k - 1].text == "," and other[2] != outcome.sent.start:
            break  # a comma list is the title's subject ("Mother, daughter shot"), not "at party, man"
        total = (count.value.low or 0) + (other[1].value.low or 0)
        group = group if other[0] == group else "all"
        count, k = Count(Interval(total, total), "exact"), other[2]
    return group, count, doc[k : j + 1]


def _headline_person(last: Token, start: int) -> tuple[str, Count, int] | None:
    """The people one title noun names ("5-year-old child", "two men"): (group, count, first token index)."""
    doc = last.doc
    group = person_group(last)
    # a title's first word is sometimes tagged an interjection ("Boy, 3, wounded"), and a title's
    # "16-year-old shot" has its "old" read as an adjective of "shot": both still name one person
    singular_title_word = (last.tag_ == "UH" and last.i == start) or _title_age(last)
    if _title_age(last):
        group = "all"
    if group is None or (last.pos_ not in ("NOUN", "PROPN") and not singular_title_word):
        return None
    j = k = last.i
    while k - 1 >= start and (is_numberish(doc[k - 1]) or doc[k - 1].tag_ in ("JJ", "NN")) \
            and doc[k - 1].text not in (",", "and", "&") and not is_clock(doc[k - 1]):
        k -= 1
    numbers = [t for t in doc[k:j] if is_count_word(t.text) and not not_a_count(t)]
    if numbers:
        count = parse_count(doc[numbers[0].i : j].text)
        return (group, count, numbers[0].i) if count is not None else None
    if last.tag_ in ("NN", "NNP") or singular_title_word:
        return group, Count(Interval(1, 1), "exact"), k
    return None


def _title_age(token: Token) -> bool:
    """The "old" ending "16-year-old" (or "18-month-old"), whatever the tagger made of it."""
    doc = token.doc
    return token.lower_ == "old" and token.i >= 2 and doc[token.i - 1].text == "-" and \
        doc[token.i - 2].lemma_.lower() in ("year", "month", "week", "day")


def _fatal_share(doc: Doc, i: int, end: int) -> tuple[Count, SpacySpan] | None:
    """ ", two fatally" right after a title's "Six shot": how many of them died."""
    if i + 2 >= end or doc[i].text != "," or not is_count_word(doc[i + 1].text):
        return None
    if doc[i + 2].lower_ not in _triggers()["fatal"]:
        return None
    count = parse_count(doc[i + 1].text)
    return (count, doc[i + 1 : i + 2]) if count is not None else None


def _headline_hits(sent: SpacySpan) -> list[_Hit]:
    """ "Teenager killed, 6 wounded", "Teen shot, killed in Atlanta": a title's people and outcomes.

    The parser reads telegraphic titles poorly, so they are read by word order:
    people, then outcome words joined by commas ("shot, killed" is killed).
    """
    outcomes: dict[str, str] = _triggers()["headline_nouns"]
    hits = []
    doc = sent.doc
    i = sent.start
    while i < sent.end:
        token = doc[i]
        measure = outcomes.get(token.lower_)
        if measure and _active_title_verb(token, sent):
            measure = None  # "cop killed his son, his daughter": an active verb, read as one below
        people = _headline_people(token) if measure else None
        if measure is None or people is None:
            i += 1
            continue
        group, count, words = people
        end = i
        # "shot, killed": a second outcome word with no people of its own before it
        while end + 2 < sent.end and doc[end + 1].text in (",", "and") and doc[end + 2].lower_ in outcomes:
            measure = _best([measure, outcomes[doc[end + 2].lower_]]) or measure
            end += 2
        # "Man wounded in shooting dies": the title's last verb says what became of him
        # ("4 shot, 2 die" counts its own dead: a number before the verb leaves the first count alone)
        following = next((t.i for t in doc[end + 1 : sent.end] if is_count_word(t.text) or
                          (t.lower_ in outcomes and t.lemma_.lower() not in _DEATH_LEMMAS)), sent.end)
        if measure in (HIT, "injured") and any(t.lemma_.lower() in _DEATH_LEMMAS and t.pos_ == "VERB"
                                               for t in doc[end + 1 : following]):
            measure = "killed"
        modality = _modality(doc[i])
        if modality is not None:
            # only a written number can be a roundup's total ("6 wounded in Baltimore shootings")
            explicit = any(is_count_word(t.text) for t in words)
            hits.append(_Hit(measure, group, count, words.start_char, words.end_char, doc[i], modality, explicit))
            fatal = _fatal_share(doc, end + 1, sent.end)
            if fatal is not None and measure == HIT:  # "Six shot, two fatally"
                hits.append(_Hit("killed", group, fatal[0], fatal[1].start_char, fatal[1].end_char, doc[i],
                                 modality, True))
        i = end + 1
    return hits + _headline_verb_hits(sent)


def _active_title_verb(outcome: Token, sent: SpacySpan) -> bool:
    """Whether a title's outcome word ("killed", "shot") has an object after it, so is the verb of an act.

    "Cop killed his son", "Man Killed Wife, 4 Kids": who was killed follows; in "Teen killed, 6
    wounded" or "Man shot Tuesday" nobody does.
    """
    if outcome.i + 1 >= sent.end or outcome.lower_ not in _triggers()["headline_nouns"]:
        return False
    following = outcome.doc[outcome.i + 1]
    if following.tag_ == "PRP$":
        return True
    return following.pos_ in ("NOUN", "PROPN") and person_group(following) is not None \
        and outcome.i > sent.start and person_group(outcome.doc[outcome.i - 1]) is not None


def _headline_object_list(verb: Token, measure: str) -> list[_Hit]:
    """ "Man kills woman, her son, himself": the people a title's verb lists, and the killer among them.

    Read by word order: items split by commas and "and", each ending in a person noun (or a
    reflexive), until a word that cannot continue the list ("in Las Vegas").
    """
    doc, sent = verb.doc, verb.sent
    items: list[list[Token]] = [[]]
    for token in doc[verb.i + 1 : sent.end]:
        if "\n" in token.text:
            break  # the title ends at its line: the parser may have run it on into the text
        if token.text in (",", "and", "&") or token.lower_ == "then":  # "kills wife, 4 kids then himself"
            items.append([])
        elif token.pos_ in ("ADP", "VERB", "PUNCT") and token.text not in ("-",):
            if token.pos_ == "VERB" and len(items) > 1 and items[-1]:
                items.pop()  # "shoots nephew, police say": the last item is the attribution's speaker
            break
        else:
            items[-1].append(token)
    people = [item for item in items if item]
    heads = [item[-1] for item in people]
    if len(people) < 2 or any(not _reflexive(h) and h.lower_ != "self" and person_group(h) is None for h in heads):
        return []
    modality = _modality(verb)
    if modality is None:
        return []
    victims = [item for item in people if not (_reflexive(item[-1]) or item[-1].lower_ == "self")]
    total = 0
    for item in victims:
        numbers = [t for t in item if is_count_word(t.text) and not not_a_count(t)]
        count = parse_count(" ".join(t.text for t in numbers)) if numbers else None
        total += count.value.low or 1 if count is not None else 1
    hits = []
    if victims:
        start, end = victims[0][0].idx, victims[-1][-1].idx + len(victims[-1][-1].text)
        hits.append(_Hit(measure, "all", Count(Interval(total, total), "exact"), start, end, verb, modality, True))
    if len(victims) < len(people) and measure == "killed":
        self_word = next(item[-1] for item in people if item not in victims)
        hits.append(_Hit("killed", "attackers", Count(Interval(1, 1), "exact"), self_word.idx,
                         self_word.idx + len(self_word.text), verb, modality, False))
    return hits


def _headline_verb_hits(sent: SpacySpan) -> list[_Hit]:
    """ "Gunfight kills 1, wounds 12", "Man fatally shoots 2": a title's verb with the count right after it."""
    verbs: dict[str, str] = _triggers()["headline_verbs"]
    fatal = set(_triggers()["fatal"])
    doc = sent.doc
    hits = []
    for verb in sent:
        measure = verbs.get(verb.lower_)
        if measure is None and _active_title_verb(verb, sent):
            measure = _triggers()["headline_nouns"].get(verb.lower_)  # "killed his son", "Man Killed Wife"
        if measure is None or verb.i + 1 >= sent.end:
            continue
        number = doc[verb.i + 1]
        if not is_count_word(number.text) or not_a_count(number):
            hits.extend(_headline_object_list(verb, measure))
            continue
        count = parse_count(number.text)
        modality = _modality(verb)
        if count is None or modality is None:
            continue
        if measure == HIT and verb.i > sent.start and doc[verb.i - 1].lower_ in fatal:
            measure = "killed"  # "fatally shoots 1"
        hits.append(_Hit(measure, "all", count, number.idx, number.idx + len(number.text), verb, modality, True))
    return hits


def _across_paragraphs(a: Token, b: Token) -> bool:
    """Whether a blank line lies between two tokens (a relation the parser drew across paragraphs)."""
    low, high = sorted((a.i, b.i))
    return any(t.is_space and t.text.count("\n") >= PARAGRAPH_NEWLINES for t in a.doc[low:high])


def _run_on_paragraphs(sent: SpacySpan) -> list[SpacySpan]:
    """The paragraphs a sentence runs across, but its last: "Four shot in Atlanta\n\nPolice said ..."."""
    pieces = []
    start = sent.start
    for token in sent:
        if token.is_space and token.text.count("\n") >= PARAGRAPH_NEWLINES and token.i > start:
            pieces.append(sent.doc[start : token.i])
            start = token.i + 1
    return pieces


_DOC_WORDS_KEY = "accord.figure_words"

@dataclass(frozen=True)
class _DocWords:
    """Each token's lower-case form and lower-case lemma, and whether it may head a count of people."""

    lowers: list[str]
    lemmas: list[str]
    may_count: list[bool]


def _doc_words(doc: Doc) -> _DocWords:
    """The words of ``doc``, read once from its arrays of string ids: a Token object and each string
    attribute read from it are built anew at every read, and most tokens are no count of anybody."""
    return made_once(doc, _DOC_WORDS_KEY, lambda: _read_doc_words(doc))


def _read_doc_words(doc: Doc) -> _DocWords:
    strings = doc.vocab.strings
    orth, lower, lemma, pos, tag, dep = doc.to_array([ORTH, LOWER, LEMMA, POS, TAG, DEP]).T
    # each distinct word decoded once
    lower_of = {i: strings[i] for i in set(lower.tolist())}
    lemma_of = {i: strings[i].lower() for i in set(lemma.tolist())}
    counts = [i for i in set(orth.tolist()) if is_count_word(strings[i])]
    ages = [strings[word] for word in AGE_WORDS]
    # a token no branch of the walk in ``_sentence_hits`` can take: not a noun or pronoun (people),
    # an age noun, a number modifier, a plural noun or a count word
    may_count = (np.isin(pos, (NOUN, PROPN, PRON)) | (dep == strings["nummod"]) | (tag == strings["NNS"])
                 | np.isin(lower, ages) | np.isin(orth, counts))
    return _DocWords([lower_of[i] for i in lower.tolist()], [lemma_of[i] for i in lemma.tolist()], may_count.tolist())


def _sentence_hits(sent: SpacySpan) -> list[_Hit]:
    # spaCy makes a new Token object on every step through a Span, and the rules below walk the
    # sentence several times: walk it once, and let each rule keyed on a word run only when one of
    # its words is in the sentence (most sentences state no figure)
    tokens = list(sent)
    words = _doc_words(sent.doc)
    vocabulary = set(words.lemmas[sent.start : sent.end]) | set(words.lowers[sent.start : sent.end])
    may_count = words.may_count
    if _is_headline(sent):
        headline = _headline_hits(sent)
        if headline:
            # "Man kills woman, her son, himself": the title's own words miss the suicide
            return headline + _suicide_hits(tokens, vocabulary)
    # a title the parser ran on into the first sentence is still read as a title
    hits: list[_Hit] = []
    if doc_text(sent.doc).count("\n", sent.start_char, sent.end_char) >= PARAGRAPH_NEWLINES:
        hits = [hit for piece in _run_on_paragraphs(sent) if _is_headline(piece) for hit in _headline_hits(piece)]
    done: set[int] = set()
    wounds = bool(vocabulary & _WOUND_NOUNS)
    for token in tokens:
        if not may_count[token.i] or token.i in done:
            continue
        phrase_end = 0
        weak = False
        of_noun = None
        group = person_group(token)
        count_info = None
        if group is not None and (token.pos_ in ("NOUN", "PROPN", "PRON") or age_noun(token)):
            if token.pos_ == "PROPN" and token.ent_type_ == "PERSON" and token.ent_iob_ != "B" and \
                    token.i + 1 < len(token.doc) and token.nbor(1).ent_type_ == "PERSON" and token.nbor(1).ent_iob_ == "I":
                continue  # first name: the surname heads the name
            if token.dep_ == "compound":
                continue
            count_info = count_of(token)
        elif token.dep_ == "nummod" and token.head.lower_ in _triggers()["headline_nouns"] and not not_a_count(token):
            # a headline's "4 shot", "2 dead" parsed as a noun phrase
            count = parse_count(token.text)
            if count is not None and _modality(token.head) is not None:
                measure = _triggers()["headline_nouns"][token.head.lower_]
                hits.append(_Hit(measure, "all", count, token.idx, token.idx + len(token.text), token.head,
                                 "reported", True))
            continue
        elif is_count_word(token.text) and token.dep_ not in ("nummod", "quantmod", "compound", "amod", "det") \
                and (token.pos_ == "NUM" or token.lower_ in vague_words()) and not not_a_count(token):
            # a count standing alone: "one fatally", "killing two", "two of the victims"
            of_noun = next((o for p in token.children if p.lower_ == "of" for o in p.children if o.dep_ == "pobj"), None)
            group = person_group(of_noun) if of_noun is not None else "all"
            if of_noun is not None and of_noun.lower_ in _PARTITIVE_PRONOUNS:
                # "one of them", "two of those": the people counted before, in this sentence if they are
                # ("shot two of the suspects, killing one of them": a suspect)
                group = hits[-1].group if hits else "all"
            if group is None:
                continue
            words = [t for t in token.subtree if is_numberish(t) and t.i <= token.i + 2]
            # one number phrase, the run of words around the count: not "Three dead, two" (two counts)
            words = _contiguous_run(words, token)
            count = parse_count(" ".join(t.text for t in words))
            if count is None:
                continue
            count_info = (count, words[0].idx, True)
            phrase_end = words[-1].idx + len(words[-1].text)
            if of_noun is not None:
                done.update(t.i for t in of_noun.subtree)
                phrase_end = max(phrase_end, of_noun.idx + len(of_noun.text))
        elif token.tag_ == "NNS" and token.lemma_.lower() not in noun_stoplist():
            # a counted noun the lexicon does not know ("five partygoers"): people only if killed or injured
            count_info = count_of(token)
            group = "all" if count_info is not None and count_info[2] and count_info[0].hedge == "exact" else None
            weak = True
        if count_info is None or group is None:
            continue
        predicate = _predicate(token, count_info[2], wounds)
        if predicate is None or (weak and predicate[0] not in ("killed", "injured")):
            continue
        measure, anchor = predicate
        modality = _modality(anchor)
        if modality is None and measure in ("rescued", "released") and \
                {token.lemma_.lower(), of_noun.lemma_.lower() if of_noun is not None else ""} & _CAPTIVE_NOUNS:
            # "forces are trying to rescue dozens of hostages": nobody is free yet, but they are held
            measure, modality = "held", "reported"
        if modality is None:
            continue
        count, start, explicit = count_info
        count, end, mixed = with_conjuncts(token, count)
        if mixed:
            group = "all"
        if count.value.low == 1 and count.hedge == "exact" and _both_said(token):
            count = Count(Interval(2, 2), "exact")  # "Smith, 25, and Jones were both killed": the list is two
        end = max(end, phrase_end)
        listed = coordinated(token)
        done.update(c.i for c in listed)
        # "the boy's stepfather, John Doe, 26, was arrested": the name in apposition is the same person
        # (a name beside a name is more often the next of a list: "Moore, Bradford and Hall")
        done.update(a.i for c in (token, *listed) for a in c.children
                    if a.dep_ == "appos" and {a.pos_, c.pos_} == {"NOUN", "PROPN"} and person_group(a) is not None)
        included = _included_attackers(token)
        if included and group != "attackers":
            # "three people including the gunman": three people (group all), one of them the gunman
            group = "all"
            hits.append(_Hit(measure, "attackers", Count(Interval(included, included), "exact"), start, end,
                             anchor, modality, explicit))
        if measure == "present" and not explicit:
            continue  # "carrying the boy": the people involved are a claim only when counted
        if measure == "escaped" and (group == "attackers" or (group != "hostages" and anchor.lemma_.lower() == "flee")):
            # a suspect (or anybody) fleeing the scene did not escape captivity; "three gunmen fled"
            # still says how many took part
            if not (explicit and group == "attackers"):
                continue
            measure = "present"
        if measure in ("released", "rescued") and group == "all" and \
                anchor.lemma_.lower() in _triggers()["freeing_verbs"]:
            group = "hostages"  # whoever is freed was held captive
        if measure == "arrested" and group == "all" and not _arrested_for_other(anchor):
            group = "attackers"  # one arrested in an incident is held as its suspect
        hits.append(_Hit(measure, group, count, start, end, anchor, modality, explicit))
        if wounds and measure not in ("killed", "injured", HIT) and (wounded := _with_wound(token)) is not None and \
                (wound_modality := _modality(wounded[1])) is not None:
            # "a deputy detained a man with a gunshot wound": arrested, and hurt
            hits.append(_Hit(wounded[0], group, count, start, end, wounded[1], wound_modality, explicit))
    if vocabulary & _DEATH_LEMMAS and any(t.lemma_.lower() in _DEATH_LEMMAS and _modality(t) is not None for t in tokens):
        # "was rushed to hospital in critical condition, where she died": one person, now dead
        hits = [replace(h, measure="killed") if h.measure in ("injured", HIT) and not h.explicit
                and h.count.value.low == 1 else h for h in hits]
    lexicon = _triggers()
    if vocabulary.intersection(lexicon["toll_nouns"]):
        hits.extend(_toll_hits(tokens))
    if vocabulary.intersection(lexicon["multiple_event"]["multipliers"]):
        hits.extend(_multiple_event_hits(tokens))
    if vocabulary.intersection(lexicon["restating_nouns"]):
        hits.extend(_restated_hits(tokens, hits))
    if "custody" in vocabulary or "arrest" in vocabulary:
        hits.extend(_custody_hits(tokens, hits))
    if "arrest" in vocabulary:
        hits.extend(_arrest_noun_hits(tokens, hits))
    if "suicide" in vocabulary:
        hits.extend(_murder_suicide_hits(tokens))
    hits.extend(_suicide_hits(tokens, vocabulary))
    hits = _without_restating_pronouns(hits, doc_text(sent.doc))
    # a title run on into the text is read twice, by word order and by the parse: one claim per phrase
    unique: dict[tuple[str, str, int | None, int | None, int, int], _Hit] = {}
    for hit in hits:
        unique.setdefault((hit.measure, hit.group, hit.count.value.low, hit.count.value.high, hit.start, hit.end), hit)
    return list(unique.values())


def _without_restating_pronouns(hits: list[_Hit], text: str) -> list[_Hit]:
    """Drop "he"/"she" hits that speak again of the one person of the same sex counted before them in
    the sentence: "the boy was hit in the face and he was taken to hospital in serious condition"."""
    kept: list[_Hit] = []
    sexes = _sex_of_words()
    for hit in hits:
        words = text[hit.start : hit.end].lower().split()
        if len(words) == 1 and words[0] in _SEXED_PRONOUNS and any(
            not h.explicit and h.count.value.low == 1 and h.end <= hit.start and h.measure in ("killed", "injured", HIT)
            and (earlier := text[h.start : h.end].lower().split()) and earlier[-1] not in _SEXED_PRONOUNS
            and sexes.get(earlier[-1]) == _SEXED_PRONOUNS[words[0]] for h in kept
        ):
            continue
        kept.append(hit)
    return kept


@cache
def _sex_of_words() -> dict[str, str]:
    gendered = load_lexicon("group_nouns")["gendered"]
    return {word: sex for sex, words in gendered.items() for word in words}


def _contiguous_run(words: list[Token], token: Token) -> list[Token]:
    """The words of ``words`` (in order) that run on without a gap from or to ``token``."""
    indices = {t.i for t in words}
    first = last = token.i
    while first - 1 in indices:
        first -= 1
    while last + 1 in indices:
        last += 1
    return [t for t in words if first <= t.i <= last]


def _suicide_hits(sent: list[Token], vocabulary: set[str]) -> list[_Hit]:
    """One person killed (or hit) by his own shot: "killed himself", "turned the gun on himself"."""
    hits: list[_Hit] = []
    if not vocabulary & _suicide_verbs():
        return hits
    for verb, measure in _suicide(sent):
        modality = _modality(verb)
        if modality is None:
            continue
        subject = _subject_of(verb)
        if subject is not None and subject.tag_ == "WP" and subject.head.dep_ == "relcl":
            subject = subject.head.head  # "a girl who shot herself"
        group = person_group(subject) if subject is not None else None
        if group in (None, "all"):
            # one who kills himself after shooting others is the shooter; a child's accident is not
            group = "attackers" if measure == "killed" and _shot_others(verb) else "all"
        start, end = (subject.idx, subject.idx + len(subject.text)) if subject is not None else \
            (verb.idx, verb.idx + len(verb.text))
        hit = 1
        if measure in (HIT, "injured"):
            # "accidentally discharged a gun, shooting himself and a woman": both were hit
            others = [o for d in verb.children if d.dep_ == "dobj" and _reflexive(d) for o in d.conjuncts
                      if person_group(o) is not None]
            hit += sum(((count_of(o) or (Count(Interval(1, 1), "exact"),))[0].value.low or 0) for o in others)
        hits.append(_Hit(measure, group, Count(Interval(hit, hit), "exact"), start, end, verb, modality, hit > 1))
    return hits


def _shot_others(verb: Token) -> bool:
    """Whether the one who killed himself (at ``verb``) also shot or killed somebody else."""
    doc = verb.doc
    if any(t.lower_ in ("murder-suicide", "murder") and t.nbor(1).lower_ in ("-", "suicide")
           for t in doc if t.i + 1 < len(doc)):
        return True
    for token in doc:
        if token.i == verb.i or token.pos_ != "VERB" or _patient_measure(token) not in ("killed", "injured", HIT):
            continue
        if any(c.dep_ == "dobj" and not _reflexive(c) and person_group(c) is not None for c in token.children):
            return True
    return False


# --------------------------------------------------------------------------- per article


def _category(group: str) -> str:
    return "attackers" if group == "attackers" else "victims"


def _low(count: Count) -> int:
    return count.value.low if count.value.low is not None else (count.value.high or 0)


def _besides(hit: _Hit) -> bool:
    """Whether the hit counts people besides those already counted ("three other men", "two more")."""
    doc = hit.anchor.doc
    span = doc.char_span(hit.start, hit.end, alignment_mode="expand")
    if span is None:
        return False
    # "Simpson and the four other teens": the list counts Simpson too, so it is not all besides
    first = next((t.i for t in span if t.lower_ in ("and", "&") or t.dep_ == "cc"), span.end)
    return any(t.lower_ in _BESIDES for t in doc[span.start : first])


def _resolve_hits(hits: list[_Hit]) -> list[_Hit]:
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


def _claim(doc: Doc, hit: _Hit, source: Source) -> Claim:
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


def _mark_same_count(doc: Doc, hit: _Hit) -> _Hit | None:
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


def _resolve_same_counts(hits: list[_Hit], sentence_index: dict[int, int]) -> list[_Hit]:
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
    hits = [marked for sent in sentences for hit in _sentence_hits(sent)
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
    return claims, statistics


@Language.factory("accord_figures", assigns=["doc._.claims", "doc._.statistics"], requires=["token.dep", "token.lemma"])
def make_component(nlp: Language, name: str):  # type: ignore[no-untyped-def]
    def component(doc: Doc) -> Doc:
        claims, statistics = find_figures(doc)
        doc._.claims = claims
        doc._.statistics = statistics
        return doc

    return component


__all__ = ["find_figures", "EXTRACTOR", "count_word_value"]
