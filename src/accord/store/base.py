"""The store interface: what the pipeline, the report and the web API ask of a store.

:class:`~accord.store.sqlite.SQLiteStore` is the default implementation; a
PostgreSQL one for shared deployments implements the same methods.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, ClassVar, Protocol, runtime_checkable

from accord.link.incremental import Posting
from accord.models import Article, ArticleExtraction, Incident, Skipped
from accord.store.history import Previous
from accord.store.incident_query import IncidentQuery

#: What a correction can say about a claim: it is wrong, or it belongs to another incident.
CORRECTION_ACTIONS: tuple[str, ...] = ("wrong", "reassign")


@runtime_checkable
class Store(Protocol):
    """Articles, their extractions and the incidents built from them, kept between runs."""

    # ---------------------------------------------------------------- inputs
    def known_article_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of ``ids`` are already stored."""
        ...

    def save_batch(
        self,
        articles: Sequence[Article],
        extractions: Sequence[ArticleExtraction],
        skipped: Sequence[Skipped],
        signatures: Mapping[str, bytes] | None = None,
    ) -> None:
        """Store a batch in one transaction; saving the same batch twice changes nothing."""
        ...

    def stale_article_ids(self, extractor: str) -> list[str]:
        """Stored articles whose extraction is missing or was made by another extractor version."""
        ...

    def forget_extractions(self, ids: Iterable[str]) -> None:
        """Drop the extractions (and their claims and quotes) of ``ids``, to store new ones with save_batch."""
        ...

    def articles(self) -> list[Article]: ...

    def article(self, article_id: str) -> Article | None: ...

    def article_page(self, offset: int, limit: int) -> tuple[list[dict[str, Any]], int]:
        """Articles in store order without their texts, the page asked for, and how many there are."""
        ...

    def extractions(self) -> list[ArticleExtraction]: ...

    def extraction(self, article_id: str) -> ArticleExtraction | None: ...

    def iter_extracted(self, page: int = ...) -> Iterator[tuple[Article, ArticleExtraction]]:
        """Every article that has an extraction, with it, in store order, a page of rows per query:
        what link reads, so that memory does not grow with the store."""
        ...

    def articles_by_id(self, ids: Iterable[str]) -> dict[str, Article]: ...

    def known_urls(self, urls: Iterable[str]) -> set[str]:
        """Which of ``urls`` an article is stored under."""
        ...

    def extractions_by_id(self, ids: Iterable[str]) -> dict[str, ArticleExtraction]: ...

    def signatures(self) -> dict[str, bytes]: ...

    def iter_signatures(self, page: int = ...) -> Iterator[tuple[str, bytes]]: ...

    def signature_candidates(self, buckets: list[int]) -> list[tuple[str, bytes]]:
        """Stored (article id, signature) pairs sharing one of the LSH ``buckets``, earliest first."""
        ...

    def index_signature_buckets(self) -> int: ...

    def skipped(self) -> list[Skipped]: ...

    def search_articles(self, query: str, limit: int = 20) -> list[dict[str, Any]]: ...

    # ---------------------------------------------------------------- derived
    def replace_incidents(self, incidents: Iterable[Incident]) -> int:
        """Replace every incident (and its figures) in one transaction, consuming ``incidents`` one at a
        time and numbering them in the canonical order; corrections survive. Returns how many."""
        ...

    def update_incidents(self, incidents: Iterable[Incident], *, removed: Iterable[str] | None = None,
                         link: Sequence[tuple[str, Iterable[tuple[Any, ...]]]] = ()) -> int:
        """In one transaction: drop the incidents ``removed`` (all when None), store ``incidents`` and run
        the link index's statements (accord.store.link_index); number them all again."""
        ...

    def incident_history(self, ids: Iterable[str] | None = None) -> dict[str, Previous]:
        """What the store holds of incidents ``ids`` (all when None), to stamp their rebuilt selves with."""
        ...

    # ---------------------------------------------------------------- link index (accord.store.link_index)
    MARK: ClassVar[str]  # the parameter marker of its SQL ("?" or "%s")

    def link_index_built(self) -> bool: ...

    def unlinked_articles(self) -> list[str]: ...

    def link_pool(self, words: Iterable[str]) -> tuple[int, dict[str, int], dict[str, int]]: ...

    def link_site_lines(self, sites: Iterable[str], lines: Iterable[tuple[str, str]]) -> dict[tuple[str, str], int]:
        ...

    def link_postings(self, keys: Sequence[str], low: int, high: int, *, wide: bool,
                      heaviest: int | None = None) -> list[Posting]: ...

    def link_incidents_of(self, mentions: Iterable[tuple[str, int]]) -> dict[tuple[str, int], str]: ...

    def link_members(self, incidents: Iterable[str]) -> list[tuple[str, int]]: ...

    def link_records(self, mentions: Iterable[tuple[str, int]]) -> dict[tuple[str, int], bytes]: ...

    def incidents(self) -> list[dict[str, Any]]: ...

    def iter_incidents(self, page: int = ...) -> Iterator[dict[str, Any]]:
        """The incidents in order, a page per query."""
        ...

    def incident(self, incident_id: str) -> dict[str, Any] | None: ...

    def incident_digests(self) -> list[tuple[str, str]]:
        """(id, digest of its stored data) of every incident, in order."""
        ...

    def incident_article_count(self) -> int:
        """How many articles the incidents cite (each once)."""
        ...

    def incidents_by_id(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]: ...

    def find_incidents(self, query: IncidentQuery) -> tuple[list[dict[str, Any]], int]:
        """The page of incidents ``query`` asks for (filtered and sorted by the database), and how many
        match in all: what the web UI's list reads, never the whole store."""
        ...

    def incident_points(self, query: IncidentQuery) -> list[dict[str, Any]]:
        """Where the incidents ``query`` filters for are, with their type and toll, for a map: at most
        ``query.limit``, newest first, only those with coordinates."""
        ...

    def claim_owners(self, article_id: str) -> dict[str, str]:
        """Claim id → the incident it is counted in, for the claims of one article."""
        ...

    def incidents_of_claim(self, claim: str) -> list[str]:
        """The incidents a claim (by id) is counted in."""
        ...

    # ---------------------------------------------------------------- audit
    def add_correction(self, claim: str, action: str, *, incident: str | None = None, target: str | None = None,
                       note: str | None = None) -> dict[str, Any]:
        """Record that a claim is wrong or belongs to ``target``; returns the stored correction."""
        ...

    def corrections(self) -> list[dict[str, Any]]: ...

    # ---------------------------------------------------------------- misc
    def stats(self) -> dict[str, int]: ...

    def close(self) -> None: ...

    def __enter__(self) -> Store: ...

    def __exit__(self, *exc: object) -> None: ...
