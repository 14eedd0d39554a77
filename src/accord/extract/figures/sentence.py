"""The walk over one sentence: every counted group of people and what happened to them, as hits."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
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
from accord.extract.figures.hits import (
    HIT,
    Hit,
    Switches,
    changed_by,
    trigger_words,
    triggers,
)
from accord.extract.figures.layout import (
    PARAGRAPH_NEWLINES,
    is_headline,
    run_on_paragraphs,
)
from accord.extract.figures.modality import modality_of
from accord.extract.figures.people import PredicateRule, predicate_of
from accord.extract.figures.readings import (
    Reading,
    appositive_group,
    arrested_suspect,
    both_listed,
    captive_people,
    captives_held,
    fled_scene,
    freed_hostages,
    including_attackers,
    member_of,
    uncounted_present,
    wounded_too,
)
from accord.extract.numbers import Count, is_count_word, parse_count
from accord.extract.rules import Rule
from accord.lexicons import load_lexicon


@dataclass
class Sentence:
    """One sentence being read: its tokens and words, the hits found so far, and the rules that are on."""

    sent: SpacySpan
    tokens: list[Token]
    vocabulary: set[str]  # its lower-case words and lemmas: a rule keyed on a word runs only if it is there
    may_count: list[bool]  # per doc token: whether it may head a count of people (cache.py)
    switches: Switches
    predicates: Sequence[PredicateRule]
    hits: list[Hit] = field(default_factory=list)
    title: bool = False  # read as a title line, by word order: the parse-based rules do not run

    def on(self, rule: str) -> bool:
        return self.switches.on(rule)


#: A rule run on a sentence: a finder returns new hits; a changer returns the sentence's hits revised.
SentenceRule = Rule[Callable[[Sentence], list[Hit]]]


def sentence_hits(sent: SpacySpan, finders: Sequence[SentenceRule], changers: frozenset[str],
                  predicates: Sequence[PredicateRule], switches: Switches) -> list[Hit]:
    """Every hit of ``sent``: the rules ``finders`` run in order (those in ``changers`` revise the hits)."""
    # spaCy makes a new Token object on every step through a Span, and the rules walk the sentence
    # several times: walk it once, and let each rule keyed on a word run only when one of its words
    # is in the sentence (most sentences state no figure)
    cached = doc_words(sent.doc)
    vocabulary = set(cached.lemmas[sent.start : sent.end]) | set(cached.lowers[sent.start : sent.end])
    sentence = Sentence(sent, list(sent), vocabulary, cached.may_count, switches, predicates)
    for rule in finders:
        if rule.id in changers:
            before = {id(hit) for hit in sentence.hits}
            sentence.hits = [hit if id(hit) in before else changed_by(hit, rule.id)
                             for hit in rule.function(sentence)]
        else:
            sentence.hits.extend(hit if hit.rule else replace(hit, rule=rule.id) for hit in rule.function(sentence))
    if sentence.title:
        return sentence.hits
    # a title run on into the text is read twice, by word order and by the parse: one claim per phrase
    unique: dict[tuple[str, str, int | None, int | None, int, int], Hit] = {}
    for hit in sentence.hits:
        unique.setdefault((hit.measure, hit.group, hit.count.value.low, hit.count.value.high, hit.start, hit.end), hit)
    return list(unique.values())


# --------------------------------------------------------------------------- the rules, in no order (see rules.py)


def title_line(sentence: Sentence) -> list[Hit]:
    """A title line read by word order ("Teenager killed, 6 wounded"); when it states a figure, the
    parse-based rules leave the sentence alone."""
    if not is_headline(sentence.sent):
        return []
    hits = headline_hits(sentence.sent, sentence.switches)
    sentence.title = bool(hits)
    return hits


def run_on_title(sentence: Sentence) -> list[Hit]:
    """A title the parser ran on into the first sentence ("Four shot in Atlanta\n\nPolice said ...")."""
    sent = sentence.sent
    if sentence.title or doc_text(sent.doc).count("\n", sent.start_char, sent.end_char) < PARAGRAPH_NEWLINES:
        return []
    return [hit for piece in run_on_paragraphs(sent) if is_headline(piece)
            for hit in headline_hits(piece, sentence.switches)]


def counted_people(sentence: Sentence) -> list[Hit]:
    """Every noun or count naming people, and what happened to them (the predicate rules decide)."""
    if sentence.title:
        return []
    found: list[Hit] = []
    done: set[int] = set()
    wounds = bool(sentence.vocabulary & trigger_words("wound_nouns"))
    for token in sentence.tokens:
        if not sentence.may_count[token.i] or token.i in done:
            continue
        if token.dep_ == "nummod" and token.head.lower_ in triggers()["headline_nouns"] and not not_a_count(token):
            if sentence.on("figures.title_count_noun"):
                found.extend(title_count_noun(token))
            continue
        people = _counted(token, found or sentence.hits, done)
        if people is None:
            continue
        predicate = predicate_of(token, people.explicit, sentence.predicates, wounds=wounds,
                                 with_wounds=sentence.on("figures.with_wound"),
                                 within_paragraph=sentence.on("figures.paragraph_bound"))
        if predicate is None or (people.weak and predicate[0] not in ("killed", "injured")):
            continue
        found.extend(_read_people(sentence, people, predicate, done, wounds))
    return found


@dataclass
class _Counted:
    """People a token names, before what happened to them is read."""

    token: Token
    group: str
    count: Count
    start: int
    explicit: bool
    phrase_end: int = 0
    of_noun: Token | None = None
    weak: bool = False  # a noun the lexicon does not know: people only if killed or injured


def _counted(token: Token, previous: list[Hit], done: set[int]) -> _Counted | None:
    """The people ``token`` names and how many, or None: a person noun, a count standing alone, a counted noun."""
    group = person_group(token)
    if group is not None and (token.pos_ in ("NOUN", "PROPN", "PRON") or age_noun(token)):
        if token.pos_ == "PROPN" and token.ent_type_ == "PERSON" and token.ent_iob_ != "B" and \
                token.i + 1 < len(token.doc) and token.nbor(1).ent_type_ == "PERSON" and token.nbor(1).ent_iob_ == "I":
            return None  # first name: the surname heads the name
        if token.dep_ == "compound":
            return None
        info = count_of(token)
        return _Counted(token, group, *info) if info is not None else None
    if is_count_word(token.text) and token.dep_ not in ("nummod", "quantmod", "compound", "amod", "det") \
            and (token.pos_ == "NUM" or token.lower_ in vague_words()) and not not_a_count(token):
        return _standing_count(token, previous, done)
    if token.tag_ == "NNS" and token.lemma_.lower() not in noun_stoplist():
        # a counted noun the lexicon does not know ("five partygoers"): people only if killed or injured
        info = count_of(token)
        if info is None or not info[2] or info[0].hedge != "exact":
            return None
        return _Counted(token, "all", *info, weak=True)
    return None


def _standing_count(token: Token, previous: list[Hit], done: set[int]) -> _Counted | None:
    """A count standing alone: "one fatally", "killing two", "two of the victims"."""
    # "of" hangs on the count's own words as often as on the count ("two dozen of the gunmen")
    of_noun = next((o for w in (token, *(c for c in token.children if c.dep_ == "quantmod"))
                    for p in w.children if p.lower_ == "of" for o in p.children if o.dep_ == "pobj"), None)
    group = person_group(of_noun) if of_noun is not None else "all"
    if of_noun is not None and of_noun.lower_ in trigger_words("partitive_pronouns"):
        # "one of them", "two of those": the people counted before, in this sentence if they are
        # ("shot two of the suspects, killing one of them": a suspect)
        group = previous[-1].group if previous else "all"
    if group is None:
        return None
    words = [t for t in token.subtree if is_numberish(t) and t.i <= token.i + 2]
    # one number phrase, the run of words around the count: not "Three dead, two" (two counts)
    words = _contiguous_run(words, token)
    count = parse_count(" ".join(t.text for t in words))
    if count is None:
        return None
    phrase_end = words[-1].idx + len(words[-1].text)
    if of_noun is not None:
        done.update(t.i for t in of_noun.subtree)
        phrase_end = max(phrase_end, of_noun.idx + len(of_noun.text))
    return _Counted(token, group, count, words[0].idx, True, phrase_end, of_noun)


def title_count_noun(token: Token) -> list[Hit]:
    """A headline's "4 shot", "2 dead" parsed as a noun phrase."""
    count = parse_count(token.text)
    if count is None or modality_of(token.head) is None:
        return []
    measure = triggers()["headline_nouns"][token.head.lower_]
    return [Hit(measure, "all", count, token.idx, token.idx + len(token.text), token.head, "reported", True,
                rule="figures.title_count_noun")]


