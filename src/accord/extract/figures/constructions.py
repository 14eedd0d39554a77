"""Constructions that state a figure without a counted noun of people.

"The death toll rose to 27", "a double homicide", "the number was 35" (a count restated),
"taken into custody", "two arrests", "a murder-suicide", "killed himself".
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Token

from accord.extract.figure_counting import (
    count_of,
    count_tokens,
    is_numberish,
    not_a_count,
    person_group,
    with_conjuncts,
)
from accord.extract.figures.hits import HIT, Hit, trigger_words, triggers
from accord.extract.figures.modality import modality_of
from accord.extract.figures.patterns import matches_in
from accord.extract.figures.predicates import arrest_unreal, both_said, patient_measure, reflexive, subject_of
from accord.extract.numbers import Count, is_count_word, parse_count
from accord.models import Interval


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
    modality = modality_of(verb)
    if count is None or modality is None:
        return None
    return count, words[0].idx, words[-1].idx + len(words[-1].text), modality


def toll_hits(sent: list[Token]) -> list[Hit]:
    """ "The death toll has risen to 27", "the toll stands at 5": the toll states the killed count.

    The toll noun as subject of a toll verb is the pattern ``toll_noun`` (lexicon figure_patterns).
    """
    hits = []
    for verb, toll in matches_in(sent, "toll_noun", anchor=1):
        if not any(c.lemma_.lower() == "death" for c in toll.children) and verb.lemma_.lower() == "be":
            continue  # a bare "the toll is high" says nothing countable
        stated = _count_stated_by(verb)
        if stated is not None:
            count, start, end, modality = stated
            hits.append(Hit("killed", "all", count, start, end, verb, modality, True))
    return hits


def multiple_event_hits(sent: list[Token]) -> list[Hit]:
    """ "a quadruple shooting" (four people hit), "a double homicide" (two killed): the event's name counts.

    The multiplier and the event noun are the pattern ``multiple_event`` (lexicon figure_patterns).
    """
    lexicon = triggers()["multiple_event"]
    hits: list[Hit] = []
    for match in matches_in(sent, "multiple_event", anchor=0, whole=True):
        word, noun = match[0], match[-1]
        size, measure = lexicon["multipliers"][word.lower_], lexicon["nouns"][noun.lower_]
        modality = modality_of(noun)
        if modality is None:
            continue
        hits.append(Hit(measure, "all", Count(Interval(size, size), "exact"), word.idx, noun.idx + len(noun.text),
                        noun, modality, True))
    return hits


def restated_hits(sent: list[Token], earlier: list[Hit]) -> list[Hit]:
    """ "33 rebels were killed, although CNN says the number was 35": a count restated by "the number".

    A general noun of quantity ("the number", "the figure", "the tally") with no "of" phrase of its
    own takes the measure and group of the nearest figure before it in the same sentence: another
    source's value for the same count.
    """
    lexicon = triggers()
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
            hits.append(Hit(antecedent.measure, antecedent.group, count, start, end, verb, modality, True))
    return hits




@cache
def _custody_phrases() -> frozenset[tuple[str, str]]:
    """(noun, preposition) of being held: "taken into custody", "placed under arrest"."""
    return frozenset((noun, preposition) for noun, preposition in triggers()["custody_phrases"])


def custody_hits(sent: list[Token], earlier: list[Hit]) -> list[Hit]:
    """ "Two men were taken into custody", "police took a suspect into custody", "214 hostages remain in its custody".

    Custody is arrest for suspects and captivity for hostages; the people are the verb's object
    (active "took X into custody") or its subject.
    """
    hits = []
    taken = {(h.start, h.end) for h in earlier}
    not_arrest = set(triggers()["custody_not_arrest"])
    for word in sent:
        if word.dep_ != "pobj" or (word.lemma_.lower(), word.head.lower_) not in _custody_phrases():
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
            modality = modality_of(verb)
            if info is None or modality is None:
                continue
            count, start, explicit = info
            count, end, _ = with_conjuncts(person, count)
            if count.value.low == 1 and count.hedge == "exact" and both_said(person):
                count = Count(Interval(2, 2), "exact")  # "X, 21, and Y, 25, were both taken into custody"
            end = max(end, person.idx + len(person.text))
            if any(s < end and start < e for s, e in taken):
                continue  # already counted by another rule ("arrested and taken into custody")
            measure, group = ("held", "hostages") if group == "hostages" else ("arrested", "attackers")
            hits.append(Hit(measure, group, count, start, end, verb, modality, explicit))
    return hits


def murder_suicide_hits(sent: list[Token]) -> list[Hit]:
    """ "Police investigate a murder-suicide": somebody killed, and the killer dead by his own hand (two dead)."""
    hits = []
    for first, _, word in matches_in(sent, "murder_suicide", anchor=-1, reach=2):  # the pattern murder_suicide
        doc = word.doc
        if word.i >= 3 and doc[word.i - 3].lower_ in triggers()["multiple_event"]["multipliers"]:
            continue  # "a double murder-suicide": how many the killer took with him is not read here
        modality = modality_of(word)
        if modality is None or any(c.lemma_.lower() in ("attempt", "attempted") for c in word.children):
            continue
        if any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for a in word.ancestors for c in a.children):
            continue  # "investigating whether it was a murder-suicide"
        if word.dep_ == "compound" and word.head.lemma_.lower() in trigger_words("undone_act_nouns"):
            continue  # "a murder/suicide threat": nobody died
        hits.append(Hit("killed", "all", Count(Interval(2, 2), "exact"), first.idx, word.idx + len(word.text),
                         word, modality, False))
    return hits


def arrest_noun_hits(sent: list[Token], earlier: list[Hit]) -> list[Hit]:
    """ "Police announced two arrests", "upon his arrest", "made an arrest": arrests named by the noun.

    The person is the possessor ("his arrest", "Smith's arrest") or the count the number on the noun
    ("the three arrests"); a warrant, a reward or a call "for his arrest", information "leading to an
    arrest" and "no arrests" say nobody was arrested.
    """
    hits: list[Hit] = []
    taken = [(h.start, h.end) for h in earlier]
    for noun in sent:
        if noun.lemma_.lower() != "arrest" or noun.pos_ != "NOUN" or noun.dep_ == "compound":
            continue
        if noun.head.lower_ == "under" or arrest_unreal(noun):
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
        modality = modality_of(noun)
        if modality is None or any(s < end and start < e for s, e in taken):
            continue
        hits.append(Hit("arrested", "attackers", count, start, end, noun, modality, explicit))
    return hits


@cache
def _suicide_verbs() -> frozenset[str]:
    """Lemmas a self-inflicted shot is told with; a sentence with none of them has none."""
    suicide = triggers()["suicide"]
    return frozenset([*suicide["verbs_reflexive"], *suicide["turn_on"], "take", "commit"])


def _suicide(sent: list[Token]) -> list[tuple[Token, str]]:
    """Verbs of a self-inflicted shot: "killed himself", "took his own life" (killed), "shot himself" (hit)."""
    found = []
    suicide = triggers()["suicide"]
    for token in sent:
        if token.pos_ != "VERB":
            continue
        lemma = token.lemma_.lower()
        objects = [c for c in token.children if c.dep_ == "dobj"]
        objects += [c for o in objects for c in o.conjuncts]  # "kills his daughter, himself"
        preps = [o for p in token.children if p.dep_ == "prep" for o in p.children]
        if lemma in suicide["verbs_reflexive"] and any(reflexive(o) for o in objects):
            measure = patient_measure(token)
            found.append((token, "killed" if measure == "killed" or lemma == "hang" else measure or HIT))
        elif lemma in suicide["turn_on"] and any(reflexive(o) for o in preps) and any(
            o.lemma_ in ("gun", "weapon", "rifle", "pistol", "firearm") for o in objects
        ):
            found.append((token, "killed"))
        elif lemma == "take" and any(o.lemma_ in suicide["own_life"] and any(c.lower_ == "own" for c in o.children)
                                     for o in objects):
            found.append((token, "killed"))
        elif lemma == "commit" and any(o.lemma_ in suicide["nouns"] for o in objects):
            found.append((token, "killed"))
    return found


def suicide_hits(sent: list[Token], vocabulary: set[str]) -> list[Hit]:
    """One person killed (or hit) by his own shot: "killed himself", "turned the gun on himself"."""
    hits: list[Hit] = []
    if not vocabulary & _suicide_verbs():
        return hits
    for verb, measure in _suicide(sent):
        modality = modality_of(verb)
        if modality is None:
            continue
        subject = subject_of(verb)
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
            others = [o for d in verb.children if d.dep_ == "dobj" and reflexive(d) for o in d.conjuncts
                      if person_group(o) is not None]
            hit += sum(((count_of(o) or (Count(Interval(1, 1), "exact"),))[0].value.low or 0) for o in others)
        hits.append(Hit(measure, group, Count(Interval(hit, hit), "exact"), start, end, verb, modality, hit > 1))
    return hits


def _shot_others(verb: Token) -> bool:
    """Whether the one who killed himself (at ``verb``) also shot or killed somebody else."""
    doc = verb.doc
    if any(t.lower_ in ("murder-suicide", "murder") and t.nbor(1).lower_ in ("-", "suicide")
           for t in doc if t.i + 1 < len(doc)):
        return True
    for token in doc:
        if token.i == verb.i or token.pos_ != "VERB" or patient_measure(token) not in ("killed", "injured", HIT):
            continue
        if any(c.dep_ == "dobj" and not reflexive(c) and person_group(c) is not None for c in token.children):
            return True
    return False
