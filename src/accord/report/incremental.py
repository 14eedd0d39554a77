"""The report written again for what changed: each incident's pieces are rendered once, then copied.

``update_report(out, order, load)`` writes the same four files as ``write_report``, byte for byte, but
renders only the incidents whose stored data changed since the last report in ``out``: the others'
pieces (their JSON object, claim rows, GeoJSON feature and HTML block) are copied from the files as
they stand, by ``os.copy_file_range`` (the kernel copies, or shares, the bytes: nothing is parsed or
rendered again). ``INDEX_FILE`` beside them says where each piece is and what each file's size and time
were; a file that does not match (changed by hand, written by an older accord, a crash between the
files and the index) is written whole from the store.

Every file is written beside itself and renamed over it at the end, the index last: a reader sees the
previous report or the new one, never half of one. The page's contents list and summary cover every
incident, from what the index keeps of each (a line of contents, its counts), so they are rendered
again each time: small next to the incidents' blocks.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import orjson

from accord.report.claims_csv import COLUMNS, incident_claim_rows
from accord.report.contract import incident_to_json
from accord.report.geojson import collection_properties, incident_feature
from accord.report.html import incident_block, page_parts, toc_entry, toc_line
from accord.report.json_stream import array_item, indented, nested

INDEX_FILE = ".accord-report-index.json"
INDEX_VERSION = 2

#: Incidents read from the store per query when rendering the changed ones.
LOAD_PAGE = 200

JSON_FILE, CSV_FILE, GEOJSON_FILE, HTML_FILE = "incidents.json", "claims.csv", "incidents.geojson", "report.html"
FILES = (JSON_FILE, CSV_FILE, GEOJSON_FILE, HTML_FILE)


@dataclass
class Piece:
    """One incident's parts of the report, and what the page's contents and summary need of it."""

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
    meta = {"digest": digest, "toc": toc, "toc_html": toc_line(toc) if not toc["background"] else "", "articles": [a["id"] for a in view["articles"]],
            "claims": view["claims"], "disputed": view["disputed"], "basemap": basemap[0] if basemap else None}
    return Piece(digest, array_item(contract, 1, True).encode(), rows.getvalue().encode(),
                 array_item(feature, 2, True).encode() if feature is not None else None, block, basemap, meta)


class _Writer:
    """A file written from new bytes and ranges of the old file, through ``NAME.partial``."""

    def __init__(self, path: Path, old: BinaryIO | None) -> None:
        self.path = path
        self.partial = path.with_name(path.name + ".partial")
        self.out = self.partial.open("wb")
        self.old = old
        self.pending: tuple[int, int] | None = None  # a run of old bytes not copied yet
        self.separator = b""  # written before the next piece, or copied with it when the old file has it there
        self.size = 0

    def write(self, data: bytes) -> tuple[int, int]:
        self._flush()
        self.out.write(self.separator + data)
        self.size += len(self.separator) + len(data)
        self.separator = b""
        return self.size - len(data), len(data)

    def separate(self, separator: bytes) -> None:
        """Put ``separator`` before the next piece (the old file, written alike, has it between two pieces)."""
        self.separator = separator

    def copy(self, offset: int, length: int) -> tuple[int, int]:
        gap = len(self.separator)
        if self.pending and self.pending[0] + self.pending[1] + gap == offset:
            self.pending = (self.pending[0], self.pending[1] + gap + length)
        else:
            self._flush()
            if gap:
                self.out.write(self.separator)
            self.pending = (offset, length)
        self.separator = b""
        self.size += gap + length
        return self.size - length, length

    def _flush(self) -> None:
        if not self.pending or self.old is None:
            return
        offset, length = self.pending
        self.pending = None
        self.out.flush()
        copied = 0
        try:
            while copied < length:
                done = os.copy_file_range(self.old.fileno(), self.out.fileno(), length - copied,
                                          offset + copied, None)
                if done == 0:
                    break
                copied += done
        except (AttributeError, OSError):  # no copy_file_range here (macOS, Windows, some file systems)
            pass
        if copied < length:
            self.old.seek(offset + copied)
            self.out.seek(0, io.SEEK_END)
            self.out.write(self.old.read(length - copied))

    def close(self) -> None:
        self._flush()
        self.out.close()


def _load_index(out: Path) -> dict[str, Any]:
    """The index of the report in ``out``, or an empty one when any file does not match it."""
    try:
        index = orjson.loads((out / INDEX_FILE).read_bytes())
        if index.get("version") != INDEX_VERSION:
            return {}
        for name in FILES:
            stat = (out / name).stat()
            if [stat.st_size, stat.st_mtime_ns] != index["files"][name]["stat"]:
                return {}
        return dict(index)
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def update_report(out: Path, order: Sequence[tuple[str, str]],
                  load: Callable[[Sequence[str]], Mapping[str, Mapping[str, Any]]], *,
                  skipped: Sequence[str] = (), title: str = "accord report") -> tuple[dict[str, Path], int]:
    """Write the report of the incidents ``order`` lists ((id, digest), in the store's order) into ``out``,
    rendering only those whose digest changed (``load(ids)`` reads them). Returns the files and how many
    incidents were rendered."""
    out.mkdir(parents=True, exist_ok=True)
    index = _load_index(out)
    meta: dict[str, dict[str, Any]] = index.get("meta", {})
    places: dict[str, dict[str, list[int]]] = {name: index.get("files", {}).get(name, {}).get("at", {})
                                               for name in FILES}
    changed = [incident for incident, digest in order if meta.get(incident, {}).get("digest") != digest]
    pieces = dict(_render(changed, dict(order), load))
    olds = {name: (out / name).open("rb") if name in index.get("files", {}) else None for name in FILES}
    try:
        writers = {name: _Writer(out / name, olds[name]) for name in FILES}
        new_meta = {incident: pieces[incident].meta if incident in pieces else meta[incident] for incident, _ in order}
        at = _write_lists(writers, order, pieces, places)
        at[HTML_FILE] = _write_html(writers[HTML_FILE], order, pieces, places[HTML_FILE], new_meta,
                                    list(skipped), title)
        for writer in writers.values():
            writer.close()
    finally:
        for handle in olds.values():
            if handle is not None:
                handle.close()
    files: dict[str, Any] = {}
    for name, writer in writers.items():
        os.replace(writer.partial, writer.path)
        stat = writer.path.stat()
        files[name] = {"stat": [stat.st_size, stat.st_mtime_ns], "at": at[name]}
    partial = out / (INDEX_FILE + ".partial")
    partial.write_bytes(orjson.dumps({"version": INDEX_VERSION, "files": files, "meta": new_meta}))
    os.replace(partial, out / INDEX_FILE)
    return {name: out / name for name in FILES}, len(pieces)


def _render(ids: Sequence[str], digests: Mapping[str, str],
            load: Callable[[Sequence[str]], Mapping[str, Mapping[str, Any]]]) -> Iterator[tuple[str, Piece]]:
    for start in range(0, len(ids), LOAD_PAGE):
        chunk = ids[start:start + LOAD_PAGE]
        found = load(chunk)
        for incident in chunk:
            yield incident, render_piece(found[incident], digests[incident])


def _piece(writer: _Writer, fresh: bytes | None, old: list[int] | None) -> tuple[int, int]:
    if fresh is not None:
        return writer.write(fresh)
    assert old is not None
    return writer.copy(old[0], old[1])


def _write_lists(writers: Mapping[str, _Writer], order: Sequence[tuple[str, str]], pieces: Mapping[str, Piece],
                 places: Mapping[str, Mapping[str, list[int]]]) -> dict[str, dict[str, tuple[int, int]]]:
    """incidents.json, claims.csv and incidents.geojson, as report.write_report lays them out."""
    at: dict[str, dict[str, tuple[int, int]]] = {JSON_FILE: {}, CSV_FILE: {}, GEOJSON_FILE: {}}
    json_out, csv_out, geo_out = writers[JSON_FILE], writers[CSV_FILE], writers[GEOJSON_FILE]
    json_out.write(b"[")
    header = io.StringIO(newline="")
    csv.DictWriter(header, fieldnames=COLUMNS).writeheader()
    csv_out.write(header.getvalue().encode())
    geo_out.write(b'{\n  "type": "FeatureCollection",\n  "features": [')
    mapped = 0
    for n, (incident, _) in enumerate(order):
        piece = pieces.get(incident)
        if n:
            json_out.separate(b",")
        at[JSON_FILE][incident] = _piece(json_out, piece.json if piece else None, places[JSON_FILE].get(incident))
        at[CSV_FILE][incident] = _piece(csv_out, piece.csv if piece else None, places[CSV_FILE].get(incident))
        has_feature = piece.feature is not None if piece else incident in places[GEOJSON_FILE]
        if has_feature:
            if mapped:
                geo_out.separate(b",")
            at[GEOJSON_FILE][incident] = _piece(geo_out, piece.feature if piece else None,
                                                places[GEOJSON_FILE].get(incident))
            mapped += 1
    json_out.write(b"\n]\n" if order else b"]\n")
    properties = nested(indented(collection_properties(len(order), mapped)), 1).lstrip()
    geo_out.write((("\n  ]" if mapped else "]") + f',\n  "properties": {properties}\n}}\n').encode())
    return at


def _write_html(writer: _Writer, order: Sequence[tuple[str, str]], pieces: Mapping[str, Piece],
                places: Mapping[str, list[int]], meta: Mapping[str, dict[str, Any]], skipped: list[str],
                title: str) -> dict[str, tuple[int, int]]:
    """report.html: the page rendered around the blocks, copied or new, and the basemaps after them."""
    entries = sorted((meta[incident]["toc"] for incident, _ in order), key=lambda entry: _order(entry["order"]))
    # the contents lines as rendered (escaped) when their incident was: the page marks them safe
    main = [{**e, "toc_html": meta[e["id"]]["toc_html"]} for e in entries if not e["background"]]
    background = [e for e in entries if e["background"]]
    articles = {a for incident, _ in order for a in meta[incident]["articles"]}
    head, middle, tail, end = page_parts(
        main, background, articles=len(articles), claims=sum(meta[i]["claims"] for i, _ in order),
        disputed=sum(meta[e["id"]]["disputed"] for e in main), skipped=skipped, title=title)
    at: dict[str, tuple[int, int]] = {}
    writer.write(head.encode())
    for part, entries_of in ((middle, main), (tail, background)):
        for entry in entries_of:
            piece = pieces.get(entry["id"])
            at[entry["id"]] = _piece(writer, piece.block if piece else None, places.get(entry["id"]))
        writer.write(part.encode())
    for incident, _ in order:  # the basemaps, each once, in the incidents' order
        key = meta[incident]["basemap"]
        if key is None or "basemap:" + key in at:
            continue
        piece = pieces.get(incident)
        fresh = piece.basemap[1] if piece and piece.basemap else None
        old = places.get("basemap:" + key)
        if fresh is None and old is None:
            continue
        at["basemap:" + key] = _piece(writer, fresh if old is None else None, old)
    writer.write(end.encode())
    return at


def _order(value: Any) -> tuple[Any, ...]:
    """A contents entry's sort key, as JSON gave it back (lists for tuples)."""
    return tuple(value) if isinstance(value, list) else value
