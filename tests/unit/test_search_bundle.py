"""Pagefind's bundle comes out the same whatever order Pagefind's hash maps chose."""

from __future__ import annotations

import gzip
import hashlib
import json
import random
import shutil
from pathlib import Path

import cbor2
import pytest

from generator.content.problems import SearchIndexError
from generator.site import search, search_bundle
from tests.unit.test_search import write_site


def decode(path: Path) -> list:
    return cbor2.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))


def encode(path: Path, value: list) -> None:
    path.write_bytes(gzip.compress(b"pagefind_dcd" + cbor2.dumps(value)))


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def pagefind_bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Pagefind's own bundle of a small site with two filters, as Pagefind wrote it."""
    site = tmp_path_factory.mktemp("site")
    write_site(site)
    for path in ("a", "b"):
        page = site / path / "index.html"
        text = page.read_text().replace(
            "</p>", f'<span data-pagefind-filter="Year">20{path}</span></p>'
        )
        page.write_text(text)
    search.start_pagefind(site, site / "pagefind").wait()
    return site / "pagefind"


def shuffled(bundle: Path, target: Path, seed: int) -> Path:
    """A copy of ``bundle`` with its filters in another order, named as Pagefind would name it."""
    shutil.copytree(bundle, target)
    rng = random.Random(seed)
    entry = json.loads((target / "pagefind-entry.json").read_text())
    for info in entry["languages"].values():
        meta_path = target / f"pagefind.{info['hash']}.pf_meta"
        meta = decode(meta_path)
        for pair in meta[3]:
            filter_path = target / "filter" / f"{pair[1]}.pf_filter"
            values = decode(filter_path)
            rng.shuffle(values[1])
            encode(filter_path, values)
        rng.shuffle(meta[3])
        encode(meta_path, meta)
    entry["languages"] = dict(reversed(entry["languages"].items()))
    (target / "pagefind-entry.json").write_text(json.dumps(entry))
    return target


def test_any_order_of_filters_gives_the_same_bytes(pagefind_bundle: Path, tmp_path: Path):
    copies = [shuffled(pagefind_bundle, tmp_path / str(seed), seed) for seed in range(4)]
    for copy in copies:
        search_bundle.make_reproducible(copy)
    assert all(snapshot(copy) == snapshot(copies[0]) for copy in copies)
    assert snapshot(copies[0]) != snapshot(pagefind_bundle)


def test_it_is_idempotent(pagefind_bundle: Path, tmp_path: Path):
    copy = shutil.copytree(pagefind_bundle, tmp_path / "copy")
    search_bundle.make_reproducible(copy)
    once = snapshot(copy)
    search_bundle.make_reproducible(copy)
    assert snapshot(copy) == once


def test_files_are_sorted_and_named_by_their_content(pagefind_bundle: Path, tmp_path: Path):
    copy = shutil.copytree(pagefind_bundle, tmp_path / "copy")
    search_bundle.make_reproducible(copy)
    entry_text = (copy / "pagefind-entry.json").read_text()
    entry = json.loads(entry_text)
    assert list(entry["languages"]) == ["en", "fr"]
    assert entry_text.startswith('{"version":"1.5.2","languages":{"en":{"hash":"en_')
    referenced = set()
    for lang, info in entry["languages"].items():
        meta_path = copy / f"pagefind.{info['hash']}.pf_meta"
        cbor = gzip.decompress(meta_path.read_bytes()).removeprefix(b"pagefind_dcd")
        digest = "".join(f"{b:x}" for b in hashlib.sha1(cbor).digest())
        assert info["hash"] == f"{lang}_{digest[:10]}"
        meta = cbor2.loads(cbor)
        names = [name for name, _ in meta[3]]
        assert names == sorted(names) == (["Kind", "Year"] if lang == "en" else ["Kind"])
        for _, filter_hash in meta[3]:
            path = copy / "filter" / f"{filter_hash}.pf_filter"
            values = [value for value, _ in decode(path)[1]]
            assert values == sorted(values)
            referenced.add(path.name)
    # The files Pagefind wrote in its order are gone, none is left unreferenced.
    assert {p.name for p in (copy / "filter").iterdir()} == referenced
    assert len(list(copy.glob("*.pf_meta"))) == 2
    # Words and fragments were stable already and are left as Pagefind wrote them.
    for folder in ("index", "fragment"):
        assert snapshot(copy / folder) == snapshot(pagefind_bundle / folder)


def test_a_bundle_of_another_format_is_an_error(pagefind_bundle: Path, tmp_path: Path):
    copy = shutil.copytree(pagefind_bundle, tmp_path / "copy")
    meta_path = next(copy.glob("pagefind.en_*.pf_meta"))
    meta_path.write_bytes(gzip.compress(b"pagefind_dcd" + cbor2.dumps({"version": "2"})))
    with pytest.raises(SearchIndexError, match=r"unexpected Pagefind bundle.*new Pagefind release"):
        search_bundle.make_reproducible(copy)
