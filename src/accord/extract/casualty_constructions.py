"""Constructions of conflict reporting that state a toll or a part of one, for ``accord_figures``.

Each finder reads one construction from the dependency parse of a sentence; the words are data
(lexicon ``figure_triggers``: ``casualty_constructions``, ``toll_nouns``, ``states``). Tolls:

- ``figures.lives_claimed``: "the blast claimed 12 lives", "claimed the lives of at least 125 people";
- ``figures.count_outcome``: a count with no noun before an outcome word ("and over 200 injured",
  "39 dead and 150 wounded") or counting "more" after an outcome verb ("wounded 27 more");
- ``figures.toll_phrase``: a toll that is not the subject of its verb: "bringing the death toll to 36",
  "put the death toll at 358", "a death toll of 47", "a death toll exceeding 130"; and a body count
  ("the body count rose to 40"), or a toll past or near a number ("has risen above 90", "nears 300").

Breakdowns, each part a claim with ``scope="subset"`` under the toll it breaks down (DESIGN.md):

- ``figures.including_part``: "ten people, including four Chinese nationals, were killed";
- ``figures.among_part``: "four PIA officials are among the dead", "... were among those killed";
- ``figures.include_part``: "the dead include 11 Marines and one Navy medic";
- ``figures.partitive_part``: "of the dead, 23 were Turkish citizens", "55 of the 70 dead were lawyers",
  "of those wounded, 109 have been discharged";
- ``figures.pronoun_part``: "200 people were injured, 80 of them seriously", "28 of whom were in intensive
  care": a count of the people counted before it;
- ``figures.listed_count``: "at least 61 civilians and six security troops were killed": a counted
  conjunct hedged counts leave out of the sum, a figure of its own (a total);
- ``figures.quantity_conjunct``: "wounded 18 Americans and scores of Afghans": the quantity's own count;
- ``figures.counted_bodies``: "the bodies of five attackers", "53 bodies at the hospital";
- ``figures.listed_part``: "72 people (43 men, 20 children and nine women)": the list in parentheses
  breaks the toll down; its sum is no claim (:func:`breakdown_lists` says where the lists are).

``figures.life_phrase`` ("76 people lost their lives", "two soldiers embraced martyrdom") is read
where subjects are read (:func:`life_phrase_measure`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.tokens import Token

from accord.extract.figure_counting import coordinated, count_of, may_name_people, not_a_count, person_group
from accord.extract.numbers import Count, is_count_word, parse_count
from accord.lexicons import load_lexicon
from accord.models import Interval

#: Rule ids, stable: a claim's provenance names the construction that found it.
LIVES_CLAIMED = "figures.lives_claimed"
TOLL_PHRASE = "figures.toll_phrase"
INCLUDING_PART = "figures.including_part"
AMONG_PART = "figures.among_part"
INCLUDE_PART = "figures.include_part"
PARTITIVE_PART = "figures.partitive_part"
PRONOUN_PART = "figures.pronoun_part"
LISTED_PART = "figures.listed_part"
LISTED_COUNT = "figures.listed_count"
LIFE_PHRASE = "figures.life_phrase"
COUNT_OUTCOME = "figures.count_outcome"
COUNTED_BODIES = "figures.counted_bodies"
QUANTITY_CONJUNCT = "figures.quantity_conjunct"

#: Words a bare count may have beside its number: "nine others", "at least 150 more".
_BARE_WORDS = frozenset({"others", "other", "more", "at", "least", "than", "over", "nearly", "about", "around",
                         "some", "almost", "approximately", "up", "to"})
#: Words that may hedge a count, right before it ("at least", "more than", "nearly"), and how many.
_HEDGE_WORDS = frozenset({"over", "more", "than", "at", "least", "nearly", "about", "around", "almost", "approximately",
                          "some", "up", "roughly", "just", "estimated", "an", "close", "fewer", "less", "well", "most"})
_HEDGE_REACH = 3
#: Measures a breakdown can be a part of.
_BROKEN_DOWN = ("killed", "injured", "held", "released", "rescued", "missing")
#: Measures a count of "them" can be a part of: "32 militants, 10 of them Arabs" too.
_PRONOUN_WHOLES = (*_BROKEN_DOWN, "present")


@dataclass(frozen=True)
class Found:
    """One figure a construction states, before its modality and source are read."""

    measure: str
    group: str
    count: Count
    start: int  # character span of the figure's words
    end: int
    anchor: Token  # the word the figure's modality is read from
    scope: str
    rule: str


#: A figure already found in the sentence: (measure, group, start char, end char).
Earlier = tuple[str, str, int, int]


@cache
def _lexicon() -> dict[str, Any]:
    return load_lexicon("figure_triggers")


@cache
def _constructions() -> dict[str, Any]:
    return _lexicon()["casualty_constructions"]


def life_phrase_measure(verb: Token) -> str | None:
    """ "lost their lives", "embraced martyrdom": killed, for the verb's subject."""
    objects = _constructions()["life_phrases"].get(verb.lemma_.lower())
    if objects and any(c.dep_ == "dobj" and c.lemma_.lower() in objects for c in verb.children):
        return "killed"
    return None


