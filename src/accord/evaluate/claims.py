"""Claim-level evaluation: accord's figures against a hand-annotated gold set.

The gold (``eval/claims-gold.jsonl``, format in ``docs/eval-claims.md``) lists,
per article, every people count an incident coder would write down. The
articles themselves are not copied: each gold line points at a dev-data text
(``seeds-dev`` file or ``gva-dev`` document), read at evaluation time.

Scoring, per article::

    gold claims ──locate "sentence", then "text" in it──► gold spans
    Extractor.extract_many ──► predicted claims (mention 0 = main, else background)
                               + statistics
    one-to-one matching: same measure, group, (low, high), overlapping spans

and the counts are summed over articles (micro-average). Main-incident claims
give ``per_measure`` / ``overall``; background claims and statistics are scored
apart, so a background figure mixed into the main incident counts against it.

On matched claims the harness also checks what is not part of a match: the
hedge, the modality and the source (its kind, and its name under the
normalisation of :func:`source_names_match`).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from accord.errors import AccordError, InputError
from accord.models import (
    GROUPS,
    HEDGES,
    MEASURES,
    MODALITIES,
    SOURCE_KINDS,
    Article,
    ArticleExtraction,
    Claim,
    Span,
)
from accord.reconcile.source_identity import SourceResolver, normalise, outlet_named_in

if TYPE_CHECKING:
    from accord.extract import Extractor

#: What a gold claim is about: the article's main incident, another incident
#: it mentions, or an aggregate statistic that belongs to no incident.
INCIDENT_KINDS: tuple[str, ...] = ("main", "background", "statistic")

#: Where gold lines may point; the folder of each, under the data dir.
SOURCES: tuple[str, ...] = ("seeds-dev", "gva-dev")
GVA_FILE = Path("gva-dev") / "incidents.jsonl"

#: Environment variable naming the dev-data folder when it is not beside the checkout.
DATA_DIR_ENV = "ACCORD_DEV_DATA"

_GOLD_KEYS = ("measure", "group", "low", "high", "hedge", "modality", "text", "sentence", "incident")

#: Words left out when two source names are compared word by word: they do not name anybody
#: ("a spokesman for the police" and "spokesman, police" are the same words).
_NAME_FUNCTION_WORDS = frozenset({"the", "a", "an", "of", "for", "from", "at", "on", "in", "by", "with", "to", "and"})


# --------------------------------------------------------------------------- gold


@dataclass(frozen=True)
class GoldClaim:
    """One annotated figure, located in its article's text."""

    measure: str
    group: str
    low: int | None
    high: int | None
    hedge: str
    modality: str
    text: str
    sentence: str
    incident: str
    span: Span  # where ``text`` is, in article characters
    source: GoldSource | None = None  # who says it; None when the text gives no attribution
    source_annotated: bool = False  # False when the line has no "source" key: not scored


@dataclass(frozen=True)
class GoldSource:
    """Who a gold claim is attributed to: the name as written and its kind (``SOURCE_KINDS``)."""

    name: str
    kind: str


@dataclass
class GoldArticle:
    """One gold line: the article text it points at and its claims."""

    key: str  # a readable reference: "seeds-dev/002_x.txt", "gva-dev/101725/487a…"
    text: str
    published: str | None
    claims: list[GoldClaim]


def locate(text: str, sentence: str, phrase: str) -> Span:
    """The span of ``phrase`` inside the one place ``sentence`` occurs in ``text``.

    Raises ``ValueError`` when the sentence is missing or ambiguous, or the
    phrase is not inside it as whole words: the gold no longer fits its article.
    """
    start = text.find(sentence)
    if start < 0:
        raise ValueError(f"sentence not found: {sentence!r}")
    if text.find(sentence, start + 1) >= 0:
        raise ValueError(f"sentence occurs more than once: {sentence!r}")
    offset = sentence.find(phrase)
    if not phrase or offset < 0:
        raise ValueError(f"text {phrase!r} not inside sentence {sentence!r}")
    begin, end = start + offset, start + offset + len(phrase)
    if _inside_word(text, begin) or _inside_word(text, end):
        # "he" found inside "where": start the sentence substring at the phrase meant.
        raise ValueError(f"text {phrase!r} is found inside a longer word in {sentence!r}")
    return (begin, end)


