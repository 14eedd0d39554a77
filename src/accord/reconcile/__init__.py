"""reconcile: per incident, lay the claims side by side and estimate each figure.

* :func:`reconcile_figures` — claims → one :class:`~accord.models.Figure` per
  (measure, group): status agreed | updated | disputed, the conservative,
  consensus and high estimates, the latest (official) figure, and a sentence
  saying why.
* :func:`build_incidents` — linked incident groups → :class:`~accord.models.Incident`
  records with title, dates, place, perpetrators, articles, figures, quotes and
  a timeline; :func:`iter_incidents` does the same group by group, reading the
  records each round needs through loaders (a store's), for stores of any size.

The rules are in ``docs/reconciliation.md``; source names are normalised with
the ``source_aliases`` lexicon.
"""

from __future__ import annotations

from accord.reconcile.figures import reconcile_figures
from accord.reconcile.incidents import build_incidents, iter_incidents, sort_incidents

__all__ = ["build_incidents", "iter_incidents", "reconcile_figures", "sort_incidents"]
