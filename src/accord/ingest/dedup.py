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
from functools import cache

import numpy as np
from datasketch import MinHash, MinHashLSH

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
_SCHEME = "affine32"  # datasketch's hashing scheme: fixed so stored signatures stay comparable
_SEED = 1
_WORD = re.compile(r"\w+")


def shingles(text: str) -> set[bytes]:
    """The set of ``SHINGLE_WORDS``-word shingles of a text, words lower-cased."""
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i:i + SHINGLE_WORDS]).encode() for i in range(len(words) - SHINGLE_WORDS + 1)}


@cache
def _permutations() -> object:
    """The hash permutations of (NUM_PERM, _SEED, _SCHEME), drawn once: a new MinHash draws its own
    (0.6 ms each), and ingest makes several per article (its signature, the index's look-ups)."""
    return MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME).permutations


def _minhash(hashvalues: np.ndarray | None = None) -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=_SEED, hashvalues=hashvalues, permutations=_permutations(), scheme=_SCHEME)


def signature(text: str) -> bytes:
    """The MinHash signature of a text, as bytes to store."""
    grams = shingles(text)
    minhash = _minhash()
    minhash.update_batch(list(grams))
    return _HEADER.pack(SIGNATURE_VERSION, len(grams)) + minhash.hashvalues.astype("<u4").tobytes()


def _decode(sig: bytes) -> tuple[MinHash, int]:
    if len(sig) != _HEADER.size + 4 * NUM_PERM:
        raise ValueError(f"not an accord MinHash signature ({len(sig)} bytes)")
    version, count = _HEADER.unpack_from(sig)
    if version != SIGNATURE_VERSION:
        raise ValueError(f"MinHash signature of version {version}, expected {SIGNATURE_VERSION}")
    values = np.frombuffer(sig, dtype="<u4", offset=_HEADER.size).astype(np.uint64)
    return _minhash(values), count


def similarity(a: bytes, b: bytes) -> tuple[float, float]:
    """Estimated (Jaccard, containment of the smaller in the larger) of two signatures."""
    (first, first_count), (second, second_count) = _decode(a), _decode(b)
    return _similarity(first, first_count, second, second_count)


def _similarity(a: MinHash, a_count: int, b: MinHash, b_count: int) -> tuple[float, float]:
    if not a_count or not b_count:
        return 0.0, 0.0
    jaccard = a.jaccard(b)
    # |A ∩ B| = J (|A| + |B|) / (1 + J); containment divides it by the smaller set.
    shared = jaccard * (a_count + b_count) / (1 + jaccard)
    return jaccard, min(1.0, shared / min(a_count, b_count))


@cache
def _bands() -> tuple[int, int]:
    """(bands, hash values per band) of the LSH for LSH_CANDIDATE_THRESHOLD, as datasketch chooses them
    (the false positive and negative weights balanced): 28 bands of 2 for 0.2 and 128 permutations."""
    lsh = MinHashLSH(threshold=LSH_CANDIDATE_THRESHOLD, num_perm=NUM_PERM)
    return lsh.b, lsh.r


def band_buckets(sig: bytes) -> list[int]:
    """The LSH buckets of a signature, one per band: a 64-bit digest of the band number and its hash
    values. Two signatures share a bucket when one band of theirs is equal, as in datasketch's index."""
    bands, rows = _bands()
    values = memoryview(sig)[_HEADER.size:]
    width = 4 * rows
    return [int.from_bytes(hashlib.blake2b(values[band * width:(band + 1) * width], digest_size=8,
                                           salt=band.to_bytes(2, "little")).digest(), "little", signed=True)
            for band in range(bands)]


class NearDuplicateIndex:
    """Finds, for a new text, an earlier text it is a near copy of.

    >>> index = NearDuplicateIndex()
    >>> index.add("a1", wire_story)                      # doctest: +SKIP
    >>> index.find(republished_wire_story)               # doctest: +SKIP
    'a1'

    The index lives in a private temporary SQLite database (deleted when the index is closed or
    dropped), so memory does not grow with the articles indexed: datasketch's in-memory LSH took
    9 KB of Python objects per article (28 band keys and their sets), 180 MB at 20,000 articles.
    """

    def __init__(self) -> None:
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
        for candidate, stored in candidates:  # the earliest first
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
