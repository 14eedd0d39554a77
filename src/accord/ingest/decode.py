"""Bytes to text: byte-order marks, UTF-8, Windows-1252 and other legacy encodings.

A file is refused as binary from its magic number, NUL bytes or control
characters; otherwise it is decoded with the first of these that is sound:
the encoding its byte-order mark names, strict UTF-8, UTF-8 with a few damaged
bytes, Windows-1252 for Latin-script text, and charset-normalizer's best guess.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from accord.errors import EmptyInput, UnsupportedInput
from accord.ingest.limits import MAX_CONTROL_CHAR_SHARE, MAX_NON_ASCII_SHARE_FOR_CP1252, SNIFF_BYTES

# Longest first: the UTF-32 LE mark begins with the UTF-16 LE mark.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Magic numbers of the binary formats most often found in a folder of downloads.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF"),
    (b"PK\x03\x04", "ZIP archive or office document"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"\xd0\xcf\x11\xe0", "legacy office document"),
    (b"\x7fELF", "executable"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"7z\xbc\xaf", "7-Zip archive"),
    (b"Rar!", "RAR archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"RIFF", "audio or video file"),
    (b"OggS", "audio file"),
    (b"ID3", "MP3 audio"),
    (b"\x00\x00\x00\x18ftyp", "video file"),
    (b"\x00\x00\x00\x20ftyp", "video file"),
)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")

# <meta charset="..."> or the http-equiv form, in the first bytes of an HTML page.
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # the codec used, as Python names it
    damaged: bool = False  # UTF-8 with invalid bytes replaced by U+FFFD


def decode_bytes(data: bytes, *, declared: str | None = None) -> Decoded:
    """Decode a file's bytes; raise ``UnsupportedInput`` for binary or undecodable data.

    ``declared`` is the encoding the file names for itself (an HTML page's meta
    charset); it is used when the bytes are not valid UTF-8 and it decodes them.
    """
    if not data.strip():
        raise EmptyInput("empty file")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(Decoded(data.decode(codec), codec))
            except UnicodeDecodeError as e:
                raise UnsupportedInput(f"invalid {codec.upper()} text after its byte-order mark ({e.reason})") from e
    head = data[:SNIFF_BYTES]
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            raise UnsupportedInput(f"binary file ({kind}), not text")
    if b"\x00" in head:
        return _checked(_utf16_without_bom(data))
    try:
        return _checked(Decoded(data.decode("utf-8"), "utf-8"))
    except UnicodeDecodeError:
        pass  # not UTF-8: a legacy encoding, or UTF-8 with damaged bytes; decided below
    if declared:
        declared_text = _decode_as_declared(data, declared)
        if declared_text is not None:
            return _checked(declared_text)
    return _checked(_legacy(data))


def declared_charset(html: bytes) -> str | None:
    """The charset an HTML page declares for itself in a ``<meta>`` tag near its start, if any."""
    match = _DECLARED_CHARSET.search(html[:4096])
    return match.group(1).decode("ascii") if match else None


def _decode_as_declared(data: bytes, declared: str) -> Decoded | None:
    try:
        codec = codecs.lookup(declared).name
    except LookupError:
        return None  # an unknown label: guess instead
    if codec in ("utf-8", "iso8859-1", "ascii"):
        # Pages labelled latin-1 or ASCII are cp1252 in practice (browsers read them so);
        # a UTF-8 label on bytes that are not UTF-8 is wrong: guess instead.
        codec = "cp1252" if codec != "utf-8" else ""
    if not codec:
        return None
    try:
        return Decoded(data.decode(codec), codec)
    except UnicodeDecodeError:
        return None


def _legacy(data: bytes) -> Decoded:
    lenient = data.decode("utf-8", errors="replace")
    damaged = lenient.count("\ufffd")
    valid_non_ascii = sum(1 for ch in lenient if ord(ch) > 0x7F) - damaged
    # Legacy single-byte text almost never forms a valid multi-byte UTF-8 sequence,
    # so valid sequences outnumbering broken ones means UTF-8 with a few bad bytes.
    if valid_non_ascii >= damaged:
        return Decoded(lenient, "utf-8", damaged=True)
    non_ascii_share = sum(1 for byte in data if byte > 0x7F) / len(data)
    if non_ascii_share <= MAX_NON_ASCII_SHARE_FOR_CP1252:
        try:
            return Decoded(data.decode("cp1252"), "cp1252")
        except UnicodeDecodeError:
            pass  # one of the five bytes cp1252 leaves undefined: let charset-normalizer judge
    from charset_normalizer import from_bytes  # imported here: only legacy files need it

    best = from_bytes(data).best()
    if best is None:
        raise UnsupportedInput("binary or undecodable file: not UTF-8 and no known text encoding fits")
    return Decoded(str(best), best.encoding)


def _utf16_without_bom(data: bytes) -> Decoded:
    """NUL bytes in a text file mean UTF-16 without a byte-order mark, or binary data."""
    head = data[:SNIFF_BYTES]
    even_nuls = head[0::2].count(0)
    odd_nuls = head[1::2].count(0)
    half = len(head) / 2
    # ASCII-range text in UTF-16 puts a NUL in every other byte: odd positions for LE.
    if odd_nuls > 0.3 * half and even_nuls < 0.05 * half:
        codec = "utf-16-le"
    elif even_nuls > 0.3 * half and odd_nuls < 0.05 * half:
        codec = "utf-16-be"
    else:
        raise UnsupportedInput("binary file (contains NUL bytes), not text")
    try:
        return Decoded(data.decode(codec), codec)
    except UnicodeDecodeError as e:
        raise UnsupportedInput("binary file (contains NUL bytes), not text") from e


def _checked(decoded: Decoded) -> Decoded:
    text = decoded.text
    if not text.strip():
        raise EmptyInput("empty file (only whitespace)")
    controls = len(_CONTROL.findall(text))
    if controls > MAX_CONTROL_CHAR_SHARE * len(text):
        raise UnsupportedInput(f"binary file ({controls} control characters in {len(text)}), not text")
    return decoded
