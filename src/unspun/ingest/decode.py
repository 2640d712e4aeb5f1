"""Bytes to text: size limit, binary refusal, BOMs, declared charsets and charset-normalizer.

The order is: BOM (authoritative) -> strict UTF-8 (the common case, and cheap) -> a charset the caller
found declared (HTML ``<meta charset>``, HTTP ``Content-Type``) when it decodes cleanly -> charset-normalizer's
best guess. Binary data is refused before any guessing, so that a PDF never turns into mojibake.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes as _detect

from unspun.errors import BinaryInputError, DecodingError, EmptyInputError, InputTooLargeError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Magic numbers of formats people drop into a corpus folder by mistake, with what to do about each.
_MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "a PDF file", "extract its text first, e.g. with `pdftotext FILE out.txt`"),
    (b"\x89PNG", "a PNG image", "unspun reads text, Markdown, HTML, feeds, JSONL and WARC"),
    (b"\xff\xd8\xff", "a JPEG image", "unspun reads text, Markdown, HTML, feeds, JSONL and WARC"),
    (b"GIF8", "a GIF image", "unspun reads text, Markdown, HTML, feeds, JSONL and WARC"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/EPUB)", "unpack it or save the article as text or HTML"),
    (b"\x1f\x8b", "gzip-compressed data", "decompress it first (WARC.gz files are read when named *.warc.gz)"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office file", "save the article as text or HTML"),
)

# Share of control characters (other than tab, newline, carriage return, form feed) above which a
# decoded sample is taken for binary. Real text has none; 1% tolerates a few stray bytes.
MAX_CONTROL_SHARE = 0.01
_SAMPLE = 8192


def check_size(data: bytes, name: str, max_bytes: int) -> None:
    """Refuse inputs over the limit instead of truncating them."""
    if len(data) > max_bytes:
        raise InputTooLargeError(
            f"{name} is over the {max_bytes:,}-byte limit",
            hint="raise the limit with --max-bytes (IngestOptions.max_bytes) or split the input",
        )


def refuse_binary(data: bytes, name: str) -> None:
    """Raise :class:`BinaryInputError` for known binary formats and NUL-laden data."""
    for magic, what, todo in _MAGIC:
        if data.startswith(magic):
            raise BinaryInputError(f"{name} is {what}, not text", hint=todo)
    if _bom(data) is None and b"\x00" in data[:_SAMPLE]:
        raise BinaryInputError(
            f"{name} looks like binary data (it holds NUL bytes)",
            hint="give a text, Markdown or HTML file; UTF-16 text needs a byte-order mark",
        )


def _bom(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def decode(data: bytes, name: str = "input", *, declared: str | None = None) -> tuple[str, str]:
    """Decode ``data``; return ``(text, encoding)``. The BOM, if any, is removed."""
    if not data.strip():
        raise EmptyInputError(f"{name} is empty", hint="give a file or string that holds the article")
    refuse_binary(data, name)
    encoding = _bom(data)
    if encoding is not None:
        bom_len = 4 if encoding.startswith("utf-32") else 3 if encoding == "utf-8" else 2
        try:
            return data[bom_len:].decode(encoding), encoding
        except UnicodeDecodeError:
            raise DecodingError(
                f"{name} starts with a {encoding} byte-order mark but is not valid {encoding}",
                hint="re-save the file as UTF-8",
            ) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            codecs.lookup(declared)
            return data.decode(declared), declared.lower()
        except (LookupError, UnicodeDecodeError):
            pass
    best = _detect(data).best()
    if best is None:
        raise DecodingError(
            f"cannot tell the text encoding of {name}",
            hint="re-save it as UTF-8, or check that it is really a text file",
        )
    text = str(best)
    _refuse_control_chars(text, name)
    return text, best.encoding


def _refuse_control_chars(text: str, name: str) -> None:
    sample = text[:_SAMPLE]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    if sample and controls / len(sample) > MAX_CONTROL_SHARE:
        raise BinaryInputError(f"{name} decodes to control characters: it looks like binary data",
                               hint="give a text, Markdown or HTML file")
