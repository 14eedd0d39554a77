"""Who a figure counts and how many: the participant side of ``accord_figures``.

A token naming people ("three men", "the gunman", a name, "he", "a 10-year-old")
→ its group (lexicon ``group_nouns``) and its count: the number phrase on its
left (:func:`accord.extract.numbers.parse_count`), or an implicit one (a
singular noun is one person, "two men and a woman" sums its conjuncts, "no
one" is 0). Numbers that are ages, years, times, money or measures count nobody.
"""

from __future__ import annotations

import re
from functools import cache

import numpy as np
from spacy.attrs import ENT_TYPE, LEMMA, LOWER, POS
from spacy.parts_of_speech import NOUN, PROPN
from spacy.tokens import Doc, Token

from accord.extract.extensions import doc_entities, made_once
from accord.extract.numbers import Count, is_count_word, parse_count
from accord.lexicons import load_lexicon
from accord.models import Interval

#: "both" standing alone ("Both died") speaks of two people already named, like "he" of one.
#: "another" standing alone ("another was wounded") is one more person.
#: "someone" is one person nobody has named yet ("a report of someone shot"); "someone else" is
#: somebody imagined more often than not ("before someone else gets hurt") and is left out.
PERSON_PRONOUNS = {"he": 1, "she": 1, "him": 1, "her": 1, "nobody": 0, "none": 0, "both": 2, "another": 1,
                   "someone": 1, "somebody": 1}
_NUMBER_GLUE = {"to", "and", "or", "-", "–", "between", "than", "of", "up", "as", "least", "most", "nearly",
                "about", "around", "almost", "approximately", "roughly", "some", "over", "more", "at", "a", "an",
                "just", "estimated", "close", "fewer", "less", "no", "odd", "plus", "so", "half"}
#: Where :func:`_person_name_words` keeps a document's person name words (``Doc.user_data``).
_PERSON_WORDS_KEY = "accord.person_words"
#: Where :func:`may_name_people` keeps which of a document's tokens may name people.
_MAY_NAME_PEOPLE_KEY = "accord.may_name_people"
#: How many tokens after "and" the head of a stray conjunct may come ("and his young mother").
_STRAY_REACH = 5
#: How far back (tokens) a list of ages may start: "aged 21, 22, 23, 24 and 25" is ten tokens.
_AGE_LIST_REACH = 10
#: Words a photo gallery numbers its pictures with ("Image 1 of 8", "Photo 3/12").
_GALLERY_WORDS = {"image", "photo", "picture", "slide", "gallery"}
#: Entity labels of numbers that never count people.
_NOT_COUNT_ENTITIES = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"}
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
#: A clock time or a video's timestamp ("0:43", "11:30", "1:02:15"): never part of a phrase naming people.
_CLOCK = re.compile(r"^\d{1,2}(?::\d\d){1,2}$")


def is_clock(token: Token) -> bool:
    return bool(_CLOCK.match(token.text))


def phrase_start(head: Token) -> int:
    """The first character of the phrase ``head`` heads, past a timestamp glued on ("0:43 Homeless man")."""
    first = head.left_edge
    while first.i < head.i and (is_clock(first) or first.is_space or first.is_punct):
        first = first.doc[first.i + 1]
    return first.idx


@cache
def group_of_lemma() -> dict[str, str]:
    lexicon = load_lexicon("group_nouns")
    table: dict[str, str] = {}
    for group in ("all", "civilians", "hostages", "security", "attackers"):
        for word in lexicon[group]:
            table[word] = group
    return table


@cache
def noun_stoplist() -> set[str]:
    return set(load_lexicon("group_nouns")["unknown_noun_stoplist"])


@cache
def pair_nouns() -> frozenset[str]:
    return frozenset(load_lexicon("group_nouns")["pair_nouns"])


@cache
def vague_words() -> set[str]:
    return set(load_lexicon("number_words")["vague"])


@cache
def _group_modifiers() -> tuple[dict[str, str], frozenset[str]]:
    """(modifier word -> group, the general nouns a modifier may put in a group)."""
    modifiers = load_lexicon("group_nouns")["group_modifiers"]
    table = {word: group for group in ("security", "civilians", "attackers") for word in modifiers[group]}
    return table, frozenset(modifiers["modified_heads"])