def _inside_word(text: str, boundary: int) -> bool:
    """True when ``boundary`` falls between two letters or digits."""
    return 0 < boundary < len(text) and text[boundary - 1].isalnum() and text[boundary].isalnum()


def parse_gold_claim(data: dict[str, Any], text: str) -> GoldClaim:
    """A gold claim from its JSON object, checked against the vocabulary and located in ``text``."""
    missing = [key for key in _GOLD_KEYS if key not in data]
    if missing:
        raise ValueError(f"claim lacks {', '.join(missing)}")
    for key, allowed in (("measure", MEASURES), ("group", GROUPS), ("hedge", HEDGES),
                         ("modality", MODALITIES), ("incident", INCIDENT_KINDS)):
        if data[key] not in allowed:
            raise ValueError(f"{key} {data[key]!r} is not one of {', '.join(allowed)}")
    low, high = data["low"], data["high"]
    for bound in (low, high):
        if bound is not None and (not isinstance(bound, int) or isinstance(bound, bool) or bound < 0):
            raise ValueError(f"bounds must be non-negative integers or null, got {low!r}, {high!r}")
    if low is None and high is None:
        raise ValueError("a claim needs at least one of low, high")
    if low is not None and high is not None and low > high:
        raise ValueError(f"low {low} above high {high}")
    return GoldClaim(
        measure=data["measure"], group=data["group"], low=low, high=high, hedge=data["hedge"],
        modality=data["modality"], text=data["text"], sentence=data["sentence"],
        incident=data["incident"], span=locate(text, data["sentence"], data["text"]),
        source=parse_gold_source(data.get("source")), source_annotated="source" in data,
    )


def parse_gold_source(data: Any) -> GoldSource | None:
    """A gold ``source`` value: null, or ``{"name": non-empty text, "kind": one of SOURCE_KINDS}``."""
    if data is None:
        return None
    if not isinstance(data, dict) or set(data) != {"name", "kind"}:
        raise ValueError(f"source must be null or {{name, kind}}, got {data!r}")
    name, kind = data["name"], data["kind"]
    if not isinstance(name, str) or not name.strip():
        raise ValueError(f"source name must be non-empty text, got {name!r}")
    if kind not in SOURCE_KINDS:
        raise ValueError(f"source kind {kind!r} is not one of {', '.join(SOURCE_KINDS)}")
    return GoldSource(name=name, kind=kind)


# --------------------------------------------------------------------------- source names


def _source_key(name: str, kind: str) -> tuple[str | None, frozenset[str]]:
    """(canonical name when the lexicon knows it, the name's content words)."""
    words = frozenset(normalise(name).split()) - _NAME_FUNCTION_WORDS
    outlet = outlet_named_in(name) if kind == "media" else None
    if outlet is not None:
        return f"outlet:{outlet}", words
    resolved = _RESOLVER.resolve(name, kind)
    return (resolved.canonical if resolved.matched else None), words


#: No perpetrator is known to the harness: every perpetrator reference ("the group") resolves to one label.
_RESOLVER = SourceResolver()


def source_names_match(gold: GoldSource | None, predicted_name: str, predicted_kind: str = "unattributed") -> bool:
    """Whether a predicted source name names the gold source (docs/eval-claims.md, "Source names").

    No attribution matches only no attribution. Otherwise both names are
    normalised (lower case, possessive 's and punctuation dropped) and they
    match when both resolve through the ``source_aliases`` lexicon to the same
    canonical source or outlet ("Milwaukee police" and "a police spokesman" are
    both "police"), or, when one of them does not resolve, when the content
    words of one are all in the other ("Zala" and "Officer Veejay Zala, a police
    spokesman").
    """
    if gold is None or not predicted_name.strip():
        return gold is None and not predicted_name.strip()
    gold_canonical, gold_words = _source_key(gold.name, gold.kind)
    pred_canonical, pred_words = _source_key(predicted_name, predicted_kind)
    if gold_canonical is not None and pred_canonical is not None:
        return gold_canonical == pred_canonical
    if not gold_words or not pred_words:
        return False
    return gold_words <= pred_words or pred_words <= gold_words


