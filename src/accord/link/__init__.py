"""link: group the incident mentions of many articles into incidents.

::

    link_mentions(articles, extractions) -> list[IncidentGroup]
    link_extracted(read) -> list[IncidentGroup]      # read() -> (article, extraction) pairs, from a store

``link_extracted`` reads its input three times (page furniture, word
frequencies, word vectors) and keeps only each mention's compact features, so
a store's articles and extractions never have to be in memory at once.

Signals: time (resolved dates; the publication date as an upper bound; a
named weekday re-anchored on the date another report gives; any written date
of the article for its main mention), place (the gazetteer hierarchy), shared
perpetrators, named victims and suspects (rapidfuzz) and street addresses,
names rare in the pool that both texts give (a suspect's, a gang's, a
business's), event types (a soft factor), and TF-IDF similarity of the
mentions' words with each site's page furniture left out. Details both give
that disagree weigh against a merge: other named victims, other street
addresses, other ages and times of day in their leads. Follow-ups (arrest,
trial, funeral) may lie months after their incident when they name the same
person or address or several of the same rare names, or retell the story in
the same place. Blocking
on distinctive words keeps it far from quadratic; greedy merging under hard
constraints keeps one article from landing twice in an incident, and a weak
pair joins two groups only when their other pairs support it (no chains).

Deterministic and independent of input order; an incident's id hashes its
earliest member, so re-running over a grown store keeps the ids. Statistic
mentions belong to no incident and are left out.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import date

from accord.link.boilerplate import furniture_lines, site_of
from accord.link.cluster import agglomerate
from accord.link.features import (
    MentionFeatures,
    capitalised_names,
    lower_case_words,
    mention_features,
    mention_text,
    mention_texts,
    word_vector,
    words,
)
from accord.link.signals import compatible, score, weekday_date
from accord.models import Article, ArticleExtraction, IncidentGroup, IncidentMention, LinkEvidence, MentionRef

#: Leave each site's repeated lines (page furniture) out of the words compared (GVA dev B-cubed F1
#: 0.9215 with, 0.9169 without; doubled 0.9097 / 0.9045).
STRIP_FURNITURE = True

#: Which date of a group anchors it: the most precise first.
_BASIS_RANK = {"absolute": 0, "weekday": 1, "relative": 2, "published": 3, "none": 4}


def incident_id(article: str, index: int) -> str:
    """The id of an incident whose earliest member is mention ``index`` of ``article``."""
    return "inc-" + hashlib.sha1(f"{article}:{index}".encode()).hexdigest()[:12]


#: What link reads: a function giving, each time it is called, every (article, extraction) pair afresh.
ExtractedReader = Callable[[], Iterable[tuple[Article, ArticleExtraction]]]


def in_memory(articles: Sequence[Article], extractions: Sequence[ArticleExtraction]) -> ExtractedReader:
    """A reader of records already in memory: each extraction with its article (extractions of no
    given article left out)."""
    by_id = {a.id: a for a in articles}
    return lambda: ((by_id[e.article], e) for e in extractions if e.article in by_id)


def link_features(articles: Sequence[Article], extractions: Sequence[ArticleExtraction]) -> list[MentionFeatures]:
    """Features of every incident mention (statistics left out), in canonical (article, index) order."""
    return features_of(in_memory(articles, extractions))


def features_of(read: ExtractedReader) -> list[MentionFeatures]:
    """Features of every incident mention ``read()`` gives, in canonical (article, index) order.

    Three passes, none holding an article or an extraction longer than its turn: each site's page
    furniture; the features and the pool's document frequencies; the word vectors and rare names.
    """
    furniture = furniture_lines(article for article, _ in read()) if STRIP_FURNITURE else {}

    def mentions() -> Iterable[tuple[Article, ArticleExtraction, IncidentMention, frozenset[str]]]:
        for article, extraction in read():
            site = site_of(article)
            lines = furniture.get(site, frozenset()) if site else frozenset()
            for mention in extraction.mentions:
                if not mention.statistic:
                    yield article, extraction, mention, lines

    features: dict[tuple[str, int], MentionFeatures] = {}
    df: Counter[str] = Counter()
    written_lower: Counter[str] = Counter()  # mentions writing each word in lower case
    for article, extraction, mention, lines in mentions():
        if (article.id, mention.index) in features:
            continue  # one extraction given twice (same article id) is one set of mentions
        lead, text = mention_texts(article, extraction, mention, lines)
        features[(article.id, mention.index)] = mention_features(article, extraction, mention, lines, text, lead)
        df.update(words(text).keys())
        written_lower.update(lower_case_words(text))
    vocabulary = {word: n for n, word in enumerate(sorted(w for w, c in df.items() if c > 1))}
    done: set[tuple[str, int]] = set()
    for article, extraction, mention, lines in mentions():
        key = (article.id, mention.index)
        if key not in done:
            done.add(key)
            text = mention_text(article, extraction, mention, lines)
            features[key].vector = word_vector(words(text), df, len(features), vocabulary)
            features[key].names_in_text = rare_names(capitalised_names(text, extraction, mention), df, written_lower,
                                                     len(features))
    return [features[key] for key in sorted(features)]


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


def rare_names(names: frozenset[str], df: Counter[str], written_lower: Counter[str], pool: int) -> frozenset[str]:
    """The ``names`` that are rare in a pool of ``pool`` mentions and that it writes capitalised (stop words,
    never counted, are not names)."""
    limit = min(RARE_NAME_MENTIONS, max(2, int(RARE_NAME_SHARE * pool)))
    return frozenset(n for n in names if 0 < df[n] <= limit and written_lower[n] <= LOWER_CASE_MENTIONS)


def link_mentions(articles: Sequence[Article], extractions: Sequence[ArticleExtraction]) -> list[IncidentGroup]:
    """Group the mentions of ``extractions`` (of ``articles``) into incidents."""
    return link_extracted(in_memory(articles, extractions))


def link_extracted(read: ExtractedReader) -> list[IncidentGroup]:
    """Group the incident mentions of the pairs ``read()`` gives (it is called three times) into incidents."""
    features = features_of(read)
    groups = [group_record([features[i] for i in members]) for members in agglomerate(features)]
    groups.sort(key=lambda g: g.id)
    return groups


def anchor_date(members: Sequence[MentionFeatures]) -> tuple[date | None, str]:
    """The group's date: the most precise one its members give (the earliest among equals)."""
    dated = [(_BASIS_RANK.get(m.basis, 9), m.date, m.basis) for m in members if m.date is not None]
    if not dated:
        return None, "none"
    _, when, basis = min(dated)
    return when, basis


