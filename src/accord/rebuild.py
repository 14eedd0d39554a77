"""A full rebuild's link and reconcile as tasks an engine runs: in this process, in local worker
processes (``accord rebuild --workers 2``) or on Ray (``--engine ray``).

Link: the pool's features are made here (``link.pool_features``, reading the store); its candidate
pairs are scored in shares, each share a task; the pool is cut into blocks that link apart (the
connected components of the scored edges, ``link.blocks``) and each task links a few blocks. The
groups are exactly those of one process (``link.groups_of``): see ``link.blocks`` for why.

Reconcile: the groups, sorted by id, go in rounds of ``reconcile.GROUPS_PER_ROUND``; each task opens
the store (read-only) and builds its round's incidents. This process stamps them and writes them in
one transaction, as the one-process rebuild does, so a worker never writes.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from accord.engines import TaskRunner
from accord.link.blocks import Block, blocks_of, link_blocks, pair_shares, score_share, tasks_of
from accord.link.cluster import Edge
from accord.link.features import MentionFeatures
from accord.models import Incident, IncidentGroup
from accord.reconcile import iter_incidents
from accord.reconcile.incidents import GROUPS_PER_ROUND
from accord.store import Store, open_store


def link_pool(features: Sequence[MentionFeatures], engine: TaskRunner) -> list[IncidentGroup]:
    """The incidents of a pool's complete features (canonical order), sorted by id, the engine running
    the scoring and the linking of blocks."""
    edges: list[Edge] = [edge for share in engine.run_tasks(score_share, features, pair_shares(features))
                         for edge in share]
    blocks = blocks_of(features, edges)
    del edges
    groups = [group for part in engine.run_tasks(_link_task, None, tasks_of(blocks)) for group in part]
    groups.sort(key=lambda g: g.id)
    return groups


def _link_task(_: None, blocks: list[Block]) -> list[IncidentGroup]:
    return link_blocks(blocks)


def store_address(store: Store, db: str) -> str:
    """Where a worker finds ``store`` (opened from ``db``): a SQLite file's absolute path (a worker's
    working folder may be another), else ``db`` itself (a PostgreSQL URL)."""
    path = getattr(store, "path", None)
    return str(Path(path).resolve()) if isinstance(path, Path) else db


def reconcile_task(db: str, groups: list[IncidentGroup]) -> list[Incident]:
    """The incidents of ``groups``, reading their reports from the store at ``db``, opened read-only for
    the task (a few milliseconds a round; a worker kept between rebuilds would keep a stale file open)."""
    with open_store(db, read_only=True) as store:
        return list(iter_incidents(groups, store.articles_by_id, store.extractions_by_id))


def reconciled(groups: Sequence[IncidentGroup], db: str, engine: TaskRunner) -> Iterator[Incident]:
    """The incidents of ``groups`` in their order, rounds of GROUPS_PER_ROUND reconciled by the engine's
    workers from the store at ``db`` (:func:`store_address`)."""
    rounds = (list(groups[start:start + GROUPS_PER_ROUND]) for start in range(0, len(groups), GROUPS_PER_ROUND))
    for incidents in engine.run_tasks(reconcile_task, db, rounds):
        yield from incidents


__all__ = ["link_pool", "reconcile_task", "reconciled", "store_address"]
