"""What happened to the people a noun names: the predicate rules, each one reading of the parse.

Each rule gets the :class:`People` (the noun heading them and where it hangs in the parse) and
answers a reading ``(measure, predicate token)``, :data:`VETO` (the people were read and nothing
countable happened to them: the search ends), or None (no opinion: the next rule is asked). The
rules run in the order of ``figures/rules.py``'s ``PREDICATE_RULES``; the first answer wins.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Final

from spacy.tokens import Token

from accord.extract.casualty_constructions import life_phrase_measure
from accord.extract.figure_counting import person_group
from accord.extract.figures.hits import HIT, strongest, trigger_words, triggers
from accord.extract.figures.layout import across_paragraphs
from accord.extract.figures.predicates import (
    after_being,
    arrest_unreal,
    brought_in,
    complement_outcome,
    corpse,
    left_in_state,
    patient_measure,
    state_measure,
    surrender_measure,
    to_hospital,
    verb_after,
    verb_chain,
    with_wound,
)
from accord.extract.rules import Rule


class Veto:
    """The answer of a rule that read the people and found nothing countable done to them."""

    def __repr__(self) -> str:
        return "VETO"


VETO: Final = Veto()

Reading = tuple[str, Token]
Answer = Reading | Veto | None
PredicateRule = Rule[Callable[["People"], Answer]]

#: Roles in which the people undergo the verb: "were killed", "killed two", "one fatally".
_OBJECT_ROLES = ("nsubjpass", "dobj", "npadvmod", "advmod")


@dataclass(frozen=True)
class People:
    """A noun naming people, where it hangs in the parse, and the rules to read it with."""

    head: Token
    explicit: bool  # a number was written
    rules: Sequence[PredicateRule]
    first: Token  # the head of the list or apposition the people are in ("two men and a woman": "men")
    dep: str  # the first's role
    verb: Token  # what the first hangs on
    undergoes: bool  # its passive subject, its object, an adverbial count: "were killed", "killed two"
    acting: bool  # the subject of an active verb

    @cached_property
    def chain(self) -> list[Token]:
        """The verb and those sharing the people with it by coordination (its subject, or its object)."""
        return verb_chain(self.verb, subject=self.dep == "nsubjpass")

    @cached_property
    def subject_chain(self) -> list[Token]:
        """The verb and those sharing its subject by coordination."""
        return verb_chain(self.verb)


def people_at(head: Token, explicit: bool, rules: Sequence[PredicateRule]) -> People:
    first = head
    while first.dep_ in ("conj", "appos") and first.head.i != first.i:
        first = first.head
    dep, verb = first.dep_, first.head
    undergoes = dep in _OBJECT_ROLES and verb.pos_ in ("VERB", "AUX", "ADJ")
    acting = dep == "nsubj" and verb.pos_ in ("VERB", "AUX")
    return People(head, explicit, rules, first, dep, verb, undergoes, acting)


def read_predicate(people: People) -> tuple[str, Token, str] | None:
    """(measure, predicate token, the id of the rule that read it), or None."""
    for rule in people.rules:
        answer = rule.function(people)
        if isinstance(answer, Veto):
            return None
        if answer is not None:
            return answer[0], answer[1], rule.id
    return None


def predicate_of(head: Token, explicit: bool, rules: Sequence[PredicateRule], *, wounds: bool = False,
                 with_wounds: bool = True, within_paragraph: bool = True) -> tuple[str, Token, str] | None:
    """What happened to the people ``head`` names: (measure, predicate token, rule id), within their paragraph.

    A title the parser ran on into the first sentence gets relations across the blank line
    ("Man charged in shooting\n\nTwo people ..."): those say nothing (``within_paragraph``).
    ``wounds``: the sentence names a wound, so people "with a gunshot wound" may be the only thing
    said of them (``with_wounds``: the rule figures.with_wound is on).
    """
    found = read_predicate(people_at(head, explicit, rules))
    if found is None and wounds and with_wounds:
        wounded = with_wound(head)
        found = (wounded[0], wounded[1], "figures.with_wound") if wounded is not None else None
    if found is not None and within_paragraph and paragraph_bound(head, found[1]):
        return None
    return found


def paragraph_bound(head: Token, predicate: Token) -> bool:
    """A predicate across a blank line from its people says nothing of them (a title run on into the text)."""
    return across_paragraphs(head, predicate)


# --------------------------------------------------------------------------- the rules, in no order (see rules.py)


def conjoined_verb_after(people: People) -> Answer:
    """ "two men were killed and seven other people were hurt": the verb right after a second group is its own."""
    head = people.head
    if head.dep_ != "conj":
        return None
    following = verb_after(head)
    if following is None or following.lemma_.lower() in ("suffer", "sustain"):  # read below, with its wounds
        return None
    measure = patient_measure(following) or triggers()["subject_verbs"].get(following.lemma_.lower())
    return (measure, following) if measure is not None else None


def body_found(people: People) -> Answer:
    """ "a man's body was found", "police recovered two bodies": a dead person."""
    return ("killed", people.head) if corpse(people.head) else None


def partitive_fatally(people: People) -> Answer:
    """ "four people were shot, one of them fatally": a count with a fatal adverb of its own."""
    head = people.head
    if head.pos_ == "NUM" and head.dep_ in ("appos", "conj", "npadvmod") and \
            any(c.dep_ in ("advmod", "npadvmod") and c.lower_ in triggers()["fatal"] for c in head.children):
        return "killed", head
    return None


def possessed_outcome(people: People) -> Answer:
    """ "the woman's death was ruled a suicide": an outcome noun the people possess.

    (A name or a pronoun as possessor is as often somebody the story only recalls: "protesters
    demanded justice in Clark's death".)
    """
    head = people.head
    if head.dep_ == "poss" and head.pos_ == "NOUN" and head.head.dep_ != "compound" and \
            (measure := triggers()["possessed_outcomes"].get(head.head.lemma_.lower())) is not None:
        return measure, head.head
    return None


def own_modifier(people: People) -> Answer:
    """ "two people killed in", "three injured men", "a man found dead in a park": the people's own modifiers."""
    head = people.head
    lexicon = triggers()
    participles = [c for c in head.children if c.dep_ == "acl" and c.tag_ == "VBN"]
    own = [patient_measure(c) for c in participles]
    own += [state_measure(c) or complement_outcome(c) for c in participles]
    own += [lexicon["states"].get(c.lower_) for c in head.children if c.dep_ in ("amod", "acl", "advmod")]
    if head.lemma_.lower() in lexicon["victim_nouns"]:
        # "the homicide victim was identified": a victim named by a killing is dead
        own += ["killed" for c in head.children if c.dep_ == "compound" and c.lemma_.lower() in lexicon["killing_nouns"]]
    measure = strongest([m for m in own if m])
    return (measure, head) if measure else None


def relative_clause(people: People) -> Answer:
    """ "a boy who was found fatally shot": the relative clause says what happened."""
    for clause in (c for c in people.head.children if c.dep_ == "relcl"):
        relative = next((c for c in clause.children if c.tag_ in ("WP", "WDT") and c.dep_ in ("nsubjpass", "nsubj")), None)
        if relative is not None:
            found = read_predicate(people_at(relative, people.explicit, people.rules))
            if found is not None:
                return found[0], found[1]
    return None


def death_noun_of(people: People) -> Answer:
    """ "the shooting death of a 12-year-old", "the fatal shooting of a man": an event noun of the people."""
    first = people.first
    lexicon = triggers()
    if not (first.dep_ == "pobj" and first.head.lower_ == "of" and
            first.head.head.lemma_.lower() in lexicon["death_nouns"] and first.head.head.lemma_.lower() != "killing"):
        return None
    event = first.head.head
    if lexicon["death_nouns"][event.lemma_.lower()] == "arrested" and arrest_unreal(event):
        return VETO  # "a warrant for the arrest of two men"
    if across_paragraphs(event, first):
        return VETO  # the parser ran a title on into the text: "shooting of ...\n\nMichael Edwards"
    measure = lexicon["death_nouns"][event.lemma_.lower()]
    if measure == HIT and any(a.lower_ in lexicon["fatal_adjectives"] for a in event.children):
        measure = "killed"  # "the fatal shooting of a man"
    return measure, event


def present_with(people: People) -> Answer:
    """ "a car with two children inside", "at home with three friends": counted people present.

    ("along with two others" shares the verb's outcome; the object of any other preposition is
    not what happened to anybody: the search ends.)
    """
    dep, verb = people.dep, people.verb
    if dep != "pobj":
        return None
    if people.explicit and verb.lower_ == "with" and verb.i > 0 and verb.doc[verb.i - 1].lower_ not in ("along", "together"):
        return "present", verb
    return VETO


def fatally_adverbial(people: People) -> Answer:
    """ "killing two, one fatally" read as an adverbial count: the fatal adverb on it says killed."""
    if people.undergoes and people.dep == "npadvmod" and \
            any(c.lower_ in triggers()["fatal"] for c in people.head.children):
        return "killed", people.verb
    return None


def died_after_passive(people: People) -> Answer:
    """ "was taken to hospital in critical condition but died": a coordinated verb says they died."""
    if not people.undergoes or people.dep != "nsubjpass":
        return None
    if any(triggers()["subject_verbs"].get(v.lemma_.lower()) == "killed" for v in people.chain):
        return "killed", people.verb
    return None


def passive_casualty(people: People) -> Answer:
    """ "three people were killed", "gunmen killed two": the verb the people undergo says what happened.

    Only an outcome: a verb that only says "shot" leaves the reading to the verbs beside it
    (figures.verb_chain: "shot and killed").
    """
    if not people.undergoes:
        return None
    verb = people.verb
    outcome = strongest([m for m in (patient_measure(verb), state_measure(verb)) if m])
    return (outcome, verb) if outcome is not None and outcome != HIT else None


def shooting_suspect_compound(people: People) -> Answer:
    """ "shooting suspect John Doe": a noun compound the parser read as a verb and its object; not a figure."""
    verb = people.verb
    if people.undergoes and people.dep == "dobj" and verb.tag_ == "VBG" and verb.i == people.head.i - 1 and \
            person_group(people.head) == "attackers":
        return VETO
    return None


def left_in_state_rule(people: People) -> Answer:
    """ "a shooting which left six others injured": the state the people were left in."""
    if people.undergoes and people.dep == "dobj" and people.verb.lemma_.lower() == "leave" and \
            (left := left_in_state(people.head)) is not None:
        return left, people.verb
    return None


def to_hospital_rule(people: People) -> Answer:
    """ "three other men were sent to the hospital": people brought in, hurt."""
    verb = people.verb
    if people.undergoes and people.dep == "nsubjpass" and to_hospital(verb) and brought_in(people.head, verb):
        return "injured", verb
    return None


def verb_chain_outcome(people: People) -> Answer:
    """ "were shot and killed", "was found fatally shot", "after being shot": the verbs sharing the people.

    The strongest outcome of the verbs the people undergo, coordinated ones included; the last reading
    of people who undergo a verb (no later rule reads them).
    """
    if not people.undergoes:
        return None
    dep, verb = people.dep, people.verb
    chain = people.chain
    measures = [patient_measure(v) for v in chain] + [state_measure(v) for v in chain]
    measures += [complement_outcome(v) for v in chain if v.lemma_.lower() in triggers()["finding_verbs"]]
    if dep == "nsubjpass":  # the gerund's patient is the subject, never an object ("calls 911 after being shot")
        measures += [after_being(v) for v in chain]
    measure = strongest([m for m in measures if m])
    if not measure:
        return VETO
    anchor = next((v for v in chain if patient_measure(v) == measure), verb)
    return measure, anchor


def found_in_state(people: People) -> Answer:
    """ "officers found the woman dead", "deputies found a man shot": a small clause under "found"."""
    dep, verb = people.dep, people.verb
    if dep != "nsubj" or verb.dep_ not in ("ccomp", "xcomp", "oprd") or \
            verb.head.lemma_.lower() not in triggers()["finding_verbs"]:
        return None
    measure = triggers()["states"].get(verb.lower_) if verb.pos_ == "ADJ" else \
        patient_measure(verb) if verb.tag_ == "VBN" else None
    return (measure, verb) if measure in ("killed", "injured", HIT) else None


def title_subject(people: People) -> Answer:
    """ "4 shot in Atlanta", "Two killed": a count as subject of a participle with no object (title style)."""
    head, verb = people.head, people.verb
    if not (people.acting and people.explicit and verb.tag_ in ("VBN", "VBD")) or person_group(head) == "attackers":
        return None
    aimed = trigger_words("aimed_prepositions")
    if any(c.dep_ in ("dobj", "ccomp") or (c.dep_ == "prep" and c.lower_ in aimed) for c in verb.children):
        return None
    measure = patient_measure(verb)
    return (measure, verb) if measure is not None else None


def _suffered_wounds(verb: Token) -> list[Token]:
    return [t for t in verb.subtree if t.lemma_.lower() in triggers()["suffer_needs"]]


def suffered_fatal_wounds(people: People) -> Answer:
    """ "suffered fatal gunshot wounds", "suffered wounds which appear to be the cause of death": killed."""
    verb = people.verb
    if not people.acting or verb.lemma_.lower() not in ("suffer", "sustain"):
        return None
    wounds = _suffered_wounds(verb)
    if any(a.lower_ in trigger_words("fatal_wound_words") for t in wounds for a in t.children) or \
            any(a.lemma_.lower() in ("death", "die") for t in wounds for a in t.subtree if a.i > t.i):
        return "killed", verb
    return None


def subject_verb(people: People) -> Answer:
    """ "two people died", "the child passed away", "he surrendered", "suffered a gunshot wound": the subject's verb."""
    if not people.acting:
        return None
    lexicon = triggers()
    verb = people.verb
    chain = people.subject_chain
    measures = [lexicon["subject_verbs"].get(v.lemma_.lower()) for v in chain]
    # "the child passed away": a verb and its particle
    measures += [lexicon["subject_phrasal_verbs"].get(f"{v.lemma_.lower()} {p.lower_}") for v in chain
                 for p in v.children if p.dep_ == "prt"]
    if verb.lemma_.lower() in ("suffer", "sustain") and not _suffered_wounds(verb):
        measures = []  # "suffered a gunshot wound", not "suffered a loss"
    measures += [state_measure(v) for v in chain] + [after_being(v) for v in chain]
    measures += [surrender_measure(v) for v in chain] + [life_phrase_measure(v) for v in chain]
    measure = strongest([m for m in measures if m])
    return (measure, verb) if measure else None


def attackers_present(people: People) -> Answer:
    """ "three suspects walked up and opened fire": how many attackers took part."""
    if people.acting and people.explicit and people.verb.pos_ == "VERB" and person_group(people.head) == "attackers":
        return "present", people.verb
    return None
