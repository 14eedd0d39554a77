"""Group mentions into incidents: block, score candidate pairs, merge greedily under constraints.

Blocking: every mention is indexed under each of its words; a mention's
candidates are the mentions sharing one of its most distinctive words
(the heaviest of its TF-IDF vector), skipping words so common that they name
no incident. The number of pairs scored grows with the pool, not its square.

Merging: candidate pairs above LINK_THRESHOLD are taken best first (ties
broken by the mentions' keys, so the result does not depend on input order);
two groups merge only if every cross pair is compatible (never two mentions
of one article, never incompatible types, places or dates).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from accord.link.features import MentionFeatures
from accord.link.signals import (
    TEXT_LAG_DAYS,
    PairScore,
    compatible,
    date_gap,
    mentions_place_relation,
    named_follow_up,
    within_follow_up_reach,
    score,
    time_window,
)

#: Pairs scoring at least this are one incident. Calibrated on GVA dev
#: (B-cubed F1 flat between 0.30 and 0.40) and the seeds (the three Jaffar
#: Express reports score 0.4 to 0.6 with each other, the background bombings < 0.25).
LINK_THRESHOLD = 0.1

#: Share of the cross pairs of two groups that may be incompatible when they
#: merge (their best pair being compatible and above the threshold). 0 is
#: complete-link; GVA dev B-cubed F1 is best at 0.5 (0.884 at 0 -> see report).
MAX_INCOMPATIBLE_SHARE = 0.5

#: Let a named follow-up join a group whose other members' dates it is too far from.
FORGIVE_FOLLOW_UP_DATES = True

#: Days added to each side of a mention's time window when blocking: the reach of a follow-up that
#: names nobody but tells the same story (signals.TEXT_LAG_DAYS).
WINDOW_SLACK = TEXT_LAG_DAYS

#: Words of a mention used to find its candidates (the heaviest of its vector).
BLOCKING_WORDS = 10

#: A word in more mentions than this does not block ("police", "shooting"):
#: at least this many, or this share of the pool, whichever is larger.
BLOCKING_MAX_POSTING = 30
BLOCKING_MAX_SHARE = 0.02


def candidate_pairs(features: Sequence[MentionFeatures]) -> set[tuple[int, int]]:
    """Pairs (i < j) that share a distinctive word."""
    postings: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(features):
        for word in f.vector:
            postings[word].append(i)
    limit = max(BLOCKING_MAX_POSTING, int(BLOCKING_MAX_SHARE * len(features)))
    windows = [time_window(f) for f in features]
    pairs: set[tuple[int, int]] = set()
    # The same victim or street address makes a candidate whatever the dates.
    by_name: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(features):
        for name in (*f.victims, *f.suspects, *f.addresses):
            by_name[name].append(i)
    for posting in by_name.values():
        if len(posting) <= limit:
            pairs.update((x, y) for x in posting for y in posting if x < y)
    for i, f in enumerate(features):
        low, high = windows[i]
        top = sorted(f.vector.items(), key=lambda item: (-item[1], item[0]))[:BLOCKING_WORDS]
        for word, _ in top:
            posting = postings[word]
            if len(posting) > limit:
                continue
            for j in posting:
                # Mentions whose incidents cannot share a day are no candidates.
                if j != i and windows[j][0] <= high + WINDOW_SLACK and low - WINDOW_SLACK <= windows[j][1]:
                    pairs.add((i, j) if i < j else (j, i))
    return pairs


def scored_edges(features: Sequence[MentionFeatures]) -> list[tuple[float, int, int, PairScore]]:
    """Compatible candidate pairs at or above LINK_THRESHOLD, best first, deterministic."""
    edges = []
    for i, j in candidate_pairs(features):
        a, b = features[i], features[j]
        if not compatible(a, b):
            continue
        pair = score(a, b)
        if pair.score >= LINK_THRESHOLD:
            edges.append((pair.score, i, j, pair))
    edges.sort(key=lambda e: (-e[0], features[e[1]].key, features[e[2]].key))
    return edges


def mergeable(features: Sequence[MentionFeatures], left: Sequence[int], right: Sequence[int]) -> bool:
    """Never two mentions of one article in an incident; otherwise most cross pairs must be compatible.

    Most, not all: a follow-up report whose own date is off (a weekday read
    against a late publication date) still joins the reports it matches.
    """
    articles = {features[x].article for x in left}
    if any(features[y].article in articles for y in right):
        return False
    pairs = [(features[x], features[y]) for x in left for y in right]
    bad = [(a, b) for a, b in pairs if not compatible(a, b)]
    if len(bad) < MAX_INCOMPATIBLE_SHARE * len(pairs):
        return True
    # A follow-up (trial, funeral, arrest) names the victim or the address weeks later: its own date
    # is away from every first-day report's, but a named link to one of them says the dates are the
    # follow-up's and the incident's, not two incidents'. Places must still agree.
    if FORGIVE_FOLLOW_UP_DATES and any(named_follow_up(a, b) for a, b in pairs):
        return all(date_gap(a, b) is None and within_follow_up_reach(a, b) and mentions_place_relation(a, b) != "far"
                   for a, b in bad)
    return False


def agglomerate(features: Sequence[MentionFeatures]) -> list[list[int]]:
    """Greedy constrained agglomeration; groups of positions in ``features`` (which must be in canonical order)."""
    owner = list(range(len(features)))
    groups: dict[int, list[int]] = {i: [i] for i in range(len(features))}
    for _, i, j, _ in scored_edges(features):
        ci, cj = owner[i], owner[j]
        if ci == cj:
            continue
        if not mergeable(features, groups[ci], groups[cj]):
            continue
        keep, gone = min(ci, cj), max(ci, cj)
        groups[keep].extend(groups.pop(gone))
        for member in groups[keep]:
            owner[member] = keep
    return [sorted(groups[k]) for k in sorted(groups)]
