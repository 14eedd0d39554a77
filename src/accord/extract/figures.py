"""The ``accord_figures`` component: every count of people in an incident → a :class:`Claim`.

Finding (per sentence, from the one spaCy parse):

1. *Participants*: a noun naming people ("three men", "the gunman", a person's
   name, "he"), or a count standing alone ("one fatally", "killing two",
   "two of the victims"). Its count comes from the number phrase on its left
   (:func:`accord.extract.numbers.parse_count`), or is implicit: a singular
   noun is one person, "two men and a woman" sums its conjuncts, "no one" is 0.
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
one fatally" → 1 killed, 2 injured); hits fully covered by killed/injured claims
are dropped. Aggregate statistics (a year's total, a percentage) go to
``doc._.statistics``. ``mention`` stays 0 and ``as_of`` None: ``accord_mentions``
sets them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from accord.extract.numbers import Count, count_word_value, is_count_word, parse_count
from accord.extract.sources import find_source
from accord.lexicons import load_lexicon
from accord.models import Claim, Interval, Source

EXTRACTOR = "accord.figures.v1"

#: Internal measure of "shot" with no stated outcome; never leaves this module.
HIT = "hit"

#: Measures from the strongest outcome down: "shot and killed" is killed, not hit.
_PRIORITY = ("killed", "injured", HIT, "held", "released", "rescued", "escaped", "arrested", "missing", "present")

_PERSON_PRONOUNS = {"he": 1, "she": 1, "him": 1, "her": 1, "nobody": 0, "none": 0}
_NUMBER_GLUE = {"to", "and", "or", "-", "–", "between", "than", "of", "up", "as", "least", "most", "nearly",
                "about", "around", "almost", "approximately", "roughly", "some", "over", "more", "at", "a", "an",
                "just", "estimated", "close", "fewer", "less", "no", "odd", "plus", "so"}
#: Auxiliaries of an unreal or future figure: "could have killed", "no one will escape" (a prediction).
#: Pronouns a partitive count refers back to people with: "one of them fatally".
_PARTITIVE_PRONOUNS = {"them", "those", "these", "whom", "us"}
#: Words that put a count beside those already counted: "three others were shot" are not the dead.
_BESIDES = {"other", "others", "another", "additional"}
_MODAL_HYPOTHETICAL = {"could", "would", "might", "may", "should", "will", "shall", "'ll"}
#: Prepositions of shooting *at* something: "shot at police", "fired into the crowd".
_AIMED = {"at", "into", "through", "toward", "towards", "from"}
#: Lemmas saying somebody died; an unnumbered injured person in the same sentence is that person.
_DEATH_LEMMAS = {"die", "succumb", "pronounce"}
#: Entity labels of numbers that never count people.
_NOT_COUNT_ENTITIES = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"}
#: Governing verbs that make a figure unreal: "wanted to kill", "tried to kill".
_UNREAL_VERBS = {"want", "try", "attempt", "plan", "intend", "let", "fear", "hope", "prevent", "avoid"}
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
_YEAR_DATE = re.compile(r"^(?:in |since |during |over )?(?:the )?(?:(?:19|20)\d\d|(?:this|last|past|previous) (?:year|decade)|"
                        r"so far this year|this year so far|.*\byears?\b|(?:last|past) .*(?:weeks?|months?))$", re.IGNORECASE)


@cache
def _triggers() -> dict:  # type: ignore[type-arg]
    return load_lexicon("figure_triggers")


@cache
def _group_of_lemma() -> dict[str, str]:
    lexicon = load_lexicon("group_nouns")
    table: dict[str, str] = {}
    for group in ("all", "civilians", "hostages", "security", "attackers"):
        for word in lexicon[group]:
            table[word] = group
    return table


@cache
def _noun_stoplist() -> set[str]:
    return set(load_lexicon("group_nouns")["unknown_noun_stoplist"])


@cache
def _vague_words() -> set[str]:
    return set(load_lexicon("number_words")["vague"])


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


# --------------------------------------------------------------------------- participants


def _person_group(token: Token) -> str | None:
    """The group a person-naming token belongs to, or None when it names no people."""
    lemma = token.lemma_.lower()
    table = _group_of_lemma()
    if lemma in table:
        return table[lemma]
    if token.lower_ in table:
        return table[token.lower_]
    if token.ent_type_ == "PERSON" and token.pos_ == "PROPN":
        return "all"
    if token.lower_ in _PERSON_PRONOUNS:
        return "all"
    if _age_noun(token):
        return "all"
    return None


def _age_noun(token: Token) -> bool:
    """ "a 10-year-old" used as a noun: the person of that age."""
    if token.lower_ not in ("old", "year-old", "years-old") or token.dep_ in ("amod", "acomp"):
        return False
    doc = token.doc
    return token.lower_ != "old" or (token.i >= 2 and doc[token.i - 1].text == "-" and doc[token.i - 2].lemma_ == "year")


def _is_numberish(token: Token) -> bool:
    return is_count_word(token.text) or token.lower_ in _NUMBER_GLUE


def _count_tokens(head: Token) -> list[Token]:
    """Tokens left of ``head`` (in its subtree) that belong to its count, not to an age or a time."""
    kept = []
    for token in head.subtree:
        if token.i >= head.i:
            break
        node, ok = token, True
        while node.i != head.i:
            if not _is_numberish(node) and node.i != token.i:
                ok = False
                break
            node = node.head
            if node.i > head.i or node.i < head.left_edge.i:
                ok = False
                break
        if ok and _is_numberish(token) and token.dep_ != "preconj":
            kept.append(token)
    # a count never runs across a line break ("... at 12\n\nOne person")
    breaks = [t.i for t in head.doc[head.left_edge.i : head.i] if "\n" in t.text_with_ws]
    if breaks:
        kept = [t for t in kept if t.i > max(breaks)]
    # an age, time or measure glued on ("15-year-old", "11:30") is never a count of people
    return [t for t in kept if not _not_a_count(t)]


def _not_a_count(token: Token) -> bool:
    """A number that is an age, a year, a time, money or a measure, not a count of people."""
    if _glued_unit(token):
        return True
    if token.ent_type_ in _NOT_COUNT_ENTITIES:
        # the tagger calls "between 10 and 15" a DATE too: only a date with a date word or a year is one
        entity = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
        if entity is None or entity.label_ not in ("DATE", "TIME"):
            return True
        if any(not _is_numberish(t) for t in entity) or any(_YEAR.match(t.text) for t in entity):
            return True
    doc = token.doc
    before = doc[token.i - 1] if token.i > 0 else None
    if before is not None and before.lower_ in ("age", "aged", "ages", "No.", "no.", "#"):
        return True
    if token.dep_ == "conj" and token.head.like_num and token.head.i < token.i and _not_a_count(token.head):
        return True  # "aged 21, 22 and 24"
    # "Cartrail Robertson, 13, was shot": an age in apposition to a person
    if before is not None and before.text in (",", "(") and token.i > 1:
        named = doc[token.i - 2]
        after = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if named.pos_ == "PROPN" or _person_group(named) is not None:
            return True
        if named.text.istitle() and after is not None and after.text in (",", ")"):
            return True
    # the upper end of an age range: "ages 11 to 15"
    if before is not None and before.lower_ in ("to", "-", "and", "or") and token.i > 1 and \
            doc[token.i - 2].like_num and _not_a_count(doc[token.i - 2]):
        return True
    return False


def _glued_unit(token: Token) -> bool:
    doc = token.doc
    after = doc[token.i + 1 : token.i + 3].text.lower()
    if after.startswith(("or younger", "or older", "and younger", "and older", "and under", "y/o", "yo ", "years")):
        return True
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if following is not None and following.text == "-" and token.i + 2 < len(token.doc):
        following = token.nbor(2)
    return following is not None and following.lemma_.lower() in ("year", "month", "week", "day", "hour", "minute",
                                                                  "old", "caliber", "calibre", "mm", "foot", "mile")


def _count_of(head: Token) -> tuple[Count, int, bool] | None:
    """The count of people ``head`` names: (count, start char, explicit)."""
    if head.lower_ in _PERSON_PRONOUNS:
        value = _PERSON_PRONOUNS[head.lower_]
        return Count(Interval(value, value), "exact"), head.idx, False
    dets = {c.lower_ for c in head.children if c.dep_ in ("det", "neg", "preconj")}
    if dets & {"no", "neither"} or head.lower_ in ("nobody", "noone"):
        return Count(Interval(0, 0), "exact"), head.left_edge.idx, True
    tokens = _count_tokens(head)
    if [t.lower_ for t in tokens] == ["both"] and any(c.dep_ == "conj" for c in head.children):
        tokens = []  # "both Jermon and Harris": the conjuncts are counted one by one
    if tokens and any(is_count_word(t.text) or t.lower_ in ("dozen",) for t in tokens):
        text = " ".join(t.text for t in tokens)
        count = parse_count(text)
        if count is not None:
            return count, tokens[0].idx, True
    ordinal = next((c for c in head.children if c.dep_ == "amod" and parse_count(f"a {c.lower_}")
                    and c.lower_ not in ("a",)), None)
    if ordinal is not None and parse_count(f"a {ordinal.lower_}").hedge == "at_least":  # type: ignore[union-attr]
        return parse_count(f"a {ordinal.lower_}"), head.left_edge.idx, True  # type: ignore[return-value]
    if head.tag_ in ("NN", "NNP") or (head.ent_type_ == "PERSON" and head.tag_ != "NNPS") or _age_noun(head):
        if dets & {"every", "each", "any", "all"}:
            return None
        return Count(Interval(1, 1), "exact"), head.left_edge.idx, False
    return None


def _coordinated(head: Token) -> list[Token]:
    """The people coordinated after ``head``: "two men and a woman", "Jones, 19, Andrews, 21, and Brooks"."""
    found: list[Token] = []
    # a counted head's apposition restates it: "two of those men, X and Y" are those two
    restates = head.like_num or any(c.dep_ == "nummod" for c in head.children)
    for child in head.children:
        if child.dep_ == "appos" and restates:
            continue
        if child.dep_ == "conj" and child.i > head.i:
            found.append(child)
            found.extend(_coordinated(child))
        elif child.dep_ in ("appos", "npadvmod", "amod") and child.like_num and child.i > head.i:
            found.extend(_coordinated(child))  # the parse hangs the list on an age
        elif child.dep_ == "appos" and child.pos_ == "NOUN" and child.i > head.i and \
                any(c.dep_ == "conj" for c in child.children):
            found.append(child)  # "his wife, two children and his mother-in-law"
            found.extend(_coordinated(child))
    return found


def _with_conjuncts(head: Token, count: Count) -> tuple[Count, int, bool]:
    """Sum "two men and a woman": (the count, the end character of the phrase, whether groups mix)."""
    end = head.idx + len(head.text)
    total = count
    mixed = False
    listed = [c for c in _coordinated(head) if _person_group(c) is not None]
    if listed and (count.value.low or 0) >= 2 and head.doc[listed[0].left_edge.i - 1].text == ",":
        # "two of those men, X and Y": a list after a comma that names the counted people
        named = sum((_count_of(c) or (Count(Interval(1, 1), "exact"),))[0].value.low or 0 for c in listed)
        if named == count.value.low:
            return count, listed[-1].idx + len(listed[-1].text), False
    for conj in _coordinated(head):
        if _person_group(conj) is None:
            continue
        other = _count_of(conj)
        if other is None or other[0].hedge != "exact" or total.hedge != "exact":
            break
        low = (total.value.low or 0) + (other[0].value.low or 0)
        total = Count(Interval(low, low), "exact")
        mixed = mixed or _person_group(conj) != _person_group(head)
        end = conj.idx + len(conj.text)
    return total, end, mixed


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
                                     if t.i > verb.i):
        return None  # released from jail or hospital: nobody was held captive
    if measure in (HIT, "injured") and _fatal(verb):
        return "killed"
    if measure == HIT and _nonfatal(verb):
        return "injured"
    return measure


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
    return None


def _corpse(head: Token) -> bool:
    """ "a man's body", "the body of a woman was found", "two bodies were recovered": a dead person."""
    lexicon = _triggers()
    if head.lemma_.lower() not in lexicon["corpse_nouns"] or head.dep_ not in ("nsubj", "nsubjpass", "dobj"):
        return False
    owner = [c for c in head.children if c.dep_ == "poss"]
    owner += [o for p in head.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children]
    if any(_person_group(o) is not None for o in owner):
        return True
    return head.head.lemma_.lower() in lexicon["corpse_verbs"]


def _toll_hits(sent: SpacySpan) -> list[_Hit]:
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
        numbers = [c for c in verb.children if c.dep_ in ("attr", "dobj") and c.pos_ == "NUM"]
        numbers += [o for p in verb.children if p.dep_ == "prep" and p.lower_ in ("to", "at")
                    for o in p.children if o.dep_ == "pobj" and o.pos_ == "NUM"]
        for number in numbers[:1]:
            if _not_a_count(number):
                continue
            words = [t for t in number.subtree if _is_numberish(t)]
            count = parse_count(" ".join(t.text for t in words))
            modality = _modality(verb)
            if count is None or modality is None:
                continue
            hits.append(_Hit("killed", "all", count, words[0].idx, words[-1].idx + len(words[-1].text), verb,
                             modality, True))
    return hits


def _best(measures: list[str]) -> str | None:
    found = [m for m in measures if m]
    return min(found, key=_PRIORITY.index) if found else None


def _predicate(head: Token, explicit: bool) -> tuple[str, Token] | None:
    """What happened to the people ``head`` names: (measure, the predicate token)."""
    lexicon = _triggers()
    first = head
    if head.dep_ == "conj":
        # "two men were killed and seven other people were hurt": the parse may join the people,
        # but the verb right after the second group is its own
        following = _verb_after(head)
        if following is not None:
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
    # the people's own modifiers: "two people killed in", "three injured men", "five hostages"
    own = [_patient_measure(c) for c in head.children if c.dep_ == "acl" and c.tag_ == "VBN"]
    own += [lexicon["states"].get(c.lower_) for c in head.children if c.dep_ in ("amod", "acl", "advmod")]
    measure = _best([m for m in own if m])
    if measure:
        return measure, head
    # "a boy who was found fatally shot": the relative clause says what happened
    for clause in (c for c in head.children if c.dep_ == "relcl"):
        relative = next((c for c in clause.children if c.tag_ in ("WP", "WDT") and c.dep_ in ("nsubjpass", "nsubj")), None)
        if relative is not None:
            found = _predicate(relative, explicit)
            if found is not None:
                return found
    # "the shooting death of a 12-year-old"
    if first.dep_ == "pobj" and first.head.lower_ == "of" and \
            first.head.head.lemma_.lower() in lexicon["death_nouns"] and first.head.head.lemma_.lower() != "killing":
        return lexicon["death_nouns"][first.head.head.lemma_.lower()], first.head.head
    dep, verb = first.dep_, first.head
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
        measures = [_patient_measure(v) for v in chain] + [_state_measure(v) for v in chain]
        measure = _best([m for m in measures if m])
        if measure:
            anchor = next((v for v in chain if _patient_measure(v) == measure), verb)
            return measure, anchor
        return None
    if dep in ("nsubj",) and verb.pos_ in ("VERB", "AUX"):
        # headline style: "4 shot in Atlanta", "Two killed" (a count as subject, no object)
        if explicit and verb.tag_ in ("VBN", "VBD") and not any(
            c.dep_ in ("dobj", "ccomp") or (c.dep_ == "prep" and c.lower_ in _AIMED) for c in verb.children
        ) and _person_group(head) != "attackers":
            measure = _patient_measure(verb)
            if measure is not None:
                return measure, verb
        chain = _verb_chain(verb)
        measures = [lexicon["subject_verbs"].get(v.lemma_.lower()) for v in chain]
        if verb.lemma_.lower() == "suffer":
            wounds = [t for t in verb.subtree if t.lemma_.lower() in lexicon["suffer_needs"]]
            measures = measures if wounds else []
            if any(a.lower_ in ("fatal", "mortal", "fatally") for t in wounds for a in t.children):
                return "killed", verb  # "suffered fatal gunshot wounds"
        measures += [_state_measure(v) for v in chain]
        measure = _best([m for m in measures if m])
        if measure:
            return measure, verb
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
                if obj.dep_ == "pobj" and _person_group(obj) == "attackers":
                    count = _count_of(obj)
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


def _suicide(sent: SpacySpan) -> list[tuple[Token, str]]:
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
    for child in anchor.children:
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
        if lemma in lexicon["claim_verbs"]:
            return lexicon["claim_verbs"][lemma]
    return "reported"


def _is_statistic(hit: _Hit) -> bool:
    """An aggregate figure (a year's total, a rate), not a count of one incident."""
    if not hit.explicit:
        return False
    anchor = hit.anchor
    scope = list(anchor.subtree) if anchor.i != anchor.sent.root.i else list(anchor.sent)
    text = " ".join(t.lower_ for t in scope)
    lexicon = _triggers()
    if any(f" {cue} " in f" {text} " for cue in lexicon["statistic_cues"]):
        return True
    # a period of time anywhere in the sentence ("in the last seven months ... 47 people killed")
    sent = anchor.sent
    for ent in sent.ents:
        if ent.label_ == "DATE" and _YEAR_DATE.match(ent.text):
            return True
    return False


# --------------------------------------------------------------------------- per sentence


def _sentence_hits(sent: SpacySpan) -> list[_Hit]:
    hits: list[_Hit] = []
    done: set[int] = set()
    for token in sent:
        if token.i in done:
            continue
        phrase_end = 0
        weak = False
        group = _person_group(token)
        count_info = None
        if group is not None and (token.pos_ in ("NOUN", "PROPN", "PRON") or _age_noun(token)):
            if token.pos_ == "PROPN" and token.ent_type_ == "PERSON" and token.ent_iob_ != "B" and \
                    token.i + 1 < len(token.doc) and token.nbor(1).ent_type_ == "PERSON" and token.nbor(1).ent_iob_ == "I":
                continue  # first name: the surname heads the name
            if token.dep_ == "compound":
                continue
            count_info = _count_of(token)
        elif token.dep_ == "nummod" and token.head.lower_ in _triggers()["headline_nouns"] and not _not_a_count(token):
            # a headline's "4 shot", "2 dead" parsed as a noun phrase
            count = parse_count(token.text)
            if count is not None and _modality(token.head) is not None:
                measure = _triggers()["headline_nouns"][token.head.lower_]
                hits.append(_Hit(measure, "all", count, token.idx, token.idx + len(token.text), token.head,
                                 "reported", True))
            continue
        elif is_count_word(token.text) and token.dep_ not in ("nummod", "quantmod", "compound", "amod", "det") \
                and (token.pos_ == "NUM" or token.lower_ in _vague_words()) and not _not_a_count(token):
            # a count standing alone: "one fatally", "killing two", "two of the victims"
            of_noun = next((o for p in token.children if p.lower_ == "of" for o in p.children if o.dep_ == "pobj"), None)
            group = _person_group(of_noun) if of_noun is not None else "all"
            if of_noun is not None and of_noun.lower_ in _PARTITIVE_PRONOUNS:
                group = "all"  # "one of them", "two of those": the people counted before
            if group is None:
                continue
            words = [t for t in token.subtree if _is_numberish(t) and t.i <= token.i + 2]
            count = parse_count(" ".join(t.text for t in words))
            if count is None:
                continue
            count_info = (count, words[0].idx, True)
            phrase_end = words[-1].idx + len(words[-1].text)
            if of_noun is not None:
                done.update(t.i for t in of_noun.subtree)
                phrase_end = max(phrase_end, of_noun.idx + len(of_noun.text))
        elif token.tag_ == "NNS" and token.lemma_.lower() not in _noun_stoplist():
            # a counted noun the lexicon does not know ("five partygoers"): people only if killed or injured
            count_info = _count_of(token)
            group = "all" if count_info is not None and count_info[2] and count_info[0].hedge == "exact" else None
            weak = True
        if count_info is None or group is None:
            continue
        predicate = _predicate(token, count_info[2])
        if predicate is None or (weak and predicate[0] not in ("killed", "injured")):
            continue
        measure, anchor = predicate
        modality = _modality(anchor)
        if modality is None:
            continue
        count, start, explicit = count_info
        count, end, mixed = _with_conjuncts(token, count)
        if mixed:
            group = "all"
        end = max(end, phrase_end)
        done.update(c.i for c in _coordinated(token))
        included = _included_attackers(token)
        if included and group != "attackers":
            # "three people including the gunman": three people (group all), one of them the gunman
            group = "all"
            hits.append(_Hit(measure, "attackers", Count(Interval(included, included), "exact"), start, end,
                             anchor, modality, explicit))
        if measure == "present" and not explicit:
            continue  # "carrying the boy": the people involved are a claim only when counted
        if measure == "escaped" and (group == "attackers" or (group != "hostages" and anchor.lemma_.lower() == "flee")):
            continue  # a suspect (or anybody) fleeing the scene did not escape captivity
        if measure == "arrested" and group == "all":
            group = "attackers"  # one arrested in an incident is held as its suspect
        hits.append(_Hit(measure, group, count, start, end, anchor, modality, explicit))
    if any(t.lemma_.lower() in _DEATH_LEMMAS for t in sent):
        # "was rushed to hospital in critical condition, where she died": one person, now dead
        hits = [replace(h, measure="killed") if h.measure in ("injured", HIT) and not h.explicit
                and h.count.value.low == 1 else h for h in hits]
    hits.extend(_toll_hits(sent))
    for verb, measure in _suicide(sent):
        modality = _modality(verb)
        if modality is None:
            continue
        subject = _subject_of(verb)
        if subject is not None and subject.tag_ == "WP" and subject.head.dep_ == "relcl":
            subject = subject.head.head  # "a girl who shot herself"
        group = _person_group(subject) if subject is not None else None
        if group in (None, "all"):
            # one who kills himself after shooting others is the shooter; a child's accident is not
            group = "attackers" if measure == "killed" and _shot_others(verb) else "all"
        start, end = (subject.idx, subject.idx + len(subject.text)) if subject is not None else \
            (verb.idx, verb.idx + len(verb.text))
        hits.append(_Hit(measure, group, Count(Interval(1, 1), "exact"), start, end, verb, modality, False))
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
        if any(c.dep_ == "dobj" and not _reflexive(c) and _person_group(c) is not None for c in token.children):
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
    return span is not None and any(t.lower_ in _BESIDES for t in span)


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
            if shot <= killed + injured and (killed or injured):
                continue
            left = shot - killed
            if left <= 0:
                continue
            value = Interval(
                None if hit.count.value.low is None else hit.count.value.low - killed,
                None if hit.count.value.high is None else hit.count.value.high - killed,
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
        sentence_span=(sent.start_char, sent.end_char), text=doc.text[hit.start : hit.end], extractor=EXTRACTOR,
    )


def find_figures(doc: Doc) -> tuple[list[Claim], list[Claim]]:
    """(claims of incidents, aggregate statistics) stated in ``doc``."""
    hits = [hit for sent in doc.sents for hit in _sentence_hits(sent)]
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