def _read_people(sentence: Sentence, people: _Counted, predicate: tuple[str, Token, str], done: set[int],
                 wounds: bool) -> list[Hit]:
    """The hits of counted people and what happened to them, as the people rules revise them."""
    token = people.token
    reading = Reading(sentence.switches, token, people.of_noun, people.explicit, *predicate,
                      modality=modality_of(predicate[1]), group=people.group)
    captives_held(reading)
    if reading.modality is None:
        return []
    count, end, mixed = with_conjuncts(token, people.count)
    if mixed:
        reading.group = "all"
    reading.count, reading.start, reading.end = count, people.start, max(end, people.phrase_end)
    both_listed(reading)
    member_of(reading)
    appositive_group(reading)
    captive_people(reading)
    listed = coordinated(token)
    done.update(c.i for c in listed)
    # "the boy's stepfather, John Doe, 26, was arrested": the name in apposition is the same person
    # (a name beside a name is more often the next of a list: "Moore, Bradford and Hall")
    done.update(a.i for c in (token, *listed) for a in c.children
                if a.dep_ == "appos" and {a.pos_, c.pos_} == {"NOUN", "PROPN"} and person_group(a) is not None)
    including_attackers(reading)
    if uncounted_present(reading) or fled_scene(reading):
        return reading.extra
    freed_hostages(reading)
    arrested_suspect(reading)
    hits = [*reading.extra, reading.hit()]
    if wounds:
        hits.extend(wounded_too(reading))
    return hits


