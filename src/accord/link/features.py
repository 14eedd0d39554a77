"""What linking knows of one incident mention: when, where, what, who, and its words.

Built once per mention from the Article, its ArticleExtraction and the
IncidentMention; everything the pairwise signals read is precomputed here so
that comparing two mentions is cheap.
"""

from __future__ import annotations

import datetime
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

from accord.extract.dates import MONTHS, WEEKDAYS
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


#: Capitalised wherever they stand, and no name of anything in an incident.
CALENDAR_WORDS = frozenset((*WEEKDAYS, *MONTHS))

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

#: Ages as reports give them: "a 24-year-old man", "24 years old", "aged 24", "Girl, 5," / "Smith, 22,".
_AGE = re.compile(r"\b(\d{1,3})[- ](?:year|yr)s?[- ]old\b|\baged?\s+(\d{1,3})\b|\b[A-Z][a-z]+,\s(\d{1,2}),")

#: A run of capitalised words ("Trung Le", "Eastland Bowling Lanes", "Sidney & Lois Eskenazi Hospital"): a
#: name, of a person, a gang, a business, a street, an institution. Not a label before a colon ("Updated:",
#: "Photo:"): a page's furniture.
_NAME_RUN = re.compile(r"\b[A-Z][A-Za-z'\u2019]+(?:(?:\s+|-)(?:(?:of|and|&)\s+)?[A-Z][A-Za-z'\u2019]+)*"
                       r"(?![A-Za-z'\u2019]|\s?:)")

#: A word of a name run that can be a name: capitalised, lower case after (not a dateline's "NEW ORLEANS").
_NAME_WORD = re.compile(r"^[A-Z][a-z]{2,}(?:[A-Z][a-z]+)?$")

#: Names with one of the words of lexicon ``institution_nouns`` are institutions or outlets every report of a
#: city names (the county hospital, the police department, the Sun-Times), not a detail of one incident.
#: GVA dev B-cubed F1 (single / doubled): 96.12 / 95.47 with, 96.05 / 95.52 without (precision single 99.40 /
#: 99.14); while calibrating, with streets and courts too, 95.80 / 95.27 against 95.98 / 95.45 (a follow-up
#: names the street, "Bourbon Street", and the court).
@cache
def institution_nouns() -> frozenset[str]:
    return frozenset(load_lexicon("institution_nouns")["nouns"])


_NAME_SEPARATOR = re.compile(r"[\s&\-]+")

#: A time of day: "10:30 p.m.", "2 a.m.", "9 PM".
_TIME = re.compile(r"\b(\d{1,2})(?::(\d\d))?\s*([aApP])\.?\s?[mM]\b\.?")

#: A page's time stamp, not the incident's time: after "Posted", "Updated" or a year, or followed by a time
#: zone ("Posted: Tuesday, January 28, 2014 8:18 PM EST").
_STAMP_BEFORE = re.compile(r"(?:posted|updated|created|published|modified|\d{4})\W*(?:\w+\W+){0,6}$", re.IGNORECASE)
_TIME_ZONE = re.compile(r"\s*\(?(?:[ECMP][SD]?T|UTC|GMT)\b")

#: Ages above this are no person's (a "150-year-old house").
MAX_AGE = 110


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


def ages(text: str) -> frozenset[int]:
    """The ages of people ``text`` gives ("a 5-year-old girl and a 7-year-old boy" -> {5, 7})."""
    found = (next(g for g in match.groups() if g) for match in _AGE.finditer(text))
    return frozenset(age for value in found if 0 < (age := int(value)) <= MAX_AGE)