def source_kind_matches(gold: GoldSource | None, predicted_kind: str) -> bool:
    """No attribution in the gold is the kind ``unattributed``."""
    return (gold.kind if gold is not None else "unattributed") == predicted_kind


def find_data_dir(gold_path: Path) -> Path:
    """The dev-data folder: ``$ACCORD_DEV_DATA``, else ``shared/data`` beside an ancestor of the gold file."""
    configured = os.environ.get(DATA_DIR_ENV)
    if configured:
        return Path(configured)
    for ancestor in gold_path.resolve().parents:
        candidate = ancestor / "shared" / "data"
        if candidate.is_dir():
            return candidate
    raise AccordError(
        f"dev data not found beside {gold_path}: pass data_dir or set {DATA_DIR_ENV} to the folder "
        "holding seeds-dev/ and gva-dev/"
    )


class _DevTexts:
    """Reads the texts gold lines point at; the GVA file is read once, on first need."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self._gva: dict[str, dict[str, Any]] | None = None

    def resolve(self, ref: dict[str, Any]) -> tuple[str, str, str | None]:
        """(key, text, published) for a gold line's reference."""
        source = ref.get("source")
        if source == "seeds-dev":
            name = str(ref["file"])
            path = self.data_dir / "seeds-dev" / name
            if not path.is_file():
                raise ValueError(f"no such seed file: {path}")
            return f"seeds-dev/{name}", path.read_text(encoding="utf-8"), ref.get("published")
        if source == "gva-dev":
            incident = self._gva_incidents().get(str(ref["incident_id"]))
            if incident is None:
                raise ValueError(f"no GVA incident {ref['incident_id']!r}")
            for document in incident["documents"]:
                if document["id"] == ref["doc_id"]:
                    key = f"gva-dev/{ref['incident_id']}/{ref['doc_id']}"
                    return key, document["text"], document.get("published")
            raise ValueError(f"GVA incident {ref['incident_id']} has no document {ref['doc_id']!r}")
        raise ValueError(f"source {source!r} is not one of {', '.join(SOURCES)}")

    def _gva_incidents(self) -> dict[str, dict[str, Any]]:
        if self._gva is None:
            path = self.data_dir / GVA_FILE
            if not path.is_file():
                raise ValueError(f"GVA dev file not found: {path}")
            with path.open(encoding="utf-8") as lines:
                incidents = (json.loads(line) for line in lines if line.strip())
                self._gva = {str(incident["incident_id"]): incident for incident in incidents}
        return self._gva


def load_gold(path: Path, data_dir: Path | None = None) -> list[GoldArticle]:
    """Every gold line of ``path``, with its article text read and its claims located.

    Raises :class:`InputError` naming the line when a line does not parse or no
    longer fits its article.
    """
    texts = _DevTexts(data_dir if data_dir is not None else find_data_dir(path))
    articles: list[GoldArticle] = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                key, text, published = texts.resolve(record["article"])
                claims = [parse_gold_claim(claim, text) for claim in record["claims"]]
            except (ValueError, KeyError, TypeError) as e:
                raise InputError(f"{path}:{number}: bad gold line: {e}") from e
            articles.append(GoldArticle(key=key, text=text, published=published, claims=claims))
    return articles


# --------------------------------------------------------------------------- matching


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def claims_match(gold: GoldClaim, predicted: Claim, *, use_group: bool = True) -> bool:
    """Same measure, (group), value interval, and the predicted span overlaps the gold phrase."""
    return (
        predicted.measure == gold.measure
        and (not use_group or predicted.group == gold.group)
        and (predicted.value.low, predicted.value.high) == (gold.low, gold.high)
        and _overlaps(predicted.span, gold.span)
    )