def _number_words(number: Token) -> list[Token]:
    """``number`` and the hedge words right before it ("at least", "over", "nearly"), by word order: the
    parse often hangs a hedge on the verb ("and over 200 injured")."""
    doc = number.doc
    first = number.i
    while first > 1 and doc[first - 1].text == "-" and is_count_word(doc[first - 2].text):
        first -= 2  # "Fifty-five"
    while first > 0 and number.i - first < _HEDGE_REACH and doc[first - 1].lower_ in _HEDGE_WORDS:
        first -= 1
    if doc[first].lower_ == "at" and doc[first + 1].lower_ not in ("least", "most"):
        first += 1  # "stood at 394": a preposition, not a hedge
    return list(doc[first : number.i + 1])


def _count_at(number: Token) -> tuple[Count, int, int] | None:
    """The count a number token and its hedge words state: (count, start char, end char)."""
    if not_a_count(number):
        return None
    words = _number_words(number)
    count = parse_count(" ".join(t.text for t in words))
    if count is None:
        return None
    return count, words[0].idx, number.idx + len(number.text)


@cache
def _breakdown_civilians() -> frozenset[str]:
    return frozenset(load_lexicon("group_nouns")["breakdown_civilians"]["words"])


def _part_group(person: Token) -> str | None:
    """The group of people named in a breakdown: men, women and children among the dead are civilians."""
    group = person_group(person)
    if group == "all" and person.lemma_.lower() in _breakdown_civilians():
        return "civilians"
    return group


def _people_count(head: Token, part: bool = True) -> tuple[str, Count, int, int] | None:
    """(group, count, start, end) of one people noun: "four Chinese nationals", "a Navy medic"."""
    group = _part_group(head) if part else person_group(head)
    if group is None:
        return None
    found = count_of(head)
    if found is None:
        return None
    count, start, _ = found
    return group, count, start, head.idx + len(head.text)


def _parts(head: Token, measure: str, anchor: Token, rule: str) -> list[Found]:
    """The people ``head`` and its conjuncts name, each a part of a toll of ``measure``."""
    found = []
    for person in (head, *coordinated(head)):
        counted = _people_count(person)
        if counted is not None:
            group, count, start, end = counted
            found.append(Found(measure, group, count, start, end, anchor, "subset", rule))
    return found


def _casualty_measure(phrase: Token) -> str | None:
    """The measure a phrase naming casualties counts: "the dead", "those killed", "187 dead", "the injured"."""
    words = _constructions()["casualty_words"]
    for token in phrase.subtree:
        measure = words.get(token.lemma_.lower()) or words.get(token.lower_)
        if measure is not None:
            return str(measure)
    return None


# --------------------------------------------------------------------------- tolls


