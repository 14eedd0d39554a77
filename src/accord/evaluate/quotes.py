"""``accord eval quotes DIR``: quote attribution against brat gold (the PolNeAR layout).

DIR holds ``text/NAME.txt`` and ``attributions/NAME_ANNOTATOR.ann``. In the
``.ann`` files, ``T`` lines are spans (``Source``, ``Cue``, ``Content``; a
discontinuous span lists its pieces separated by ``;``) and each ``E`` line
ties one attribution together. When an article has several annotators, the
first file in name order is its gold, so every article counts once.

Scores:

* **content**: a predicted content matches a gold content when their overlap
  covers at least half of the shorter of the two (pieces summed); matching is
  one to one, best overlap first.
* **attribution**: a content match whose predicted speaker span overlaps the
  gold source span; a gold attribution without a source is right when the
  prediction has no speaker either.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from accord.errors import InputError
from accord.models import Article, Quote

#: A predicted and a gold content match when the overlap covers this share of the shorter one (the task's rule).
MIN_OVERLAP_SHARE = 0.5

#: The accord components the quotes depend on (the others are switched off while measuring).
QUOTE_INPUTS = ("accord_actors", "accord_quotes")

Pieces = list[tuple[int, int]]


@dataclass
class GoldAttribution:
    content: Pieces
    cue: Pieces = field(default_factory=list)
    source: Pieces = field(default_factory=list)


def _pieces(ranges: str) -> Pieces:
    pieces = []
    for piece in ranges.split(";"):
        start, end = piece.split()
        pieces.append((int(start), int(end)))
    return pieces


def read_brat(path: Path) -> list[GoldAttribution]:
    """The attributions of one brat ``.ann`` file (those with a Content span)."""
    spans: dict[str, Pieces] = {}
    events: list[dict[str, str]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        parts = line.split("\t")
        if not parts[0]:
            continue
        if parts[0].startswith("T"):
            try:
                _label, ranges = parts[1].split(" ", 1)
                spans[parts[0]] = _pieces(ranges)
            except (IndexError, ValueError) as e:
                raise InputError(f"{path}:{number}: not a brat span line") from e
        elif parts[0].startswith("E"):
            events.append(dict(arg.split(":", 1) for arg in parts[1].split()))
    gold = []
    for event in events:
        if "Content" not in event or event["Content"] not in spans:
            continue
        gold.append(
            GoldAttribution(
                content=spans[event["Content"]],
                cue=spans.get(event.get("Cue", ""), []),
                source=spans.get(event.get("Source", ""), []),
            )
        )
    return gold


def _length(pieces: Pieces) -> int:
    return sum(end - start for start, end in pieces)


def overlap(a: Pieces, b: Pieces) -> int:
    """Characters shared by two discontinuous spans."""
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def match_contents(predicted: list[Pieces], gold: list[Pieces]) -> list[tuple[int, int]]:
    """One-to-one (predicted index, gold index) pairs, best overlap share first."""
    candidates = []
    for i, p in enumerate(predicted):
        for j, g in enumerate(gold):
            shared = overlap(p, g)
            shorter = min(_length(p), _length(g))
            if shared and shorter and shared >= MIN_OVERLAP_SHARE * shorter:
                candidates.append((shared / max(_length(p), _length(g)), i, j))
    pairs = []
    taken_p: set[int] = set()
    taken_g: set[int] = set()
    for _share, i, j in sorted(candidates, reverse=True):
        if i not in taken_p and j not in taken_g:
            pairs.append((i, j))
            taken_p.add(i)
            taken_g.add(j)
    return pairs


def _prf(correct: int, predicted: int, gold: int) -> dict[str, float]:
    precision = correct / predicted if predicted else 0.0
    recall = correct / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def _quote_json(text: str, quote: Quote) -> dict[str, Any]:
    def part(span: tuple[int, int] | None) -> dict[str, Any] | None:
        if span is None:
            return None
        return {"start": span[0], "end": span[1], "text": text[span[0] : span[1]]}

    speaker = quote.speaker
    speaker_json = part(speaker.span) if speaker is not None else None
    if speaker_json is not None and speaker is not None:
        speaker_json.update(
            name=speaker.name, role=speaker.role, organisation=speaker.organisation, kind=speaker.kind,
            resolved=speaker.resolved,
        )
    return {"content": part(quote.span), "cue": part(quote.cue_span), "speaker": speaker_json,
            "direct": quote.direct}


def gold_files(directory: Path) -> Iterator[tuple[Path, Path | None]]:
    """(text file, its gold .ann or None) for every article of ``directory``, in name order."""
    texts = directory / "text"
    if not texts.is_dir():
        raise InputError(f"{directory}: no text/ folder (expected text/NAME.txt and attributions/NAME_ANNOTATOR.ann)")
    attributions = directory / "attributions"
    for path in sorted(texts.glob("*.txt")):
        gold = sorted(attributions.glob(f"{path.stem}_*.ann")) if attributions.is_dir() else []
        yield path, (gold[0] if gold else None)


def _read_exactly(path: Path) -> str:
    """The file's text as stored (no newline translation), so brat offsets stay valid."""
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.read()