def modifier_group(token: Token) -> str | None:
    """The group a modifier alone gives any noun: "the militant group", "the security forces"."""
    table, _ = _group_modifiers()
    return next((table[c.lower_] for c in token.children
                 if c.dep_ in ("compound", "amod") and c.i < token.i and c.lower_ in table), None)


def _modified_group(token: Token, own: str | None, lemma: str) -> str | None:
    """The group a modifier gives a general noun of people: "police officials", "army recruits", "civilian workers"."""
    table, heads = _group_modifiers()
    if own not in ("all", "civilians", "security") and lemma not in heads:
        return None
    for child in token.children:
        if child.dep_ in ("compound", "amod") and child.i < token.i:
            group = table.get(child.lower_)
            # "armed police", "rebel soldiers" (of a force in a civil war) stay who the noun says
            if group is not None and not (group == "attackers" and own == "security"):
                return group
    return None


def person_group(token: Token) -> str | None:
    """The group a person-naming token belongs to, or None when it names no people."""
    if not may_name_people(token.doc)[token.i]:
        return None  # no branch below answers (most words): their strings are not read
    lemma = token.lemma_.lower()
    table = group_of_lemma()
    own = table.get(lemma, table.get(token.lower_))
    if token.pos_ in ("NOUN", "PROPN") and (modified := _modified_group(token, own, lemma)) is not None:
        return modified
    if own is not None:
        return own
    if token.ent_type_ == "NORP" and token.tag_ in ("NNPS", "NNS"):
        return str(load_lexicon("group_nouns")["demonyms"]["group"])  # "60 Afghans", "seven Australians"
    if token.pos_ == "PROPN" and (token.ent_type_ == "PERSON" or (not token.ent_type_ and (
            token.text in _person_name_words(token.doc) or
            any(c.dep_ == "appos" and c.like_num and c.i == token.i + 2 for c in token.children)))):
        # the tagger may miss a name it tags elsewhere in the article ("Sang died." after "Bo Sang, 17")
        # or one given with an age ("Ana Ruiz, 21, and Tom Hill, 25")
        return "all"
    if token.lower_ in ("someone", "somebody") and any(c.lower_ == "else" for c in token.children):
        return None
    if token.lower_ in PERSON_PRONOUNS:
        # "another" names a person only as a subject ("another was wounded"); "dared another to shoot"
        # or "one shot another" leave who it is to the verb around it
        return "all" if token.lower_ != "another" or token.dep_ in ("nsubj", "nsubjpass") else None
    if age_noun(token):
        return "all"
    return None


def may_name_people(doc: Doc) -> list[bool]:
    """For each token of ``doc``, False where :func:`person_group` is surely None (made once per doc).

    The rules that walk every word of a sentence for people ask this first: most words name nobody,
    and ``person_group`` builds a Token's strings to say so. True where any branch of ``person_group``
    may answer: a word of the group table, a modified general noun, a demonym, a proper noun, a
    person pronoun or an age noun.
    """
    return made_once(doc, _MAY_NAME_PEOPLE_KEY, lambda: _read_may_name_people(doc))


def _read_may_name_people(doc: Doc) -> list[bool]:
    strings = doc.vocab.strings
    table = group_of_lemma()
    _, heads = _group_modifiers()
    named = table.keys() | PERSON_PRONOUNS.keys() | AGE_WORDS
    lemma, lower, pos, ent_type = doc.to_array([LEMMA, LOWER, POS, ENT_TYPE]).T
    # each distinct word decoded once
    lemmas = {i: strings[i].lower() for i in set(lemma.tolist())}
    in_table = [i for i, word in lemmas.items() if word in table]
    modified_heads = [i for i, word in lemmas.items() if word in heads]
    in_named = [i for i in set(lower.tolist()) if strings[i] in named]
    may = (np.isin(lemma, in_table) | np.isin(lower, in_named) | (pos == PROPN) | (ent_type == strings["NORP"])
           | ((pos == NOUN) & np.isin(lemma, modified_heads)))
    return list(may.tolist())


def _person_name_words(doc: Doc) -> frozenset[str]:
    """The words of the names the entity tagger calls persons somewhere in ``doc`` (made once per doc)."""
    return made_once(doc, _PERSON_WORDS_KEY, lambda: frozenset(
        t.text for e in doc_entities(doc) if e.label_ == "PERSON" for t in e if t.is_title))