def capitalised_names(text: str, extraction: ArticleExtraction, mention: IncidentMention) -> frozenset[str]:
    """The folded capitalised words of ``text``, less those of institutions and outlets, of the places the
    article names and of the officials it quotes: what is left names people, gangs, businesses and streets,
    and common words that open a sentence or stand in a headline (the pool writes those in lower case
    elsewhere: link.rare_names leaves them out). A reporter's byline stays: in a pool of one outlet's news
    it is in more reports than a rare name is (link.RARE_NAME_MENTIONS); GVA dev: no change with bylines
    and photo credits taken out."""
    found: set[str] = set()
    for run in set(_NAME_RUN.findall(text)):
        tokens = _NAME_SEPARATOR.split(run)
        if not institution_nouns().intersection(t.lower() for t in tokens):
            found.update(t.lower() for t in tokens if _NAME_WORD.match(t))
    if not found:
        return frozenset()
    places = (*extraction.places, mention.place) if mention.place else extraction.places
    known = {w for p in places for name in (p.name, p.text or "", p.admin1 or "") for w in _WORD.findall(name.lower())}
    known.update(CALENDAR_WORDS)
    known.update(w for actor in extraction.actors if actor.role == "official"
                 for w in _WORD.findall(actor.name.lower()))
    return frozenset(found - known - STOP_WORDS)


_LOWER_WORD = re.compile(r"(?<![A-Za-z'\-])[a-z][a-z'\-]+[a-z]")


def lower_case_words(text: str) -> set[str]:
    """The words ``text`` writes in lower case: common words, where a name is capitalised wherever it stands."""
    return set(_LOWER_WORD.findall(text))


def times_of_day(text: str) -> frozenset[int]:
    """The times of day ``text`` gives ("shortly after 10:30 p.m." -> {1350}), in minutes after midnight;
    a page's time stamps left out."""
    found = set()
    for match in _TIME.finditer(text):
        if _TIME_ZONE.match(text, match.end()) or _STAMP_BEFORE.search(text, max(0, match.start() - 40),
                                                                          match.start()):
            continue
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if hour <= 12 and minute < 60:
            found.add((hour % 12 + (12 if match.group(3) in "pP" else 0)) * 60 + minute)
    return frozenset(found)


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
    # (datetime.date below: this field's name hides the type's in the rest of the class)
    date: date | None  # the mention's resolved date (first day), or the publication date for a main mention
    date_last: datetime.date | None  # its last day: a month ("2024-11") or a year covers many
    basis: str  # absolute | weekday | relative | published | none
    published: datetime.date | None
    weekdays: frozenset[int]  # weekdays the mention's text names (0 = Monday)
    absolute: tuple[datetime.date, ...]  # absolute dates the mention's text gives
    place: Place | None
    places: tuple[Place, ...]  # every place the mention's text names, ``place`` first
    days: frozenset[datetime.date]  # every day-precise date the mention's text gives
    names: tuple[str, ...]  # perpetrators and named victims, lower-cased
    victims: tuple[str, ...]  # named victims alone: people, where perpetrators may be a group behind many attacks
    suspects: tuple[str, ...] = ()  # perpetrators named like one person (a suspect charged, tried, sentenced)
    addresses: frozenset[str] = frozenset()  # street addresses the text gives ("5500 lake otis parkway")
    ages: frozenset[int] = frozenset()  # ages of the people its lead speaks of ("a 24-year-old man")
    times: frozenset[int] = frozenset()  # times of day its lead gives, in minutes after midnight
    # The capitalised words of its text rare in the pool (link.rare_names of capitalised_names), given with
    # the word vector once the pool is known: a suspect's or a gang's name, a business's, a street's.
    names_in_text: frozenset[str] = frozenset()
    vector: WordVector = EMPTY_VECTOR

    @property
    def key(self) -> tuple[str, int]:
        return (self.article, self.index)

    @property
    def precise(self) -> bool:
        """The date comes from the text itself, to the day."""
        return self.date is not None and self.basis in ("absolute", "weekday", "relative")