def _lives_claimed(sent: Sequence[Token]) -> list[Found]:
    """ "claimed 12 lives", "claimed the lives of at least 125 people", "cost 30 lives"."""
    found = []
    verbs = set(_constructions()["lives_verbs"])
    for lives in sent:
        if lives.lemma_.lower() != "life" or lives.tag_ != "NNS" or lives.dep_ != "dobj" or \
                lives.head.lemma_.lower() not in verbs:
            continue
        number = next((c for c in lives.children if c.dep_ == "nummod"), None)
        if number is not None and (counted := _count_at(number)) is not None:
            count, start, _ = counted
            found.append(Found("killed", "all", count, start, lives.idx + len(lives.text), lives.head, "total",
                               LIVES_CLAIMED))
            continue
        for prep in (c for c in lives.children if c.dep_ == "prep" and c.lower_ == "of"):
            for person in (c for c in prep.children if c.dep_ == "pobj"):
                counted_people = _people_count(person, part=False)
                if counted_people is not None and counted_people[1].value.low != 1:
                    group, count, start, end = counted_people
                    found.append(Found("killed", group, count, start, end, lives.head, "total", LIVES_CLAIMED))
    return found


def _is_toll(noun: Token) -> bool:
    lemma = noun.lemma_.lower()
    if lemma in _lexicon()["toll_nouns"]:
        return True
    compounds = _constructions()["count_nouns"].get(lemma)
    return bool(compounds) and any(c.dep_ == "compound" and c.lemma_.lower() in compounds for c in noun.children)


def _hedged(count: Count, how: str) -> Count:
    """A toll past ("exceeding 130": at least) or near ("nears 300": about) a number."""
    low = count.value.low
    if how == "past" and low is not None:
        return Count(Interval(low, None), "at_least")
    if how == "near" and count.hedge == "exact":
        return Count(count.value, "about")
    return count


def _number_of(word: Token) -> Token | None:
    """The number a toll's object states: the number itself, or the count on a noun ("to 22 people", "at 394 Monday")."""
    if word.pos_ == "NUM":
        return word
    return next((c for c in word.children if c.dep_ == "nummod" and c.pos_ == "NUM"), None)


def _toll_number(noun: Token) -> tuple[Token, str, Token] | None:
    """(number, how it is stated, anchor) of a toll noun in any role but the plain subject of a toll verb."""
    lexicon = _constructions()
    passing, nearing = set(lexicon["toll_passing_verbs"]), set(lexicon["toll_nearing_verbs"])
    verb = noun.head
    candidates: list[tuple[Token, Token, str]] = []  # (preposition or verb, number, how)
    if noun.dep_ == "dobj" and verb.lemma_.lower() in lexicon["toll_setting_verbs"]:
        candidates += [(p, o, "exact") for p in verb.children if p.dep_ == "prep" and p.lower_ in ("to", "at")
                       for o in p.children if o.dep_ == "pobj"]
    if noun.dep_ in ("nsubj", "nsubjpass"):
        # "the body count rose to 40" (a toll noun of its own), "the toll had risen above 90", "nears 300"
        if noun.lemma_.lower() not in _lexicon()["toll_nouns"]:  # a plain "toll" subject is read by figures
            candidates += [(p, o, "exact") for p in verb.children if p.dep_ == "prep" and p.lower_ in ("to", "at")
                           for o in p.children if o.dep_ == "pobj"]
        candidates += [(p, o, "past") for p in verb.children if p.dep_ == "prep" and p.lower_ in passing
                       for o in p.children if o.dep_ == "pobj"]
        if verb.lemma_.lower() in nearing | passing:
            how = "near" if verb.lemma_.lower() in nearing else "past"
            candidates += [(verb, o, how) for o in verb.children if o.dep_ == "dobj"]
        elif verb.lemma_.lower() in _lexicon()["toll_verbs"]:
            # a count on a noun, which a plain toll subject's own reading leaves: "reached at least 292 people"
            candidates += [(verb, o, "exact") for o in verb.children if o.dep_ in ("dobj", "attr") and o.pos_ != "NUM"]
            candidates += [(p, o, "exact") for p in verb.children if p.dep_ == "prep" and p.lower_ in ("to", "at")
                           for o in p.children if o.dep_ == "pobj" and o.pos_ != "NUM"]
    candidates += [(p, o, "exact") for p in noun.children if p.dep_ == "prep" and p.lower_ in ("of", "at")
                   for o in p.children if o.dep_ == "pobj"]
    for clause in (c for c in noun.children if c.dep_ == "acl" and c.lemma_.lower() in passing | nearing):
        how = "near" if clause.lemma_.lower() in nearing else "past"
        candidates += [(clause, o, how) for o in clause.children if o.dep_ == "dobj"]
    for word, stated, how in candidates:
        number = _number_of(stated)
        if number is not None:
            return number, how, word if word.pos_ == "VERB" else verb
    return None


