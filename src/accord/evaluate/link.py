"""Linking evaluation: pool every report of every gold incident, link with no grouping given, score.

Input: incidents in the GVA JSON-lines format (``gva-dev/incidents.jsonl``).
Every document of every incident goes into one pool (documents without text
are left out, as ingest would refuse them); the pool goes through extract and
:func:`accord.link.link_mentions`; each document is placed in the predicted
incident of its main mention (index 0).

Scores:
    B-cubed precision, recall and F1 of the predicted document groups against
    the gold incidents. A document listed by several gold incidents (one report
    covering two shootings) is counted once with all its gold labels, with the
    *extended* B-cubed of Amigó et al. (2009): two documents are gold-together
    when they share a label, and a document with k labels can reach only 1/k
    recall with itself (a partition cannot put it in two incidents).
    Also the pairwise (link) precision/recall, and killed/injured exact match
    per gold incident: the totals of the predicted incident holding most of its
    documents (:func:`accord.evaluate.gva.hit_counts`), beside
    :func:`accord.evaluate.gva.predict_incident` on the gold grouping (the
    ceiling linking can reach).

``doubled``: a second copy of every incident is added, its dates (publication
and dates written in the text) shifted by DOUBLED_SHIFT_DAYS and its
documents given new ids: twice the incidents in the same span of time, to see
how linking degrades with the size of the pool.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from accord.models import Article, ArticleExtraction, IncidentGroup, MentionRef

#: What links a pool: accord.link.link_mentions, or another linker to compare.
Linker = Callable[[Sequence[Article], Sequence[ArticleExtraction]], list[IncidentGroup]]

#: Shift of the doubled copy: whole weeks keep every weekday a weekday, and the copies land among the
#: next year's incidents out of reach of their originals: beyond link's NAMED_LAG_DAYS plus
#: PUBLISHED_LAG_DAYS (366 + 30), the reach within which a report naming the same victims is read as
#: a follow-up of the same incident (an identical copy naming the same people 53 weeks later, the
#: shift used until 25 November, is such a follow-up, which measures nothing about pool size).
DOUBLED_SHIFT_DAYS = 399  # 57 weeks

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
#: Abbreviations with or without their period ("Sept 2, 2015", "Dec 28"): a date left unshifted in a copy
#: names its original's day, and link rightly reads the two as one incident.
_MONTH_ALT = "(?:" + "|".join(m for m in _MONTHS) + r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
_TEXT_DATE = re.compile(rf"\b(?P<month>{_MONTH_ALT})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>(?:19|20)\d\d))?")
#: Day first ("05 Jan 2016", "5 January"), as bylines and foreign outlets write it.
_DAY_MONTH_DATE = re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_MONTH_ALT})(?![a-z])"
                             rf"(?:,?\s+(?P<year>(?:19|20)\d\d))?")
_NUMERIC_DATE = re.compile(r"\b(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>(?:19|20)?\d\d)\b")


@dataclass
class Pool:
    """The pooled documents and their gold incidents."""

    articles: list[Article] = field(default_factory=list)
    labels: dict[str, set[str]] = field(default_factory=dict)  # document id -> gold incident ids
    incidents: dict[str, dict[str, Any]] = field(default_factory=dict)  # incident id -> its record
    shared_documents: int = 0  # documents listed by more than one gold incident
    empty_documents: int = 0


def build_pool(incidents: Sequence[dict[str, Any]], *, doubled: bool = False) -> Pool:
    """All documents of ``incidents`` (and of their shifted copies when ``doubled``), deduplicated by id."""
    pool = Pool()
    by_id: dict[str, Article] = {}
    copies = [(incident, 0) for incident in incidents]
    if doubled:
        copies += [(incident, DOUBLED_SHIFT_DAYS) for incident in incidents]
    for incident, shift in copies:
        incident_id = str(incident["incident_id"]) + (f"+{shift}d" if shift else "")
        pool.incidents[incident_id] = incident
        for document in incident.get("documents") or []:
            text = document.get("text") or ""
            if not text.strip():
                pool.empty_documents += 1
                continue
            doc_id = str(document.get("id"))
            if shift:
                doc_id = hashlib.sha1(f"{doc_id}+{shift}d".encode()).hexdigest()[:16]
                text = shift_text_dates(text, shift)
            if doc_id in by_id:
                pool.labels[doc_id].add(incident_id)
                continue
            published = document.get("published")
            if shift and published:
                published = (date.fromisoformat(published[:10]) + timedelta(days=shift)).isoformat()
            by_id[doc_id] = Article(id=doc_id, text=text, title=document.get("title"), url=document.get("url"),
                                    published=published, external_id=document.get("id"))
            pool.labels[doc_id] = {incident_id}
    pool.articles = [by_id[k] for k in sorted(by_id)]
    pool.shared_documents = sum(1 for labels in pool.labels.values() if len(labels) > 1)
    return pool


def shift_text_dates(text: str, days: int) -> str:
    """``text`` with its written dates ("March 11, 2025", "Dec. 3", "3/11/2025") moved by ``days``."""

    def month_number(name: str) -> int:
        return next(i for i, m in enumerate(_MONTHS, 1) if m.lower().startswith(name.rstrip(".").lower()[:3]))

    def moved(month: int, day: int, year: int | None) -> date | None:
        try:
            return date(year or 2000, month, day) + timedelta(days=days)
        except ValueError:
            return None

    def written(match: re.Match[str], *, day_first: bool = False) -> str:
        """A matched month-day (and year) moved, written in the order it was written in."""
        year = int(match.group("year")) if match.group("year") else None
        new = moved(month_number(match.group("month")), int(match.group("day")), year)
        if new is None:
            return match.group(0)
        if day_first:
            return f"{new.day} {_MONTHS[new.month - 1]}" + (f" {new.year}" if year else "")
        return f"{_MONTHS[new.month - 1]} {new.day}" + (f", {new.year}" if year else "")

    def numeric(match: re.Match[str]) -> str:
        raw_year = match.group("year")
        year = int(raw_year) + (2000 if len(raw_year) == 2 else 0)
        new = moved(int(match.group("month")), int(match.group("day")), year)
        return f"{new.month}/{new.day}/{new.year}" if new else match.group(0)

    # Day-first dates are moved first: "May 26" moved to "May 31" must not be read again as "31 May".
    moved_day_first = _DAY_MONTH_DATE.sub(lambda match: written(match, day_first=True), text)
    return _NUMERIC_DATE.sub(numeric, _TEXT_DATE.sub(written, moved_day_first))


def document_clusters(groups: Sequence[IncidentGroup], documents: Sequence[str]) -> dict[str, str]:
    """Each document's predicted incident: the group of its main mention (its own id when ungrouped)."""
    cluster = {m.article: g.id for g in groups for m in g.members if m.index == 0}
    return {doc: cluster.get(doc, f"alone:{doc}") for doc in documents}