def died_later(sentence: Sentence) -> list[Hit]:
    """ "was rushed to hospital in critical condition, where she died": one person hurt, now dead."""
    if sentence.title or not sentence.vocabulary & trigger_words("death_lemmas") or \
            not any(t.lemma_.lower() in trigger_words("death_lemmas") and modality_of(t) is not None for t in sentence.tokens):
        return sentence.hits
    return [replace(h, measure="killed") if h.measure in ("injured", HIT) and not h.explicit
            and h.count.value.low == 1 else h for h in sentence.hits]


def toll_noun(sentence: Sentence) -> list[Hit]:
    """ "The death toll has risen to 27", "the toll stands at 5": the toll states the killed count."""
    if sentence.title or not sentence.vocabulary.intersection(triggers()["toll_nouns"]):
        return []
    return toll_hits(sentence.tokens)


def multiple_event(sentence: Sentence) -> list[Hit]:
    """ "a quadruple shooting" (four people hit), "a double homicide" (two killed): the event's name counts."""
    if sentence.title or not sentence.vocabulary.intersection(triggers()["multiple_event"]["multipliers"]):
        return []
    return multiple_event_hits(sentence.tokens)


def restated_count(sentence: Sentence) -> list[Hit]:
    """ "33 rebels were killed, although CNN says the number was 35": a count restated by "the number"."""
    if sentence.title or not sentence.vocabulary.intersection(triggers()["restating_nouns"]):
        return []
    return restated_hits(sentence.tokens, sentence.hits)


def casualty_constructions(sentence: Sentence) -> list[Hit]:
    """The tolls and breakdowns of conflict reporting ("the death toll rose to 31", "including nine soldiers",
    "60 Afghans were killed and 143 wounded"): the sentence's hits with theirs added (figures/casualties.py)."""
    if sentence.title:
        return sentence.hits
    return with_constructions(sentence.tokens, sentence.hits)


def custody(sentence: Sentence) -> list[Hit]:
    """ "Two men were taken into custody", "214 hostages remain in its custody": arrested, or held."""
    if sentence.title or not ("custody" in sentence.vocabulary or "arrest" in sentence.vocabulary):
        return []
    return custody_hits(sentence.tokens, sentence.hits)


def arrest_noun(sentence: Sentence) -> list[Hit]:
    """ "Police announced two arrests", "upon his arrest", "made an arrest": arrests named by the noun."""
    if sentence.title or "arrest" not in sentence.vocabulary:
        return []
    return arrest_noun_hits(sentence.tokens, sentence.hits)


def murder_suicide(sentence: Sentence) -> list[Hit]:
    """ "Police investigate a murder-suicide": somebody killed, and the killer dead by his own hand (two dead)."""
    if sentence.title or "suicide" not in sentence.vocabulary:
        return []
    return murder_suicide_hits(sentence.tokens)


def suicide(sentence: Sentence) -> list[Hit]:
    """One person killed (or hit) by his own shot: "killed himself", "turned the gun on himself" (titles too)."""
    return suicide_hits(sentence.tokens, sentence.vocabulary)


def restating_pronoun(sentence: Sentence) -> list[Hit]:
    """Drop "he"/"she" hits that speak again of the one person of the same sex counted before them."""
    if sentence.title:
        return sentence.hits
    return _without_restating_pronouns(sentence.hits, doc_text(sentence.sent.doc))


def _without_restating_pronouns(hits: list[Hit], text: str) -> list[Hit]:
    """Drop "he"/"she" hits that speak again of the one person of the same sex counted before them in
    the sentence: "the boy was hit in the face and he was taken to hospital in serious condition"."""
    kept: list[Hit] = []
    sexes = _sex_of_words()
    pronouns: dict[str, str] = triggers()["sexed_pronouns"]
    for hit in hits:
        words = text[hit.start : hit.end].lower().split()
        if len(words) == 1 and words[0] in pronouns and any(
            not h.explicit and h.count.value.low == 1 and h.end <= hit.start and h.measure in ("killed", "injured", HIT)
            and (earlier := text[h.start : h.end].lower().split()) and earlier[-1] not in pronouns
            and sexes.get(earlier[-1]) == pronouns[words[0]] for h in kept
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
