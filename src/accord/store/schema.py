"""The schema of an accord store (SQLite, and the same in PostgreSQL's dialect), and its version.

Tables fall in three kinds:

* **inputs**, written once per article and never changed: ``articles`` (with
  the ``articles_fts`` full-text index over title and text), ``extractions``
  (the whole ArticleExtraction as JSON), its normalised ``claims`` and
  ``quotes`` for querying, near-duplicate ``signatures`` and ``skipped`` inputs;
* **derived**, replaced wholesale on every link/reconcile: ``incidents``,
  ``figures``, ``incident_articles``, ``incident_claims``;
* **audit**, append-only: ``corrections`` made by users, which survive every
  rebuild (triggers refuse UPDATE and DELETE).

``SCHEMA_VERSION`` goes up by one with every change, and ``MIGRATIONS`` holds
the statements that bring a store of the previous version up to date.
"""

from __future__ import annotations

#: The schema this code writes. A store with a higher number was written by a
#: newer accord and is refused; a lower one is migrated forward.
SCHEMA_VERSION = 2

#: The link index (accord.store.link_index) and when incidents and figures changed: version 2, the same
#: statements in both dialects. A store migrated to it has an empty index: its next run links in full.
LINK_TABLES: tuple[str, ...] = (
    """CREATE TABLE link_keys (
        key TEXT NOT NULL,
        wide INTEGER NOT NULL,
        low INTEGER NOT NULL,
        high INTEGER NOT NULL,
        rank INTEGER NOT NULL,
        article TEXT NOT NULL,
        idx INTEGER NOT NULL
    )""",
    "CREATE INDEX link_keys_key ON link_keys (key, wide, low)",
    "CREATE INDEX link_keys_mention ON link_keys (article, idx)",
    """CREATE TABLE link_mentions (
        article TEXT NOT NULL,
        idx INTEGER NOT NULL,
        incident TEXT NOT NULL,
        data BYTEA NOT NULL,
        PRIMARY KEY (article, idx)
    )""",
    "CREATE INDEX link_mentions_incident ON link_mentions (incident)",
    "CREATE TABLE link_words (word TEXT PRIMARY KEY, df INTEGER NOT NULL, lower INTEGER NOT NULL)",
    """CREATE TABLE link_lines (
        site TEXT NOT NULL,
        line TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (site, line)
    )""",
    "CREATE TABLE link_state (name TEXT PRIMARY KEY, value BIGINT NOT NULL)",
    "CREATE TABLE link_done (article TEXT PRIMARY KEY)",
    "CREATE INDEX articles_url ON articles (url)",
    # The LSH buckets of each stored signature (ingest.dedup.bucket_rows): a run looks a new text's
    # near copies up here instead of loading every signature.
    "CREATE TABLE signature_buckets (bucket BIGINT NOT NULL, article TEXT NOT NULL)",
    "CREATE INDEX signature_buckets_bucket ON signature_buckets (bucket)",
    "CREATE INDEX signature_buckets_article ON signature_buckets (article)",
    "CREATE INDEX incidents_changed_at ON incidents (changed_at)",
)

#: Columns version 2 adds to version 1's tables: when an incident was first stored and last changed,
#: and when each figure's estimates last changed (ISO 8601 UTC); a digest of the incident's stored data
#: (what an incremental report compares to know what to write again).
CHANGE_COLUMNS: tuple[str, ...] = (
    "ALTER TABLE incidents ADD COLUMN first_seen TEXT",
    "ALTER TABLE incidents ADD COLUMN changed_at TEXT",
    "ALTER TABLE incidents ADD COLUMN digest TEXT",
    "ALTER TABLE figures ADD COLUMN changed_at TEXT",
)

#: version -> statements that turn a store of ``version - 1`` into ``version``.
MIGRATIONS: dict[int, tuple[str, ...]] = {2: (*CHANGE_COLUMNS, *LINK_TABLES)}