def match_claims(
    gold: Sequence[GoldClaim], predicted: Sequence[Claim], *, use_group: bool = True
) -> list[tuple[int, int]]:
    """A largest one-to-one matching, as (gold index, predicted index) pairs sorted by gold index.

    A figure repeated in two sentences is two gold claims; a predicted claim
    can stand for only one of them, so a greedy first-fit could pair wrongly
    and miss a match. Augmenting paths (Kuhn) find a maximum matching; the
    sets per article are small, so its cost does not matter.
    """
    candidates = [
        [j for j, claim in enumerate(predicted) if claims_match(g, claim, use_group=use_group)] for g in gold
    ]
    owner: dict[int, int] = {}  # predicted index -> gold index

    def augment(i: int, seen: set[int]) -> bool:
        for j in candidates[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(gold)):
        augment(i, set())
    return sorted((i, j) for j, i in owner.items())


# --------------------------------------------------------------------------- scoring


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    def as_dict(self) -> dict[str, Any]:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn,
                "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


class _Scores:
    """Running totals over articles."""

    def __init__(self) -> None:
        self.per_measure: dict[str, Tally] = {}
        self.overall = Tally()
        self.lenient = Tally()
        self.background = Tally()
        self.statistics = Tally()
        self.pooled = Tally()
        self.hedge_right = 0
        self.modality_right = 0
        self.matched = 0
        self.source_kind_right = 0
        self.source_name_right = 0
        self.source_matched = 0  # matched claims whose gold has a source annotation
        self.source_errors: list[str] = []  # of the article being scored

    def add_main(self, gold: Sequence[GoldClaim], predicted: Sequence[Claim]) -> list[tuple[int, int]]:
        pairs = self._tally(self.overall, gold, predicted)
        paired_gold = {i for i, _ in pairs}
        paired_pred = {j for _, j in pairs}
        for measure in {g.measure for g in gold} | {p.measure for p in predicted}:
            self.per_measure.setdefault(measure, Tally()).add(
                tp=sum(1 for i, _ in pairs if gold[i].measure == measure),
                fp=sum(1 for j, p in enumerate(predicted) if p.measure == measure and j not in paired_pred),
                fn=sum(1 for i, g in enumerate(gold) if g.measure == measure and i not in paired_gold),
            )
        lenient = match_claims(gold, predicted, use_group=False)
        self.lenient.add(len(lenient), len(predicted) - len(lenient), len(gold) - len(lenient))
        return pairs

    def _tally(self, tally: Tally, gold: Sequence[GoldClaim], predicted: Sequence[Claim]) -> list[tuple[int, int]]:
        pairs = match_claims(gold, predicted)
        tally.add(len(pairs), len(predicted) - len(pairs), len(gold) - len(pairs))
        for i, j in pairs:
            self.matched += 1
            self.hedge_right += gold[i].hedge == predicted[j].hedge
            self.modality_right += gold[i].modality == predicted[j].modality
            self._score_source(gold[i], predicted[j])
        return pairs

    def _score_source(self, gold: GoldClaim, predicted: Claim) -> None:
        if not gold.source_annotated:
            return
        source = predicted.source
        kind_right = source_kind_matches(gold.source, source.kind)
        name_right = source_names_match(gold.source, source.name, source.kind)
        self.source_matched += 1
        self.source_kind_right += kind_right
        self.source_name_right += name_right
        if not (kind_right and name_right):
            expected = f"{gold.source.name!r} {gold.source.kind}" if gold.source else "none"
            found = f"{source.name!r} {source.kind}" if source.name or source.kind != "unattributed" else "none"
            self.source_errors.append(f"{gold.measure} {gold.text!r} @{gold.span[0]}: gold {expected}, got {found}")

    def add_article(self, gold: Sequence[GoldClaim], extraction: ArticleExtraction) -> dict[str, Any]:
        """Score one article; returns its errors, for reading what went wrong."""
        self.source_errors = []
        main_gold = [g for g in gold if g.incident == "main"]
        back_gold = [g for g in gold if g.incident == "background"]
        stat_gold = [g for g in gold if g.incident == "statistic"]
        main_pred = [c for c in extraction.claims if c.mention == 0]
        back_pred = [c for c in extraction.claims if c.mention != 0]
        main_pairs = self.add_main(main_gold, main_pred)
        back_pairs = self._tally(self.background, back_gold, back_pred)
        stat_pairs = self._tally(self.statistics, stat_gold, extraction.statistics)
        pooled = match_claims(main_gold + back_gold, extraction.claims)
        self.pooled.add(len(pooled), len(extraction.claims) - len(pooled), len(main_gold) + len(back_gold) - len(pooled))
        missed: list[str] = []
        spurious: list[str] = []
        for golds, preds, pairs in ((main_gold, main_pred, main_pairs), (back_gold, back_pred, back_pairs),
                                    (stat_gold, extraction.statistics, stat_pairs)):
            paired_gold = {i for i, _ in pairs}
            paired_pred = {j for _, j in pairs}
            missed += [_describe_gold(g) for i, g in enumerate(golds) if i not in paired_gold]
            spurious += [_describe_claim(c) for j, c in enumerate(preds) if j not in paired_pred]
        return {"missed": missed, "spurious": spurious, "source_errors": self.source_errors}


