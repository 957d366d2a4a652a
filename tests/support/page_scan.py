"""Reading every page of SQLCipher files with the master key, free pages and WAL frames
included, to look for words that must be gone (what SQLite itself would never show)."""

from __future__ import annotations

import struct
from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PAGE = 4096
RESERVE = 80            # SQLCipher 4: a 16-byte IV and a 64-byte HMAC end every page
SALT = 16               # page 1 starts with the file's salt, in the clear
WAL_HEADER, FRAME_HEADER = 32, 24


def _decrypt(key: bytes, page: bytes, first: bool) -> bytes:
    start = SALT if first else 0
    body, iv = page[start:PAGE - RESERVE], page[PAGE - RESERVE:PAGE - RESERVE + 16]
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return decryptor.update(body) + decryptor.finalize()


def plaintexts(path: Path, key: bytes):
    """Each page of ``path`` decrypted (a database file, or a -wal); for anything else,
    the bytes as they are."""
    data = Path(path).read_bytes()
    if len(data) >= WAL_HEADER and struct.unpack(">I", data[:4])[0] in (0x377F0682, 0x377F0683):
        offset = WAL_HEADER
        while offset + FRAME_HEADER + PAGE <= len(data):
            number = struct.unpack(">I", data[offset:offset + 4])[0]
            page = data[offset + FRAME_HEADER:offset + FRAME_HEADER + PAGE]
            yield _decrypt(key, page, number == 1)
            offset += FRAME_HEADER + PAGE
        return
    if data and len(data) % PAGE == 0 and not data.startswith(b"SQLite format 3"):
        for i in range(0, len(data), PAGE):
            yield _decrypt(key, data[i:i + PAGE], i == 0)
        return
    yield data


def files_in_and_beside(folder: Path) -> list[Path]:
    """Every file in the data folder and in the folders beside it that belong to it
    (before-restore and the like), and the data folder's siblings' files named after it."""
    folder = Path(folder)
    found = [p for p in folder.rglob("*") if p.is_file()]
    for sibling in folder.parent.iterdir():
        if sibling != folder and sibling.name.startswith(folder.name):
            found += [sibling] if sibling.is_file() else [p for p in sibling.rglob("*")
                                                          if p.is_file()]
    return found


def where_found(folder: Path, key: bytes, words: list[str]) -> list[tuple[str, str]]:
    """(file, word) for every file in and beside ``folder`` holding one of ``words`` in any
    page (case-insensitive, as the search index lowers them)."""
    wanted = [w.casefold().encode() for w in words]
    hits = []
    for path in files_in_and_beside(folder):
        for plain in plaintexts(path, key):
            lowered = plain.lower()
            for word, raw in zip(words, wanted):
                if raw in lowered:
                    hits.append((str(path.relative_to(folder.parent)), word))
    return sorted(set(hits))
