"""Title lines, read by word order: "Teenager killed, 6 wounded", "Gunfight kills 1, wounds 12".

The parser reads telegraphic titles poorly, so their people and outcome words are found by position.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from accord.extract.figure_counting import (
    is_clock,
    is_numberish,
    not_a_count,
    person_group,
)
from accord.extract.figures.hits import HIT, Hit, Switches, strongest, trigger_words, triggers
from accord.extract.figures.modality import modality_of
from accord.extract.figures.predicates import reflexive
from accord.extract.numbers import Count, is_count_word, parse_count
from accord.models import Interval


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
        if other is None or other[1].hedge != "exact" or doc[k - 2].lower_ in triggers()["headline_nouns"]:
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


def fatal_share(doc: Doc, i: int, end: int) -> tuple[Count, SpacySpan] | None:
    """ ", two fatally" right after a title's "Six shot": how many of them died."""
    if i + 2 >= end or doc[i].text != "," or not is_count_word(doc[i + 1].text):
        return None
    if doc[i + 2].lower_ not in triggers()["fatal"]:
        return None
    count = parse_count(doc[i + 1].text)
    return (count, doc[i + 1 : i + 2]) if count is not None else None


def headline_hits(sent: SpacySpan, switches: Switches) -> list[Hit]:
    """ "Teenager killed, 6 wounded", "Teen shot, killed in Atlanta": a title's people and outcomes.

    The parser reads telegraphic titles poorly, so they are read by word order:
    people, then outcome words joined by commas ("shot, killed" is killed).
    """
    outcomes: dict[str, str] = triggers()["headline_nouns"]
    hits: list[Hit] = []
    doc = sent.doc
    i = sent.start
    while switches.on("figures.title_outcome") and i < sent.end:
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
            measure = strongest([measure, outcomes[doc[end + 2].lower_]]) or measure
            end += 2
        # "Man wounded in shooting dies": the title's last verb says what became of him
        # ("4 shot, 2 die" counts its own dead: a number before the verb leaves the first count alone)
        following = next((t.i for t in doc[end + 1 : sent.end] if is_count_word(t.text) or
                          (t.lower_ in outcomes and t.lemma_.lower() not in trigger_words("death_lemmas"))), sent.end)
        if measure in (HIT, "injured") and any(t.lemma_.lower() in trigger_words("death_lemmas") and t.pos_ == "VERB"
                                               for t in doc[end + 1 : following]):
            measure = "killed"
        modality = modality_of(doc[i])
        if modality is not None:
            # only a written number can be a roundup's total ("6 wounded in Baltimore shootings")
            explicit = any(is_count_word(t.text) for t in words)
            hits.append(Hit(measure, group, count, words.start_char, words.end_char, doc[i], modality, explicit,
                            rule="figures.title_outcome"))
            fatal = fatal_share(doc, end + 1, sent.end) if switches.on("figures.title_fatal_share") else None
            if fatal is not None and measure == HIT:  # "Six shot, two fatally"
                hits.append(Hit("killed", group, fatal[0], fatal[1].start_char, fatal[1].end_char, doc[i],
                                modality, True, rule="figures.title_fatal_share"))
        i = end + 1
    return hits + headline_verb_hits(sent, switches)


def _active_title_verb(outcome: Token, sent: SpacySpan) -> bool:
    """Whether a title's outcome word ("killed", "shot") has an object after it, so is the verb of an act.

    "Cop killed his son", "Man Killed Wife, 4 Kids": who was killed follows; in "Teen killed, 6
    wounded" or "Man shot Tuesday" nobody does.
    """
    if outcome.i + 1 >= sent.end or outcome.lower_ not in triggers()["headline_nouns"]:
        return False
    following = outcome.doc[outcome.i + 1]
    if following.tag_ == "PRP$":
        return True
    return following.pos_ in ("NOUN", "PROPN") and person_group(following) is not None \
        and outcome.i > sent.start and person_group(outcome.doc[outcome.i - 1]) is not None


def headline_object_list(verb: Token, measure: str) -> list[Hit]:
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
    if len(people) < 2 or any(not reflexive(h) and h.lower_ != "self" and person_group(h) is None for h in heads):
        return []
    modality = modality_of(verb)
    if modality is None:
        return []
    victims = [item for item in people if not (reflexive(item[-1]) or item[-1].lower_ == "self")]
    total = 0
    for item in victims:
        numbers = [t for t in item if is_count_word(t.text) and not not_a_count(t)]
        count = parse_count(" ".join(t.text for t in numbers)) if numbers else None
        total += count.value.low or 1 if count is not None else 1
    hits = []
    if victims:
        start, end = victims[0][0].idx, victims[-1][-1].idx + len(victims[-1][-1].text)
        hits.append(Hit(measure, "all", Count(Interval(total, total), "exact"), start, end, verb, modality, True,
                        rule="figures.title_object_list"))
    if len(victims) < len(people) and measure == "killed":
        self_word = next(item[-1] for item in people if item not in victims)
        hits.append(Hit("killed", "attackers", Count(Interval(1, 1), "exact"), self_word.idx,
                        self_word.idx + len(self_word.text), verb, modality, False, rule="figures.title_object_list"))
    return hits


def headline_verb_hits(sent: SpacySpan, switches: Switches) -> list[Hit]:
    """ "Gunfight kills 1, wounds 12", "Man fatally shoots 2": a title's verb with the count right after it."""
    verbs: dict[str, str] = triggers()["headline_verbs"]
    fatal = set(triggers()["fatal"])
    doc = sent.doc
    hits = []
    for verb in sent:
        measure = verbs.get(verb.lower_)
        if measure is None and _active_title_verb(verb, sent):
            measure = triggers()["headline_nouns"].get(verb.lower_)  # "killed his son", "Man Killed Wife"
        if measure is None or verb.i + 1 >= sent.end:
            continue
        number = doc[verb.i + 1]
        if not is_count_word(number.text) or not_a_count(number):
            if switches.on("figures.title_object_list"):
                hits.extend(headline_object_list(verb, measure))
            continue
        if not switches.on("figures.title_verb_count"):
            continue
        count = parse_count(number.text)
        modality = modality_of(verb)
        if count is None or modality is None:
            continue
        if measure == HIT and verb.i > sent.start and doc[verb.i - 1].lower_ in fatal:
            measure = "killed"  # "fatally shoots 1"
        hits.append(Hit(measure, "all", count, number.idx, number.idx + len(number.text), verb, modality, True,
                        rule="figures.title_verb_count"))
    return hits