def _interval(low: int | None, high: int | None) -> str:
    # "16..", "..6", "2..2": no square brackets, which rich would read as markup.
    return f"{'' if low is None else low}..{'' if high is None else high}"


def _describe_gold(claim: GoldClaim) -> str:
    return (f"{claim.incident} {claim.measure}/{claim.group} {_interval(claim.low, claim.high)} "
            f"{claim.hedge} {claim.text!r} @{claim.span[0]}")


def _describe_claim(claim: Claim) -> str:
    kind = "main" if claim.mention == 0 else f"mention {claim.mention}"
    return (f"{kind} {claim.measure}/{claim.group} {_interval(claim.value.low, claim.value.high)} "
            f"{claim.hedge} {claim.text!r} @{claim.span[0]}")


def score_articles(pairs: Iterable[tuple[Sequence[GoldClaim], ArticleExtraction]], keys: Sequence[str] = ()) -> dict[str, Any]:
    """The result dict (see :func:`evaluate_claims`) for (gold claims, extraction) per article."""
    scores = _Scores()
    articles: list[dict[str, Any]] = []
    n_gold = dict.fromkeys(INCIDENT_KINDS, 0)
    n_articles = 0
    for n_articles, (gold, extraction) in enumerate(pairs, start=1):
        for claim in gold:
            n_gold[claim.incident] += 1
        errors = scores.add_article(gold, extraction)
        key = keys[n_articles - 1] if n_articles <= len(keys) else extraction.article
        articles.append({"article": key, **errors})
    return {
        "n_articles": n_articles,
        "n_gold": n_gold,
        "per_measure": {m: scores.per_measure[m].as_dict() for m in sorted(scores.per_measure, key=_measure_order)},
        "overall": scores.overall.as_dict(),
        "lenient": scores.lenient.as_dict(),
        "background": scores.background.as_dict(),
        "statistics": scores.statistics.as_dict(),
        "pooled": scores.pooled.as_dict(),
        "hedge_accuracy": round(scores.hedge_right / scores.matched, 4) if scores.matched else None,
        "modality_accuracy": round(scores.modality_right / scores.matched, 4) if scores.matched else None,
        "source_scored": scores.source_matched,
        "source_kind_accuracy": _share(scores.source_kind_right, scores.source_matched),
        "source_name_accuracy": _share(scores.source_name_right, scores.source_matched),
        "articles": articles,
    }


def _share(right: int, total: int) -> float | None:
    return round(right / total, 4) if total else None


def _measure_order(measure: str) -> int:
    return MEASURES.index(measure) if measure in MEASURES else len(MEASURES)


# --------------------------------------------------------------------------- entry points


