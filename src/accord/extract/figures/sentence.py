"""The walk over one sentence: every counted group of people and what happened to them, as hits."""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from accord.extract.extensions import doc_text
from accord.extract.figure_counting import (
    age_noun,
    coordinated,
    count_of,
    is_numberish,
    not_a_count,
    noun_stoplist,
    person_group,
    vague_words,
    with_conjuncts,
)
from accord.extract.figures.cache import doc_words
from accord.extract.figures.casualties import with_constructions
from accord.extract.figures.constructions import (
    arrest_noun_hits,
    custody_hits,
    multiple_event_hits,
    murder_suicide_hits,
    restated_hits,
    suicide_hits,
    toll_hits,
)
from accord.extract.figures.headlines import headline_hits
from accord.extract.figures.hits import HIT, Hit, triggers
from accord.extract.figures.layout import PARAGRAPH_NEWLINES, is_headline, run_on_paragraphs
from accord.extract.figures.modality import modality_of
from accord.extract.figures.predicates import (
    DEATH_LEMMAS,
    WOUND_NOUNS,
    arrested_for_other,
    both_said,
    included_attackers,
    predicate_of,
    with_wound,
)
from accord.extract.numbers import Count, is_count_word, parse_count
from accord.lexicons import load_lexicon
from accord.models import Interval

#: Pronouns a partitive count refers back to people with: "one of them fatally".
_PARTITIVE_PRONOUNS = {"them", "those", "these", "whom", "us"}
#: Nouns that say their people are held ("hostages"), whatever is done or tried for them.
_CAPTIVE_NOUNS = {"hostage", "captive"}
#: Pronouns that speak again of one person, by sex.
_SEXED_PRONOUNS = {"he": "male", "him": "male", "she": "female", "her": "female"}


def sentence_hits(sent: SpacySpan) -> list[Hit]:
    # spaCy makes a new Token object on every step through a Span, and the rules below walk the
    # sentence several times: walk it once, and let each rule keyed on a word run only when one of
    # its words is in the sentence (most sentences state no figure)
    tokens = list(sent)
    cached = doc_words(sent.doc)
    vocabulary = set(cached.lemmas[sent.start : sent.end]) | set(cached.lowers[sent.start : sent.end])
    may_count = cached.may_count
    if is_headline(sent):
        headline = headline_hits(sent)
        if headline:
            # "Man kills woman, her son, himself": the title's own words miss the suicide
            return headline + suicide_hits(tokens, vocabulary)
    # a title the parser ran on into the first sentence is still read as a title
    hits: list[Hit] = []
    if doc_text(sent.doc).count("\n", sent.start_char, sent.end_char) >= PARAGRAPH_NEWLINES:
        hits = [hit for piece in run_on_paragraphs(sent) if is_headline(piece) for hit in headline_hits(piece)]
    done: set[int] = set()
    wounds = bool(vocabulary & WOUND_NOUNS)
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
        elif token.dep_ == "nummod" and token.head.lower_ in triggers()["headline_nouns"] and not not_a_count(token):
            # a headline's "4 shot", "2 dead" parsed as a noun phrase
            count = parse_count(token.text)
            if count is not None and modality_of(token.head) is not None:
                measure = triggers()["headline_nouns"][token.head.lower_]
                hits.append(Hit(measure, "all", count, token.idx, token.idx + len(token.text), token.head,
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
        predicate = predicate_of(token, count_info[2], wounds)
        if predicate is None or (weak and predicate[0] not in ("killed", "injured")):
            continue
        measure, anchor = predicate
        modality = modality_of(anchor)
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
        if count.value.low == 1 and count.hedge == "exact" and both_said(token):
            count = Count(Interval(2, 2), "exact")  # "Smith, 25, and Jones were both killed": the list is two
        end = max(end, phrase_end)
        listed = coordinated(token)
        done.update(c.i for c in listed)
        # "the boy's stepfather, John Doe, 26, was arrested": the name in apposition is the same person
        # (a name beside a name is more often the next of a list: "Moore, Bradford and Hall")
        done.update(a.i for c in (token, *listed) for a in c.children
                    if a.dep_ == "appos" and {a.pos_, c.pos_} == {"NOUN", "PROPN"} and person_group(a) is not None)
        included = included_attackers(token)
        if included and group != "attackers":
            # "three people including the gunman": three people (group all), one of them the gunman
            group = "all"
            hits.append(Hit(measure, "attackers", Count(Interval(included, included), "exact"), start, end,
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
                anchor.lemma_.lower() in triggers()["freeing_verbs"]:
            group = "hostages"  # whoever is freed was held captive
        if measure == "arrested" and group == "all" and not arrested_for_other(anchor):
            group = "attackers"  # one arrested in an incident is held as its suspect
        hits.append(Hit(measure, group, count, start, end, anchor, modality, explicit))
        if wounds and measure not in ("killed", "injured", HIT) and (wounded := with_wound(token)) is not None and \
                (wound_modality := modality_of(wounded[1])) is not None:
            # "a deputy detained a man with a gunshot wound": arrested, and hurt
            hits.append(Hit(wounded[0], group, count, start, end, wounded[1], wound_modality, explicit))
    if vocabulary & DEATH_LEMMAS and any(t.lemma_.lower() in DEATH_LEMMAS and modality_of(t) is not None for t in tokens):
        # "was rushed to hospital in critical condition, where she died": one person, now dead
        hits = [replace(h, measure="killed") if h.measure in ("injured", HIT) and not h.explicit
                and h.count.value.low == 1 else h for h in hits]
    lexicon = triggers()
    if vocabulary.intersection(lexicon["toll_nouns"]):
        hits.extend(toll_hits(tokens))
    if vocabulary.intersection(lexicon["multiple_event"]["multipliers"]):
        hits.extend(multiple_event_hits(tokens))
    if vocabulary.intersection(lexicon["restating_nouns"]):
        hits.extend(restated_hits(tokens, hits))
    hits = with_constructions(tokens, hits)
    if "custody" in vocabulary or "arrest" in vocabulary:
        hits.extend(custody_hits(tokens, hits))
    if "arrest" in vocabulary:
        hits.extend(arrest_noun_hits(tokens, hits))
    if "suicide" in vocabulary:
        hits.extend(murder_suicide_hits(tokens))
    hits.extend(suicide_hits(tokens, vocabulary))
    hits = _without_restating_pronouns(hits, doc_text(sent.doc))
    # a title run on into the text is read twice, by word order and by the parse: one claim per phrase
    unique: dict[tuple[str, str, int | None, int | None, int, int], Hit] = {}
    for hit in hits:
        unique.setdefault((hit.measure, hit.group, hit.count.value.low, hit.count.value.high, hit.start, hit.end), hit)
    return list(unique.values())


def _without_restating_pronouns(hits: list[Hit], text: str) -> list[Hit]:
    """Drop "he"/"she" hits that speak again of the one person of the same sex counted before them in
    the sentence: "the boy was hit in the face and he was taken to hospital in serious condition"."""
    kept: list[Hit] = []
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