def group_record(members: Sequence[MentionFeatures]) -> IncidentGroup:
    """The IncidentGroup of ``members``, with each member's evidence."""
    anchor, anchor_basis = anchor_date(members)
    earliest = min(members, key=lambda m: (m.date or date.max, m.article, m.index))
    evidence = []
    for m in members:
        best_score, signals = 1.0, {}
        others = [o for o in members if o is not m and compatible(m, o)]
        if others:
            pairs = sorted(((score(m, o), o) for o in others), key=lambda p: (-p[0].score, p[1].key))
            best, partner = pairs[0]
            best_score, signals = best.score, {**best.signals, "with": [partner.article, partner.index]}
        signals["date"] = m.date.isoformat() if m.date else None
        signals["date_basis"] = m.basis
        signals.update(_anchoring(m, anchor, anchor_basis))
        evidence.append(LinkEvidence(article=m.article, index=m.index, score=best_score, signals=signals))
    return IncidentGroup(
        id=incident_id(earliest.article, earliest.index),
        members=[MentionRef(article=m.article, index=m.index) for m in members],
        evidence=evidence,
    )


def _anchoring(m: MentionFeatures, anchor: date | None, anchor_basis: str) -> dict[str, object]:
    """How the group's date re-anchors this member, and the publication date it implies when it has none."""
    out: dict[str, object] = {}
    if anchor is not None and _BASIS_RANK.get(anchor_basis, 9) < _BASIS_RANK.get(m.basis, 9):
        day = weekday_date(m.weekdays, anchor) if m.weekdays and m.basis in ("none", "published") else None
        out["anchored_date"] = (day or anchor).isoformat()
        out["anchored_by"] = "weekday" if day else anchor_basis
    if m.published is None:
        own = max(m.absolute) if m.absolute else None
        inferred = own or (anchor if anchor_basis != "none" else None)
        if inferred is not None:
            out["inferred_published"] = inferred.isoformat()
            out["inferred_from"] = "own_dates" if own else "incident"
    return out


__all__ = ["ExtractedReader", "anchor_date", "features_of", "group_record", "incident_id", "link_extracted",
           "link_features", "link_mentions", "rare_names"]