def _toll_phrases(sent: Sequence[Token]) -> list[Found]:
    found = []
    for noun in sent:
        if noun.pos_ != "NOUN" or not _is_toll(noun):
            continue
        stated = _toll_number(noun)
        if stated is None:
            continue
        number, how, anchor = stated
        counted = _count_at(number)
        if counted is None:
            continue
        count, start, end = counted
        found.append(Found("killed", "all", _hedged(count, how), start, end, anchor, "total", TOLL_PHRASE))
    return found


# --------------------------------------------------------------------------- breakdowns


def _toll_before(earlier: Sequence[Earlier], at: int) -> Earlier | None:
    """The last figure of a measure that can be broken down ending before character ``at``."""
    before = [e for e in earlier if e[3] <= at and e[0] in _BROKEN_DOWN]
    return max(before, key=lambda e: e[3]) if before else None


def _including_parts(sent: Sequence[Token], earlier: Sequence[Earlier]) -> list[Found]:
    """ "ten people, including four Chinese nationals", "killed 12, including 11 Marines and a Navy medic"."""
    found = []
    for word in sent:
        if word.lower_ not in ("including", "includes") or word.dep_ != "prep":
            continue
        head = word.head
        if head.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
            # "others hurt, including a 2-year-old": a part of the people the phrase hangs on
            toll = next((e for e in earlier if e[2] <= head.idx < e[3] and e[0] in _BROKEN_DOWN), None)
        else:
            toll = _toll_before(earlier, word.idx)
            if toll is not None and any(t.pos_ in ("NOUN", "PROPN", "NUM") and toll[3] <= t.idx < word.idx for t in sent):
                toll = None  # "two people killed in a shooting that left others hurt, including ...": not theirs
        if toll is None:
            continue
        for person in (c for c in word.children if c.dep_ == "pobj"):
            found += _parts(person, toll[0], word.head, INCLUDING_PART)
    return found


def _among_parts(sent: Sequence[Token]) -> list[Found]:
    """ "four PIA officials are among the dead", "a journalist was among those killed"."""
    found = []
    for prep in sent:
        if prep.lower_ != "among" or prep.dep_ != "prep" or prep.head.pos_ not in ("VERB", "AUX"):
            continue
        casualties = next((c for c in prep.children if c.dep_ == "pobj"), None)
        measure = _casualty_measure(casualties) if casualties is not None else None
        if measure is None or casualties is None:
            continue
        verb = prep.head
        for subject in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")):
            found += _parts(subject, measure, verb, AMONG_PART)
    return found


def _include_parts(sent: Sequence[Token]) -> list[Found]:
    """ "the dead include 11 Marines and one Navy medic", "the wounded included a woman and a child"."""
    found = []
    for verb in sent:
        if verb.lemma_.lower() != "include" or verb.pos_ != "VERB":
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        measure = _casualty_measure(subject) if subject is not None else None
        if measure is None:
            continue
        for person in (c for c in verb.children if c.dep_ == "dobj"):
            found += _parts(person, measure, verb, INCLUDE_PART)
    return found


def _partitive_of(number: Token, verb: Token) -> Token | None:
    """The "of"/"among" phrase a count is a part of: "55 of the 70 dead", "of the dead, 23 were", and the
    copulas listed after it ("Among the dead, 16 were Kenyan, one was British")."""
    chained = [c for c in verb.children if c.dep_ in ("ccomp", "conj") and c.lemma_ == "be"]
    chained += [g for c in chained for g in c.children if g.dep_ in ("ccomp", "conj") and g.lemma_ == "be"]
    holders = [number, verb, *(a for a in list(verb.ancestors)[:2]), *chained]
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "among") and (prep.i < number.i or holder is number):
                return prep
    return None