#: The words an age is a person with, as a noun: "a 10-year-old", "a 10-year old".
AGE_WORDS = frozenset(("old", "year-old", "years-old"))


def age_noun(token: Token) -> bool:
    """ "a 10-year-old" used as a noun: the person of that age."""
    if token.lower_ not in AGE_WORDS or token.dep_ in ("amod", "acomp"):
        return False
    doc = token.doc
    return token.lower_ != "old" or (token.i >= 2 and doc[token.i - 1].text == "-" and doc[token.i - 2].lemma_ == "year")


def is_numberish(token: Token) -> bool:
    return is_count_word(token.text) or token.lower_ in _NUMBER_GLUE


def count_tokens(head: Token) -> list[Token]:
    """Tokens left of ``head`` (in its subtree) that belong to its count, not to an age or a time."""
    kept = []
    for token in head.subtree:
        if token.i >= head.i:
            break
        node, ok = token, True
        while node.i != head.i:
            if not is_numberish(node) and node.i != token.i:
                ok = False
                break
            node = node.head
            if node.i > head.i or node.i < head.left_edge.i:
                ok = False
                break
        if ok and is_numberish(token) and token.dep_ != "preconj":
            kept.append(token)
    # a count never runs across a line break ("... at 12\n\nOne person")
    breaks = [t.i for t in head.doc[head.left_edge.i : head.i] if "\n" in t.text_with_ws]
    if breaks:
        kept = [t for t in kept if t.i > max(breaks)]
    # an age, time or measure glued on ("15-year-old", "11:30") is never a count of people
    return [t for t in kept if not not_a_count(t)]


def not_a_count(token: Token) -> bool:
    """A number that is an age, a year, a time, money or a measure, not a count of people."""
    if glued_unit(token):
        return True
    if token.ent_type_ in _NOT_COUNT_ENTITIES:
        # the tagger calls "between 10 and 15" a DATE too: only a date with a date word or a year is one
        entity = next((e for e in doc_entities(token.doc) if e.start <= token.i < e.end), None)
        if entity is None or entity.label_ not in ("DATE", "TIME"):
            return True
        if any(not is_numberish(t) for t in entity) or any(_YEAR.match(t.text) for t in entity):
            return True
    doc = token.doc
    before = doc[token.i - 1] if token.i > 0 else None
    if before is not None and before.lower_ in ("age", "aged", "ages", "No.", "no.", "#"):
        return True
    if token.dep_ == "conj" and token.head.like_num and token.head.i < token.i and not_a_count(token.head):
        return True  # "aged 21, 22 and 24"
    # "Cartrail Robertson, 13, was shot": an age in apposition to a person
    # (a hedge word such as "nearly" is never the age: ", nearly 80 people"; vague count words such as
    # "dozens" keep the old reading, as titles' "9 dead, dozens injured" would otherwise reach the
    # main incident from related-story lists, which costs one GVA dev incident)
    if before is not None and before.text in (",", "(") and token.i > 1 and is_count_word(token.text):
        named = doc[token.i - 2]
        after = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if named.lower_ in _outcome_words() and token.lower_ not in vague_words():
            # a title's "One Dead, One Hospitalized": a count after an outcome, not an age (a vague
            # "9 dead, dozens injured" keeps the age reading: related-story lists are full of them)
            return False
        counted = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if counted is not None and counted.tag_ in ("NNS", "NNPS") and person_group(counted) is not None:
            return False  # "his wife, 4 kids": the number counts the people named right after it
        if named.pos_ == "PROPN" or person_group(named) is not None:
            return True
        if named.text == ")" and after is not None and after.text in (",", ")", "and"):
            return True  # "Dana Rhoden (left), 37, and her son": a caption's age after a parenthesis
        if named.text.istitle() and after is not None and after.text in (",", ")"):
            return True
    if in_age_list(token):
        return True
    # the upper end of an age range: "ages 11 to 15"
    if before is not None and before.lower_ in ("to", "-", "and", "or") and token.i > 1 and \
            doc[token.i - 2].like_num and not_a_count(doc[token.i - 2]):
        return True
    return _photo_counter(token, before)


