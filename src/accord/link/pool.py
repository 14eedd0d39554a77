"""What a mention's link features need of the whole pool, and what an incremental link indexes.

A mention's word vector weighs its words by how many mentions of the pool have
them, its rare names are the capitalised words few mentions give, and its words
leave out its site's page furniture (lines many pages of the site repeat). A full
link counts all of that over the pool it reads; an incremental one
(``link.incremental``) keeps the counts in the store and adds a new report's to
them, so that a mention's features come out the same either way.

The index entry of a mention is what a new report's mentions are looked up by:
its time window and its keys, the heaviest words of its text (``w:``) and the
names and addresses it gives (``n:``).
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

import orjson

from accord.link.boilerplate import site_of
from accord.link.features import (
    EMPTY_VECTOR,
    MentionFeatures,
    capitalised_names,
    heaviest_words,
    mention_text,
    shared_place,
    word_vector,
    words,
)
from accord.link.signals import time_window
from accord.models import Article, ArticleExtraction, IncidentMention, Place, to_dict

#: A capitalised word in at most this many mentions of the pool is a rare name (a suspect's surname, a gang,
#: a business): GVA dev gold incidents have 1 to 17 reports; a city's or a weekday's name is in many more.
#: An absolute count (a rare name stays rare in a pool of any size; RARE_NAME_SHARE caps it in small pools).
#: GVA dev B-cubed F1 single / doubled: 10 95.97 / 95.41, 16 96.12 / 95.47, 24 96.12 / 95.51 (doubled precision
#: 98.87 at 16, 98.76 at 24: kept at 16, a larger pool has more names to confuse); the doubled pool counts
#: every name twice.
RARE_NAME_MENTIONS = 16

#: In a small pool every name is rare: a name is rare only in at most this share of the pool's mentions too
#: (and in two at least). GVA dev: 16 of its 1,666 mentions is 1%; in a pool of thirty reports of one
#: week, a city's name in three of them is no detail of one incident.
RARE_NAME_SHARE = 0.01

#: A capitalised word the pool writes in lower case in more than this many mentions is a common word set in
#: a headline or a page's buttons ("Created", "Loading", "Skip"), not a name. GVA dev B-cubed F1 single /
#: doubled (rare names credited from one): 0 or 1 96.00 / 95.48, 3 96.04 / 95.43, no rule 95.98 / 95.45.
LOWER_CASE_MENTIONS = 1

#: Words a mention is indexed under: its heaviest by TF-IDF. More than link.cluster's BLOCKING_WORDS
#: (10), because a full link finds a pair when one mention's blocking word is anywhere in the other's
#: vector; an index of each mention's 30 heaviest finds most of those pairs at a fifth of the rows.
INDEX_WORDS = 30

#: A mention whose time window is wider than this many days (undated, or dated by a year) is "wide":
#: it is looked up by rare keys alone (link.cluster.NARROW_WINDOW_DAYS).
NARROW_WINDOW_DAYS = 400


@dataclass
class PoolStats:
    """The pool as a mention's features see it: how many incident mentions it has, in how many of them
    each word stands and is written in lower case, and each site's furniture lines."""

    mentions: int
    df: Mapping[str, int]
    lower: Mapping[str, int]
    furniture: Mapping[str, frozenset[str]]


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """One mention in the link index: where it stands in time and the keys it is found by."""

    article: str
    index: int
    low: int  # its time window, in day ordinals (link.signals.time_window)
    high: int
    words: tuple[str, ...]  # its INDEX_WORDS heaviest words, heaviest first
    names: tuple[str, ...]  # victims, suspects, addresses and rare names it gives
    record: bytes  # its features and words (record_of), so that linking it again reads no article

    @property
    def wide(self) -> bool:
        return self.high - self.low > NARROW_WINDOW_DAYS


@dataclass
class PoolFeatures:
    """What a full link computes of a pool: every mention's features, the pool's counts, the mentions'
    index entries (when asked for) and each site's line counts and shell lines (link.boilerplate)."""

    features: list[MentionFeatures]
    stats: PoolStats
    entries: list[IndexEntry]
    lines: dict[str, Counter[str]]
    shells: dict[str, set[str]]


