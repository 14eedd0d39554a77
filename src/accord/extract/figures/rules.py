"""Every figure rule, in the order it runs: the one place that decides which rule wins.

Three lists, each run in its order (docs/extraction.md tells the story with an example of each):

- ``SENTENCE_RULES`` run on every sentence. A *finder* adds the hits it reads; a *changer* (named in
  ``SENTENCE_CHANGERS``) returns the sentence's hits revised, and every hit it replaced records it.
- ``PREDICATE_RULES`` read what happened to the people ``figures.counted_people`` found; the first
  rule with an answer wins (an answer may be "nothing countable": the search ends there).
- ``PEOPLE_RULES`` revise a reading of counted people (its group, its count) or add a hit beside it,
  and ``ARTICLE_RULES`` revise the hits of a whole article; both are applied where the code says, in
  this order, and each can be switched off like any other.

Switching a rule off (``nlp.add_pipe("accord_figures", config={"disabled_rules": ["figures.toll_noun"]})``)
lets the rules after it decide. An id never changes once released: claims record it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from accord.extract.figures import (
    article,
    captivity,
    corrections,
    headlines,
    people,
    predicates,
    readings,
    sentence,
)
from accord.extract.figures.hits import Switches
from accord.extract.figures.people import PredicateRule
from accord.extract.figures.sentence import SentenceRule
from accord.extract.rules import Rule, RuleSet, checked_disabled

SENTENCE_RULES: tuple[SentenceRule, ...] = (
    Rule("figures.title_line", sentence.title_line),
    Rule("figures.run_on_title", sentence.run_on_title),
    Rule("figures.counted_people", sentence.counted_people),
    Rule("figures.died_later", sentence.died_later),
    Rule("figures.toll_noun", sentence.toll_noun),
    Rule("figures.multiple_event", sentence.multiple_event),
    Rule("figures.restated_count", sentence.restated_count),
    Rule("figures.casualty_constructions", sentence.casualty_constructions),
    Rule("figures.custody", sentence.custody),
    Rule("figures.arrest_noun", sentence.arrest_noun),
    Rule("figures.murder_suicide", sentence.murder_suicide),
    Rule("figures.suicide", sentence.suicide),
    Rule("figures.restating_pronoun", sentence.restating_pronoun),
)

#: The sentence rules that revise the hits found before them rather than add their own.
SENTENCE_CHANGERS = frozenset({"figures.died_later", "figures.casualty_constructions", "figures.restating_pronoun"})

#: Sub-rules of ``figures.title_line`` and ``figures.run_on_title``, and of the walk, that record their own id.
TITLE_RULES: tuple[Rule[Callable[..., Any]], ...] = (
    Rule("figures.title_outcome", headlines.headline_hits),
    Rule("figures.title_fatal_share", headlines.fatal_share),
    Rule("figures.title_verb_count", headlines.headline_verb_hits),
    Rule("figures.title_object_list", headlines.headline_object_list),
    Rule("figures.title_count_noun", sentence.title_count_noun),
)

PREDICATE_RULES: tuple[PredicateRule, ...] = (
    Rule("figures.conjoined_verb_after", people.conjoined_verb_after),
    Rule("figures.body_found", people.body_found),
    Rule("figures.partitive_fatally", people.partitive_fatally),
    Rule("figures.possessed_outcome", people.possessed_outcome),
    Rule("figures.own_modifier", people.own_modifier),
    Rule("figures.relative_clause", people.relative_clause),
    Rule("figures.death_noun_of", people.death_noun_of),
    Rule("figures.present_with", people.present_with),
    Rule("figures.fatally_adverbial", people.fatally_adverbial),
    Rule("figures.died_after_passive", people.died_after_passive),
    Rule("figures.passive_casualty", people.passive_casualty),
    Rule("figures.shooting_suspect_compound", people.shooting_suspect_compound),
    Rule("figures.left_in_state", people.left_in_state_rule),
    Rule("figures.to_hospital", people.to_hospital_rule),
    Rule("figures.verb_chain", people.verb_chain_outcome),
    Rule("figures.found_in_state", people.found_in_state),
    Rule("figures.title_subject", people.title_subject),
    Rule("figures.suffered_fatal_wounds", people.suffered_fatal_wounds),
    Rule("figures.subject_verb", people.subject_verb),
    Rule("figures.attackers_present", people.attackers_present),
)

PEOPLE_RULES: tuple[Rule[Callable[..., Any]], ...] = (
    Rule("figures.with_wound", predicates.with_wound),
    Rule("figures.paragraph_bound", people.paragraph_bound),
    Rule("figures.captives_held", readings.captives_held),
    Rule("figures.both_listed", readings.both_listed),
    Rule("figures.member_of", readings.member_of),
    Rule("figures.appositive_group", readings.appositive_group),
    Rule("figures.captive_people", readings.captive_people),
    Rule("figures.including_attackers", readings.including_attackers),
    Rule("figures.uncounted_present", readings.uncounted_present),
    Rule("figures.fled_scene", readings.fled_scene),
    Rule("figures.freed_hostages", readings.freed_hostages),
    Rule("figures.arrested_suspect", readings.arrested_suspect),
    Rule("figures.wounded_too", readings.wounded_too),
)

ARTICLE_RULES: tuple[Rule[Callable[..., Any]], ...] = (
    Rule("figures.same_count", article.same_count),
    Rule("figures.statistic", article.statistic),
    Rule("figures.shot_outcome", article.shot_outcome),
    Rule("figures.perpetrator_claim", article.perpetrator_claim),
    Rule("figures.captivity", captivity.with_captivity),
    Rule("figures.correction", corrections.with_corrections),
)

FIGURE_RULES: RuleSet[Callable[..., Any]] = RuleSet(
    "figures", [*SENTENCE_RULES, *TITLE_RULES, *PREDICATE_RULES, *PEOPLE_RULES, *ARTICLE_RULES])


@dataclass(frozen=True)
class ActiveRules:
    """The figure rules of one component instance: the lists above less those switched off."""

    sentence: tuple[SentenceRule, ...]
    predicates: tuple[PredicateRule, ...]
    switches: Switches


def active_rules(disabled: Collection[str] = ()) -> ActiveRules:
    """The rules to run with ``disabled`` switched off (unknown ids are refused with a clear message)."""
    off = checked_disabled(disabled, "figures.")
    return ActiveRules(
        tuple(rule for rule in SENTENCE_RULES if rule.id not in off),
        tuple(rule for rule in PREDICATE_RULES if rule.id not in off),
        Switches(off),
    )


__all__ = ["FIGURE_RULES", "PREDICATE_RULES", "SENTENCE_RULES", "ActiveRules", "active_rules"]
