"""Named rules: every rule that can produce, change or drop a claim or a mention has a stable id.

A component keeps its rules in one ordered list (a :class:`RuleSet`, e.g. ``figures/rules.py``),
and runs them in that order; the order is data, not the order of ``return`` statements. A rule's id
is ``<set>.<name>`` (``figures.toll_noun``) and never changes once released: claims record it
(``Claim.rule``, ``Claim.rules_changed``), so a user can ask why a number is there, and switch the
rule off by id (the component's ``disabled_rules`` setting).

    >>> def shout(text: str) -> str:
    ...     '''Upper-cases the text.'''
    ...     return text.upper()
    >>> rules = RuleSet("demo", [Rule("demo.shout", shout)], register=False)
    >>> [rule.id for rule in rules.active(frozenset({"demo.shout"}))]
    []
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from accord.errors import ConfigError

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class Rule(Generic[F]):
    """One rule: its stable id and the function that applies it."""

    id: str
    function: F

    @property
    def summary(self) -> str:
        """The first paragraph of the function's docstring, on one line: what the rule reads."""
        paragraph = (self.function.__doc__ or "").strip().split("\n\n")[0]
        return " ".join(line.strip() for line in paragraph.splitlines())


#: Every registered rule set by name, in registration order (for docs, `accord explain` and config checks).
_REGISTRY: dict[str, RuleSet[Any]] = {}


class RuleSet(Generic[F]):
    """An ordered list of rules of one component, run in this order."""

    def __init__(self, name: str, rules: Sequence[Rule[F]], *, register: bool = True) -> None:
        ids = [rule.id for rule in rules]
        wrong = [i for i in ids if not i.startswith(name.split(".")[0] + ".")]
        if wrong:
            raise ValueError(f"rule ids of the set {name!r} must start with its component: {wrong}")
        repeated = {i for i in ids if ids.count(i) > 1}
        if repeated:
            raise ValueError(f"rule ids must be unique: {sorted(repeated)}")
        self.name = name
        self.rules: tuple[Rule[F], ...] = tuple(rules)
        if register:
            if any(i in registered_rule_ids() for i in ids) and name not in _REGISTRY:
                raise ValueError(f"rule ids already registered by another set: {ids}")
            _REGISTRY[name] = self

    def __iter__(self) -> Iterator[Rule[F]]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(rule.id for rule in self.rules)

    def active(self, disabled: Collection[str] = frozenset()) -> tuple[Rule[F], ...]:
        """The rules not switched off, in order."""
        return tuple(rule for rule in self.rules if rule.id not in disabled)


def registered_rule_sets() -> list[RuleSet[Any]]:
    return list(_REGISTRY.values())


def registered_rule_ids() -> list[str]:
    """The id of every registered rule, set by set, each set in its order."""
    return [rule.id for rule_set in _REGISTRY.values() for rule in rule_set]


def checked_disabled(disabled: Iterable[str], prefix: str) -> frozenset[str]:
    """``disabled`` as a set, refused with a clear message when it names a rule that does not exist.

    ``prefix``: the component's rules ("figures."); ids of other components are refused too, since
    a setting of one component cannot switch off another's rules.
    """
    wanted = frozenset(disabled)
    known = {i for i in registered_rule_ids() if i.startswith(prefix)}
    unknown = sorted(wanted - known)
    if unknown:
        raise ConfigError(f"disabled_rules: no rule {', '.join(unknown)} (the {prefix.rstrip('.')} rules are: "
                          f"{', '.join(sorted(known))}; see docs/extraction.md)")
    return wanted


__all__ = ["Rule", "RuleSet", "checked_disabled", "registered_rule_ids", "registered_rule_sets"]