def evaluate_claims(
    path: Path, *, extractor: Extractor | None = None, data_dir: Path | None = None
) -> dict[str, Any]:
    """Run the real pipeline over the gold's articles and score its claims.

    ``extractor`` is an :class:`accord.extract.Extractor` (a fresh one when
    None). Returns ``n_articles``, ``n_gold`` (claims per incident kind),
    ``per_measure`` and ``overall`` (main-incident claims: predicted
    ``mention == 0`` against gold ``incident == "main"``), ``lenient`` (main,
    group ignored), ``background`` (``mention != 0`` against gold background),
    ``statistics`` (``extraction.statistics`` against gold statistics),
    ``pooled`` (every incident claim against gold main + background, the
    main/background split ignored), ``hedge_accuracy`` and
    ``modality_accuracy`` over strictly matched claims,
    ``source_kind_accuracy`` and ``source_name_accuracy`` over the strictly
    matched claims whose gold carries a source (``source_scored`` of them), and
    ``articles``: each article's missed and spurious claims and source errors. Every score is ``{tp, fp, fn,
    precision, recall, f1}``, micro-averaged over articles.
    """
    # Imported here: loading spaCy is only needed when the pipeline actually runs.
    from accord.extract import Extractor
    from accord.ingest.text import article_id_for

    gold = load_gold(path, data_dir)
    extractor = extractor if extractor is not None else Extractor()
    articles = [Article(id=article_id_for(g.text), text=g.text, published=g.published) for g in gold]
    extractions = extractor.extract_many(articles)
    return score_articles(((g.claims, e) for g, e in zip(gold, extractions, strict=True)), [g.key for g in gold])


def _row(name: str, score: dict[str, Any]) -> str:
    return (f"{name:<22}{score['tp']:>5}{score['fp']:>5}{score['fn']:>5}"
            f"{score['precision']:>8.3f}{score['recall']:>8.3f}{score['f1']:>8.3f}")


def _ratio(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def render_claims(result: dict[str, Any], *, show_errors: bool = False) -> str:
    """The result of :func:`evaluate_claims` as a plain-text table (and, optionally, each article's errors)."""
    n_gold = result["n_gold"]
    lines = [
        f"claims: {result['n_articles']} articles, gold {n_gold['main']} main, "
        f"{n_gold['background']} background, {n_gold['statistic']} statistics",
        f"{'':<22}{'tp':>5}{'fp':>5}{'fn':>5}{'P':>8}{'R':>8}{'F1':>8}",
    ]
    lines += [_row(f"  {measure}", score) for measure, score in result["per_measure"].items()]
    lines.append(_row("main (overall)", result["overall"]))
    lines.append(_row("main, any group", result["lenient"]))
    lines.append(_row("background", result["background"]))
    lines.append(_row("statistics", result["statistics"]))
    lines.append(_row("incidents pooled", result["pooled"]))
    lines.append(f"hedge accuracy {_ratio(result['hedge_accuracy'])}, "
                 f"modality accuracy {_ratio(result['modality_accuracy'])} (on matched claims)")
    lines.append(f"source kind accuracy {_ratio(result['source_kind_accuracy'])}, "
                 f"source name accuracy {_ratio(result['source_name_accuracy'])} "
                 f"(on {result['source_scored']} matched claims with a gold source)")
    if show_errors:
        for article in result["articles"]:
            if article["missed"] or article["spurious"] or article["source_errors"]:
                lines.append(f"\n{article['article']}")
                lines += [f"  missed   {text}" for text in article["missed"]]
                lines += [f"  spurious {text}" for text in article["spurious"]]
                lines += [f"  source   {text}" for text in article["source_errors"]]
    return "\n".join(lines)


__all__ = [
    "GoldArticle", "GoldClaim", "GoldSource", "INCIDENT_KINDS", "claims_match", "evaluate_claims", "load_gold",
    "locate", "match_claims", "parse_gold_source", "render_claims", "score_articles", "source_kind_matches",
    "source_names_match",
]
