"""Evaluation on real incident reports: the realnews format (``shared/data/realnews-dev``).

A *part* is a folder with ``articles.jsonl`` (``{"id", "url", "outlet", "title", "published", "text"}``
per line) and ``gold.json`` (``{"incidents": [...], "background": [...]}``: every figure of every
article annotated, see the data's README). Every article of every part given goes into one pool, the
pool goes through the whole pipeline (ingest → extract → link → reconcile) into one store, and the
incidents come out in the JSON contract, as ``incidents.json`` has them. They are then scored with the
definitions of the team's reference scorer (``shared/tools/realnews_score.py``), to the third decimal:

    recall       a gold claim is found when one of accord's claims of its article has its measure (or
                 one of ``measure_any_of``), its group (or one of ``group_any_of``: *strict*; any group:
                 *loose*) and a value interval sharing an end with the gold interval; *in_incident*
                 counts only claims sitting in the incident that holds the article as a main report
    precision    of accord's claims of each article that sit in its main incident and are offered as
                 totals (scope not ``subset``), the share matching a gold claim of the article on
                 measure and value
    leaks        of those that match nothing, the ones whose value is one of the article's background
                 values (other incidents, statistics)
    link_b3      B-cubed P/R/F1 of each article's main incident against its gold incident
    fields       for the accord incident holding most of a gold incident's articles: start date, country,
                 type, perpetrator (sharing a word of three letters or more with the gold name; both
                 empty is right)
    headline     whether that incident's killed/all conservative, consensus and high are each one of the
                 tolls its sources stated (subset counts are not tolls)

Everything is given overall, per part and per measure.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from accord.errors import InputError

if TYPE_CHECKING:
    from accord.extract import Extractor

#: The measures reported one by one (the gold uses these; accord's other measures still count).
NEWS_MEASURES: tuple[str, ...] = ("killed", "injured", "held", "released", "rescued", "escaped", "arrested",
                                  "missing", "present")

_NAME_WORD = re.compile(r"\w{3,}")


@dataclass
class NewsGold:
    """The pooled gold of one or more parts."""

    articles: dict[str, dict[str, Any]] = field(default_factory=dict)  # external id -> article record
    incidents: list[dict[str, Any]] = field(default_factory=list)
    background: dict[str, set[float]] = field(default_factory=lambda: defaultdict(set))  # article -> values
    part_of: dict[str, str] = field(default_factory=dict)  # article id -> part name
    parts: list[str] = field(default_factory=list)

    def only(self, part: str) -> NewsGold:
        """The gold of one part."""
        sub = NewsGold(parts=[part])
        sub.articles = {a: record for a, record in self.articles.items() if self.part_of[a] == part}
        sub.incidents = [i for i in self.incidents if i.get("_part") == part]
        sub.background = defaultdict(set, {a: v for a, v in self.background.items() if a in sub.articles})
        sub.part_of = {a: part for a in sub.articles}
        return sub


def part_folders(paths: Iterable[Path]) -> list[Path]:
    """The part folders under ``paths``: a part itself, or a folder of parts (``realnews-dev/``)."""
    folders: list[Path] = []
    for path in paths:
        if (path / "gold.json").is_file():
            folders.append(path)
        elif path.is_dir():
            found = sorted(p.parent for p in path.glob("*/gold.json"))
            if not found:
                raise InputError(f"{path}: no gold.json in it or in its subfolders (a realnews part is a folder "
                                 "with articles.jsonl and gold.json)")
            folders.extend(found)
        else:
            raise InputError(f"{path}: not a folder")
    return folders


def load_news_gold(paths: Iterable[Path]) -> NewsGold:
    """Read the articles and the gold of every part under ``paths``."""
    gold = NewsGold()
    for folder in part_folders(paths):
        part = folder.name
        gold.parts.append(part)
        articles_file = folder / "articles.jsonl"
        try:
            lines = articles_file.read_text(encoding="utf-8").splitlines()
            data = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as e:
            raise InputError(f"{folder}: cannot read the part: {e}") from e
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as e:
                raise InputError(f"{articles_file}:{number}: malformed JSON: {e}") from e
            gold.articles[record["id"]] = record
            gold.part_of[record["id"]] = part
        for incident in data.get("incidents", []):
            gold.incidents.append({**incident, "_part": part})
        for entry in data.get("background", []):
            # "same incident" entries restate the article's own incident: their values are not leaks
            if str(entry.get("what", "")).startswith("same incident"):
                continue
            for value in entry.get("values", []):
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    gold.background[entry["article"]].add(value)
    return gold


# --------------------------------------------------------------------------- scoring


def _claim_values(claim: Mapping[str, Any]) -> set[float]:
    value = claim.get("value") or {}
    if isinstance(value, dict):
        return {x for x in (value.get("low"), value.get("high")) if x is not None}
    if isinstance(value, (int, float)):
        return {value}
    return set()


def _gold_values(gold: Mapping[str, Any]) -> set[float]:
    return {x for x in (gold.get("low"), gold.get("high")) if x is not None}


def claim_matches(claim: Mapping[str, Any], gold: Mapping[str, Any], *, strict: bool) -> bool:
    """One of accord's claims against one gold claim (see the module docstring)."""
    if claim.get("measure") not in (gold.get("measure_any_of") or [gold["measure"]]):
        return False
    if strict and claim.get("group") not in (gold.get("group_any_of") or [gold["group"]]):
        return False
    return bool(_claim_values(claim) & _gold_values(gold))