def bcubed(predicted: dict[str, str], gold: dict[str, set[str]]) -> dict[str, float]:
    """Extended B-cubed (gold labels may overlap; predicted clusters do not)."""
    by_cluster: dict[str, list[str]] = defaultdict(list)
    for doc, c in predicted.items():
        by_cluster[c].append(doc)
    by_label: dict[str, list[str]] = defaultdict(list)
    for doc, labels in gold.items():
        for label in labels:
            by_label[label].append(doc)
    precision = recall = 0.0
    for doc, c in predicted.items():
        mates = by_cluster[c]
        precision += sum(1 for other in mates if gold[doc] & gold[other]) / len(mates)
        gold_mates = {other for label in gold[doc] for other in by_label[label]}
        recall += sum((predicted[other] == c) / len(gold[doc] & gold[other]) for other in gold_mates) / len(gold_mates)
    n = len(predicted) or 1
    p, r = precision / n, recall / n
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def pairwise(predicted: dict[str, str], gold: dict[str, set[str]]) -> dict[str, float]:
    """Precision/recall of the document pairs put together (a link is right when they share a gold label)."""
    by_cluster: dict[str, list[str]] = defaultdict(list)
    for doc, c in predicted.items():
        by_cluster[c].append(doc)
    predicted_pairs = {(a, b) for docs in by_cluster.values() for a in docs for b in docs if a < b}
    by_label: dict[str, list[str]] = defaultdict(list)
    for doc, labels in gold.items():
        for label in labels:
            by_label[label].append(doc)
    gold_pairs = {(a, b) for docs in by_label.values() for a in docs for b in docs if a < b}
    right = len(predicted_pairs & gold_pairs)
    p = right / len(predicted_pairs) if predicted_pairs else 1.0
    r = right / len(gold_pairs) if gold_pairs else 1.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "predicted_links": len(predicted_pairs), "gold_links": len(gold_pairs)}


