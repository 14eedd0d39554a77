"""The report written again for what changed: a run's cost follows what changed, not the store's size.

``update_report(out, order, load)`` writes the report of the incidents ``order`` lists ((id, digest), in
the store's order), rendering only those whose digest changed since the report already in ``out``
(``load(ids)`` reads them from the store, ``LOAD_PAGE`` at a time):

* ``incidents.json``, ``claims.csv`` and ``incidents.geojson`` stay whole files (``incidents.json`` is
  one complete list: the JSON contract). Each is written beside itself, the unchanged incidents' pieces
  copied from the old file by the kernel (:mod:`accord.report.splice`: nothing is parsed or rendered
  again), and renamed over it: a reader sees the old file or the new one, never half of one. When no
  incident changed, they are not written at all.
* ``report.html`` is one page up to ``pages.SINGLE_PAGE_LIMIT`` incidents (byte for byte what
  ``write_report`` writes) and above it a first page and a page per month of incidents
  (:mod:`accord.report.pages`): a run writes again only the months whose incidents changed, and the
  first page (a line per month).

``.accord-report/`` says where everything is: ``index.json`` (each incident's digest, month and places
in the three data files; each page's size and time and summary), ``pages/KEY.json`` (each page's
incidents: contents line, counts, where the block is) and ``basemaps/`` (each map view's basemap, which
the pages copy). A data file whose size or time does not match (changed by hand, written by an older
accord, a crash between two renames) makes the whole report be written again from the store; a page that
does not match is written again alone. The index is written last.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import orjson

from accord.report.claims_csv import COLUMNS, incident_claim_rows
from accord.report.contract import incident_to_json
from accord.report.geojson import collection_properties, incident_feature
from accord.report.html import incident_block, toc_entry, toc_line
from accord.report.json_stream import array_item, indented, nested
from accord.report.pages import (
    HTML_FILE,
    PAGES_DIR,
    SINGLE_PAGE,
    SINGLE_PAGE_LIMIT,
    month_of,
    page_of,
    page_path,
    write_front,
    write_page,
)
from accord.report.splice import SplicedFile

INDEX_DIR = ".accord-report"
INDEX_VERSION = 3
#: The single index file of reports written before the report was paged; removed when one is written.
OLD_INDEX_FILE = ".accord-report-index.json"

#: Incidents read from the store per query when rendering the changed ones.
LOAD_PAGE = 200

JSON_FILE, CSV_FILE, GEOJSON_FILE = "incidents.json", "claims.csv", "incidents.geojson"
DATA_FILES = (JSON_FILE, CSV_FILE, GEOJSON_FILE)
FILES = (*DATA_FILES, HTML_FILE)

Load = Callable[[Sequence[str]], Mapping[str, Mapping[str, Any]]]


@dataclass
class Piece:
    """One incident's parts of the report, and what the pages' contents and summaries need of it."""

    digest: str
    json: bytes
    csv: bytes
    feature: bytes | None
    block: bytes
    basemap: tuple[str, bytes] | None
    meta: dict[str, Any] = field(default_factory=dict)


def render_piece(data: Mapping[str, Any], digest: str) -> Piece:
    """Render one stored incident's pieces."""
    contract = incident_to_json(data)
    rows = io.StringIO(newline="")
    csv.DictWriter(rows, fieldnames=COLUMNS).writerows(incident_claim_rows(contract))
    feature = incident_feature(contract)
    view, block, basemap = incident_block(data)
    toc = toc_entry(view)
    meta = {"digest": digest, "month": month_of(data), "toc": toc,
            "toc_html": toc_line(toc) if not toc["background"] else "", "articles": [a["id"] for a in view["articles"]],
            "claims": view["claims"], "disputed": view["disputed"], "basemap": basemap[0] if basemap else None}
    return Piece(digest, array_item(contract, 1, True).encode(), rows.getvalue().encode(),
                 array_item(feature, 2, True).encode() if feature is not None else None, block, basemap, meta)