def _predicate_group(verb: Token) -> str | None:
    """The group a copula's complement puts people in: "were lawyers", "were Turkish citizens", "were Turks"."""
    for complement in verb.children:
        if complement.dep_ not in ("attr", "acomp"):
            continue
        group = _part_group(complement)
        if group is not None:
            return group
        if complement.ent_type_ == "NORP":  # "23 were Turkish"
            return str(load_lexicon("group_nouns")["demonyms"]["group"])
    return None


def _partitive_parts(sent: Sequence[Token]) -> list[Found]:
    """ "of the dead, 23 were Turkish citizens", "Fifty-five of the 70 dead were lawyers"; a bare count
    after the casualties it is a part of: "of the hundreds wounded, 99 were in critical condition"."""
    found = []
    for number in sent:
        if not (number.pos_ == "NUM" or is_count_word(number.text)) or number.dep_ not in ("nsubj", "nsubjpass"):
            continue
        verb = number.head
        copula = verb.lemma_.lower() == "be"
        prep = _partitive_of(number, verb) if copula else _fronted_of(number, verb)
        measure = _casualty_measure(prep) if prep is not None else None
        group = _predicate_group(verb) if copula else None
        if group is None and prep is not None and prep.i < number.i and _bare_number(number):
            group = part_of_group(_of_group(prep))  # "of those wounded, 109 have been discharged"
        counted = _count_at(number)
        if measure is None or group is None or counted is None:
            continue
        count, start, end = counted
        found.append(Found(measure, group, count, start, end, verb, "subset", PARTITIVE_PART))
    return found


def _fronted_of(number: Token, verb: Token) -> Token | None:
    """The "of" phrase a sentence opens with, before its subject ``number``: "Of those wounded, 109 have"."""
    return next((p for p in verb.children if p.dep_ == "prep" and p.lower_ == "of" and p.i < number.i), None)


def _bare_number(number: Token) -> bool:
    """A count with no noun: "99", "seven" (not "seven soldiers", whose group is their own)."""
    return number.pos_ == "NUM" and not any(c.dep_ == "prep" for c in number.children)


def _of_group(prep: Token) -> str:
    """The group of the people an "of" phrase names ("of the 20 injured soldiers": security), else all."""
    for word in prep.subtree:
        if word is not prep and word.pos_ in ("NOUN", "PROPN") and (group := person_group(word)) is not None:
            return group
    return "all"


def part_of_group(whole: str) -> str:
    """The group of a part of people counted as a whole: a part of everybody hurt is told by what befell it
    ("80 of them seriously", "214 of them children"): the victims, civilians; attackers and forces stay."""
    return "civilians" if whole == "all" else whole


def _pronoun_parts(sent: Sequence[Token], earlier: Sequence[Earlier]) -> list[Found]:
    """ "200 people were injured, 80 of them seriously", "186 wounded, 28 of whom were in intensive care",
    "nearly 100 of those wounded are critically injured": a count of the people counted before it."""
    found = []
    pronouns = frozenset(_lexicon()["partitive_pronouns"])
    for prep in sent:
        number = prep.head
        if prep.lower_ != "of" or prep.i != number.i + 1 or not (number.pos_ == "NUM" or is_count_word(number.text)):
            continue
        pronoun = next((c for c in prep.children if c.dep_ == "pobj" and c.lower_ in pronouns), None)
        before = [e for e in earlier if e[3] <= number.idx and e[0] in _PRONOUN_WHOLES]
        whole = max(before, key=lambda e: e[3]) if before else None
        if pronoun is None:
            continue
        measure = _casualty_measure(pronoun) or (whole[0] if whole is not None else None)  # "65 of those wounded"
        counted = _count_at(number)
        if measure is None or counted is None or \
                any(e[2] <= number.idx < e[3] and e[0] != measure for e in earlier):  # "one of them fatally"
            continue
        count, start, _ = counted
        end = pronoun.right_edge.idx + len(pronoun.right_edge.text)
        group = part_of_group(whole[1] if whole is not None else "all")
        found.append(Found(measure, group, count, start, end, number, "subset", PRONOUN_PART))
    return found


