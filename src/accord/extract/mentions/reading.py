"""Where the reading of an article's units has got to: what each label rule is given.

A label rule (:mod:`~accord.extract.mentions.labels`) reads unit ``i`` of a :class:`Reading` and
returns its label, or None to let the next rule of its list decide.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from accord.extract.mentions.page_structure import HEADLINE_BODY_UNITS
from accord.extract.mentions.unit_facts import MainAnchors, UnitFacts

#: A caption's stamp ("istock 1993:") is a line part of at most this many words ending on a colon.
STAMP_MAX_WORDS = 3


@dataclass
class Reading:
    """The article's units and anchors, the labels given so far and the background incident being told."""

    facts: UnitFacts
    main: MainAnchors
    disabled: frozenset[str] = frozenset()  # ids of the rules switched off
    labels: list[str] = field(default_factory=list)  # of the units read so far
    roundup: bool = False  # the article tells one incident after another
    open_type: str | None = None  # the event type of the background incident being told, if any
    open_names: set[str] = field(default_factory=set)  # the capitalised words its sentences name
    counted_paragraph: int | None = None  # the paragraph of a count over several incidents, if any

    def same_paragraph(self, i: int) -> bool:
        """Whether unit ``i`` is in the paragraph of the unit before it."""
        return self.facts.units[i - 1].paragraph == self.facts.units[i].paragraph

    def lede(self, i: int) -> bool:
        """Unit ``i`` is the lede under a headline: it tells the headline's incident."""
        lead = self.facts.lead
        return self.main.headline_lead and lead is not None and lead < i <= lead + HEADLINE_BODY_UNITS

    def stamp(self, i: int) -> str | None:
        """A caption's stamp on the line before ("istock 1993:" over "Dr. David Gunn is shot to death ...")."""
        units = self.facts.units
        if i > 0 and units[i - 1].paragraph == units[i].paragraph and units[i - 1].text.rstrip().endswith(":") \
                and len(units[i - 1].text.split()) <= STAMP_MAX_WORDS:
            return units[i - 1].text
        return None


#: A label rule: unit ``i``'s label, or None to pass.
LabelRule = Callable[[Reading, int], "str | None"]