def count_scores(pool: Pool, groups: Sequence[IncidentGroup],
                 extractions: dict[str, ArticleExtraction]) -> dict[str, Any] | None:
    """Killed/injured exact match per gold incident, on its predicted incident and on the gold grouping."""
    from accord.evaluate.gva import hit_counts, predict_incident
    from accord.reconcile.incidents import build_incident

    articles = {a.id: a for a in pool.articles}
    by_group = {g.id: g for g in groups}
    doc_group = document_clusters(groups, list(pool.labels))
    hits: Counter[str] = Counter()
    scored = 0
    for incident_id, incident in sorted(pool.incidents.items()):
        docs = [d for d, labels in pool.labels.items() if incident_id in labels]
        if not docs or incident.get("killed") is None:
            continue
        scored += 1
        votes = Counter(doc_group[d] for d in docs)
        best = min(votes, key=lambda g: (-votes[g], g))
        group = by_group.get(best)
        if group is None:
            group = IncidentGroup(id=incident_id, members=[MentionRef(docs[0], 0)])
        linked = hit_counts(build_incident(group, articles, extractions))
        found = [d for d in docs if d in extractions]
        oracle = predict_incident(incident_id, [articles[d] for d in found], [extractions[d] for d in found])
        for name, counts in (("linked", linked), ("gold_grouping", {"killed": oracle.killed, "injured": oracle.injured})):
            killed = counts["killed"] == incident["killed"]
            injured = counts["injured"] == incident.get("injured")
            hits[f"{name}_killed"] += killed
            hits[f"{name}_injured"] += injured
            hits[f"{name}_both"] += killed and injured
    if not scored:
        return None
    return {"incidents": scored, **{k: hits[k] / scored for k in sorted(hits)}}


def score_link(pool: Pool, extractions: Sequence[ArticleExtraction], *,
               link: Linker | None = None) -> dict[str, Any]:
    """Link the pool's extractions and score the grouping."""
    if link is None:
        from accord.link import link_mentions

        link = link_mentions
    started = time.perf_counter()
    groups = link(pool.articles, extractions)
    link_seconds = time.perf_counter() - started
    predicted = document_clusters(groups, list(pool.labels))
    result: dict[str, Any] = {
        "documents": len(pool.articles), "gold_incidents": len(pool.incidents),
        "predicted_incidents": len(set(predicted.values())), "mentions": sum(len(e.mentions) for e in extractions),
        "groups": len(groups), "shared_documents": pool.shared_documents,
        "empty_documents": pool.empty_documents, "link_seconds": round(link_seconds, 3),
        "bcubed": bcubed(predicted, pool.labels), "pairwise": pairwise(predicted, pool.labels),
    }
    counts = count_scores(pool, groups, {e.article: e for e in extractions})
    if counts is not None:
        result["counts"] = counts
    return result


def evaluate_link(path: Path, *, limit: int | None = None, doubled: bool = False,
                  extractor: Any = None) -> dict[str, Any]:
    """Extract and link every document of the incidents in ``path``; B-cubed against the gold incidents."""
    from accord.evaluate.gva import read_incidents
    from accord.extract import default_extractor

    incidents = read_incidents(path, limit=limit)
    pool = build_pool(incidents, doubled=doubled)
    extractor = extractor or default_extractor()
    started = time.perf_counter()
    extractions = list(extractor.extract_many(pool.articles))
    extract_seconds = time.perf_counter() - started
    result = score_link(pool, extractions)
    result.update({"file": str(path), "doubled": doubled, "extract_seconds": round(extract_seconds, 1),
                   "evaluated_at": datetime.now().isoformat(timespec="seconds")})
    return result


def _pct(value: float) -> str:
    return f"{100 * value:5.1f}%"


def render_link(result: dict[str, Any]) -> str:
    """The result of :func:`evaluate_link` as a short text report."""
    b, p = result["bcubed"], result["pairwise"]
    lines = [
        f"link evaluation: {result.get('file', '')}" + ("  (doubled, dates shifted)" if result.get("doubled") else ""),
        f"  documents {result['documents']}  gold incidents {result['gold_incidents']}  "
        f"predicted incidents {result['predicted_incidents']}  (mentions {result['mentions']}, "
        f"{result['shared_documents']} document(s) in two gold incidents, {result['empty_documents']} empty left out)",
        f"  B-cubed   precision {_pct(b['precision'])}  recall {_pct(b['recall'])}  F1 {_pct(b['f1'])}",
        f"  pairwise  precision {_pct(p['precision'])}  recall {_pct(p['recall'])}  F1 {_pct(p['f1'])}  "
        f"({p['predicted_links']} predicted links, {p['gold_links']} gold)",
        f"  time      link {result['link_seconds']}s" + (
            f"  extract {result['extract_seconds']}s" if "extract_seconds" in result else ""),
    ]
    counts = result.get("counts")
    if counts:
        lines.append(
            f"  counts ({counts['incidents']} incidents, exact match)  linked: killed {_pct(counts['linked_killed'])} "
            f"injured {_pct(counts['linked_injured'])} both {_pct(counts['linked_both'])}  |  gold grouping: killed "
            f"{_pct(counts['gold_grouping_killed'])} injured {_pct(counts['gold_grouping_injured'])} "
            f"both {_pct(counts['gold_grouping_both'])}")
    return "\n".join(lines)


__all__ = ["DOUBLED_SHIFT_DAYS", "Pool", "bcubed", "build_pool", "evaluate_link", "pairwise", "render_link",
           "score_link", "shift_text_dates"]