def breakdown_lists(sent: Sequence[Token]) -> list[Token]:
    """The first people noun of each list in parentheses that breaks down a count before it:
    "72 people (43 men, 20 children and nine women)"."""
    heads = []
    for noun in sent:
        if noun.dep_ != "appos" or noun.i == 0 or noun.doc[noun.left_edge.i - 1].text != "(":
            continue
        if person_group(noun) is not None and person_group(noun.head) is not None and \
                any(c.dep_ == "nummod" for c in noun.head.children):
            heads.append(noun)
    return heads


def _listed_parts(sent: Sequence[Token], earlier: Sequence[Earlier]) -> list[Found]:
    found = []
    for noun in breakdown_lists(sent):
        toll = _toll_before(earlier, noun.idx)
        if toll is not None:
            found += _parts(noun, toll[0], noun.head, LISTED_PART)
    return found


_PARTITIVE = re.compile(r"^\S+(?: \S+){0,3} of (?:them|whom|those)$", re.IGNORECASE)


def bare_count(text: str) -> bool:
    """A count with no noun of its own ("143", "nine others", "more than 200"): its people are named before."""
    words = text.lower().split()
    return bool(words) and all(is_count_word(w) or w in _BARE_WORDS for w in words)


def partitive_of_pronoun(text: str) -> bool:
    """ "80 of them", "four of whom": a part of people counted before."""
    return bool(_PARTITIVE.match(text))


@cache
def inheritable_groups() -> frozenset[str]:
    return frozenset(_constructions()["inheritable_groups"])


def _quantity_conjuncts(sent: Sequence[Token], earlier: Sequence[Earlier]) -> list[Found]:
    """ "wounded 18 Americans and scores of Afghans", "killing their leader and dozens of his gunmen": a
    quantity of people listed after others the figure counts, their own group's count (the list is not
    summed: the quantity is vague)."""
    found = []
    for quantity in sent:
        if quantity.dep_ != "conj" or not is_count_word(quantity.text) or quantity.pos_ not in ("NOUN", "NUM"):
            continue
        people = next((o for p in quantity.children if p.dep_ == "prep" and p.lower_ == "of"
                       for o in p.children if o.dep_ == "pobj" and person_group(o) is not None), None)
        first = quantity.head
        whole = next((e for e in earlier if e[2] <= first.idx < e[3]), None)
        counted = _count_at(quantity) if people is not None and whole is not None else None
        if counted is None or people is None or whole is None:
            continue
        count, start, _ = counted
        found.append(Found(whole[0], str(person_group(people)), count, start, people.idx + len(people.text), quantity,
                           "total", QUANTITY_CONJUNCT))
    return found


def _counted_bodies(sent: Sequence[Token]) -> list[Found]:
    """ "the bodies of five attackers", "we have 53 bodies at the hospital", "130 of the bodies": counted dead.

    Bodies counted where they were found, carried or taken are a part of the toll (one hospital's, one
    witness's), so a part; bodies nobody counts ("the body was found") are read with their verb elsewhere.
    """
    found = []
    corpses = set(_lexicon()["corpse_nouns"])
    for noun in sent:
        if noun.lemma_.lower() not in corpses or noun.tag_ != "NNS":
            continue
        people = [o for p in noun.children if p.dep_ == "prep" and p.lower_ == "of"
                  for o in p.children if o.dep_ == "pobj" and person_group(o) is not None]
        numbered = count_of(people[0]) if people else None
        if people and numbered is not None and numbered[2]:
            count, start, _ = numbered
            found.append(Found("killed", str(person_group(people[0])), count, start,
                               people[0].idx + len(people[0].text), noun, "subset", COUNTED_BODIES))
            continue
        number = next((c for c in noun.children if c.dep_ == "nummod"), None)
        if number is None and noun.dep_ == "pobj" and noun.head.lower_ == "of" and is_count_word(noun.head.head.text):
            number = noun.head.head  # "130 of the bodies", "dozens of bodies"
        quantity = _count_at(number) if number is not None else None
        if quantity is not None:
            count, start, _ = quantity
            found.append(Found("killed", "all", count, start, noun.idx + len(noun.text), noun, "subset", COUNTED_BODIES))
    return found


