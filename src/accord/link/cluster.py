"""Group mentions into incidents: block, score candidate pairs, merge greedily under constraints.

Blocking: every mention is indexed under each of its words; a mention's
candidates are the mentions sharing one of its most distinctive words
(the heaviest of its TF-IDF vector), skipping words so common that they name
no incident. The number of pairs scored grows with the pool, not its square.

Merging: candidate pairs above LINK_THRESHOLD are taken best first (ties
broken by the mentions' keys, so the result does not depend on input order);
two groups merge only if every cross pair is compatible (never two mentions
of one article, never incompatible types, places or dates), and, when their
best pair is weak, only if the groups as a whole agree (average link over the
cross pairs): single-link alone chains reports that each resemble the next a
little into one incident none of them shares with the others.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence

import numpy as np

from accord.link.features import MentionFeatures
from accord.link.signals import (
    NAMED_LAG_DAYS,
    TEXT_LAG_DAYS,
    PairScore,
    compatible,
    date_gap,
    mentions_place_relation,
    named_follow_up,
    score,
    time_window,
    within_follow_up_reach,
)

#: Pairs scoring at least this are one incident. Calibrated on GVA dev, single
#: and doubled pool (B-cubed F1 single 0.921 at 0.10, 0.913 at 0.125, 0.907 at
#: 0.14; doubled 0.894 / 0.886 / 0.882; 0.09 trades as much precision as it
#: gains recall), once page furniture was out of the words; the seeds and the
#: demo corpus stay right at it (tests/test_link.py). With the group check below, 0.08 gains 0.8 point of
#: recall on GVA dev but joins a same-day, same-city report of another shooting (test_link.py's wire
#: story test), and the GVA sample's precision falls: kept at 0.1.
LINK_THRESHOLD = 0.1

#: A pair scoring at least this merges its groups on its own; a weaker one needs MIN_GROUP_SUPPORT.
#: Below, a weak pair between two groups is often a chain's link (two same-week shootings of one city
#: sharing a street or a station's words). GVA dev, with MIN_GROUP_SUPPORT 0.075 (single / doubled
#: B-cubed F1): 0.2 95.08 / 94.07, 0.25 95.13 / 94.26, 0.3 95.00 / 94.19; no check 94.96 / 93.88.
STRONG_LINK = 0.25

#: Mean score of all cross pairs (incompatible ones count 0) two groups need when their best pair is
#: weaker than STRONG_LINK. GVA dev, STRONG_LINK 0.25: 0.06 95.08 / 94.05, 0.065 95.08 / 94.19,
#: 0.075 95.13 / 94.26 (precision 98.64 / 97.64).
MIN_GROUP_SUPPORT = 0.075

#: Share of the cross pairs of two groups that may be incompatible when they
#: merge (their best pair being compatible and above the threshold). 0 is
#: complete-link; GVA dev B-cubed F1 is best at 0.5 (0.884 at 0 -> see report).
MAX_INCOMPATIBLE_SHARE = 0.5

#: Pairs with an undated mention do not count in MAX_INCOMPATIBLE_SHARE: four undated recalls of a
#: story (and its reprint a year later) otherwise outvote the one pair of dated reports a year apart that
#: says two incidents. GVA dev B-cubed F1 single / doubled: 96.12 / 95.47 with, 96.12 / 95.41 without
#: (precision doubled 98.87 / 98.74).
UNDATED_PAIRS_SILENT = True

#: Let a follow-up (signals.named_follow_up with one member) join a group whose other members' dates
#: it is too far from, when those are within NAMED_LAG_DAYS and no place is far. GVA dev: B-cubed F1
#: +0.1 point single; unbounded (any date), the doubled pool's copies a year apart merged (P -3 points).
FORGIVE_FOLLOW_UP_DATES = True

#: Days added to each side of a mention's time window when blocking: the reach of a follow-up that
#: names nobody but tells the same story (signals.TEXT_LAG_DAYS).
WINDOW_SLACK = TEXT_LAG_DAYS

#: Merge main-to-main pairs before any pair with a background mention: otherwise an article's passing
#: recall of an incident could take the seat its main mention needs in that incident's group. GVA dev
#: B-cubed F1 0.9215 -> 0.9331 single, 0.9097 -> 0.9206 doubled.
MAIN_EDGES_FIRST = True

#: A word in more mentions than this does not block ("police", "shooting"):
#: at least this many, or this share of the pool, whichever is larger; nor a word in more than
#: BLOCKING_MAX_POSTING mentions of the months around a mention (a pool of years of one city's news
#: has its name in every week; in a pool of a few years, as GVA dev, the first rule decides alone).
BLOCKING_MAX_POSTING = 30
BLOCKING_MAX_SHARE = 0.02


#: A mention whose time window is wider than this many days (undated, or dated by a year) is checked
#: against every mention of a posting; narrower ones are found by bisection on their window's start.
NARROW_WINDOW_DAYS = 400


def candidate_pairs(features: Sequence[MentionFeatures]) -> Iterator[tuple[int, int]]:
    """Pairs (i < j), in order, that share a distinctive word and whose incidents could share a day, or
    that name the same person or address within a follow-up's reach.

    Pairs are kept as one integer each (i * n + j) in an array until they are sorted and made unique: a
    pool of 40,000 mentions has hundreds of thousands of pairs, and a set of tuples would hold 60 MB.
    """
    n = len(features)
    windows = [time_window(f) for f in features]
    limit = max(BLOCKING_MAX_POSTING, int(BLOCKING_MAX_SHARE * n))
    found = array("q")
    # The same victim, named suspect, street address or rare name makes a candidate up to a follow-up's reach.
    by_name: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(features):
        for name in (*f.victims, *f.suspects, *f.addresses, *f.names_in_text):
            by_name[name].append(i)
    for posting in by_name.values():
        if len(posting) <= limit:
            found.extend(x * n + y for x in posting for y in posting
                         if x < y and _within_reach(features[x], features[y], windows[x], windows[y]))
    # Only words that are some mention's blocking word are looked up; each one's posting is split into
    # narrow windows sorted by start (searched by bisection: a pool of years holds a word's mentions of
    # every year, and only those near a mention's days can be its incident's) and wide ones (always
    # checked). Arrays, not lists of tuples: a pool of 40,000 mentions has millions of postings.
    blocking = {word for f in features for word in f.vector.heaviest}
    postings: dict[int, list[int]] = defaultdict(list)
    for i, f in enumerate(features):
        for word in f.vector.ids.tolist():
            if word in blocking:
                postings[word].append(i)
    is_wide = [high - low > NARROW_WINDOW_DAYS for low, high in windows]
    narrow: dict[int, tuple[array[int], array[int]]] = {}
    wide: dict[int, list[int]] = {}
    while postings:
        word, posting = postings.popitem()
        if len(posting) > limit:
            continue
        short = sorted((j for j in posting if not is_wide[j]), key=lambda j: windows[j][0])
        narrow[word] = (array("q", (windows[j][0] for j in short)), array("q", short))
        # A wide mention has no days to narrow its candidates by: only a word rare in the whole pool
        # blocks it (else a pool of years pairs it with every year's mentions of the word).
        wide[word] = [j for j in posting if is_wide[j]] if len(posting) <= BLOCKING_MAX_POSTING else []
    for i, f in enumerate(features):
        low, high = windows[i]
        near: set[int] = set()
        for word in f.vector.heaviest:
            if word not in narrow or (is_wide[i] and not wide[word]):
                continue  # too common to block on (for a wide mention: in the pool; else near its days)
            starts, members = narrow[word]
            first = bisect_left(starts, low - WINDOW_SLACK - NARROW_WINDOW_DAYS)
            last = bisect_right(starts, high + WINDOW_SLACK)
            if last - first > BLOCKING_MAX_POSTING:
                continue  # common in these months (a city's name in a pool of its news): names no incident
            for j in (*members[first:last], *wide[word]):
                # Mentions whose incidents cannot share a day are no candidates.
                if j != i and _windows_meet(windows[i], windows[j]):
                    near.add(j)
        found.extend(i * n + j if i < j else j * n + i for j in near)
    for code in np.unique(np.frombuffer(found, dtype=np.int64)).tolist():
        yield divmod(code, n)


def _within_reach(a: MentionFeatures, b: MentionFeatures, window_a: tuple[int, int],
                  window_b: tuple[int, int]) -> bool:
    """Whether a named link could make ``a`` and ``b`` one incident: their days may meet, or they are a
    follow-up's reach apart, or one is undated."""
    if a.date is None or b.date is None or abs((a.date - b.date).days) <= NAMED_LAG_DAYS:
        return True
    return _windows_meet(window_a, window_b)


