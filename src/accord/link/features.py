"""What linking knows of one incident mention: when, where, what, who, and its words.

Built once per mention from the Article, its ArticleExtraction and the
IncidentMention; everything the pairwise signals read is precomputed here so
that comparing two mentions is cheap.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache, lru_cache
from typing import Any, TypeVar, overload

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS

from accord.lexicons import load_lexicon
from accord.link.boilerplate import title_without_furniture, without_furniture
from accord.models import Article, ArticleExtraction, IncidentMention, Place

T = TypeVar("T")

#: Characters of the article read for a main mention's words: the lead and
#: body of a report name the place, the victims and the street; the tail is
#: page furniture and related stories more often than not.
MAIN_TEXT_CHARS = 4000

#: Words kept per mention vector, the heaviest by TF-IDF: enough for a long
#: report's distinctive names to survive in a small pool (the seeds' "Jaffar
#: Express" fell out at 80); more add time, not discrimination.
VECTOR_WORDS = 150

#: Words of a mention used to find its candidates (link.cluster): the heaviest of its vector.
BLOCKING_WORDS = 10

#: The title and first characters of a report say what happened, where and to
#: whom; they count twice.
LEAD_CHARS = 600

#: Kinds of the article's other dates a main mention also counts among its days. GVA dev B-cubed F1:
#: absolute 0.9215, none 0.9177; adding relative or weekday dates gains nothing.
RECALLED_KINDS: tuple[str, ...] = ("absolute",)

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

#: "1200 block of N. Main St.", "5500 Lake Otis Parkway": a house or block number, up to four capitalised
#: words and a street suffix.
_ADDRESS = re.compile(
    r"\b(?P<number>\d{2,5})\s+(?:(?:block|blk\.?)\s+of\s+)?(?P<street>(?:(?:[NSEW]\.?|North|South|East|West)\s+)?"
    r"(?:(?:[A-Z][a-zA-Z'\-]+|\d+(?:st|nd|rd|th))\s+){1,4})"
    r"(?P<suffix>Street|St\.?|Avenue|Ave\.?|Road|Rd\.?|Drive|Dr\.?|Boulevard|Blvd\.?|Lane|Ln\.?|Court|Ct\.?"
    r"|Place|Pl\.?|Way|Parkway|Pkwy\.?|Highway|Hwy\.?|Circle|Terrace|Trail|Pike)(?![a-z])")
_STREET_SUFFIX = {"st": "street", "ave": "avenue", "rd": "road", "dr": "drive", "blvd": "boulevard", "ln": "lane",
                  "ct": "court", "pl": "place", "pkwy": "parkway", "hwy": "highway"}

_DIRECTION = {"n.": "n", "north": "n", "s.": "s", "south": "s", "e.": "e", "east": "e", "w.": "w", "west": "w"}

_WORD = re.compile(r"[a-z][a-z'\-]+[a-z]|\d{3,}")


def parse_date(value: str | None) -> date | None:
    """The first day of an ISO date, month ("2024-11") or year ("2024")."""
    interval = date_interval(value)
    return interval[0] if interval else None


def date_interval(value: str | None) -> tuple[date, date] | None:
    """The days an ISO date, month or year covers, first and last."""
    if not value:
        return None
    parts = value[:10].split("-")
    try:
        year = int(parts[0])
        if len(parts) == 1:
            return date(year, 1, 1), date(year, 12, 31)
        month = int(parts[1])
        if len(parts) == 2:
            last = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1))
            return date(year, month, 1), last
        day = date(year, month, int(parts[2]))
        return day, day
    except (ValueError, IndexError):
        return None


def person_like(name: str) -> bool:
    """A perpetrator named like one person ("Diallo Davis"), not an organisation behind many incidents:
    two or three words, none of them a known organisation's name."""
    tokens = name.split()
    return 2 <= len(tokens) <= 3 and all(t[:1].isupper() for t in tokens) and name.lower() not in _organisations()


@cache
def _organisations() -> frozenset[str]:
    """Lower-cased names and aliases of the organisations in the ``aliases`` lexicon."""
    lexicon = load_lexicon("aliases")
    return frozenset(n.lower() for key, aliases in lexicon.items() if not key.startswith("_")
                     for n in (key, *aliases))


