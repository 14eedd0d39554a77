"""GVA evaluation: killed and injured per shooting incident, as the Gun Violence Archive counts them.

Input: a JSON-lines file of incidents (``gva-dev/incidents.jsonl`` format: one
incident per line with its ``documents``; ``killed``/``injured`` gold counts
optional). All documents of all incidents go through one spaCy pass
(:meth:`Extractor.extract_many`). The documents the GVA lists for an incident are
its reports, so they are linked by the file, not by accord: each document gives the
incident one mention, which :func:`accord.reconcile.build_incident` reconciles as
it reconciles any incident. The prediction is the incident's killed and injured
``totals`` (docs/reconciliation.md, sections 4, 5, 9 and 10): GVA counts everybody
killed or injured, victims and suspects alike, which is the count across all
groups, and it counts every person any report found hit, which is the totals'
``high`` estimate (local reports of one shooting seldom dispute each other's
counts: they tell more or less of it; reports whose counts dwarf the others' are
already left out). Nobody counted is 0.

Which mention of a document is the GVA incident: its main mention; for a round-up
("six shot in three separate incidents") the incident it tells with the largest
count (the GVA lists a round-up under the multi-victim shooting among single ones);
and when no document's main mention has a casualty figure, the first mention of each
that has one (the split may have misplaced them).

Metrics, when gold is present: exact-match accuracy, mean absolute error and
accuracy within one, overall and on incidents with two or more victims (gold
killed + injured >= 2).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from accord.errors import InputError
from accord.extract import Extractor, default_extractor
from accord.extract.mentions import SAME_INCIDENT_DAYS, cues, parse_date
from accord.ingest.text import article_id_for
from accord.models import Article, ArticleExtraction, Claim, Incident, IncidentGroup, MentionRef
from accord.reconcile.figures import COUNTED_MODALITIES
from accord.reconcile.incidents import build_incident

#: Incidents with at least this many gold victims form the "multi" slice.
MULTI_VICTIMS = 2

MEASURES = ("killed", "injured")

#: A round-up tells at least this many incidents with figures (one is a report with a statistic).
ROUNDUP_MIN_TOLD = 2

#: A title found this close to the start of the text is already there (characters).
HEADLINE_WINDOW = 200


@dataclass
class Prediction:
    """The predicted counts of one incident and the claims behind each."""

    incident_id: str
    killed: int
    injured: int
    claims: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"incident_id": self.incident_id, "killed": self.killed, "injured": self.injured, "claims": self.claims}


def read_incidents(path: Path, limit: int | None = None) -> list[dict[str, Any]]:
    """The incidents of a GVA JSON-lines file, the first ``limit`` of them if given."""
    if not path.is_file():
        raise InputError(f"{path}: no such file (expected a GVA incidents.jsonl)")
    incidents = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                incidents.append(json.loads(line))
            except json.JSONDecodeError as e:
                raise InputError(f"{path}:{number}: not JSON ({e.msg})") from e
            if limit is not None and len(incidents) >= limit:
                break
    return incidents


def _articles(incident: dict[str, Any]) -> Iterator[Article]:
    for document in incident.get("documents") or []:
        text = document.get("text") or ""
        title = (document.get("title") or "").strip()
        # the headline often holds the count ("4 shot in northwest Atlanta") when the body is page furniture
        if title and title not in text[: len(title) + HEADLINE_WINDOW]:
            text = f"{title}\n\n{text}"
        if not text.strip():
            continue
        yield Article(
            id=document.get("id") or article_id_for(text), text=text, title=document.get("title"),
            url=document.get("url"), published=document.get("published"), external_id=document.get("id"),
        )


def _counted(claims: list[Claim]) -> list[Claim]:
    return [c for c in claims if c.measure in MEASURES and c.modality in COUNTED_MODALITIES and c.value.low]


def _largest_hit(claims: list[Claim]) -> int:
    """The largest killed plus the largest injured figure: how many people the claims say were hit."""
    return sum(max((c.value.low or 0 for c in claims if c.measure == m), default=0) for m in MEASURES)


def _roundup_mentions(extraction: ArticleExtraction) -> list[int]:
    """The incidents a round-up tells ("Six shot in three separate incidents"), when it tells several
    with figures: not its count, nor an incident of another time it recalls ("On June 20, 11 were shot")."""
    if not any(m.statistic and cues().several_incidents.search(m.summary or "") for m in extraction.mentions):
        return []
    main = parse_date(extraction.mentions[0].date) if extraction.mentions else None
    others = {m.index for m in extraction.mentions if m.statistic or (
        main is not None and (when := parse_date(m.date)) is not None and abs((when - main).days) > SAME_INCIDENT_DAYS)}
    told = sorted({c.mention for c in _counted(extraction.claims) if c.mention not in others})
    return told if len(told) >= ROUNDUP_MIN_TOLD else []


def _first_counted_mention(extraction: ArticleExtraction) -> int | None:
    """The first incident of a report that has killed or injured figures (none of its statistics)."""
    statistics = {m.index for m in extraction.mentions if m.statistic}
    return min((c.mention for c in _counted(extraction.claims) if c.mention not in statistics), default=None)


def mention_of(extraction: ArticleExtraction, fallback: bool = False) -> int | None:
    """Which mention of a document the GVA incident is (see the module docstring)."""
    told = _roundup_mentions(extraction)
    if told:
        return max(told, key=lambda m: (_largest_hit(_counted([c for c in extraction.claims if c.mention == m])), -m))
    if fallback:
        return _first_counted_mention(extraction)
    return 0


def incident_of(incident_id: str, articles: list[Article], extractions: list[ArticleExtraction]) -> Incident:
    """The accord incident the documents the GVA lists make: one mention of each, reconciled."""
    chosen = [mention_of(e) for e in extractions]
    if not any(_counted([c for c in e.claims if c.mention == m]) for e, m in zip(extractions, chosen, strict=True)):
        chosen = [mention_of(e, fallback=True) for e in extractions]
    members = [MentionRef(e.article, m) for e, m in zip(extractions, chosen, strict=True)
               if m is not None and any(mention.index == m for mention in e.mentions)]
    return build_incident(IncidentGroup(id=incident_id, members=members),
                          {a.id: a for a in articles}, {e.article: e for e in extractions})


def _claim_json(claim: Claim) -> dict[str, Any]:
    return {
        "article": claim.article, "measure": claim.measure, "group": claim.group,
        "value": {"low": claim.value.low, "high": claim.value.high}, "hedge": claim.hedge, "text": claim.text,
        "sentence": claim.sentence, "span": list(claim.span), "source": claim.source.name or None,
    }


def hit_counts(incident: Incident) -> dict[str, int]:
    """An incident's killed and injured as the GVA counts them: its totals' high estimates, 0 for none."""
    return {m: (total.high or 0) if (total := incident.totals.get(m)) is not None else 0 for m in MEASURES}


def predict_incident(incident_id: str, articles: list[Article], extractions: list[ArticleExtraction]) -> Prediction:
    """GVA killed/injured counts of one incident: its totals' high estimate (0 when nothing counts
    them), with the counted claims of each measure behind it."""
    incident = incident_of(incident_id, articles, extractions)
    counts = hit_counts(incident)
    behind = {m: [_claim_json(c) for f in incident.figures if f.measure == m for c in f.claims
                  if c.scope != "subset" and c.modality in COUNTED_MODALITIES] if counts[m] else []
              for m in MEASURES}
    return Prediction(incident_id=incident_id, killed=counts["killed"], injured=counts["injured"], claims=behind)


def predict(incidents: list[dict[str, Any]], extractor: Extractor) -> list[Prediction]:
    """One prediction per incident, from one ``nlp.pipe`` over all their documents."""
    owners: list[int] = []
    articles: list[Article] = []
    for index, incident in enumerate(incidents):
        for article in _articles(incident):
            owners.append(index)
            articles.append(article)
    per_incident: list[list[ArticleExtraction]] = [[] for _ in incidents]
    documents: list[list[Article]] = [[] for _ in incidents]
    for owner, article, extraction in zip(owners, articles, extractor.extract_many(articles), strict=True):
        per_incident[owner].append(extraction)
        documents[owner].append(article)
    return [
        predict_incident(str(incident.get("incident_id", index)), documents[index], per_incident[index])
        for index, incident in enumerate(incidents)
    ]


def _metrics(pairs: list[tuple[int, int]]) -> dict[str, float]:
    if not pairs:
        return {"exact": 0.0, "mae": 0.0, "within1": 0.0}
    n = len(pairs)
    return {
        "exact": round(sum(p == g for p, g in pairs) / n, 4),
        "mae": round(sum(abs(p - g) for p, g in pairs) / n, 4),
        "within1": round(sum(abs(p - g) <= 1 for p, g in pairs) / n, 4),
    }


def _scores(rows: list[tuple[Prediction, dict[str, Any]]]) -> dict[str, dict[str, float]]:
    return {m: _metrics([(getattr(p, m), int(gold[m])) for p, gold in rows]) for m in MEASURES}


def evaluate_gva(
    path: Path, *, predictions: Path | None = None, limit: int | None = None, extractor: Extractor | None = None,
) -> dict[str, Any]:
    """Predict killed/injured for each incident of ``path``; score them when gold counts are present.

    Returns ``n`` and ``n_docs``; with gold also ``overall`` and ``multi``
    (``{killed: {exact, mae, within1}, injured: {...}}``), ``n_gold`` and ``n_multi``.
    Writes one JSON line per incident to ``predictions`` when given.
    """
    incidents = read_incidents(Path(path), limit)
    results = predict(incidents, extractor or default_extractor())
    if predictions is not None:
        with Path(predictions).open("w", encoding="utf-8") as out:
            for prediction in results:
                out.write(json.dumps(prediction.to_json(), ensure_ascii=False) + "\n")
    result: dict[str, Any] = {
        "file": str(path), "n": len(results), "n_docs": sum(len(i.get("documents") or []) for i in incidents),
        "predictions": [p.to_json() for p in results],
    }
    gold_rows = [
        (prediction, incident) for prediction, incident in zip(results, incidents, strict=True)
        if incident.get("killed") is not None and incident.get("injured") is not None
    ]
    if gold_rows:
        multi = [(p, g) for p, g in gold_rows if int(g["killed"]) + int(g["injured"]) >= MULTI_VICTIMS]
        result.update(
            n_gold=len(gold_rows), overall=_scores(gold_rows), multi=_scores(multi), n_multi=len(multi),
            errors=[
                {"incident_id": p.incident_id, "killed": [p.killed, int(g["killed"])],
                 "injured": [p.injured, int(g["injured"])]}
                for p, g in gold_rows if (p.killed, p.injured) != (int(g["killed"]), int(g["injured"]))
            ],
        )
    return result


def render_gva(result: dict[str, Any]) -> str:
    """The result of :func:`evaluate_gva` as a readable text table."""
    lines = [f"GVA evaluation of {result.get('file', '?')}: {result['n']} incidents, {result.get('n_docs', 0)} documents"]
    if "overall" not in result:
        lines.append("no gold counts in the file: predictions only")
        killed = sum(p["killed"] for p in result.get("predictions", []))
        injured = sum(p["injured"] for p in result.get("predictions", []))
        lines.append(f"predicted in total: {killed} killed, {injured} injured")
        return "\n".join(lines)
    header = f"{'slice':<22}{'measure':<10}{'exact':>8}{'within1':>9}{'MAE':>8}"
    lines += ["", header, "-" * len(header)]
    for name, key, n in (("all", "overall", result["n_gold"]), ("2+ victims", "multi", result["n_multi"])):
        for measure in MEASURES:
            scores = result[key][measure]
            label = f"{name} (n={n})" if measure == "killed" else ""
            lines.append(f"{label:<22}{measure:<10}{scores['exact']:>8.3f}{scores['within1']:>9.3f}{scores['mae']:>8.3f}")
    lines.append("")
    lines.append(f"incidents with an error: {len(result.get('errors', []))}")
    return "\n".join(lines)


__all__ = ["evaluate_gva", "render_gva", "predict", "predict_incident", "incident_of", "hit_counts", "mention_of", "read_incidents", "Prediction", "MULTI_VICTIMS"]