def rare_names(names: frozenset[str], df: Mapping[str, int], written_lower: Mapping[str, int],
               pool: int) -> frozenset[str]:
    """The ``names`` that are rare in a pool of ``pool`` mentions and that it writes capitalised (stop words,
    never counted, are not names)."""
    limit = min(RARE_NAME_MENTIONS, max(2, int(RARE_NAME_SHARE * pool)))
    return frozenset(n for n in names if 0 < df.get(n, 0) <= limit and written_lower.get(n, 0) <= LOWER_CASE_MENTIONS)


def vocabulary_of(df: Mapping[str, int]) -> dict[str, int]:
    """Ids of the words more than one mention has (the only ones a cosine can use), in word order."""
    return {word: n for n, word in enumerate(sorted(w for w, c in df.items() if c > 1))}


@dataclass(slots=True)
class MentionWords:
    """What a mention's vector and rare names are made of: its words (link.features.words) and its
    capitalised names (link.features.capitalised_names), before the pool weighs them."""

    counts: Mapping[str, int]
    names: frozenset[str]


def mention_words(article: Article, extraction: ArticleExtraction, mention: IncidentMention,
                  stats: PoolStats) -> MentionWords:
    text = mention_text(article, extraction, mention, _furniture(article, stats))
    return MentionWords(words(text), capitalised_names(text, extraction, mention))


def finish_features(features: MentionFeatures, found: MentionWords, stats: PoolStats,
                    vocabulary: Mapping[str, int], *, index: bool = False) -> IndexEntry | None:
    """Give ``features`` its word vector and rare names in the pool ``stats`` describes (``vocabulary``:
    :func:`vocabulary_of` its counts); with ``index``, return its index entry."""
    counts = Counter(found.counts)
    features.vector = word_vector(counts, stats.df, stats.mentions, vocabulary)
    features.names_in_text = rare_names(found.names, stats.df, stats.lower, stats.mentions)
    if not index:
        return None
    return index_entry(features, heaviest_words(counts, stats.df, stats.mentions, INDEX_WORDS),
                       record_of(features, found))


def index_entry(features: MentionFeatures, heaviest: list[str], record: bytes) -> IndexEntry:
    """The index entry of a mention whose features are complete, given its heaviest words and record."""
    low, high = time_window(features)
    names = sorted({*features.victims, *features.suspects, *features.addresses, *features.names_in_text})
    return IndexEntry(features.article, features.index, low, high, tuple(heaviest), tuple(names), record)


def _furniture(article: Article, stats: PoolStats) -> frozenset[str]:
    site = site_of(article)
    return stats.furniture.get(site, frozenset()) if site else frozenset()


#: Fields of MentionFeatures a record keeps (the vector and rare names are the pool's, made again).
_KEPT = tuple(f.name for f in fields(MentionFeatures) if f.name not in ("vector", "names_in_text"))
_DATES = frozenset({"date", "date_last", "published"})
_DATE_SETS = frozenset({"absolute", "days"})


def record_of(features: MentionFeatures, found: MentionWords) -> bytes:
    """A mention's features (less its vector and rare names) and words, as compressed JSON."""
    data: dict[str, Any] = {}
    for name in _KEPT:
        value = getattr(features, name)
        if isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, (frozenset, tuple)):
            value = sorted(to_dict(v) if not isinstance(v, date) else v.isoformat() for v in value) \
                if name not in ("places",) else [to_dict(v) for v in value]
        elif isinstance(value, Place):
            value = to_dict(value)
        data[name] = value
    data["_counts"] = dict(found.counts)
    data["_names"] = sorted(found.names)
    return zlib.compress(orjson.dumps(data), 1)


def from_record(record: bytes) -> tuple[MentionFeatures, MentionWords]:
    """The features (without vector and rare names) and words :func:`record_of` kept."""
    data = orjson.loads(zlib.decompress(record))
    found = MentionWords(data.pop("_counts"), frozenset(data.pop("_names")))
    values: dict[str, Any] = {}
    for name, value in data.items():
        if name in _DATES:
            value = date.fromisoformat(value) if value else None
        elif name in _DATE_SETS:
            value = tuple(date.fromisoformat(v) for v in value) if name == "absolute" \
                else frozenset(date.fromisoformat(v) for v in value)
        elif name == "place":
            value = shared_place(Place.from_dict(value)) if value else None
        elif name == "places":
            value = tuple(shared_place(Place.from_dict(v)) for v in value)
        elif name in ("weekdays", "addresses", "ages", "times"):
            value = frozenset(value)
        elif name in ("names", "victims", "suspects"):
            value = tuple(value)
        values[name] = value
    return MentionFeatures(**values, vector=EMPTY_VECTOR), found
