"""Incremental link: new reports join, merge or split only the incidents they could belong to.

::

    relink(new, index) -> LinkChange

A full link (``link_extracted``) reads the whole pool. Here the store keeps what
that pool knows (``link.pool``: the mentions' count, each word's document and
lower-case counts, each site's line counts) and a blocking index of every linked
mention (its time window and keys: heaviest words, names, addresses). A new
report's mentions look up their candidates in that index (same key, windows
that meet, a key too common in those months skipped as link.cluster does); the
incidents holding a candidate, and the new mentions, are linked again together,
and only those incidents change. The rest of the store is not read.

What may differ from a full link of the same store (measured in docs/linking.md,
"Incremental link"): a mention is indexed under its INDEX_WORDS heaviest words
where a full link looks at its whole vector; word weights of incidents no new
report touches stay those of the pool when they were last linked; and short page
bodies served under two titles (link.boilerplate's shells) are furniture only
after a full rebuild.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from accord.link.boilerplate import FURNITURE_MIN_DOCUMENTS, site_line_counts, site_of
from accord.link.cluster import (
    BLOCKING_MAX_POSTING,
    BLOCKING_MAX_SHARE,
    LINK_THRESHOLD,
    WINDOW_SLACK,
    agglomerate,
)
from accord.link.features import (
    BLOCKING_WORDS,
    VECTOR_WORDS,
    MentionFeatures,
    capitalised_names,
    heaviest_words,
    lower_case_words,
    mention_features,
    mention_texts,
    words,
)
from accord.link.pool import (
    NARROW_WINDOW_DAYS,
    IndexEntry,
    MentionWords,
    PoolStats,
    finish_features,
    from_record,
    rare_names,
    vocabulary_of,
)
from accord.link.signals import NAMED_LAG_DAYS, compatible, score, time_window
from accord.models import Article, ArticleExtraction, IncidentGroup

MentionKey = tuple[str, int]


@dataclass(frozen=True, slots=True)
class Posting:
    """A row of the link index: mention (article, index) found under ``key``, with its time window."""

    key: str
    article: str
    index: int
    low: int
    high: int


class LinkIndex(Protocol):
    """What the incremental link asks of a store (SQL in accord.store.link_index)."""

    def link_pool(self, words: Iterable[str]) -> tuple[int, dict[str, int], dict[str, int]]:
        """The pool's mention count, and the document and lower-case counts of ``words``."""
        ...

    def link_site_lines(self, sites: Iterable[str], lines: Iterable[tuple[str, str]]) -> dict[tuple[str, str], int]:
        """Documents per (site, line): every furniture line of ``sites`` and each of ``lines``."""
        ...

    def link_postings(self, keys: Sequence[str], low: int, high: int, *, wide: bool,
                      heaviest: int | None = None) -> list[Posting]:
        """Index rows under ``keys``: narrow ones whose window starts in [low, high]; with ``wide``, the
        wide ones too, whatever their days; with ``heaviest``, only rows of a mention's heaviest words."""
        ...

    def link_incidents_of(self, mentions: Iterable[MentionKey]) -> dict[MentionKey, str]: ...

    def link_members(self, incidents: Iterable[str]) -> list[MentionKey]: ...

    def link_records(self, mentions: Iterable[MentionKey]) -> dict[MentionKey, bytes]:
        """The stored records (link.pool.record_of) of ``mentions``."""
        ...


@dataclass
class LinkChange:
    """What an incremental link changes: incidents to drop and the groups that replace them, the index
    entries of every mention linked again, and the counts the new reports add to the pool."""

    removed: set[str]
    groups: list[IncidentGroup]
    entries: list[IndexEntry]
    articles: list[str]  # the new reports, now linked
    mentions: int = 0  # incident mentions they add to the pool
    df: Counter[str] = field(default_factory=Counter)
    lower: Counter[str] = field(default_factory=Counter)
    lines: Counter[tuple[str, str]] = field(default_factory=Counter)
    candidates: int = 0  # stored mentions found as candidates (for the log and the benchmark)