def _stat(path: Path) -> list[int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return [stat.st_size, stat.st_mtime_ns]


def _write_json(path: Path, data: object) -> list[int]:
    partial = path.with_name(path.name + ".partial")
    partial.write_bytes(orjson.dumps(data))
    os.replace(partial, path)
    stat = path.stat()
    return [stat.st_size, stat.st_mtime_ns]


def _load_index(out: Path) -> dict[str, Any]:
    """The index of the report in ``out``, or an empty one when a data file does not match it."""
    try:
        index = orjson.loads((out / INDEX_DIR / "index.json").read_bytes())
        if index.get("version") != INDEX_VERSION:
            return {}
        if any(_stat(out / name) != index["files"][name] for name in DATA_FILES):
            return {}
        return dict(index)
    except (OSError, ValueError, KeyError, TypeError):
        return {}


class Basemaps:
    """Each map view's basemap symbol, a file per view in ``.accord-report/basemaps/``: a page copies
    those its maps draw, whichever incident brought them."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.known = {path.name for path in folder.iterdir()}

    def _name(self, key: str) -> str:
        return hashlib.sha1(key.encode()).hexdigest()[:20] + ".svg"

    def has(self, key: str) -> bool:
        return self._name(key) in self.known

    def save(self, key: str, symbol: bytes) -> None:
        name = self._name(key)
        if name not in self.known:
            (self.folder / (name + ".partial")).write_bytes(symbol)
            os.replace(self.folder / (name + ".partial"), self.folder / name)
            self.known.add(name)

    def read(self, keys: set[str]) -> dict[str, bytes]:
        return {key: (self.folder / self._name(key)).read_bytes() for key in keys}


class Rendered:
    """The incidents rendered in this run: their metas, and their blocks parked in ``spool``."""

    def __init__(self, spool: BinaryIO, basemaps: Basemaps) -> None:
        self.spool = spool
        self.basemaps = basemaps
        self.meta: dict[str, dict[str, Any]] = {}
        self.at: dict[str, tuple[int, int]] = {}

    def add(self, incident: str, piece: Piece) -> None:
        offset = self.spool.seek(0, io.SEEK_END)
        self.spool.write(piece.block)
        self.spool.flush()  # the pages copy from its file, not from this object's buffer
        self.at[incident] = (offset, len(piece.block))
        self.meta[incident] = piece.meta
        if piece.basemap is not None:
            self.basemaps.save(*piece.basemap)


def rendered_in_order(ids: Sequence[str], digests: Mapping[str, str], load: Load) -> Iterator[tuple[str, Piece]]:
    """The pieces of ``ids``, in their order, read from the store ``LOAD_PAGE`` at a time."""
    for start in range(0, len(ids), LOAD_PAGE):
        chunk = ids[start:start + LOAD_PAGE]
        found = load(chunk)
        for incident in chunk:
            yield incident, render_piece(found[incident], digests[incident])


def update_report(out: Path, order: Sequence[tuple[str, str]], load: Load, *, skipped: Sequence[str] = (),
                  title: str = "accord report", articles: int | None = None) -> tuple[dict[str, Path], int]:
    """Write the report of the incidents ``order`` lists ((id, digest), in the store's order) into ``out``,
    rendering only those whose digest changed (``load(ids)`` reads them). ``articles``: how many articles
    the incidents cite (the store knows; counted from the pages when not given). Returns the files and how
    many incidents were rendered."""
    out.mkdir(parents=True, exist_ok=True)
    folder = out / INDEX_DIR
    (folder / "pages").mkdir(parents=True, exist_ok=True)
    index = _load_index(out)
    old: dict[str, list[Any]] = index.get("incidents", {})
    old_paged = bool(index.get("paged"))
    old_pages: dict[str, dict[str, Any]] = index.get("pages", {})
    dirty = {key for key, page in old_pages.items()
             if _stat(page_path(out, key)) != page["stat"] or _stat(folder / "pages" / f"{key}.json") != page["index"]}
    paged = len(order) > SINGLE_PAGE_LIMIT
    # the data files take the incidents whose data changed; a page found changed is rendered again alone
    changed = [i for i, digest in order if i not in old or old[i][0] != digest]
    with tempfile.TemporaryFile(dir=folder) as spool:
        rendered = Rendered(spool, Basemaps(folder / "basemaps"))
        if index and not changed and list(old) == [i for i, _ in order]:  # the data files stand as they are
            incidents, files = old, index["files"]
        else:
            incidents, files = _write_data(out, old, order, changed, load, rendered)
        members: dict[str, list[str]] = {SINGLE_PAGE: []} if not paged else {}
        for incident, _ in order:
            members.setdefault(page_of(incidents[incident][1], paged), []).append(incident)
        pages = _write_pages(out, members, old, old_paged, old_pages, dirty, rendered, load, dict(order),
                             skipped=skipped, title=title)
        if paged:
            count = articles if articles is not None else _count_articles(folder, pages)
            write_front(out, {key: page["summary"] for key, page in pages.items()}, articles=count,
                        skipped=skipped, title=title)
    _write_json(folder / "index.json", {"version": INDEX_VERSION, "paged": paged, "files": files,
                                        "incidents": incidents, "pages": pages})
    for key in old_pages.keys() - pages.keys():  # months no incident is in any more
        if key != SINGLE_PAGE:
            page_path(out, key).unlink(missing_ok=True)
        (folder / "pages" / f"{key}.json").unlink(missing_ok=True)
    (out / OLD_INDEX_FILE).unlink(missing_ok=True)
    if not paged and (out / PAGES_DIR).is_dir() and not any((out / PAGES_DIR).iterdir()):
        (out / PAGES_DIR).rmdir()
    return {name: out / name for name in FILES}, len(rendered.meta)


def _write_data(out: Path, old: Mapping[str, list[Any]], order: Sequence[tuple[str, str]], changed: Sequence[str],
                load: Load, rendered: Rendered) -> tuple[dict[str, list[Any]], dict[str, list[int] | None]]:
    """incidents.json, claims.csv and incidents.geojson, as report.write_report lays them out, the changed
    incidents rendered (into ``rendered``) and the others copied. Returns each incident's entry of the index
    (digest, month, and offset and length in each file: -1, 0 for no GeoJSON feature) and the files' stats."""
    handles = {name: (out / name).open("rb") if old else None for name in DATA_FILES}
    writers = {name: SplicedFile(out / name) for name in DATA_FILES}
    try:
        json_out, csv_out, geo_out = writers[JSON_FILE], writers[CSV_FILE], writers[GEOJSON_FILE]
        json_out.write(b"[")
        header = io.StringIO(newline="")
        csv.DictWriter(header, fieldnames=COLUMNS).writeheader()
        csv_out.write(header.getvalue().encode())
        geo_out.write(b'{\n  "type": "FeatureCollection",\n  "features": [')
        pieces = rendered_in_order(changed, dict(order), load)
        upcoming = next(pieces, None)
        incidents: dict[str, list[Any]] = {}
        mapped = 0
        for n, (incident, digest) in enumerate(order):
            piece = None
            if upcoming is not None and upcoming[0] == incident:
                piece = upcoming[1]
                rendered.add(incident, piece)
                upcoming = next(pieces, None)
            entry = old.get(incident) if piece is None else None
            if n:
                json_out.separate(b",")
            at = [*_put(json_out, handles[JSON_FILE], piece.json if piece else None, entry, 2),
                  *_put(csv_out, handles[CSV_FILE], piece.csv if piece else None, entry, 4)]
            if (piece.feature is not None) if piece else entry is not None and entry[6] >= 0:
                if mapped:
                    geo_out.separate(b",")
                at += _put(geo_out, handles[GEOJSON_FILE], piece.feature if piece else None, entry, 6)
                mapped += 1
            else:
                at += [-1, 0]
            incidents[incident] = [digest, piece.meta["month"] if piece else entry[1], *at]  # type: ignore[index]
        json_out.write(b"\n]\n" if order else b"]\n")
        properties = nested(indented(collection_properties(len(order), mapped)), 1).lstrip()
        geo_out.write((("\n  ]" if mapped else "]") + f',\n  "properties": {properties}\n}}\n').encode())
        stats = {name: writer.commit() for name, writer in writers.items()}
    except BaseException:
        for writer in writers.values():
            writer.abandon()
        raise
    finally:
        for handle in handles.values():
            if handle is not None:
                handle.close()
    return incidents, {name: [stat.st_size, stat.st_mtime_ns] for name, stat in stats.items()}


def _put(writer: SplicedFile, old: BinaryIO | None, fresh: bytes | None, entry: Sequence[Any] | None,
         at: int) -> tuple[int, int]:
    """Write a fresh piece, or copy the piece ``entry`` places at ``entry[at]`` in the old file."""
    if fresh is not None:
        return writer.write(fresh)
    assert old is not None and entry is not None
    return writer.copy(old, entry[at], entry[at + 1])


def _write_pages(out: Path, members: Mapping[str, list[str]], old: Mapping[str, list[Any]], old_paged: bool,
                 old_pages: Mapping[str, dict[str, Any]], dirty: set[str], rendered: Rendered, load: Load,
                 digests: Mapping[str, str], *, skipped: Sequence[str], title: str) -> dict[str, dict[str, Any]]:
    """Write the pages whose incidents changed (every page that is new, or lost or gained an incident,
    or was found changed; a single page always); returns every page's entry of the index."""
    folder = out / INDEX_DIR
    old_members: dict[str, set[str]] = {}
    for incident, entry in old.items():
        old_members.setdefault(page_of(entry[1], old_paged), set()).add(incident)
    writing = [key for key, ids in members.items()
               if key == SINGLE_PAGE or key in dirty or key not in old_pages or set(ids) != old_members.get(key)
               or any(i in rendered.meta for i in ids)]
    # what the pages to write copy from the old ones: opened before any page is replaced
    sources = {page_of(old[i][1], old_paged) for key in writing for i in members[key] if i not in rendered.meta}
    indexes = {key: _read_page_index(folder, key) if key not in dirty else None for key in sources}
    handles = {key: page_path(out, key).open("rb") for key in sources if indexes[key] is not None}
    try:
        lost = [i for key in writing for i in members[key] if i not in rendered.meta and not _kept(
            indexes.get(page_of(old[i][1], old_paged)), i, rendered.basemaps)]
        for incident, piece in rendered_in_order(lost, digests, load):  # their page or basemap was lost
            rendered.add(incident, piece)
        pages = {key: dict(old_pages[key]) for key in members if key not in writing}
        for key in writing:
            ids = members[key]
            metas: dict[str, Mapping[str, Any]] = {}
            blocks: dict[str, tuple[BinaryIO, Sequence[int]]] = {}
            for i in ids:
                if i in rendered.meta:
                    metas[i], blocks[i] = rendered.meta[i], (rendered.spool, rendered.at[i])
                else:
                    source = page_of(old[i][1], old_paged)
                    page_index = indexes[source]
                    assert page_index is not None
                    metas[i], blocks[i] = page_index["meta"][i], (handles[source], page_index["at"][i])
            drawn = {meta["basemap"] for meta in metas.values() if meta["basemap"] is not None}
            stat, page_index, summary = write_page(out, key, ids, metas, blocks, rendered.basemaps.read(drawn),
                                                   skipped=skipped, title=title)
            pages[key] = {"stat": [stat.st_size, stat.st_mtime_ns], "summary": summary,
                          "index": _write_json(folder / "pages" / f"{key}.json", page_index)}
    finally:
        for handle in handles.values():
            handle.close()
    return pages


def _read_page_index(folder: Path, key: str) -> dict[str, Any] | None:
    try:
        return dict(orjson.loads((folder / "pages" / f"{key}.json").read_bytes()))
    except (OSError, ValueError, TypeError):
        return None


def _kept(page_index: Mapping[str, Any] | None, incident: str, basemaps: Basemaps) -> bool:
    """Whether an unchanged incident's block and meta are in its old page, and its basemap on file."""
    if page_index is None or incident not in page_index["meta"] or incident not in page_index["at"]:
        return False
    basemap = page_index["meta"][incident]["basemap"]
    return basemap is None or basemaps.has(basemap)


def _count_articles(folder: Path, pages: Mapping[str, Any]) -> int:
    """How many articles the incidents of every page cite (each once), from the pages' indexes."""
    found: set[str] = set()
    for key in pages:
        page_index = _read_page_index(folder, key) or {"meta": {}}
        for meta in page_index["meta"].values():
            found.update(meta["articles"])
    return len(found)
