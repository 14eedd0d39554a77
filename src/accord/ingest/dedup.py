"""Near-duplicate articles (syndicated wire copies) with MinHash over word shingles.

A wire story republished by another outlet keeps most of its sentences word for
word, even with a new headline, a paragraph cut or a line added; two reporters
writing about the same event share facts and names but rarely five words in a
row. So texts are compared as sets of 5-word shingles: MinHash signatures
estimate the Jaccard similarity of those sets, an LSH index finds candidates
without comparing every pair, and a candidate is a copy when the sets are
similar overall or the shorter text is mostly contained in the longer one.

A signature is a small ``bytes`` value (version, shingle count, 128 hash
values), so a store can persist it and re-seed an index without the texts.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
import struct
from collections.abc import Callable, Collection, Iterable
from functools import cache

import numpy as np

from accord.ingest.limits import (
    LSH_CANDIDATE_THRESHOLD,
    MIN_SHINGLES_FOR_CONTAINMENT,
    NEAR_DUPLICATE_CONTAINMENT,
    NEAR_DUPLICATE_JACCARD,
    NUM_PERM,
    SHINGLE_WORDS,
)

SIGNATURE_VERSION = 1
_HEADER = struct.Struct("<BI")  # version, number of shingles
_SEED = 1
_WORD = re.compile(r"\w+")
_EMPTY = np.uint32(0xFFFFFFFF)  # the value of every permutation before any shingle (an empty text's)

#: The MurmurHash3 32-bit finalizer, a bijection that spreads the shingles' SHA-1 words before the
#: permutations: (shift, multiplier, shift, multiplier, shift).
_MIX = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))

# The signature is datasketch's MinHash with its "affine32" scheme (datasketch 2.0), written out so
# that accord does not need datasketch and the scipy it pulls in: the same seed, permutations and
# hash give the same bytes, so signatures stored by earlier versions stay comparable.
# tests/test_dedup_minhash.py compares the two on real texts.


def shingles(text: str) -> set[bytes]:
    """The set of ``SHINGLE_WORDS``-word shingles of a text, words lower-cased."""
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i:i + SHINGLE_WORDS]).encode() for i in range(len(words) - SHINGLE_WORDS + 1)}


@cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """(a, b) of the NUM_PERM permutations h -> a * h + b (mod 2**32, a odd: a bijection), drawn once
    from numpy's legacy generator, whose stream numpy keeps fixed across releases."""
    draw = np.random.RandomState(_SEED)
    a = draw.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = draw.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


def _mixed_hashes(grams: Iterable[bytes]) -> np.ndarray:
    """Each shingle's first four SHA-1 bytes as a little-endian word, through the finalizer."""
    words = np.frombuffer(b"".join(hashlib.sha1(gram).digest()[:4] for gram in grams), dtype="<u4")
    shift1, multiplier1, shift2, multiplier2, shift3 = _MIX
    words = (words ^ (words >> shift1)) * multiplier1  # uint32 arithmetic wraps: modulo 2**32
    words = (words ^ (words >> shift2)) * multiplier2
    return (words ^ (words >> shift3)).astype(np.uint32)


def minhash_values(grams: Collection[bytes]) -> np.ndarray:
    """The NUM_PERM minimum hash values (uint32) of a set of shingles; all 2**32 - 1 when it is empty."""
    if not grams:
        return np.full(NUM_PERM, _EMPTY, dtype=np.uint32)
    a, b = _permutations()
    permuted = _mixed_hashes(grams)[:, np.newaxis] * a + b  # one row per shingle, one column per permutation
    return permuted.min(axis=0)


def signature(text: str) -> bytes:
    """The MinHash signature of a text, as bytes to store."""
    grams = shingles(text)
    return _HEADER.pack(SIGNATURE_VERSION, len(grams)) + minhash_values(grams).astype("<u4").tobytes()


def _decode(sig: bytes) -> tuple[np.ndarray, int]:
    if len(sig) != _HEADER.size + 4 * NUM_PERM:
        raise ValueError(f"not an accord MinHash signature ({len(sig)} bytes)")
    version, count = _HEADER.unpack_from(sig)
    if version != SIGNATURE_VERSION:
        raise ValueError(f"MinHash signature of version {version}, expected {SIGNATURE_VERSION}")
    return np.frombuffer(sig, dtype="<u4", offset=_HEADER.size), count