def addresses(text: str) -> frozenset[str]:
    """Street addresses of ``text``, folded: "5500 block of Lake Otis Parkway" -> "5500 lake otis parkway".

    A number and a street name are one place on earth within a city; two
    reports giving the same one speak of the same spot, whatever their dates.
    """
    out = set()
    for match in _ADDRESS.finditer(text):
        suffix = match.group("suffix").lower().rstrip(".")
        street = " ".join(_DIRECTION.get(w, w) for w in match.group("street").lower().split())
        out.add(f"{match.group('number')} {street} {_STREET_SUFFIX.get(suffix, suffix)}")
    return frozenset(out)


def words(text: str) -> Counter[str]:
    """Counts of the lower-cased words of three letters or more (stop words out) and of numbers of
    three digits or more (street numbers)."""
    counts = Counter(_WORD.findall(text.lower()))
    for word in [w for w in counts if w in STOP_WORDS]:
        del counts[word]
    return counts


@dataclass(frozen=True, slots=True)
class WordVector:
    """A mention's TF-IDF vector, compact (a pool of 40,000 mentions holds a few tens of MB of them).

    ``ids`` are vocabulary ids in increasing order and ``weights`` their unit-length weights. Words that
    no other mention of the pool has are left out after the norm is taken: they add nothing to any
    cosine. ``heaviest`` are the ids of its BLOCKING_WORDS heaviest words, heaviest first.
    """

    ids: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    weights: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.float64))
    heaviest: tuple[int, ...] = ()


EMPTY_VECTOR = WordVector()


@dataclass(slots=True)  # slots: a pool holds tens of thousands of these
class MentionFeatures:
    """One IncidentMention as linking sees it."""

    article: str
    index: int
    event_type: str
    background: bool
    date: date | None  # the mention's resolved date (first day), or the publication date for a main mention
    date_last: date | None  # its last day: a month ("2024-11") or a year covers many
    basis: str  # absolute | weekday | relative | published | none
    published: date | None
    weekdays: frozenset[int]  # weekdays the mention's text names (0 = Monday)
    absolute: tuple[date, ...]  # absolute dates the mention's text gives
    place: Place | None
    places: tuple[Place, ...]  # every place the mention's text names, ``place`` first
    days: frozenset[date]  # every day-precise date the mention's text gives
    names: tuple[str, ...]  # perpetrators and named victims, lower-cased
    victims: tuple[str, ...]  # named victims alone: people, where perpetrators may be a group behind many attacks
    suspects: tuple[str, ...] = ()  # perpetrators named like one person (a suspect charged, tried, sentenced)
    addresses: frozenset[str] = frozenset()  # street addresses the text gives ("5500 lake otis parkway")
    vector: WordVector = EMPTY_VECTOR

    @property
    def key(self) -> tuple[str, int]:
        return (self.article, self.index)

    @property
    def precise(self) -> bool:
        """The date comes from the text itself, to the day."""
        return self.date is not None and self.basis in ("absolute", "weekday", "relative")


def mention_features(article: Article, extraction: ArticleExtraction, mention: IncidentMention,
                     furniture: frozenset[str] = frozenset(), text: str | None = None) -> MentionFeatures:
    """Features of one mention of ``article`` (its word vector is given later, by :func:`word_vector`, once
    the pool's document frequencies are known); ``furniture``: its site's repeated lines; ``text``: its
    :func:`mention_text` when the caller has it already."""
    published = parse_date(article.published)
    own = [d for d in extraction.dates if d.mention == mention.index]
    weekdays = frozenset(WEEKDAYS.index(w) for d in own if d.kind == "weekday"
                         for w in WEEKDAYS if w in d.text.lower())
    absolute = tuple(sorted({day for d in own if d.kind == "absolute" and (day := parse_date(d.date))}))
    interval = date_interval(mention.date)
    when, last = interval if interval else (None, None)
    basis = mention.date_basis if when is not None else "none"
    if when is None and not mention.background and published is not None:
        when, last, basis = published, published, "published"
    places = tuple(p for p in (mention.place, *(p for p in extraction.places if p.mention == mention.index))
                   if p is not None)
    # A main mention recalls its incident's day wherever the article gives it: a follow-up ("a
    # suspect was charged Monday") names the shooting's day in a sentence the split may have given
    # to a background mention ("the July 2 shooting"); written days (not weekdays) only.
    recalled = [d for d in extraction.dates if d.mention != mention.index and d.kind in RECALLED_KINDS] \
        if mention.index == 0 and not mention.background else []
    days = frozenset(day for d in (*own, *recalled) if d.kind in ("absolute", "weekday", "relative")
                     and d.date and len(d.date.split("-")) == 3 and (day := parse_date(d.date)))
    names = tuple(sorted({n.lower().strip() for n in (*mention.perpetrators, *mention.victims) if n.strip()}))
    return MentionFeatures(
        article=article.id, index=mention.index, event_type=mention.event_type or "other",
        background=mention.background, date=when, date_last=last, basis=basis, published=published,
        weekdays=_shared_empty(weekdays), absolute=absolute, place=shared_place(mention.place),
        places=tuple(shared_place(p) for p in _distinct(places)), days=_shared_empty(days), names=names,
        victims=tuple(sorted({n.lower().strip() for n in mention.victims if n.strip()})),
        suspects=tuple(sorted({n.lower().strip() for n in mention.perpetrators if person_like(n)})),
        addresses=_shared_empty(addresses(text if text is not None else mention_text(article, extraction, mention,
                                                                                     furniture))),
    )