def relink(new: Sequence[tuple[Article, ArticleExtraction]], index: LinkIndex) -> LinkChange:
    """Link the mentions of ``new`` reports (not yet linked) into the incidents ``index`` holds."""
    from accord.link import group_record  # the package's own record maker (no cycle at import time)

    change = LinkChange(set(), [], [], [article.id for article, _ in new])
    lines, _ = site_line_counts(article for article, _ in new)
    change.lines = Counter({(site, line): n for site, counted in lines.items() for line, n in counted.items()})
    stats = PoolStats(0, {}, {}, {})
    _add_furniture(index, stats, {site for a, _ in new if (site := site_of(a))}, change.lines)
    fresh = _new_mentions(new, stats, change)
    _add_counts(index, stats, change, {w for _, found in fresh.values() for w in found.counts})
    candidates = _records(index, _candidates(index, fresh, stats) - set(fresh))
    _add_counts(index, stats, change, {w for _, found in candidates.values() for w in found.counts})
    vocabulary = vocabulary_of(stats.df)
    for features, found in (*fresh.values(), *candidates.values()):
        finish_features(features, found, stats, vocabulary)
    linked = _linkable(fresh, candidates)
    change.candidates = len(candidates)
    change.removed = set(index.link_incidents_of(linked).values())
    members = _records(index, set(index.link_members(change.removed)) - set(candidates) - set(fresh))
    _add_counts(index, stats, change, {w for _, found in members.values() for w in found.counts})
    vocabulary = vocabulary_of(stats.df)
    mentions = {**{k: candidates[k] for k in linked}, **members, **fresh}
    pool = []
    for _, (features, found) in sorted(mentions.items()):
        entry = finish_features(features, found, stats, vocabulary, index=True)
        assert entry is not None
        change.entries.append(entry)
        pool.append(features)
    change.groups = sorted((group_record([pool[i] for i in group]) for group in agglomerate(pool)),
                           key=lambda g: g.id)
    return change


_Mention = tuple[MentionFeatures, MentionWords]


def _add_furniture(index: LinkIndex, stats: PoolStats, sites: set[str],
                   added: Mapping[tuple[str, str], int]) -> None:
    """Put the furniture of ``sites`` in ``stats``: lines FURNITURE_MIN_DOCUMENTS of a site's documents
    carry, stored and ``added`` (the new reports' lines) together."""
    counts = Counter(index.link_site_lines(sites, [key for key in added if key[0] in sites]))
    counts.update({key: n for key, n in added.items() if key[0] in sites})
    furniture: dict[str, set[str]] = {site: set() for site in sites}
    for (site, line), n in counts.items():
        if n >= FURNITURE_MIN_DOCUMENTS:
            furniture[site].add(line)
    stats.furniture = {**stats.furniture, **{site: frozenset(lines) for site, lines in furniture.items()}}


def _new_mentions(new: Sequence[tuple[Article, ArticleExtraction]], stats: PoolStats,
                  change: LinkChange) -> dict[MentionKey, _Mention]:
    """Features (without vector and rare names) and words of the new reports' incident mentions, their
    words counted into ``change``."""
    out: dict[MentionKey, _Mention] = {}
    for article, extraction in new:
        site = site_of(article)
        furniture = stats.furniture.get(site, frozenset()) if site else frozenset()
        for mention in extraction.mentions:
            key = (article.id, mention.index)
            if mention.statistic or key in out:
                continue
            lead, text = mention_texts(article, extraction, mention, furniture)
            features = mention_features(article, extraction, mention, furniture, text, lead)
            found = MentionWords(words(text), capitalised_names(text, extraction, mention))
            out[key] = (features, found)
            change.mentions += 1
            change.df.update(found.counts.keys())
            change.lower.update(lower_case_words(text))
    return out


