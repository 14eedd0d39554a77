"""The people rules: each revises one reading of counted people (its measure, group or count) or
adds a hit beside it, in the order ``figures/rules.py``'s ``PEOPLE_RULES`` lists them."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from accord.extract.figure_counting import count_tokens, modifier_group, person_group
from accord.extract.figures.hits import HIT, Hit, Switches, trigger_words, triggers
from accord.extract.figures.modality import modality_of
from accord.extract.figures.predicates import arrested_for_other, both_said, included_attackers, with_wound
from accord.extract.numbers import Count
from accord.lexicons import load_lexicon
from accord.models import Interval


@dataclass
class Reading:
    """Counted people and what happened to them, as the people rules revise it."""

    switches: Switches
    token: Token  # the word naming the people
    of_noun: Token | None  # "two of the hostages": the noun after "of"
    explicit: bool
    measure: str
    anchor: Token  # the predicate
    rule: str  # the predicate rule that read it
    modality: str | None = None
    group: str = "all"
    count: Count = field(default_factory=lambda: Count(Interval(1, 1), "exact"))
    start: int = 0
    end: int = 0
    changed: list[str] = field(default_factory=list)
    extra: list[Hit] = field(default_factory=list)  # hits beside it ("including the gunman")

    def on(self, rule: str) -> bool:
        return self.switches.on(rule)

    def hit(self) -> Hit:
        assert self.modality is not None  # a reading without one is dropped before
        return Hit(self.measure, self.group, self.count, self.start, self.end, self.anchor, self.modality,
                   self.explicit, rule=self.rule, changed=tuple(self.changed))


def captives_held(reading: Reading) -> None:
    """ "forces are trying to rescue dozens of hostages": nobody is free yet, but hostages are held."""
    if reading.modality is None and reading.measure in ("rescued", "released") and reading.on("figures.captives_held"):
        nouns = {reading.token.lemma_.lower(), reading.of_noun.lemma_.lower() if reading.of_noun is not None else ""}
        if nouns & trigger_words("captive_nouns"):
            reading.measure, reading.modality = "held", "reported"
            reading.changed.append("figures.captives_held")


def both_listed(reading: Reading) -> None:
    """ "Smith, 25, and Jones were both killed": a list the parse broke, "both" says two."""
    if reading.count.value.low == 1 and reading.count.hedge == "exact" and reading.on("figures.both_listed") and \
            both_said(reading.token):
        reading.count = Count(Interval(2, 2), "exact")
        reading.changed.append("figures.both_listed")


def including_attackers(reading: Reading) -> None:
    """ "three people including the gunman": three people (group all), one of them the gunman."""
    included = included_attackers(reading.token) if reading.on("figures.including_attackers") else 0
    if included and reading.group != "attackers":
        reading.group = "all"
        reading.changed.append("figures.including_attackers")
        assert reading.modality is not None
        reading.extra.append(Hit(reading.measure, "attackers", Count(Interval(included, included), "exact"),
                                 reading.start, reading.end, reading.anchor, reading.modality, reading.explicit,
                                 rule="figures.including_attackers"))


def uncounted_present(reading: Reading) -> bool:
    """ "carrying the boy": people involved are a claim only when counted; True drops the reading."""
    return reading.measure == "present" and not reading.explicit and reading.on("figures.uncounted_present")


def fled_scene(reading: Reading) -> bool:
    """A suspect (or anybody) fleeing the scene did not escape captivity; "three gunmen fled" still says
    how many took part (present). True drops the reading."""
    if reading.measure != "escaped" or not reading.on("figures.fled_scene") or not \
            (reading.group == "attackers" or (reading.group != "hostages" and reading.anchor.lemma_.lower() == "flee")):
        return False
    if not (reading.explicit and reading.group == "attackers"):
        return True
    reading.measure = "present"
    reading.changed.append("figures.fled_scene")
    return False


def freed_hostages(reading: Reading) -> None:
    """ "five people were freed": whoever is freed was held captive (hostages)."""
    if reading.measure in ("released", "rescued") and reading.group == "all" and reading.on("figures.freed_hostages") \
            and reading.anchor.lemma_.lower() in triggers()["freeing_verbs"]:
        reading.group = "hostages"
        reading.changed.append("figures.freed_hostages")


def arrested_suspect(reading: Reading) -> None:
    """ "a man was arrested": one arrested in an incident is held as its suspect (attackers)."""
    if reading.measure == "arrested" and reading.group == "all" and reading.on("figures.arrested_suspect") and \
            not arrested_for_other(reading.anchor):
        reading.group = "attackers"
        reading.changed.append("figures.arrested_suspect")


def member_of(reading: Reading) -> None:
    """ "eight members of the Revolutionary Guard", "four members of the gang": members of a force or of an
    armed group are in its group (the body's words: lexicon ``group_nouns``, ``member_of``)."""
    if reading.group not in ("all", "civilians") or not reading.on("figures.member_of"):
        return
    lexicon = load_lexicon("group_nouns")["member_of"]
    nouns = [n for n in (reading.token, reading.of_noun) if n is not None and n.lemma_.lower() in lexicon["heads"]]
    for noun in nouns:
        body = next((o for p in noun.children if p.dep_ == "prep" and p.lower_ == "of"
                     for o in p.children if o.dep_ == "pobj"), None)
        group = _body_group(body, lexicon) if body is not None else None
        if group is not None:
            reading.group = group
            reading.changed.append("figures.member_of")
            return


def _body_group(body: Token, lexicon: dict[str, list[str]]) -> str | None:
    """The group of a body of people: "the police", "the militant group", "the Revolutionary Guards"."""
    own = person_group(body)
    if own in ("security", "attackers"):
        return own
    word = body.lemma_.lower()
    group = next((g for g in ("security", "attackers") if word in lexicon[g] or body.lower_ in lexicon[g]), None)
    modified = modifier_group(body)
    if modified in ("security", "attackers"):
        return modified  # "the militant group", "the security forces": the modifier says which body
    return group


def appositive_group(reading: Reading) -> None:
    """ "30 people, all soldiers", "some 200 men, mainly coast guards": a noun of people in apposition,
    with no count of its own, says which group the counted people are in."""
    if reading.group != "all" or not reading.on("figures.appositive_group"):
        return
    doubt = frozenset(load_lexicon("group_nouns")["appositive_doubt"]["words"])
    for child in reading.token.children:
        if child.dep_ != "appos" or child.i < reading.token.i or count_tokens(child) or \
                any(a.lower_ in doubt for a in child.children):
            continue
        groups = {person_group(c) for c in (child, *child.conjuncts)}
        if len(groups) == 1 and (group := groups.pop()) is not None and group != "all":
            reading.group = group
            reading.changed.append("figures.appositive_group")
            return


def captive_people(reading: Reading) -> None:
    """ "one of the students abducted by bandits was killed", "three of the kidnapped girls escaped": people
    named by their abduction are hostages, whatever then happens to them."""
    if reading.group != "all" or not reading.on("figures.captive_people"):
        return
    words = frozenset(load_lexicon("captivity")["abducted_modifiers"])
    for noun in (reading.token, reading.of_noun):
        if noun is not None and any(c.dep_ in ("acl", "amod") and (c.lemma_.lower() in words or c.lower_ in words)
                                    for c in noun.children):
            reading.group = "hostages"
            reading.changed.append("figures.captive_people")
            return


def wounded_too(reading: Reading) -> list[Hit]:
    """ "a deputy detained a man with a gunshot wound": arrested, and hurt (a second hit)."""
    if reading.measure in ("killed", "injured", HIT) or not reading.on("figures.wounded_too"):
        return []
    wounded = with_wound(reading.token)
    if wounded is None or (modality := modality_of(wounded[1])) is None:
        return []
    return [Hit(wounded[0], reading.group, reading.count, reading.start, reading.end, wounded[1], modality,
                reading.explicit, rule="figures.wounded_too")]