_EMPTY: frozenset[Any] = frozenset()


def _shared_empty(values: frozenset[T]) -> frozenset[T]:
    """``values``, or one shared empty set: most mentions have no weekday or address, and each empty
    frozenset costs 216 bytes."""
    return values if values else _EMPTY


@lru_cache(maxsize=1 << 16)
def _place_of(name: str, admin1: str | None, country: str | None, country_name: str | None, lat: float | None,
              lon: float | None, geonameid: int | None, feature: str, text: str | None) -> Place:
    return Place(name=name, admin1=admin1, country=country, country_name=country_name, lat=lat, lon=lon,
                 geonameid=geonameid, feature=feature, text=text)


@overload
def shared_place(place: Place) -> Place: ...


@overload
def shared_place(place: None) -> None: ...


def shared_place(place: Place | None) -> Place | None:
    """One shared Place per distinct place (its span and mention left out: linking reads neither), so a
    pool's thousands of mentions of one city hold one record, not thousands."""
    if place is None:
        return None
    return _place_of(place.name, place.admin1, place.country, place.country_name, place.lat, place.lon,
                     place.geonameid, place.feature, place.text)


def _distinct(places: Sequence[Place]) -> tuple[Place, ...]:
    seen: set[tuple[object, ...]] = set()
    out = []
    for p in places:
        key = (p.name.lower(), p.admin1, p.country, p.feature)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return tuple(out)


def mention_text(article: Article, extraction: ArticleExtraction, mention: IncidentMention,
                 furniture: frozenset[str] = frozenset()) -> str:
    """The words that speak of this mention: a main one's article lead (its site's furniture left out), a
    background one's own sentences."""
    sentences = {c.sentence for c in extraction.claims if c.mention == mention.index}
    if mention.index == 0 and not mention.background:
        text = without_furniture(article.text, furniture)
        lead = " ".join((title_without_furniture(article.title, furniture), text[:LEAD_CHARS]))
        parts = [lead, lead, text[:MAIN_TEXT_CHARS]]
    else:
        parts = [mention.summary, *sorted(sentences)]
    return "\n".join(parts)


def word_vector(counts: Counter[str], df: Mapping[str, int], pool: int, vocabulary: Mapping[str, int]) -> WordVector:
    """The TF-IDF vector of ``counts`` in a pool of ``pool`` mentions with document frequencies ``df``:
    sublinear tf, smoothed idf + 1, the VECTOR_WORDS heaviest words, unit length.

    The idf keeps a floor of 1 so that two reports alone in a pool still share weight on their words.
    ``vocabulary`` numbers the words of more than one mention; the others are left out after the norm.
    """
    weights = {w: (1.0 + math.log(c)) * (1.0 + math.log((1 + pool) / (1 + df[w]))) for w, c in counts.items()}
    top = sorted(weights.items(), key=lambda item: (-item[1], item[0]))[:VECTOR_WORDS]
    norm = math.sqrt(sum(v * v for _, v in top)) or 1.0
    kept = sorted((vocabulary[w], v / norm) for w, v in top if w in vocabulary)
    heaviest = tuple(vocabulary[w] for w, _ in top[:BLOCKING_WORDS] if w in vocabulary)
    return WordVector(ids=np.array([i for i, _ in kept], dtype=np.int32),
                      weights=np.array([v for _, v in kept], dtype=np.float64), heaviest=heaviest)


def cosine(a: WordVector, b: WordVector) -> float:
    if not len(a.ids) or not len(b.ids):
        return 0.0
    _, in_a, in_b = np.intersect1d(a.ids, b.ids, assume_unique=True, return_indices=True)
    return float(np.dot(a.weights[in_a], b.weights[in_b]))