def _photo_counter(token: Token, before: Token | None) -> bool:
    """A photo counter or a fraction: "1 / 4 Back to Gallery", "Image 3 of 8"."""
    doc = token.doc
    if before is None:
        return False
    previous = before.lower_
    if previous == "/" and token.i > 1 and doc[token.i - 2].like_num:
        return True
    if previous in _GALLERY_WORDS:
        return True
    if previous == "of" and token.i > 2 and doc[token.i - 3].lower_ in _GALLERY_WORDS:
        return True
    return token.i + 2 < len(doc) and doc[token.i + 1].text == "/" and doc[token.i + 2].like_num


@cache
def _outcome_words() -> frozenset[str]:
    """The outcome words a title's counts hang on ("dead", "wounded"): capitalised, they are tagged names."""
    return frozenset(load_lexicon("figure_triggers")["headline_nouns"])


def in_age_list(token: Token) -> bool:
    """A number in a list of ages: "aged 21, 22, and 24", "ages 14, 16 and 17"."""
    doc = token.doc
    i = token.i - 1
    while i >= 0 and token.i - i <= _AGE_LIST_REACH and (doc[i].like_num or doc[i].lower_ in (",", "and", "or")):
        i -= 1
    return i >= 0 and i < token.i - 1 and doc[i].lower_ in ("aged", "ages", "age")


def glued_unit(token: Token) -> bool:
    doc = token.doc
    after = doc[token.i + 1 : token.i + 4].text.lower()
    if after.startswith(("or younger", "or older", "and younger", "and older", "and under", "y/o", "yo ", "years")):
        return True
    if token.i + 2 < len(doc) and doc[token.i + 1].lower_ in ("and", "or", "to") and doc[token.i + 2].like_num \
            and glued_unit(doc[token.i + 2]):
        return True  # the first of coordinated ages: "a 16 and 17-year-old"
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if following is not None and following.text == "-" and token.i + 2 < len(token.doc):
        following = token.nbor(2)
    return following is not None and following.lemma_.lower() in ("year", "month", "week", "day", "hour", "minute",
                                                                  "old", "caliber", "calibre", "mm", "foot", "mile")


def count_of(head: Token) -> tuple[Count, int, bool] | None:
    """The count of people ``head`` names: (count, start char, explicit)."""
    if head.lower_ in PERSON_PRONOUNS:
        value = PERSON_PRONOUNS[head.lower_]
        return Count(Interval(value, value), "exact"), head.idx, False
    dets = {c.lower_ for c in head.children if c.dep_ in ("det", "neg", "preconj")}
    if dets & {"no", "neither"} or head.lower_ in ("nobody", "noone"):
        return Count(Interval(0, 0), "exact"), phrase_start(head), True
    tokens = count_tokens(head)
    if [t.lower_ for t in tokens] == ["both"] and any(c.dep_ == "conj" for c in head.children):
        tokens = []  # "both Jermon and Harris": the conjuncts are counted one by one
    if tokens and any(is_count_word(t.text) or t.lower_ in ("dozen",) for t in tokens):
        text = " ".join(t.text for t in tokens)
        count = parse_count(text)
        if count is not None:
            return count, tokens[0].idx, True
    ordinal = next((c for c in head.children if c.dep_ == "amod" and parse_count(f"a {c.lower_}")
                    and c.lower_ not in ("a",)), None)
    ordinal_count = parse_count(f"a {ordinal.lower_}") if ordinal is not None else None
    if ordinal_count is not None and ordinal_count.hedge == "at_least":
        return ordinal_count, phrase_start(head), True
    if head.lemma_.lower() in pair_nouns() and head.tag_ == "NN":
        return Count(Interval(2, 2), "exact"), phrase_start(head), False  # "the pair were shot"
    if head.tag_ in ("NN", "NNP") or (head.ent_type_ == "PERSON" and head.tag_ != "NNPS") or age_noun(head):
        if dets & {"every", "each", "any", "all"}:
            return None
        return Count(Interval(1, 1), "exact"), phrase_start(head), False
    return None