def evaluate_quotes(
    directory: Path, *, predictions: Path | None = None, limit: int | None = None, extractor: Any = None
) -> dict[str, Any]:
    """Run quote extraction over DIR's texts; score against its gold when present.

    ``extractor`` is an :class:`accord.extract.Extractor` (the default one when None).
    ``predictions`` receives one JSON line per article. Returns counts, P/R/F1 and timing.
    """
    from accord.extract import default_extractor

    extractor = extractor or default_extractor()
    files = list(gold_files(Path(directory)))[:limit]
    articles = [Article(id=path.name, text=_read_exactly(path)) for path, _ in files]
    # Only what quotes read runs: the spaCy model, the actors (perpetrator kinds) and the quotes.
    unused = [n for n in extractor.nlp.pipe_names if n.startswith("accord_") and n not in QUOTE_INPUTS]
    started = time.perf_counter()
    with extractor.nlp.select_pipes(disable=unused):
        extractions = list(extractor.extract_many(articles))
    seconds = time.perf_counter() - started

    counts = {"quotes": 0, "gold": 0, "predicted": 0, "content_matched": 0, "attribution_correct": 0, "files_with_gold": 0}
    out = predictions.open("w", encoding="utf-8") if predictions is not None else None
    try:
        for (path, gold_path), article, extraction in zip(files, articles, extractions, strict=True):
            quotes = extraction.quotes
            if out is not None:
                record = {"file": path.name, "quotes": [_quote_json(article.text, q) for q in quotes]}
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
            counts["quotes"] += len(quotes)
            if gold_path is None:
                continue
            counts["predicted"] += len(quotes)
            gold = read_brat(gold_path)
            counts["files_with_gold"] += 1
            counts["gold"] += len(gold)
            pairs = match_contents([[q.span] for q in quotes], [g.content for g in gold])
            counts["content_matched"] += len(pairs)
            for i, j in pairs:
                speaker = quotes[i].speaker
                source = gold[j].source
                if not source:
                    counts["attribution_correct"] += speaker is None or speaker.span is None
                elif speaker is not None and speaker.span is not None and overlap([speaker.span], source):
                    counts["attribution_correct"] += 1
    finally:
        if out is not None:
            out.close()

    result: dict[str, Any] = {"directory": str(directory), "files": len(files), "seconds": round(seconds, 3), **counts}
    if counts["files_with_gold"]:
        result["content"] = _prf(counts["content_matched"], counts["predicted"], counts["gold"])
        result["attribution"] = _prf(counts["attribution_correct"], counts["predicted"], counts["gold"])
    return result


def render_quotes(result: dict[str, Any]) -> str:
    """A short human-readable summary of :func:`evaluate_quotes`' result."""
    lines = [
        f"quotes: {result['files']} files, {result['quotes']} predicted, {result['gold']} gold "
        f"({result['seconds']:.1f} s)",
    ]
    for key in ("content", "attribution"):
        if key in result:
            score = result[key]
            lines.append(
                f"  {key:<12} P {score['precision']:.3f}  R {score['recall']:.3f}  F1 {score['f1']:.3f}"
            )
    if "content" not in result:
        lines.append("  no gold attributions found: predictions only")
    return "\n".join(lines)