def _coordinated_parts(sent: Sequence[Token], earlier: Sequence[Earlier]) -> list[Found]:
    """ "killed 132 children and nine adults", "a Canadian woman, three other civilians and five police
    officers were killed": a list whose people are counted one by one states each count; the figure found
    for the whole list is their sum. A counted conjunct the sum could not take ("at least 61 civilians and
    six security troops": hedged counts do not add up) is a figure of its own (``figures.listed_count``)."""
    found: list[Found] = []
    if not sent:
        return found
    people = may_name_people(sent[0].doc)
    for head in sent:
        if not people[head.i] or head.dep_ == "conj" or person_group(head) is None:
            continue
        listed = [c for c in coordinated(head) if person_group(c) is not None]
        # a number somewhere in the list, and listed people with a count of their own (not "2,500
        # civilians, security personnel and militants", one number for all); most heads list nobody
        if not listed or not any(_numbered(c) for c in (head, *listed)) or \
                not any(count_of(c) is not None for c in listed):
            continue
        whole = next((e for e in earlier if e[2] <= head.idx and e[3] >= listed[-1].idx + len(listed[-1].text)), None)
        if whole is not None and whole[0] == "arrested":
            continue  # "two men and a woman were arrested": suspects, not a toll to break down
        if whole is not None:
            found += _parts(head, whole[0], head, LISTED_PART)
            continue
        first = next((e for e in earlier if e[2] <= head.idx < e[3] and e[0] in _PRONOUN_WHOLES), None)
        if first is None or not _numbered(head):
            continue
        for person in listed:
            counted = _people_count(person, part=False)
            if counted is None or not _numbered(person) or any(e[2] <= person.idx < e[3] for e in earlier):
                continue
            group, count, start, end = counted
            found.append(Found(first[0], group, count, start, end, person, "total", LISTED_COUNT))
    return found


def _numbered(person: Token) -> bool:
    # the tag first: most people are no plural noun, and their count is not read
    return person.tag_ in ("NNS", "NNPS") and (counted := count_of(person)) is not None and counted[2]


def _count_outcomes(sent: Sequence[Token]) -> list[Found]:
    """ "72 people have been killed and over 200 injured", "39 dead and 150 wounded", "wounded 27 more":
    a count with no noun, right before an outcome word or as the object of an outcome verb."""
    found = []
    outcomes = _lexicon()["headline_nouns"]
    doc = sent[0].doc if sent else None
    for number in sent:
        if number.pos_ != "NUM" or number.i + 1 >= len(number.doc):
            continue
        following = number.doc[number.i + 1]
        measure = outcomes.get(following.lower_)
        anchor = following
        if following.lower_ in ("more", "others") and following.dep_ == "dobj":
            verb = following.head  # "wounded 27 more"
            measure = _lexicon()["patient_verbs"].get(verb.lemma_.lower())
            anchor = verb
        elif measure is not None and following.i + 1 < len(number.doc) and \
                number.doc[following.i + 1].pos_ in ("NOUN", "PROPN"):
            continue  # "the 20 injured soldiers": the noun is counted, and read with its own verb
        if measure not in ("killed", "injured") or doc is None:
            continue
        counted = _count_at(number)
        if counted is None:
            continue
        count, start, end = counted
        found.append(Found(measure, "all", count, start, end, anchor, "total", COUNT_OUTCOME))
    return found


def construction_hits(sent: Sequence[Token], earlier: Sequence[Earlier]) -> list[Found]:
    """Every toll and part of a toll the constructions read in ``sent``; ``earlier`` are the figures found
    in it before (a breakdown is a part of the last toll before it)."""
    tolls = _lives_claimed(sent) + _toll_phrases(sent) + _count_outcomes(sent)
    known = [*earlier, *((f.measure, f.group, f.start, f.end) for f in tolls)]
    parts = _including_parts(sent, known) + _among_parts(sent) + _include_parts(sent) + _partitive_parts(sent)
    parts += _pronoun_parts(sent, known)
    parts += _listed_parts(sent, known) + _coordinated_parts(sent, known) + _counted_bodies(sent)
    parts += _quantity_conjuncts(sent, known)
    return tolls + parts


__all__ = ["Found", "bare_count", "part_of_group", "breakdown_lists", "construction_hits", "inheritable_groups", "life_phrase_measure",
           "partitive_of_pronoun"]
