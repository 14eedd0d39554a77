"""A page of incidents picked and sorted by the database: what the web UI's list asks a store for.

Filtering in SQL on the incident columns (type, dates, place, background) and the article titles
means a list page reads the JSON of the incidents it shows and no other: a store of a year of news
(tens of thousands of incidents) serves a page in the time it takes to read fifty records, and the
server's memory does not grow with the store.

Both stores run the same statement; :func:`incident_page_sql` is given what differs between them
(the parameter marker, a Unicode-aware lower-casing function, the perpetrators' JSON text and a
collation).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: How ``IncidentQuery.sort`` names map to SQL; ties keep the store's canonical order (``ord``).
SORT_KEYS: dict[str, str] = {
    "start": "coalesce(i.start, '')",
    "title": "{lower}(i.title)",
    "type": "i.type",
    "articles": "(SELECT count(*) FROM incident_articles ia WHERE ia.incident = i.id)",
}


@dataclass
class IncidentQuery:
    """Which incidents, in what order, and which page of them."""

    type: str | None = None
    countries: tuple[str, ...] = ()  # lower-cased ISO 3166 alpha-2 codes: any of them
    since: str | None = None  # ISO date: incidents ending (or, undated end, starting) on or after
    until: str | None = None  # ISO date: incidents starting on or before
    background: bool | None = None
    changed_since: str | None = None  # ISO time: incidents new or changed after it (their changed_at)
    # Every word must be found (case-insensitively, inside words too) in the title, the place, the
    # perpetrators or the title of one of the incident's articles.
    words: tuple[str, ...] = field(default_factory=tuple)
    sort: str = "start"  # a key of SORT_KEYS; a leading "-" sorts descending
    offset: int = 0
    limit: int = 50


def _like(word: str) -> str:
    """A LIKE pattern finding ``word`` anywhere, its own ``%``, ``_`` and ``\\`` taken literally."""
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _conditions(query: IncidentQuery, *, param: str, lower: str, perpetrators: str) -> tuple[str, list[Any]]:
    """The WHERE clause (or '') of the query's filters on incident ``i``, and its parameters."""
    where: list[str] = []
    params: list[Any] = []
    if query.type:
        where.append(f"i.type = {param}")
        params.append(query.type)
    if query.countries:
        where.append(f"{lower}(coalesce(i.place_country, '')) IN ({', '.join([param] * len(query.countries))})")
        params.extend(query.countries)
    if query.changed_since:
        where.append(f"coalesce(i.changed_at, '') > {param}")
        params.append(query.changed_since)
    if query.since:
        where.append(f"coalesce(i.\"end\", i.start, '') >= {param}")
        params.append(query.since)
    if query.until:
        where.append(f"coalesce(i.start, '9999') <= {param}")
        params.append(query.until)
    if query.background is not None:
        where.append(f"i.background = {param}")
        params.append(int(query.background))
    fields = ["i.title", "i.place_name", "i.place_admin1", "i.place_country", perpetrators]
    for word in query.words:
        pattern = _like(word.lower())
        found_in = [f"{lower}(coalesce({column}, '')) LIKE {param} ESCAPE '\\'" for column in fields]
        found_in.append("EXISTS (SELECT 1 FROM incident_articles ia JOIN articles a ON a.id = ia.article "
                        f"WHERE ia.incident = i.id AND {lower}(coalesce(a.title, '')) LIKE {param} ESCAPE '\\')")
        where.append("(" + " OR ".join(found_in) + ")")
        params.extend([pattern] * len(found_in))
    return (" WHERE " + " AND ".join(where)) if where else "", params


def incident_page_sql(query: IncidentQuery, *, param: str, lower: str, perpetrators: str,
                      collate: str = "") -> tuple[str, str, list[Any]]:
    """The SELECT of the page's ``data`` column, the SELECT of the total count, and their parameters
    (the page's LIMIT and OFFSET are the last two; the count takes the others).

    ``param``: the parameter marker (``?``, ``%s``); ``lower``: a lower-casing SQL function that
    knows Unicode; ``perpetrators``: an expression of the perpetrators' JSON text of incident ``i``;
    ``collate``: a collation clause giving byte (code point) order for text, where not the default.
    """
    condition, params = _conditions(query, param=param, lower=lower, perpetrators=perpetrators)
    key = SORT_KEYS.get(query.sort.lstrip("-"), SORT_KEYS["start"]).format(lower=lower)
    if collate and query.sort.lstrip("-") in ("start", "title", "type"):
        key += f" {collate}"
    direction = "DESC" if query.sort.startswith("-") else "ASC"
    page = (f"SELECT i.data FROM incidents i{condition} ORDER BY {key} {direction}, i.ord "
            f"LIMIT {param} OFFSET {param}")
    count = f"SELECT count(*) AS n FROM incidents i{condition}"
    return page, count, [*params, max(0, query.limit), max(0, query.offset)]


#: The measures whose lowest credible count a map reads of each incident.
POINT_MEASURES = ("killed", "injured")


def point_columns(total: str) -> str:
    """What a map needs of an incident, besides its place: its lowest credible counts of the killed and
    of the injured. That is the conservative figure of the incident's total (everybody across groups),
    where it has one, else the largest conservative figure among its groups (parts of one toll).
    ``total``: the SQL of the total's conservative figure of incident ``i``, ``{measure}`` standing for
    the measure's name."""
    counts = [
        f"coalesce({total.replace('{measure}', measure)}, (SELECT max(f.conservative) FROM figures f "
        f"WHERE f.incident = i.id AND f.measure = '{measure}')) AS {measure}" for measure in POINT_MEASURES]
    return "i.id, i.title, i.type, i.place_country, i.place_lat, i.place_lon, i.background, " + ", ".join(counts)


def incident_points_sql(query: IncidentQuery, *, param: str, lower: str, perpetrators: str, total: str,
                        collate: str = "") -> tuple[str, list[Any]]:
    """The SELECT of the map columns (:func:`point_columns`) of the incidents that pass the query's
    filters and have coordinates, newest first, at most ``query.limit`` of them (its offset and sort are
    not used), and its parameters."""
    condition, params = _conditions(query, param=param, lower=lower, perpetrators=perpetrators)
    located = "i.place_lat IS NOT NULL AND i.place_lon IS NOT NULL"
    condition = f"{condition} AND {located}" if condition else f" WHERE {located}"
    sql = (f"SELECT {point_columns(total)} FROM incidents i{condition} "
           f"ORDER BY coalesce(i.start, ''){f' {collate}' if collate else ''} DESC, i.ord LIMIT {param}")
    return sql, [*params, max(0, query.limit)]


__all__ = ["POINT_MEASURES", "SORT_KEYS", "IncidentQuery", "incident_page_sql", "incident_points_sql", "point_columns"]