SCHEMA: tuple[str, ...] = (
    """CREATE TABLE schema_version (version INTEGER NOT NULL)""",
    # ``seq`` is an explicit INTEGER PRIMARY KEY so the FTS index's rowids stay
    # valid through VACUUM, and it gives articles a stable insertion order.
    """CREATE TABLE articles (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        external_id TEXT,
        url TEXT,
        title TEXT,
        outlet TEXT,
        published TEXT,
        path TEXT,
        copy_of TEXT,
        metadata TEXT NOT NULL DEFAULT '{}',
        text TEXT NOT NULL,
        added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    )""",
    """CREATE INDEX articles_external_id ON articles (external_id)""",
    """CREATE INDEX articles_copy_of ON articles (copy_of)""",
    """CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content='articles', content_rowid='seq', tokenize='unicode61 remove_diacritics 2'
    )""",
    """CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
    END""",
    """CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
    END""",
    """CREATE TRIGGER articles_fts_update AFTER UPDATE ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
        INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
    END""",
    """CREATE TABLE extractions (
        article TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
        extractor TEXT NOT NULL,
        data TEXT NOT NULL
    )""",
    # One row per figure found; ``statistic`` = 1 for aggregate figures that
    # belong to no incident (ArticleExtraction.statistics).
    """CREATE TABLE claims (
        article TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        statistic INTEGER NOT NULL DEFAULT 0,
        idx INTEGER NOT NULL,
        id TEXT NOT NULL,
        mention INTEGER NOT NULL,
        measure TEXT NOT NULL,
        "group" TEXT NOT NULL,
        low INTEGER,
        high INTEGER,
        hedge TEXT NOT NULL,
        modality TEXT NOT NULL,
        source_name TEXT,
        source_kind TEXT,
        source_via TEXT,
        span_start INTEGER NOT NULL,
        span_end INTEGER NOT NULL,
        text TEXT,
        sentence TEXT NOT NULL,
        as_of TEXT,
        outlet TEXT,
        extractor TEXT,
        PRIMARY KEY (article, statistic, idx)
    )""",
    """CREATE INDEX claims_measure_group ON claims (measure, "group")""",
    """CREATE INDEX claims_id ON claims (id)""",
    """CREATE TABLE quotes (
        article TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        mention INTEGER NOT NULL,
        text TEXT NOT NULL,
        span_start INTEGER NOT NULL,
        span_end INTEGER NOT NULL,
        cue TEXT,
        direct INTEGER NOT NULL,
        speaker_name TEXT,
        speaker_kind TEXT,
        speaker_role TEXT,
        speaker_organisation TEXT,
        speaker_resolved TEXT,
        PRIMARY KEY (article, idx)
    )""",
    """CREATE INDEX quotes_speaker ON quotes (speaker_name)""",
    """CREATE TABLE signatures (
        article TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
        minhash BLOB NOT NULL
    )""",
    """CREATE TABLE skipped (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL,
        line INTEGER,
        reason TEXT NOT NULL,
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    )""",
    # An expression index, because UNIQUE treats NULLs as distinct: a whole-file
    # input (line NULL) skipped twice must still be recorded once.
    """CREATE UNIQUE INDEX skipped_once ON skipped (path, ifnull(line, -1), reason)""",
    """CREATE TABLE incidents (
        id TEXT PRIMARY KEY,
        ord INTEGER NOT NULL,
        title TEXT NOT NULL,
        type TEXT NOT NULL,
        start TEXT,
        "end" TEXT,
        place_name TEXT,
        place_admin1 TEXT,
        place_country TEXT,
        place_lat REAL,
        place_lon REAL,
        background INTEGER NOT NULL,
        data TEXT NOT NULL,
        first_seen TEXT,
        changed_at TEXT,
        digest TEXT
    )""",
    """CREATE TABLE figures (
        incident TEXT NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
        measure TEXT NOT NULL,
        "group" TEXT NOT NULL,
        conservative INTEGER,
        consensus INTEGER,
        high INTEGER,
        latest INTEGER,
        latest_official INTEGER,
        status TEXT NOT NULL,
        sources INTEGER NOT NULL,
        changed_at TEXT,
        PRIMARY KEY (incident, measure, "group")
    )""",
    # Articles are not a foreign key here: incidents are derived data and may be
    # rebuilt from records that were never saved (tests, an API preview).
    """CREATE TABLE incident_articles (
        incident TEXT NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
        article TEXT NOT NULL,
        PRIMARY KEY (incident, article)
    )""",
    """CREATE INDEX incident_articles_article ON incident_articles (article)""",
    # Which incident figure each claim ended up in: what a correction points at.
    """CREATE TABLE incident_claims (
        incident TEXT NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
        measure TEXT NOT NULL,
        "group" TEXT NOT NULL,
        claim TEXT NOT NULL,
        article TEXT NOT NULL,
        span_start INTEGER NOT NULL,
        span_end INTEGER NOT NULL
    )""",
    """CREATE INDEX incident_claims_claim ON incident_claims (claim)""",
    """CREATE INDEX incident_claims_incident ON incident_claims (incident)""",
    # No foreign keys: a correction must outlive the incident rebuild it refers to.
    # ``incident`` is where the claim was when it was corrected; ``target`` where it belongs.
    """CREATE TABLE corrections (
        id INTEGER PRIMARY KEY,
        claim TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('wrong', 'reassign')),
        incident TEXT,
        target TEXT,
        note TEXT,
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        CHECK (action = 'wrong' OR target IS NOT NULL)
    )""",
    """CREATE INDEX corrections_claim ON corrections (claim)""",
    """CREATE TRIGGER corrections_no_update BEFORE UPDATE ON corrections BEGIN
        SELECT RAISE(ABORT, 'corrections are an audit trail: add a new correction instead of changing one');
    END""",
    """CREATE TRIGGER corrections_no_delete BEFORE DELETE ON corrections BEGIN
        SELECT RAISE(ABORT, 'corrections are an audit trail: add a new correction instead of deleting one');
    END""",
    *LINK_TABLES,
)

