"""Which claims of an incident are parts of a total, seen across its reports.

Extraction marks the subsets a sentence shows ("including seven children", "two of them foreigners").
One more kind shows only beside the other reports of the incident: a person named alone ("Kasi was
shot dead", "the driver was killed", "my nephew is injured"). In a report of one death that person is
the toll; in an incident whose sources count 70 dead, one of them. So a claim that counts one person
without a number is a subset when some total of the same measure, of its group or of everybody, counts
two or more with a number. For the totals (:mod:`accord.reconcile.totals`), an attacker named alone
("the gunman was shot dead", "then killed himself") is a part only of a count of the attackers: reports
count the dead an attacker leaves, then him ("killed three, then himself"), and a count of everybody
leaves him out as often as not (rule ``reconcile.scope.lone_attacker``).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from functools import cache
from typing import TYPE_CHECKING

from accord.lexicons import load_lexicon
from accord.models import Claim
from accord.reconcile.intervals import stated_low

if TYPE_CHECKING:
    from accord.reconcile.figures import Entry

_WORD = re.compile(r"[a-z0-9]+")

#: Words that bring one person in without counting: "a policeman", "an official".
_ARTICLES = frozenset({"a", "an"})


@cache
def _age() -> re.Pattern[str]:
    """An age ("a 2-year-old", "16 years old", "the three-month-old"): a person's, never a count of people
    (lexicon ``person_reference``: ``age_units``)."""
    units = "|".join(re.escape(unit) for unit in load_lexicon("person_reference")["age_units"])
    return re.compile(rf"\b[a-z0-9]+(?:[- ]|-and-a-half[- ])(?:{units})s?[- ]old\b")


@cache
def _count_words() -> frozenset[str]:
    words = load_lexicon("number_words")
    found: set[str] = set()
    for table in ("units", "tens", "scales", "multipliers", "vague", "ordinals"):
        found.update(words.get(table, {}))
    return frozenset(found - _ARTICLES)


def numbered(claim: Claim) -> bool:
    """Whether the claim's own words state a count ("one", "3", "dozens"), not just name somebody
    (an age is no count: "a 2-year-old boy")."""
    words = _WORD.findall(_age().sub(" ", claim.text.lower()))
    return any(word.isdigit() or word in _count_words() for word in words)


def individual(claim: Claim) -> bool:
    """One person named without a number: "Kasi", "the driver", "a policeman", "his son"."""
    return claim.value.low == 1 and claim.value.high == 1 and claim.hedge == "exact" and not numbered(claim)


def _counts_several(entry: Entry) -> bool:
    claim = entry.claim
    return (entry.countable and not entry.subset and claim.value.low is not None
            and stated_low(claim) >= 2 and numbered(claim))


def individuals_as_parts(by_key: Mapping[tuple[str, str], Sequence[Entry]], *,
                         attackers_apart: bool = False) -> dict[tuple[str, str], list[Entry]]:
    """``by_key`` with each individual made a subset where a numbered total of two or more of its
    measure, in its group or in everybody, stands beside it; with ``attackers_apart``, a lone attacker
    only beside a numbered count of the attackers."""
    several = {key for key, entries in by_key.items() if any(_counts_several(e) for e in entries)}
    out: dict[tuple[str, str], list[Entry]] = {}
    for (measure, group), entries in by_key.items():
        apart = attackers_apart and group == "attackers"
        counted = (measure, group) in several or (not apart and (measure, "all") in several)
        out[(measure, group)] = [
            dataclasses.replace(e, claim=dataclasses.replace(e.claim, scope="subset"))
            if counted and not e.subset and individual(e.claim) else e
            for e in entries
        ]
    return out


__all__ = ["individual", "individuals_as_parts", "numbered"]