def _windows_meet(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Two time windows overlap once widened by WINDOW_SLACK: their mentions' incidents could share a day."""
    return b[0] <= a[1] + WINDOW_SLACK and a[0] - WINDOW_SLACK <= b[1]


#: A scored pair of mentions (score, i, j), positions in the features it was scored on.
Edge = tuple[float, int, int]


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


def score_pairs(features: Sequence[MentionFeatures], pairs: Iterable[tuple[int, int]]) -> list[Edge]:
    """The ``pairs`` that are compatible and score at least LINK_THRESHOLD, as edges (unsorted): what
    :func:`scored_edges` keeps of its candidate pairs, for any share of them (a worker's)."""
    edges = []
    for i, j in pairs:
        a, b = features[i], features[j]
        if compatible(a, b):
            value = score(a, b).score
            if value >= LINK_THRESHOLD:
                edges.append((value, i, j))
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
    # A pair of which one mention has no date (a background incident recalled without one) is compatible
    # in time with anything: it says nothing, and does not count in the share.
    telling = [(a, b) for a, b in pairs if a.date is not None and b.date is not None] if UNDATED_PAIRS_SILENT \
        else pairs
    if not bad or len(bad) < MAX_INCOMPATIBLE_SHARE * max(len(telling), len(bad)):
        return True
    # A follow-up (trial, funeral, arrest) names the victim or the address weeks later: its own date
    # is away from every first-day report's, but a named link to one of them says the dates are the
    # follow-up's and the incident's, not two incidents'. Places must still agree.
    if FORGIVE_FOLLOW_UP_DATES and any(named_follow_up(a, b) for a, b in pairs):
        return all(date_gap(a, b) is None and within_follow_up_reach(a, b) and mentions_place_relation(a, b) != "far"
                   for a, b in bad)
    return False


def group_support(features: Sequence[MentionFeatures], left: Sequence[int], right: Sequence[int]) -> float:
    """Mean score of the cross pairs of two groups (an incompatible pair scores 0): how well the groups as
    a whole, not their best pair alone, look like one incident."""
    total = 0.0
    for x in left:
        a = features[x]
        for y in right:
            b = features[y]
            if compatible(a, b):
                total += score(a, b).score
    return total / (len(left) * len(right))


def supported(features: Sequence[MentionFeatures], left: Sequence[int], right: Sequence[int], best: float) -> bool:
    """Whether a merge through a pair scoring ``best`` has the groups' support: a strong pair suffices;
    a weak one must be backed by the other cross pairs (no chains of weak links, single-link's failure)."""
    if best >= STRONG_LINK or len(left) * len(right) == 1:
        return True
    return group_support(features, left, right) >= MIN_GROUP_SUPPORT


def agglomerate(features: Sequence[MentionFeatures], scored: Iterable[Edge] | None = None) -> list[list[int]]:
    """Greedy constrained agglomeration; groups of positions in ``features`` (which must be in canonical order).

    ``scored``: the edges of ``features`` (:func:`score_pairs` of its candidate pairs) when they were
    scored already, e.g. by workers; by default they are found and scored here.
    """
    owner = list(range(len(features)))
    groups: dict[int, list[int]] = {i: [i] for i in range(len(features))}
    if scored is None:
        edges: list[Edge] = [(value, i, j) for value, i, j, _ in scored_edges(features)]
    else:
        edges = sorted(scored, key=lambda e: (-e[0], features[e[1]].key, features[e[2]].key))
    if MAIN_EDGES_FIRST:
        # Reports' own incidents first: a background mention recalled in passing must not take the place
        # its article's main incident would have in a group (one article is in an incident once).
        edges.sort(key=lambda e: features[e[1]].background or features[e[2]].background)  # stable
    for best, i, j in edges:
        ci, cj = owner[i], owner[j]
        if ci == cj:
            continue
        if not mergeable(features, groups[ci], groups[cj]):
            continue
        if not supported(features, groups[ci], groups[cj], best):
            continue
        keep, gone = min(ci, cj), max(ci, cj)
        groups[keep].extend(groups.pop(gone))
        for member in groups[keep]:
            owner[member] = keep
    return [sorted(groups[k]) for k in sorted(groups)]