def bcubed(gold: Mapping[str, str], predicted: Mapping[str, Any]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of ``predicted`` clusters (an article with none is alone)."""
    if not gold:
        return 0.0, 0.0, 0.0
    gold_members: dict[Any, set[str]] = defaultdict(set)
    predicted_members: dict[Any, set[str]] = defaultdict(set)
    cluster = {a: predicted.get(a, ("alone", a)) for a in gold}
    for article, label in gold.items():
        gold_members[label].add(article)
        predicted_members[cluster[article]].add(article)
    precision = recall = 0.0
    for article, label in gold.items():
        shared = len(gold_members[label] & predicted_members[cluster[article]])
        precision += shared / len(predicted_members[cluster[article]])
        recall += shared / len(gold_members[label])
    precision, recall = precision / len(gold), recall / len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return round(precision, 3), round(recall, 3), round(f1, 3)


@dataclass
class _Predicted:
    """accord's incidents seen per input article."""

    claims: dict[str, list[tuple[dict[str, Any], bool]]]  # external id -> (claim, in its main incident)
    main_of: dict[str, int]  # external id -> index of its main (non-background) incident


def _predicted(incidents: Sequence[Mapping[str, Any]]) -> _Predicted:
    external: dict[Any, Any] = {}
    for incident in incidents:
        for article in incident.get("articles") or []:
            if isinstance(article, dict):
                external[article.get("id")] = article.get("external_id") or article.get("id")
    main_of: dict[str, int] = {}
    for index, incident in enumerate(incidents):
        if incident.get("background"):
            continue
        for article in incident.get("articles") or []:
            key = external.get(article.get("id") if isinstance(article, dict) else article)
            if key is not None and key not in main_of:
                main_of[key] = index
    claims: dict[str, list[tuple[dict[str, Any], bool]]] = defaultdict(list)
    for index, incident in enumerate(incidents):
        for figure in incident.get("figures") or []:
            for claim in figure.get("claims") or []:
                claim = dict(claim)
                claim.setdefault("measure", figure.get("measure"))
                claim.setdefault("group", figure.get("group"))
                article_key = external.get(claim["article"]) or claim["article"]  # a claim always names its article
                claims[article_key].append((claim, main_of.get(article_key) == index))
    return _Predicted(claims=claims, main_of=main_of)


def _ratio(count: float, total: int) -> float:
    return round(count / total, 3) if total else 0.0


def _recall(gold: NewsGold, predicted: _Predicted, measure: str | None = None) -> dict[str, Any]:
    found: Counter[str] = Counter()
    total = 0
    for incident in gold.incidents:
        for claim in incident["claims"]:
            if measure is not None and claim["measure"] != measure:
                continue
            total += 1
            candidates = predicted.claims.get(claim["article"], [])
            found["loose_any"] += any(claim_matches(c, claim, strict=False) for c, _ in candidates)
            found["strict_any"] += any(claim_matches(c, claim, strict=True) for c, _ in candidates)
            found["strict_in_incident"] += any(claim_matches(c, claim, strict=True) for c, main in candidates if main)
    out: dict[str, Any] = {key: _ratio(found[key], total) for key in ("loose_any", "strict_any", "strict_in_incident")}
    out["gold_claims"] = total
    return out


def _precision(gold: NewsGold, predicted: _Predicted, measure: str | None = None) -> dict[str, Any]:
    gold_by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for incident in gold.incidents:
        for claim in incident["claims"]:
            gold_by_article[claim["article"]].append(claim)
    right = wrong = leaks = 0
    for article in gold.articles:
        for claim, main in predicted.claims.get(article, []):
            # precision is over the claims accord offers as totals of the article's own incident
            if not main or claim.get("scope") == "subset":
                continue
            if measure is not None and claim.get("measure") != measure:
                continue
            if any(claim_matches(claim, g, strict=False) for g in gold_by_article[article]):
                right += 1
            else:
                wrong += 1
                leaks += bool(_claim_values(claim) & gold.background.get(article, set()))
    return {"precision": _ratio(right, right + wrong),
            "claims": right + wrong, "false_claims": wrong, "leaks": leaks}


def _perpetrator_right(predicted: Mapping[str, Any], gold_name: str | None) -> bool:
    names = " ".join(p if isinstance(p, str) else (p.get("name") or "")
                     for p in (predicted.get("perpetrators") or [])).lower()
    wanted = (gold_name or "").lower()
    if not wanted and not names:
        return True
    return bool(wanted and names and set(_NAME_WORD.findall(wanted)) & set(_NAME_WORD.findall(names)))


def _holding_incident(gold_incident: Mapping[str, Any], predicted: _Predicted) -> int | None:
    """The accord incident holding most of a gold incident's articles (the first such on a tie)."""
    held = Counter(predicted.main_of[a] for a in gold_incident["articles"] if a in predicted.main_of)
    return held.most_common(1)[0][0] if held else None


def _fields(gold: NewsGold, predicted: _Predicted, incidents: Sequence[Mapping[str, Any]]) -> dict[str, float]:
    right: Counter[str] = Counter()
    for incident in gold.incidents:
        index = _holding_incident(incident, predicted)
        if index is None:
            continue
        found = incidents[index]
        place = found.get("place") or {}
        right["date"] += str(found.get("start") or "")[:10] == incident["date"]
        right["country"] += (place.get("country") or "").upper() == (incident.get("country") or "").upper()
        right["type"] += found.get("type") == incident.get("type")
        right["perpetrator"] += _perpetrator_right(found, incident.get("perpetrator"))
    return {key: _ratio(right[key], len(gold.incidents)) for key in ("country", "date", "perpetrator", "type")}


def _stated_tolls(incident: Mapping[str, Any]) -> set[float]:
    """The killed counts of everybody its sources stated (not subset counts)."""
    tolls: set[float] = set()
    for claim in incident["claims"]:
        if claim["measure"] == "killed" and "all" in (claim.get("group_any_of") or [claim["group"]]) \
                and not str(claim.get("note", "")).startswith("subset"):
            tolls |= _gold_values(claim)
    return tolls


def _headline(gold: NewsGold, predicted: _Predicted, incidents: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    right: Counter[str] = Counter()
    counted = 0
    for incident in gold.incidents:
        tolls = _stated_tolls(incident)
        index = _holding_incident(incident, predicted)
        if not tolls or index is None:
            continue
        counted += 1
        figure = next((f for f in incidents[index].get("figures") or []
                       if f.get("measure") == "killed" and f.get("group") == "all"), None)
        for key in ("conservative", "consensus", "high"):
            right[key] += bool(figure) and figure.get(key) in tolls  # type: ignore[union-attr]  # bool(figure) guards
    out: dict[str, Any] = {key: _ratio(right[key], max(1, counted)) for key in ("conservative", "consensus", "high")}
    out["incidents"] = counted
    return out


def score_news(gold: NewsGold, incidents: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Score accord's incidents (JSON contract dicts) against ``gold``, overall only."""
    predicted = _predicted(incidents)
    gold_incident = {a: i["id"] for i in gold.incidents for a in i["articles"]}
    main_in_gold = {a for a in gold.articles if a in predicted.main_of}
    return {
        "articles": len(gold.articles),
        "gold_incidents": len(gold.incidents),
        "accord_main_incidents": len({predicted.main_of[a] for a in main_in_gold}),
        "articles_in_a_main_incident": len(main_in_gold),
        "link_b3": bcubed(gold_incident, {a: predicted.main_of[a] for a in predicted.main_of}),
        "recall": _recall(gold, predicted),
        "precision": _precision(gold, predicted),
        "fields": _fields(gold, predicted, incidents),
        "headline_killed": _headline(gold, predicted, incidents),
    }


def score_breakdown(gold: NewsGold, incidents: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Overall scores, then per part and per measure."""
    predicted = _predicted(incidents)
    result = score_news(gold, incidents)
    if len(gold.parts) > 1:
        result["parts"] = {part: score_news(gold.only(part), incidents) for part in gold.parts}
    measures = [m for m in NEWS_MEASURES
                if any(c["measure"] == m for i in gold.incidents for c in i["claims"])]
    result["measures"] = {m: {"recall": _recall(gold, predicted, m), "precision": _precision(gold, predicted, m)}
                          for m in measures}
    return result


def _brief(claim: Mapping[str, Any]) -> dict[str, Any]:
    value = claim.get("value") or {}
    return {"measure": claim.get("measure"), "group": claim.get("group"), "low": value.get("low"),
            "high": value.get("high"), "hedge": claim.get("hedge"), "scope": claim.get("scope"),
            "rule": claim.get("rule"), "text": claim.get("text"), "sentence": claim.get("sentence")}


def misses(gold: NewsGold, incidents: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """What went wrong, article by article, to read on train parts (never on blind ones).

    ``missed``: a gold claim no claim of its article matches (strictly), with the claims accord has for
    that article on the same measure; ``false``: a total of the article's own incident matching no gold
    claim of the article (``leak`` when its value is a background value of the article).
    """
    predicted = _predicted(incidents)
    out: list[dict[str, Any]] = []
    gold_by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for incident in gold.incidents:
        for claim in incident["claims"]:
            gold_by_article[claim["article"]].append(claim)
            candidates = predicted.claims.get(claim["article"], [])
            if any(claim_matches(c, claim, strict=True) for c, _ in candidates):
                continue
            near = [_brief(c) for c, _ in candidates if c.get("measure") in
                    (claim.get("measure_any_of") or [claim["measure"]]) or _claim_values(c) & _gold_values(claim)]
            out.append({"kind": "missed", "article": claim["article"], "part": gold.part_of.get(claim["article"]),
                        "gold": {k: v for k, v in claim.items() if k != "article"}, "accord": near})
    for article in gold.articles:
        for claim, main in predicted.claims.get(article, []):
            if not main or claim.get("scope") == "subset":
                continue
            if any(claim_matches(claim, g, strict=False) for g in gold_by_article[article]):
                continue
            leak = bool(_claim_values(claim) & gold.background.get(article, set()))
            out.append({"kind": "leak" if leak else "false", "article": article, "part": gold.part_of[article],
                        "accord": [_brief(claim)]})
    return out


# --------------------------------------------------------------------------- running accord


def pool_articles(gold: NewsGold, path: Path) -> Path:
    """Write every article of ``gold`` into one JSONL input file (gold stays out)."""
    with path.open("w", encoding="utf-8") as handle:
        for record in gold.articles.values():
            keep = {key: record.get(key) for key in ("id", "url", "outlet", "title", "published", "text")}
            handle.write(json.dumps(keep, ensure_ascii=False) + "\n")
    return path


def run_on_gold(gold: NewsGold, *, extractor: Extractor | None = None, db: Path | None = None,
                incidents_out: Path | None = None) -> list[dict[str, Any]]:
    """Run accord over the pooled articles into one store; the incidents in the JSON contract."""
    from accord.pipeline import Pipeline
    from accord.report.contract import incident_to_json

    with tempfile.TemporaryDirectory(prefix="accord-news-") as work:
        pooled = pool_articles(gold, Path(work) / "pool.jsonl")
        store = db if db is not None else Path(work) / "news.db"
        with Pipeline(store, extractor=extractor) as pipeline:
            result = pipeline.run([pooled], out=None)
    incidents = [incident_to_json(incident) for incident in result.incidents]
    if incidents_out is not None:
        incidents_out.write_text(json.dumps(incidents, indent=1, ensure_ascii=False), encoding="utf-8")
    return incidents


def evaluate_news(paths: Sequence[Path], *, extractor: Extractor | None = None, db: Path | None = None,
                  incidents_out: Path | None = None, misses_out: Path | None = None) -> dict[str, Any]:
    """Run accord on every article of the parts under ``paths`` pooled together, and score it.

    ``misses_out``: also write :func:`misses` there, one JSON line each.
    """
    gold = load_news_gold(paths)
    if not gold.articles:
        raise InputError(f"no articles in {', '.join(str(p) for p in paths)}")
    incidents = run_on_gold(gold, extractor=extractor, db=db, incidents_out=incidents_out)
    result = score_breakdown(gold, incidents)
    result["parts_scored"] = list(gold.parts)
    if misses_out is not None:
        with misses_out.open("w", encoding="utf-8") as handle:
            for record in misses(gold, incidents):
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return result


# --------------------------------------------------------------------------- rendering


#: The rows of the overall table: label and how to read it off one score dict.
_ROWS: tuple[tuple[str, Any], ...] = (
    ("claims recall (strict)", lambda s: f"{s['recall']['strict_any']:.3f}"),
    ("  any group", lambda s: f"{s['recall']['loose_any']:.3f}"),
    ("  in its own incident", lambda s: f"{s['recall']['strict_in_incident']:.3f}"),
    ("precision (totals)", lambda s: f"{s['precision']['precision']:.3f}"),
    ("  false claims", lambda s: str(s["precision"]["false_claims"])),
    ("  leaked background", lambda s: str(s["precision"]["leaks"])),
    ("linking B³ F1", lambda s: f"{s['link_b3'][2]:.3f}"),
    ("date", lambda s: f"{s['fields']['date']:.3f}"),
    ("country", lambda s: f"{s['fields']['country']:.3f}"),
    ("type", lambda s: f"{s['fields']['type']:.3f}"),
    ("perpetrator", lambda s: f"{s['fields']['perpetrator']:.3f}"),
    ("killed conservative", lambda s: f"{s['headline_killed']['conservative']:.3f}"),
    ("killed consensus", lambda s: f"{s['headline_killed']['consensus']:.3f}"),
    ("gold claims", lambda s: str(s["recall"]["gold_claims"])),
)


def render_news(result: Mapping[str, Any]) -> Any:
    """Two Rich tables: each figure overall and per part, then recall and precision per measure."""
    from rich.console import Group
    from rich.table import Table

    columns = {"all": result, **(result.get("parts") or {})}
    table = Table(title=f"accord eval news: {result['articles']} articles, {result['gold_incidents']} incidents")
    table.add_column("")
    for name in columns:
        table.add_column(name, justify="right")
    for label, read in _ROWS:
        table.add_row(label, *(read(scores) for scores in columns.values()))
    measures = Table(title="per measure (all parts)")
    for column in ("measure", "gold", "recall", "any group", "in incident", "claims", "precision"):
        measures.add_column(column, justify="right" if column != "measure" else "left")
    for measure, scores in result["measures"].items():
        recall, precision = scores["recall"], scores["precision"]
        measures.add_row(measure, str(recall["gold_claims"]), f"{recall['strict_any']:.3f}",
                         f"{recall['loose_any']:.3f}", f"{recall['strict_in_incident']:.3f}",
                         str(precision["claims"]), f"{precision['precision']:.3f}")
    return Group(table, measures)
