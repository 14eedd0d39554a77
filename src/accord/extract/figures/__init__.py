"""The ``accord_figures`` component: every count of people in an incident → a :class:`Claim`.

Finding (per sentence, from the one spaCy parse):

1. *Participants*: a noun naming people ("three men", "the gunman", a person's
   name, "he"), or a count standing alone ("one fatally", "killing two",
   "two of the victims"). Its count comes from the number phrase on its left
   (:func:`accord.extract.numbers.parse_count`), or is implicit: a singular
   noun is one person, "two men and a woman" sums its conjuncts, "no one" is 0.
   (This side lives in :mod:`accord.extract.figure_counting`.)
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
one fatally" → 1 killed, 2 injured); a hit that only restates somebody counted
injured before is an injured claim too (a coder notes each statement). Aggregate
statistics (a year's total, a percentage) go to ``doc._.statistics``. ``mention``
stays 0 and ``as_of`` None: ``accord_mentions`` sets them.

The package, by concern: :mod:`.rules` lists every named rule in the order it runs (the one
place that decides which rule wins; docs/extraction.md); :mod:`.sentence` runs them on a sentence
and walks its counted people; :mod:`.people` holds the predicate rules (what happened to them) and
:mod:`.predicates` the readings they share; :mod:`.readings` revises a reading (group, count);
:mod:`.constructions` reads figures stated without a counted noun ("the death toll rose to 27",
"taken into custody"), some through the spaCy patterns of :mod:`.patterns`; :mod:`.headlines` reads
title lines by word order; :mod:`.modality` says whether a figure is real and who claims it;
:mod:`.article` resolves the hits of one article into claims; :mod:`.captivity` reads the lifecycle
of an abduction and the people present (held as of a day, missing, inside, aboard) and tells hostages
from civilians; :mod:`.corrections` marks a figure a source calls wrong ("26, not 40") denied;
:mod:`.component` is the spaCy component (config ``disabled_rules``).
"""

from __future__ import annotations

from accord.extract.figures.component import find_figures, make_component
from accord.extract.figures.hits import EXTRACTOR
from accord.extract.numbers import count_word_value

__all__ = ["find_figures", "EXTRACTOR", "count_word_value", "make_component"]
