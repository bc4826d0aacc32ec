"""The pixel size of an image, read from the first bytes of its file: PNG, JPEG, GIF, WebP, SVG.

Pure: ``dimensions(data)`` takes the file's leading bytes and returns ``(width, height)``, or None
when the format is not known or the bytes do not say. No image library is needed: each format
states its size in a fixed place near the start (JPEG: in its frame header, after any metadata
segments, so a JPEG may need more than the first few kilobytes, see ``HEAD``).
"""

from __future__ import annotations

import struct
import xml.etree.ElementTree as ET

#: Bytes to read first; a JPEG whose frame header comes later is read whole.
HEAD = 64 * 1024

_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
_MIME = {
    ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
    ".webp": "image/webp", ".svg": "image/svg+xml", ".avif": "image/avif",
}


def mime_type(path: str) -> str:
    """The media type of an image by its file name ending; ``image/*`` when unknown."""
    dot = path.rfind(".")
    return _MIME.get(path[dot:].lower(), "image/*") if dot >= 0 else "image/*"


def is_jpeg(data: bytes) -> bool:
    return data[:2] == b"\xff\xd8"


def dimensions(data: bytes) -> tuple[int, int] | None:
    try:
        if data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR":
            return _positive(*struct.unpack(">II", data[16:24]))
        if data[:6] in (b"GIF87a", b"GIF89a"):
            return _positive(*struct.unpack("<HH", data[6:10]))
        if is_jpeg(data):
            return _jpeg(data)
        if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
            return _webp(data)
        head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
        if head.startswith(b"<") and b"<svg" in data:
            return _svg(data)
    except (struct.error, IndexError, ValueError):
        return None
    return None


def _positive(width: int, height: int) -> tuple[int, int] | None:
    return (width, height) if width > 0 and height > 0 else None


def _jpeg(data: bytes) -> tuple[int, int] | None:
    i = 2
    while i + 4 <= len(data):
        if data[i] != 0xFF:
            return None
        marker = data[i + 1]
        if marker == 0xFF:  # fill byte
            i += 1
            continue
        if marker in (0x01, 0xD8) or 0xD0 <= marker <= 0xD7:  # no length
            i += 2
            continue
        (length,) = struct.unpack(">H", data[i + 2:i + 4])
        if marker in _SOF:
            height, width = struct.unpack(">HH", data[i + 5:i + 9])
            return _positive(width, height)
        if marker in (0xD9, 0xDA) or length < 2:  # end of image, start of scan: no frame header came
            return None
        i += 2 + length
    return None


def _webp(data: bytes) -> tuple[int, int] | None:
    chunk = data[12:16]
    if chunk == b"VP8 " and data[23:26] == b"\x9d\x01\x2a":
        width, height = struct.unpack("<HH", data[26:30])
        return _positive(width & 0x3FFF, height & 0x3FFF)
    if chunk == b"VP8L" and data[20] == 0x2F:
        (bits,) = struct.unpack("<I", data[21:25])
        return _positive((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
    if chunk == b"VP8X":
        width = int.from_bytes(data[24:27], "little") + 1
        height = int.from_bytes(data[27:30], "little") + 1
        return _positive(width, height)
    return None


def _svg(data: bytes) -> tuple[int, int] | None:
    """``width`` and ``height`` of the root ``<svg>`` in pixels, else its ``viewBox``."""
    parser = ET.XMLPullParser(events=("start",))
    try:
        for start in range(0, len(data), 4096):
            parser.feed(data[start:start + 4096])
            for _, element in parser.read_events():
                return _svg_size(element.attrib)
    except ET.ParseError:
        return None
    return None


def _svg_size(attrs: dict[str, str]) -> tuple[int, int] | None:
    width, height = _length(attrs.get("width")), _length(attrs.get("height"))
    box = (attrs.get("viewBox") or "").replace(",", " ").split()
    box_size = None
    if len(box) == 4:
        try:
            box_size = (float(box[2]), float(box[3]))
        except ValueError:
            box_size = None
    if width and height:
        return _positive(round(width), round(height))
    if box_size and box_size[0] > 0 and box_size[1] > 0:
        bw, bh = box_size
        if width:  # one side given: the other keeps the viewBox's proportions
            return _positive(round(width), round(width * bh / bw))
        if height:
            return _positive(round(height * bw / bh), round(height))
        return _positive(round(bw), round(bh))
    return None


def _length(value: str | None) -> float | None:
    """An SVG length in pixels (``"120"``, ``"120px"``); None for relative units such as ``%``."""
    if not value:
        return None
    text = value.strip()
    if text.endswith("px"):
        text = text[:-2]
    try:
        number = float(text)
    except ValueError:
        return None
    return number if number > 0 else None