def _add_counts(index: LinkIndex, stats: PoolStats, change: LinkChange, wanted: set[str]) -> None:
    """Put the pool's counts of ``wanted`` words (stored, plus the new reports') in ``stats``."""
    wanted -= set(stats.df)
    pool, df, lower = index.link_pool(sorted(wanted))
    stats.mentions = pool + change.mentions
    stats.df = {**stats.df, **{w: df.get(w, 0) + change.df.get(w, 0) for w in wanted}}
    stats.lower = {**stats.lower, **{w: lower.get(w, 0) + change.lower.get(w, 0) for w in wanted}}


def _records(index: LinkIndex, keys: set[MentionKey]) -> dict[MentionKey, _Mention]:
    """Stored mentions' features and words, from their records in the index."""
    return {key: from_record(record) for key, record in index.link_records(keys).items()}


def _linkable(fresh: Mapping[MentionKey, _Mention], candidates: Mapping[MentionKey, _Mention]) -> set[MentionKey]:
    """The candidates that a new mention could link to: compatible with it and scoring LINK_THRESHOLD."""
    out = set()
    for key, (stored, _) in candidates.items():
        for features, _ in fresh.values():
            if compatible(features, stored) and score(features, stored).score >= LINK_THRESHOLD:
                out.add(key)
                break
    return out


def _candidates(index: LinkIndex, fresh: Mapping[MentionKey, _Mention], stats: PoolStats) -> set[MentionKey]:
    """Stored mentions a new mention could be one incident with, found in the index as link.cluster
    finds its candidate pairs: a shared distinctive word and windows that meet, or a shared name or
    address within a follow-up's reach."""
    found: set[MentionKey] = set()
    limit = max(BLOCKING_MAX_POSTING, int(BLOCKING_MAX_SHARE * stats.mentions))
    for features, given in fresh.values():
        low, high = time_window(features)
        ranked = [w for w in heaviest_words(Counter(given.counts), stats.df, stats.mentions, VECTOR_WORDS)
                  if stats.df[w] > 1]
        blocking = ranked[:BLOCKING_WORDS]
        rare = [w for w in blocking if stats.df[w] <= BLOCKING_MAX_POSTING]
        if high - low > NARROW_WINDOW_DAYS:  # no days to narrow by: only words rare in the whole pool
            rows = index.link_postings(_keys("w:", rare), -10**8, 10**8, wide=True)
        else:
            start, end = low - WINDOW_SLACK - NARROW_WINDOW_DAYS, high + WINDOW_SLACK
            rows = [*index.link_postings(_keys("w:", blocking), start, end, wide=False),
                    *index.link_postings(_keys("w:", rare), 0, -1, wide=True),
                    *index.link_postings(_keys("w:", ranked), start, end, wide=False, heaviest=BLOCKING_WORDS)]
        found.update(_meeting(rows, (low, high), WINDOW_SLACK, BLOCKING_MAX_POSTING))
        names = {*features.victims, *features.suspects, *features.addresses,
                 *rare_names(given.names, stats.df, stats.lower, stats.mentions)}
        rows = index.link_postings(_keys("n:", names), -10**8, 10**8, wide=True)
        found.update(_meeting(rows, (low, high), NAMED_LAG_DAYS, limit))
    return found


def _keys(prefix: str, values: Iterable[str]) -> list[str]:
    return sorted({prefix + value for value in values})


def _meeting(rows: Sequence[Posting], window: tuple[int, int], slack: int, limit: int) -> set[MentionKey]:
    """Mentions of ``rows`` whose windows meet ``window`` widened by ``slack``, keys posted more than
    ``limit`` times left out (too common to name one incident)."""
    per_key = Counter(row.key for row in rows)
    low, high = window
    return {(row.article, row.index) for row in rows
            if per_key[row.key] <= limit and row.low <= high + slack and low - slack <= row.high}