def coordinated(head: Token) -> list[Token]:
    """The people coordinated after ``head``: "two men and a woman", "Jones, 19, Andrews, 21, and Brooks"."""
    found: list[Token] = []
    stray = _stray_conjunct(head)
    if stray is not None:
        return [stray, *coordinated(stray)]
    # a counted head's apposition restates it: "two of those men, X and Y" are those two
    restates = head.like_num or any(c.dep_ == "nummod" for c in head.children)
    for child in head.children:
        if child.dep_ == "appos" and restates:
            continue
        if child.i > head.i and any("\n" in t.whitespace_ or "\n" in t.text for t in head.doc[head.i : child.i]):
            continue  # a list never runs across a line break: the next line is another paragraph or title
        if child.dep_ == "conj" and child.i > head.i:
            found.append(child)
            found.extend(coordinated(child))
        elif child.dep_ in ("appos", "npadvmod", "amod") and child.like_num and child.i > head.i:
            found.extend(coordinated(child))  # the parse hangs the list on an age
        elif child.dep_ == "appos" and child.pos_ == "NOUN" and child.i > head.i and \
                any(c.dep_ == "conj" for c in child.children):
            found.append(child)  # "his wife, two children and his mother-in-law"
            found.extend(coordinated(child))
    return found


def _stray_conjunct(head: Token) -> Token | None:
    """A person the parser coordinated with a verb instead of with ``head``: "charged with murdering a
    10-year-old and his mother" (a noun is never the conjunct of a verb, so "his mother" is the boy's)."""
    doc = head.doc
    after = head.right_edge.i + 1
    if after + 1 >= len(doc) or doc[after].lower_ != "and" or any(c.dep_ == "conj" for c in head.children):
        return None
    for token in doc[after + 1 : min(after + _STRAY_REACH, len(doc))]:
        if token.dep_ == "conj" and token.pos_ in ("NOUN", "PROPN") and token.head.pos_ in ("VERB", "AUX") and \
                token.head.i < head.i and person_group(token) is not None:
            return token
        if token.dep_ == "conj" or token.pos_ in ("VERB", "AUX", "PUNCT"):
            return None
    return None


def _shares_count(head: Token, conj: Token) -> bool:
    """Whether ``conj`` is a bare plural that the count on ``head`` numbers too: "80 women and children".

    Only a counted plural head shares its number, and only with plurals that have no determiner or
    number of their own ("two men and the boys" are two groups, "a man and two women" sum).
    """
    if head.tag_ != "NNS" or conj.tag_ != "NNS" or not count_tokens(head):
        return False
    return not any(c.dep_ in ("det", "nummod", "poss", "quantmod") for c in conj.children)


def with_conjuncts(head: Token, count: Count) -> tuple[Count, int, bool]:
    """Sum "two men and a woman": (the count, the end character of the phrase, whether groups mix)."""
    end = head.idx + len(head.text)
    total = count
    mixed = False
    listed = [c for c in coordinated(head) if person_group(c) is not None]
    if listed and (count.value.low or 0) >= 2 and head.doc[listed[0].left_edge.i - 1].text == ",":
        # "two of those men, X and Y": a list after a comma that names the counted people
        named = sum((count_of(c) or (Count(Interval(1, 1), "exact"),))[0].value.low or 0 for c in listed)
        if named == count.value.low:
            return count, listed[-1].idx + len(listed[-1].text), False
    for conj in coordinated(head):
        if person_group(conj) is None:
            continue
        if _shares_count(head, conj):
            # "more than 2,500 civilians, security personnel and militants": one number for a list of groups
            mixed = mixed or person_group(conj) != person_group(head)
            end = conj.idx + len(conj.text)
            continue
        other = count_of(conj)
        if other is None or other[0].hedge != "exact" or total.hedge != "exact":
            break
        low = (total.value.low or 0) + (other[0].value.low or 0)
        total = Count(Interval(low, low), "exact")
        mixed = mixed or person_group(conj) != person_group(head)
        end = conj.idx + len(conj.text)
    return total, end, mixed


__all__ = [
    "modifier_group",
    "person_group",
    "is_clock",
    "phrase_start",
    "age_noun",
    "is_numberish",
    "count_tokens",
    "not_a_count",
    "in_age_list",
    "glued_unit",
    "count_of",
    "coordinated",
    "with_conjuncts",
    "PERSON_PRONOUNS",
    "group_of_lemma",
    "noun_stoplist",
    "vague_words",
    "pair_nouns",
]