def similarity(a: bytes, b: bytes) -> tuple[float, float]:
    """Estimated (Jaccard, containment of the smaller in the larger) of two signatures."""
    (first, first_count), (second, second_count) = _decode(a), _decode(b)
    return _similarity(first, first_count, second, second_count)


def _similarity(a: np.ndarray, a_count: int, b: np.ndarray, b_count: int) -> tuple[float, float]:
    if not a_count or not b_count:
        return 0.0, 0.0
    jaccard = float(np.count_nonzero(a == b)) / NUM_PERM  # the share of permutations whose minimum agrees
    # |A ∩ B| = J (|A| + |B|) / (1 + J); containment divides it by the smaller set.
    shared = jaccard * (a_count + b_count) / (1 + jaccard)
    return jaccard, min(1.0, shared / min(a_count, b_count))


#: Weights of missed pairs and of candidates that are not, in choosing the bands (as datasketch's index).
_FALSE_POSITIVE_WEIGHT = _FALSE_NEGATIVE_WEIGHT = 0.5


@cache
def lsh_bands(threshold: float, num_perm: int = NUM_PERM) -> tuple[int, int]:
    """(bands, hash values per band) of an LSH index for Jaccard ``threshold``: of all (b, r) with
    b * r <= num_perm, the one of least weighted error, the area under the probability that a pair of
    Jaccard s is a candidate (1 - (1 - s**r)**b) below the threshold plus the area over it above.
    This is how datasketch's MinHashLSH chooses them: 28 bands of 2 for 0.2 and 128 permutations.

    The integrands are polynomials of degree b * r, which Gauss-Legendre quadrature with
    num_perm // 2 + 1 nodes integrates exactly.
    """
    nodes, weights = np.polynomial.legendre.leggauss(num_perm // 2 + 1)

    def points(low: float, high: float) -> tuple[np.ndarray, np.ndarray]:
        half = (high - low) / 2
        return nodes * half + (low + high) / 2, weights * half

    below, below_weights = points(0.0, threshold)
    above, above_weights = points(threshold, 1.0)
    best: tuple[float, int, int] | None = None
    for bands in range(1, num_perm + 1):
        for rows in range(1, num_perm // bands + 1):
            false_positive = float(below_weights @ (1 - (1 - below ** rows) ** bands))
            false_negative = float(above_weights @ ((1 - above ** rows) ** bands))
            error = false_positive * _FALSE_POSITIVE_WEIGHT + false_negative * _FALSE_NEGATIVE_WEIGHT
            if best is None or error < best[0]:  # the first of equals, in datasketch's order
                best = (error, bands, rows)
    assert best is not None  # num_perm >= 1
    return best[1], best[2]


def _bands() -> tuple[int, int]:
    return lsh_bands(LSH_CANDIDATE_THRESHOLD, NUM_PERM)


def band_buckets(sig: bytes) -> list[int]:
    """The LSH buckets of a signature, one per band: a 64-bit digest of the band number and its hash
    values. Two signatures share a bucket when one band of theirs is equal, as in an LSH index."""
    bands, rows = _bands()
    values = memoryview(sig)[_HEADER.size:]
    width = 4 * rows
    return [int.from_bytes(hashlib.blake2b(values[band * width:(band + 1) * width], digest_size=8,
                                           salt=band.to_bytes(2, "little")).digest(), "little", signed=True)
            for band in range(bands)]


#: Looks up stored texts sharing a bucket with a signature: (article id, signature) pairs, earliest first.
StoredCandidates = Callable[[list[int]], list[tuple[str, bytes]]]


def bucket_rows(article_id: str, sig: bytes) -> list[tuple[int, str]]:
    """The (bucket, article) rows a store keeps for a signature (an empty text's, or one of another
    version: one row in bucket 0, saying it was indexed; it is nobody's copy)."""
    try:
        _, count = _decode(sig)
    except ValueError:  # not a signature of this accord: kept, never matched
        return [(0, article_id)]
    return [(bucket, article_id) for bucket in band_buckets(sig)] if count else [(0, article_id)]


class NearDuplicateIndex:
    """Finds, for a new text, an earlier text it is a near copy of.

    >>> index = NearDuplicateIndex()
    >>> index.add("a1", wire_story)                      # doctest: +SKIP
    >>> index.find(republished_wire_story)               # doctest: +SKIP
    'a1'

    The index lives in a private temporary SQLite database (deleted when the index is closed or
    dropped), so memory does not grow with the articles indexed: datasketch's in-memory LSH, used
    before, took 9 KB of Python objects per article (28 band keys and their sets), 180 MB at 20,000.
    """

    def __init__(self, stored: StoredCandidates | None = None) -> None:
        #: Where the texts of earlier runs are looked up (a store's signature buckets), before this run's.
        self._stored = stored
        # "": a temporary on-disk database; SQLite keeps a few MB of it in its cache, the rest on disk
        self._db = sqlite3.connect("", isolation_level=None, check_same_thread=False)
        self._db.executescript("""
            PRAGMA journal_mode = OFF;
            PRAGMA synchronous = OFF;
            CREATE TABLE entries (ordinal INTEGER PRIMARY KEY, article TEXT NOT NULL UNIQUE, signature BLOB NOT NULL);
            CREATE TABLE buckets (bucket INTEGER NOT NULL, ordinal INTEGER NOT NULL);
            CREATE INDEX buckets_by_bucket ON buckets (bucket);
        """)
        self._size = 0

    def __len__(self) -> int:
        return self._size

    def __contains__(self, article_id: object) -> bool:
        return self._db.execute("SELECT 1 FROM entries WHERE article = ?", (article_id,)).fetchone() is not None

    def close(self) -> None:
        self._db.close()

    @staticmethod
    def signature(text: str) -> bytes:
        return signature(text)

    def add(self, article_id: str, text: str) -> None:
        """Index a text under its article id (a second add of the same id is ignored)."""
        self.add_signature(article_id, signature(text))

    def add_signature(self, article_id: str, sig: bytes) -> None:
        """Index a stored signature: re-seeds the index without the texts."""
        _, count = _decode(sig)
        ordinal = self._size
        self._db.execute("BEGIN")
        try:
            added = self._db.execute("INSERT OR IGNORE INTO entries VALUES (?, ?, ?)",
                                     (ordinal, article_id, bytes(sig))).rowcount == 1
            if added and count:  # empty texts all have the same signature; they are nobody's copy
                self._db.executemany("INSERT INTO buckets VALUES (?, ?)", [(b, ordinal) for b in band_buckets(sig)])
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        if added:
            self._size += 1

    def find(self, text: str) -> str | None:
        """The id of the earliest indexed text this one is a near duplicate of, or None."""
        return self.find_signature(signature(text))

    def find_signature(self, sig: bytes) -> str | None:
        minhash, count = _decode(sig)
        if not count:
            return None
        buckets = band_buckets(sig)
        candidates = self._db.execute(
            "SELECT article, signature FROM entries WHERE ordinal IN "
            f"(SELECT ordinal FROM buckets WHERE bucket IN ({', '.join('?' * len(buckets))})) ORDER BY ordinal",
            buckets)
        earlier = self._stored(buckets) if self._stored is not None else []
        for candidate, stored in (*earlier, *candidates):  # the earliest first
            other, other_count = _decode(stored)
            jaccard, containment = _similarity(minhash, count, other, other_count)
            if jaccard >= NEAR_DUPLICATE_JACCARD or (
                min(count, other_count) >= MIN_SHINGLES_FOR_CONTAINMENT
                and containment >= NEAR_DUPLICATE_CONTAINMENT
            ):
                return str(candidate)
        return None

    def observe(self, article_id: str, text: str) -> str | None:
        """``find`` then ``add``: the id this text copies (or None), and the text is indexed."""
        sig = signature(text)
        original = self.find_signature(sig)
        self.add_signature(article_id, sig)
        return original
