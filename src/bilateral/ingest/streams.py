"""Reading bytes from input files with bounded memory, and decoding them.

Every read stops one byte past the size limit, so a file (or a gzip file that expands a
thousandfold) is refused as its bytes arrive, never after it has been read whole. Only regular
files are opened: a named pipe or a device among the inputs would block the run forever.
"""

from __future__ import annotations

import codecs
import gzip
import os
import stat
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from bilateral.errors import InputError

MAX_BYTES = 20 * 1024 * 1024  # one document (a file, a JSON line, a WARC record) larger than this is refused
_CHUNK = 1024 * 1024
# Errors a gzip stream raises when it is truncated or not gzip at all.
GZIP_ERRORS = (EOFError, gzip.BadGzipFile, zlib.error)


def limit_text(limit: int) -> str:
    return f"{limit / (1024 * 1024):g} MB"


def check_regular_file(path: Path) -> None:
    """Raise InputError unless `path` names a regular file that exists (symlinks followed)."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror}") from None
    if stat.S_ISDIR(mode):
        raise InputError(str(path), "is a directory")
    if not stat.S_ISREG(mode):
        what = ("a named pipe (FIFO)" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
                else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a file")
        raise InputError(str(path), f"{what}, not a regular file: bilateral reads only regular files "
                         "(pipe JSON Lines through '-' instead)")


def open_bytes(path: Path) -> BinaryIO:
    """The file's bytes, decompressed as they are read when its name ends in .gz."""
    check_regular_file(path)
    try:
        raw = path.open("rb")
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror}") from None
    if path.name.lower().endswith(".gz"):
        return gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[return-value]
    return raw


def read_limited(path: Path, limit: int) -> bytes:
    """The whole (decompressed) content of a one-document file, refused past `limit` bytes."""
    with open_bytes(path) as stream:
        try:
            data = stream.read(limit + 1)
        except GZIP_ERRORS as exc:
            raise InputError(str(path), f"truncated or corrupt gzip file ({exc})") from None
        except OSError as exc:
            raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None
    if len(data) > limit:
        compressed = " once decompressed" if path.name.lower().endswith(".gz") else ""
        raise InputError(str(path), f"larger than {limit_text(limit)}{compressed}, the limit for one document")
    if not data.strip():
        raise InputError(str(path), "empty file")
    return data


def decode(data: bytes, where: str) -> str:
    """Text from bytes: UTF-8 (with or without a byte-order mark), or UTF-16/32 with a byte-order
    mark or the zero bytes of UTF-16 without one."""
    encoding = _utf16_or_32(data)
    if encoding is not None:
        try:
            return data.decode(encoding).lstrip("\ufeff")
        except UnicodeDecodeError as exc:
            raise InputError(where, f"looks like {encoding.upper()} text but byte {exc.start} cannot be "
                             "decoded; save it as UTF-8") from None
    if b"\x00" in data[:8192]:
        raise InputError(where, "binary file (it contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(where, f"not UTF-8 text (byte {exc.start} cannot be decoded); save it as UTF-8") from None


def _utf16_or_32(data: bytes) -> str | None:
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = data[:4096]
    half = len(sample) // 2
    if half < 8:
        return None
    # Latin-script UTF-16 without a mark: the high byte of most characters is zero, and the low
    # bytes are mostly printable ASCII.
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.6 * half and _mostly_ascii_text(even):
        return "utf-16-le"
    if even.count(0) > 0.6 * half and _mostly_ascii_text(odd):
        return "utf-16-be"
    return None


def _mostly_ascii_text(data: bytes) -> bool:
    return sum(1 for b in data if 32 <= b < 127 or b in (9, 10, 13)) > 0.8 * len(data)


def bounded_lines(stream: BinaryIO, where: str, limit: int) -> Iterator[tuple[int, bytes | InputError]]:
    """(line number, line) for each line, or (line number, InputError) for a line longer than
    `limit` (skipped without holding it) and for a truncated or corrupt stream (which ends it)."""
    lineno = 0
    while True:
        lineno += 1
        try:
            line = stream.readline(limit + 1)
            if len(line) > limit and not line.endswith(b"\n"):
                _skip_to_line_end(stream)
                yield lineno, InputError(f"{where}:{lineno}", f"line longer than {limit_text(limit)}, "
                                         "the limit for one document")
                continue
            if line and not line.endswith(b"\n"):
                stream.read(1)  # a truncated gzip stream says so only when read past its end
        except GZIP_ERRORS as exc:
            yield lineno, InputError(f"{where}:{lineno}", f"truncated or corrupt gzip file ({exc}); "
                                     f"the {lineno - 1} line(s) before were read")
            return
        except OSError as exc:
            yield lineno, InputError(f"{where}:{lineno}", f"cannot read: {exc.strerror or exc}")
            return
        if not line:
            return
        yield lineno, line


def _skip_to_line_end(stream: BinaryIO) -> None:
    while True:
        chunk = stream.readline(_CHUNK)
        if not chunk or chunk.endswith(b"\n"):
            return