def mention_features(article: Article, extraction: ArticleExtraction, mention: IncidentMention,
                     furniture: frozenset[str] = frozenset(), text: str | None = None,
                     lead: str | None = None) -> MentionFeatures:
    """Features of one mention of ``article`` (its word vector and rare names are given later, by
    :func:`word_vector` and ``link.rare_names``, once the pool's document frequencies are known);
    ``furniture``: its site's repeated lines; ``lead`` and ``text``: its :func:`mention_texts` when the
    caller has them already."""
    published = parse_date(article.published)
    if text is None or lead is None:
        lead, text = mention_texts(article, extraction, mention, furniture)
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
        addresses=_shared_empty(addresses(text)),
        ages=_shared_empty(ages(lead)),
        times=_shared_empty(times_of_day(lead)),
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
    return mention_texts(article, extraction, mention, furniture)[1]


def mention_texts(article: Article, extraction: ArticleExtraction, mention: IncidentMention,
                  furniture: frozenset[str] = frozenset()) -> tuple[str, str]:
    """This mention's lead and its :func:`mention_text`, the article's furniture taken out once for both.

    The lead is what a report says first of the mention: a main one's title and first LEAD_CHARS, a
    background one's summary. Its details (the victims' ages) are this incident's; later paragraphs of a
    report recall other shootings.
    """
    if is_main(mention):
        text = without_furniture(article.text, furniture)
        lead = " ".join((title_without_furniture(article.title, furniture), text[:LEAD_CHARS]))
        return lead, "\n".join([lead, lead, text[:MAIN_TEXT_CHARS]])
    sentences = {c.sentence for c in extraction.claims if c.mention == mention.index}
    return mention.summary, "\n".join([mention.summary, *sorted(sentences)])


def is_main(mention: IncidentMention) -> bool:
    """The article's own incident (its lead speaks of it), not one it recalls."""
    return mention.index == 0 and not mention.background


def word_vector(counts: Counter[str], df: Mapping[str, int], pool: int, vocabulary: Mapping[str, int]) -> WordVector:
    """The TF-IDF vector of ``counts`` in a pool of ``pool`` mentions with document frequencies ``df``:
    sublinear tf, smoothed idf + 1, the VECTOR_WORDS heaviest words, unit length.

    The idf keeps a floor of 1 so that two reports alone in a pool still share weight on their words.
    ``vocabulary`` numbers the words of more than one mention; the others are left out after the norm.
    """
    top = _heaviest(counts, df, pool, VECTOR_WORDS)
    norm = math.sqrt(sum(v * v for _, v in top)) or 1.0
    kept = sorted((vocabulary[w], v / norm) for w, v in top if w in vocabulary)
    heaviest = tuple(vocabulary[w] for w, _ in top[:BLOCKING_WORDS] if w in vocabulary)
    return WordVector(ids=np.array([i for i, _ in kept], dtype=np.int32),
                      weights=np.array([v for _, v in kept], dtype=np.float64), heaviest=heaviest)


def _heaviest(counts: Counter[str], df: Mapping[str, int], pool: int, n: int) -> list[tuple[str, float]]:
    """The ``n`` heaviest words of ``counts`` by TF-IDF (sublinear tf, smoothed idf + 1), with their weights."""
    weights = {w: (1.0 + math.log(c)) * (1.0 + math.log((1 + pool) / (1 + df.get(w, 0)))) for w, c in counts.items()}
    return sorted(weights.items(), key=lambda item: (-item[1], item[0]))[:n]


def heaviest_words(counts: Counter[str], df: Mapping[str, int], pool: int, n: int) -> list[str]:
    """The ``n`` heaviest words of ``counts`` by the weights of :func:`word_vector`, whatever their document
    frequency: what an incremental link indexes a mention under (a word only it has today may be shared
    by tomorrow's report)."""
    return [word for word, _ in _heaviest(counts, df, pool, n)]


def cosine(a: WordVector, b: WordVector) -> float:
    if not len(a.ids) or not len(b.ids):
        return 0.0
    _, in_a, in_b = np.intersect1d(a.ids, b.ids, assume_unique=True, return_indices=True)
    return float(np.dot(a.weights[in_a], b.weights[in_b]))
