"""A full link cut into blocks that link apart: what a rebuild shares out among workers.

Agglomeration (``link.cluster.agglomerate``) only ever merges the groups of two mentions joined by an
edge: a candidate pair that is compatible and scores at least LINK_THRESHOLD. Every decision on a merge
(``mergeable``, ``supported``) looks at the members of the two groups alone, and the edges are taken in
one global order. So the connected components of the edge graph are independent: agglomerating each on
its own, with its edges in the same order, gives exactly the groups of the whole pool. (The components
of the candidate graph would not do: on a store of 2,000 GVA reports one of them holds 96% of the
mentions, while the largest component of edges holds 36.)

The work is then: candidate pairs over the whole pool (cheap: an index of words), scoring them in
shares (:func:`score_share`, the costly part), the components (:func:`blocks_of`, union-find), and each
block's agglomeration and evidence (:func:`link_block`). Shares and blocks go to whatever runs them
(``accord.rebuild``: this process, local worker processes or Ray tasks).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from accord.link import group_record
from accord.link.cluster import Edge, agglomerate, candidate_pairs, score_pairs
from accord.link.features import MentionFeatures
from accord.models import IncidentGroup

#: Candidate pairs per scoring share: large enough that a worker's share costs far more than sending it
#: (a few tenths of a second of scoring), small enough that two workers end together.
PAIRS_PER_SHARE = 20_000

#: Mentions per linking task: blocks are packed into tasks of about this many mentions (a store of
#: 2,000 GVA reports has 1,571 blocks, most of one or two mentions; a task each would cost more to send
#: than to link).
MENTIONS_PER_TASK = 2_000


@dataclass
class Block:
    """Mentions that link among themselves and with no other: their features (in canonical order) and
    their edges, as positions in ``features``."""

    features: list[MentionFeatures]
    edges: list[Edge]


def pair_shares(features: Sequence[MentionFeatures], size: int = PAIRS_PER_SHARE) -> Iterator[list[tuple[int, int]]]:
    """The candidate pairs of the pool (``link.cluster.candidate_pairs``), ``size`` at a time."""
    share: list[tuple[int, int]] = []
    for pair in candidate_pairs(features):
        share.append(pair)
        if len(share) >= size:
            yield share
            share = []
    if share:
        yield share


def score_share(features: Sequence[MentionFeatures], pairs: Sequence[tuple[int, int]]) -> list[Edge]:
    """The edges among ``pairs`` (positions in the whole pool's ``features``)."""
    return score_pairs(features, pairs)


def components(size: int, edges: Iterable[Edge]) -> list[list[int]]:
    """The connected components of the graph of ``edges`` on ``size`` nodes, each sorted, in order of their
    first node (a node with no edge is a component of one)."""
    parent = list(range(size))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for _, i, j in edges:
        a, b = root(i), root(j)
        if a != b:
            parent[max(a, b)] = min(a, b)
    found: dict[int, list[int]] = {}
    for node in range(size):
        found.setdefault(root(node), []).append(node)
    return list(found.values())


def blocks_of(features: Sequence[MentionFeatures], edges: Sequence[Edge]) -> list[Block]:
    """The pool cut into blocks, one per connected component of ``edges``, each block's edges on its own
    positions."""
    where: dict[int, tuple[int, int]] = {}  # pool position -> (block, position in the block)
    members = components(len(features), edges)
    for number, component in enumerate(members):
        for position, node in enumerate(component):
            where[node] = (number, position)
    blocks = [Block([features[node] for node in component], []) for component in members]
    for value, i, j in edges:
        (block, a), (_, b) = where[i], where[j]
        blocks[block].edges.append((value, a, b))
    return blocks


def tasks_of(blocks: Sequence[Block], size: int = MENTIONS_PER_TASK) -> list[list[Block]]:
    """``blocks`` packed, in order, into tasks of about ``size`` mentions (a larger block is a task alone)."""
    tasks: list[list[Block]] = []
    held = 0
    for block in blocks:
        if not tasks or held + len(block.features) > size:
            tasks.append([])
            held = 0
        tasks[-1].append(block)
        held += len(block.features)
    return tasks


def link_block(block: Block) -> list[IncidentGroup]:
    """The incidents of one block: its agglomeration, each group with its evidence."""
    return [group_record([block.features[i] for i in members]) for members in agglomerate(block.features, block.edges)]


def link_blocks(blocks: Sequence[Block]) -> list[IncidentGroup]:
    """The incidents of a task's blocks."""
    return [group for block in blocks for group in link_block(block)]


__all__ = ["Block", "MENTIONS_PER_TASK", "PAIRS_PER_SHARE", "blocks_of", "components", "link_block", "link_blocks",
           "pair_shares", "score_share", "tasks_of"]