# --------------------------------------------------------------------------- PostgreSQL
# The same schema for ``accord.store.postgres``. Kept here, beside the SQLite one, so a change
# (and its SCHEMA_VERSION bump) is made in both dialects at once.

#: The text search configuration: ``simple`` lower-cases without stemming or stop words, like the
#: SQLite store's ``unicode61`` tokenizer, so both stores find the same articles for the same words.
TS_CONFIG = "simple"

_NOW = "to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"

#: The PostgreSQL form of ``SCHEMA``: same tables, columns and meaning, in PostgreSQL types
#: (BYTEA, identity columns, a stored ``tsvector`` for search, plpgsql triggers for the audit trail).
POSTGRES_SCHEMA: tuple[str, ...] = (
    "CREATE TABLE schema_version (version INTEGER NOT NULL)",
    f"""CREATE TABLE articles (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        external_id TEXT,
        url TEXT,
        title TEXT,
        outlet TEXT,
        published TEXT,
        path TEXT,
        copy_of TEXT,
        metadata TEXT NOT NULL DEFAULT '{{}}',
        text TEXT NOT NULL,
        added_at TEXT NOT NULL DEFAULT {_NOW},
        search tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('{TS_CONFIG}', coalesce(title, '')), 'A')
            || setweight(to_tsvector('{TS_CONFIG}', text), 'B')
        ) STORED
    )""",
    "CREATE INDEX articles_external_id ON articles (external_id)",
    "CREATE INDEX articles_copy_of ON articles (copy_of)",
    "CREATE INDEX articles_search ON articles USING GIN (search)",
    """CREATE TABLE extractions (
        article TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
        extractor TEXT NOT NULL,
        data TEXT NOT NULL
    )""",
    """CREATE TABLE claims (
        article TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        statistic INTEGER NOT NULL DEFAULT 0,
        idx INTEGER NOT NULL,
        id TEXT NOT NULL,
        mention INTEGER NOT NULL,
        measure TEXT NOT NULL,
        "group" TEXT NOT NULL,
        low BIGINT,
        high BIGINT,
        hedge TEXT NOT NULL,
        modality TEXT NOT NULL,
        source_name TEXT,
        source_kind TEXT,
        source_via TEXT,
        span_start INTEGER NOT NULL,
        span_end INTEGER NOT NULL,
        text TEXT,
        sentence TEXT NOT NULL,
        as_of TEXT,
        outlet TEXT,
        extractor TEXT,
        PRIMARY KEY (article, statistic, idx)
    )""",
    'CREATE INDEX claims_measure_group ON claims (measure, "group")',
    "CREATE INDEX claims_id ON claims (id)",
    """CREATE TABLE quotes (
        article TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        mention INTEGER NOT NULL,
        text TEXT NOT NULL,
        span_start INTEGER NOT NULL,
        span_end INTEGER NOT NULL,
        cue TEXT,
        direct INTEGER NOT NULL,
        speaker_name TEXT,
        speaker_kind TEXT,
        speaker_role TEXT,
        speaker_organisation TEXT,
        speaker_resolved TEXT,
        PRIMARY KEY (article, idx)
    )""",
    "CREATE INDEX quotes_speaker ON quotes (speaker_name)",
    """CREATE TABLE signatures (
        article TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
        minhash BYTEA NOT NULL
    )""",
    f"""CREATE TABLE skipped (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        path TEXT NOT NULL,
        line INTEGER,
        reason TEXT NOT NULL,
        created_at TEXT NOT NULL DEFAULT {_NOW}
    )""",
    "CREATE UNIQUE INDEX skipped_once ON skipped (path, coalesce(line, -1), reason)",
    """CREATE TABLE incidents (
        id TEXT PRIMARY KEY,
        ord INTEGER NOT NULL,
        title TEXT NOT NULL,
        type TEXT NOT NULL,
        start TEXT,
        "end" TEXT,
        place_name TEXT,
        place_admin1 TEXT,
        place_country TEXT,
        place_lat DOUBLE PRECISION,
        place_lon DOUBLE PRECISION,
        background INTEGER NOT NULL,
        data TEXT NOT NULL,
        first_seen TEXT,
        changed_at TEXT,
        digest TEXT
    )""",
    """CREATE TABLE figures (
        incident TEXT NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
        measure TEXT NOT NULL,
        "group" TEXT NOT NULL,
        conservative BIGINT,
        consensus BIGINT,
        high BIGINT,
        latest BIGINT,
        latest_official BIGINT,
        status TEXT NOT NULL,
        sources INTEGER NOT NULL,
        changed_at TEXT,
        PRIMARY KEY (incident, measure, "group")
    )""",
    """CREATE TABLE incident_articles (
        incident TEXT NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
        article TEXT NOT NULL,
        PRIMARY KEY (incident, article)
    )""",
    "CREATE INDEX incident_articles_article ON incident_articles (article)",
    """CREATE TABLE incident_claims (
        incident TEXT NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
        measure TEXT NOT NULL,
        "group" TEXT NOT NULL,
        claim TEXT NOT NULL,
        article TEXT NOT NULL,
        span_start INTEGER NOT NULL,
        span_end INTEGER NOT NULL
    )""",
    "CREATE INDEX incident_claims_claim ON incident_claims (claim)",
    "CREATE INDEX incident_claims_incident ON incident_claims (incident)",
    f"""CREATE TABLE corrections (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        claim TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('wrong', 'reassign')),
        incident TEXT,
        target TEXT,
        note TEXT,
        created_at TEXT NOT NULL DEFAULT {_NOW},
        CHECK (action = 'wrong' OR target IS NOT NULL)
    )""",
    "CREATE INDEX corrections_claim ON corrections (claim)",
    """CREATE FUNCTION corrections_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'corrections are an audit trail: add a new correction instead of changing or deleting one';
    END
    $$""",
    # Row triggers for UPDATE and DELETE, and a statement trigger for TRUNCATE (which skips row triggers).
    """CREATE TRIGGER corrections_no_change BEFORE UPDATE OR DELETE ON corrections
        FOR EACH ROW EXECUTE FUNCTION corrections_refuse_change()""",
    """CREATE TRIGGER corrections_no_truncate BEFORE TRUNCATE ON corrections
        FOR EACH STATEMENT EXECUTE FUNCTION corrections_refuse_change()""",
    *LINK_TABLES,
)

#: version -> PostgreSQL statements that bring a store of ``version - 1`` up to ``version``: one entry
#: for every entry of ``MIGRATIONS`` (checked below and by the tests).
POSTGRES_MIGRATIONS: dict[int, tuple[str, ...]] = {2: (*CHANGE_COLUMNS, *LINK_TABLES)}

if set(POSTGRES_MIGRATIONS) != set(MIGRATIONS):  # pragma: no cover - a schema change made in one dialect only
    raise AssertionError("every schema migration needs its SQLite and its PostgreSQL statements")
