"""Make Pagefind's search bundle the same, byte for byte, on every build of the same site.

Pagefind 1.5 keeps its filters in hash maps whose seed is random in each process (hashbrown
with ahash's run-time random state), and writes them in the maps' order: the values inside each
``filter/<lang>_<hash>.pf_filter``, the list of filters in ``pagefind.<lang>_<hash>.pf_meta``
and the languages in ``pagefind-entry.json`` come out in a different order on every run, and
since a file's name is a hash of its content, the names change too. Words, fragments and page
numbers are already stable (they are sorted before they are written).

This module puts those lists in sorted order and names the files again the way Pagefind does
(``<lang>_`` and the SHA-1 of the uncompressed CBOR, each byte in unpadded hex). The search
page reads filters as maps, so their order means nothing to it. Every file touched is written
anew, whatever order Pagefind happened to choose, so that the bytes never depend on it.
The files are Pagefind's own format: gzip of ``pagefind_dcd`` followed by CBOR.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

import cbor2

from ..content.problems import SearchIndexError

#: What Pagefind writes before the CBOR of each compressed file.
_SIGNATURE = b"pagefind_dcd"
#: Positions in a metadata file: [version, pages, index chunks, filters, sorts, ...].
_FILTERS, _SORTS = 3, 4
#: Hex digits of a filter file's hash that Pagefind keeps, before any collision.
_FILTER_HASH_DIGITS = 7


def make_reproducible(bundle: Path) -> None:
    """Sort what Pagefind wrote in random order in ``bundle`` and rename the files to match."""
    entry_path = bundle / "pagefind-entry.json"
    try:
        entry = json.loads(entry_path.read_text(encoding="utf-8"))
        languages: dict[str, dict[str, Any]] = entry["languages"]
        for lang, info in languages.items():
            info["hash"] = _sort_language(bundle, lang, info["hash"])
    except (OSError, ValueError, KeyError, TypeError, IndexError, cbor2.CBORDecodeError) as exc:
        raise SearchIndexError(
            f"search index: unexpected Pagefind bundle in {bundle}: {exc!r} "
            "(hint: a new Pagefind release may have changed its format; see search_bundle.py)"
        ) from exc
    entry["languages"] = dict(sorted(languages.items()))
    text = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
    entry_path.write_text(text, encoding="utf-8")


def _sort_language(bundle: Path, lang: str, meta_hash: str) -> str:
    """Sort one language's filters and metadata; return the metadata's new hash."""
    old_meta = bundle / f"pagefind.{meta_hash}.pf_meta"
    meta = _read(old_meta)
    taken: set[str] = set()
    filters = []
    for name, filter_hash in sorted(meta[_FILTERS], key=lambda pair: pair[0]):
        old_filter = bundle / "filter" / f"{filter_hash}.pf_filter"
        filter_index = _read(old_filter)
        filter_index[1].sort(key=lambda value: value[0])
        data = cbor2.dumps(filter_index)
        full = f"{lang}_{_hex_sha1(data)}"
        short = full[: len(lang) + 1 + _FILTER_HASH_DIGITS]
        while short in taken and len(short) < len(full):  # Pagefind's own collision rule
            short = full[: len(short) + 1]
        taken.add(short)
        old_filter.unlink()
        _write(bundle / "filter" / f"{short}.pf_filter", data)
        filters.append([name, short])
    meta[_FILTERS] = filters
    meta[_SORTS] = sorted(meta[_SORTS], key=lambda pair: pair[0])
    data = cbor2.dumps(meta)
    new_hash = f"{lang}_{_hex_sha1(data)[: len(lang) + 8]}"
    old_meta.unlink()
    _write(bundle / f"pagefind.{new_hash}.pf_meta", data)
    return new_hash


def _read(path: Path) -> list[Any]:
    """Decode one of Pagefind's compressed CBOR files."""
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(_SIGNATURE):
        raise ValueError(f"{path.name} does not start with {_SIGNATURE!r}")
    value = cbor2.loads(raw[len(_SIGNATURE) :])
    if not isinstance(value, list):
        raise TypeError(f"{path.name} holds {type(value).__name__}, not an array")
    return value


def _write(path: Path, data: bytes) -> None:
    """Compress as Pagefind does, with no time or name in the gzip header."""
    path.write_bytes(gzip.compress(_SIGNATURE + data, compresslevel=9, mtime=0))


def _hex_sha1(data: bytes) -> str:
    """Pagefind's content hash: SHA-1, each byte written in hex without a leading zero."""
    return "".join(f"{byte:x}" for byte in hashlib.sha1(data).digest())
