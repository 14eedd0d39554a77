"""accord's MinHash (numpy, ingest/dedup.py) gives the bytes datasketch's "affine32" MinHash gives.

Signatures are stored: a change in how they are computed would make every stored article look new
to the near-duplicate index. datasketch is a test dependency only; when it is importable (the dev
install has it), real texts are compared byte for byte, and the LSH bands for a range of thresholds.
The fixed values below were taken from datasketch 2.0 once, so that a drift shows even without it.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from accord.ingest import dedup
from accord.ingest.limits import LSH_CANDIDATE_THRESHOLD, NUM_PERM
from accord.pipeline import demo_corpus_path

GVA_DEV = Path(__file__).resolve().parents[3] / "shared" / "data" / "gva-dev" / "incidents.jsonl"

REPORT = "Police said at least 16 militants were killed on Tuesday in the Bolan Pass, and 21 hostages were freed."


def _real_texts(limit: int = 400) -> list[str]:
    """The demo corpus's reports, and the first GVA dev reports when the data are beside the checkout."""
    texts = [json.loads(line)["text"] for line in
             (demo_corpus_path() / "articles.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    texts.append((demo_corpus_path() / "morning-courier-garissa-toll.txt").read_text(encoding="utf-8"))
    if GVA_DEV.exists():
        with GVA_DEV.open(encoding="utf-8") as handle:
            for line in handle:
                texts += [doc["text"] for doc in json.loads(line)["documents"] if doc.get("text")]
                if len(texts) >= limit:
                    break
    return texts


def test_fixed_values_of_a_signature() -> None:
    sig = dedup.signature(REPORT)
    assert len(sig) == 5 + 4 * NUM_PERM
    assert sig[:5] == bytes([1, 15, 0, 0, 0])  # version 1, 15 shingles
    values = np.frombuffer(sig, dtype="<u4", offset=5)
    assert values[:4].tolist() == [408958153, 136713375, 292942747, 34958868]
    assert values[-2:].tolist() == [466614919, 309276024]


def test_fixed_permutations_and_similarity() -> None:
    a, b = dedup._permutations()
    assert a[:3].tolist() == [3582191691, 4270784983, 1892572953]
    assert b[:3].tolist() == [214548472, 3287733501, 2301657549]
    assert bool(np.all(a % 2 == 1))  # odd multipliers: each permutation is a bijection
    jaccard, containment = dedup.similarity(dedup.signature(REPORT), dedup.signature(REPORT.replace("21", "twenty-one")))
    assert jaccard == 75 / 128
    assert containment == pytest.approx(0.7635467980295567)


def test_empty_text_has_the_empty_signature() -> None:
    sig = dedup.signature("")
    assert sig[:5] == bytes([1, 0, 0, 0, 0])
    assert set(np.frombuffer(sig, dtype="<u4", offset=5).tolist()) == {2**32 - 1}
    assert dedup.similarity(sig, sig) == (0.0, 0.0)  # an empty text is nobody's copy


def test_bands_of_the_index() -> None:
    assert dedup.lsh_bands(LSH_CANDIDATE_THRESHOLD, NUM_PERM) == (28, 2)
    assert dedup.lsh_bands(0.5, 128) == (25, 5)


def test_signatures_are_datasketchs_on_real_texts() -> None:
    datasketch = pytest.importorskip("datasketch")
    texts = _real_texts()
    assert len(texts) >= 9
    for text in [*texts, "", "one word", "five words and no more"]:
        grams = dedup.shingles(text)
        reference = datasketch.MinHash(num_perm=NUM_PERM, seed=1, scheme="affine32")
        reference.update_batch(list(grams))
        expected = dedup._HEADER.pack(dedup.SIGNATURE_VERSION, len(grams)) + reference.hashvalues.astype("<u4").tobytes()
        assert dedup.signature(text) == expected, text[:80]


def test_jaccard_is_datasketchs() -> None:
    datasketch = pytest.importorskip("datasketch")
    texts = _real_texts(60)
    pairs = [(texts[i], texts[i + 1]) for i in range(len(texts) - 1)]
    pairs.append((texts[0], texts[0][: len(texts[0]) // 2]))  # a cut copy: a high estimate
    for first, second in pairs:
        sketches = []
        for text in (first, second):
            sketch = datasketch.MinHash(num_perm=NUM_PERM, seed=1, scheme="affine32")
            sketch.update_batch(list(dedup.shingles(text)))
            sketches.append(sketch)
        jaccard, _ = dedup.similarity(dedup.signature(first), dedup.signature(second))
        assert jaccard == sketches[0].jaccard(sketches[1])


def test_bands_are_datasketchs() -> None:
    lsh = pytest.importorskip("datasketch.lsh")
    for threshold in (0.05, 0.1, 0.2, 0.35, 0.5, 0.7, 0.9):
        for num_perm in (32, 128, 256):
            index = lsh.MinHashLSH(threshold=threshold, num_perm=num_perm)
            assert dedup.lsh_bands(threshold, num_perm) == (index.b, index.r), (threshold, num_perm)
