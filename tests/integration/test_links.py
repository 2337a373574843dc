"""``timeline links`` end to end: entries in tmp_path citing pages of a local web server.

The real content is never fetched: every address here is on 127.0.0.1.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from generator.tools import links
from generator.tools.cli import main
from generator.tools.linkcheck import Policy

ROOT = Path(__file__).resolve().parents[2]
FIXTURE_DATA = ROOT / "tests" / "fixtures" / "minimal" / "content" / "data"
OFFER = "content/events/2016/2016-05-24-offer.md"
LATER = "content/events/2017/2017-09-21-later.md"

OFFER_TEXT = """\
---
title: Lavrov offers joint strikes
date: 2016-05-24
kind: statement
actors: [sergei-lavrov, russia]
summary: In Tashkent, Sergei Lavrov offered the United States joint strikes in Syria.
sources:
  - publisher: Example Wire
    title: A page that works
    url: {base}/works
  - publisher: Example Wire
    title: A page that is gone
    url: {base}/missing
  - publisher: Example Wire
    title: A page that moved
    url: {base}/moved#para
    archive: {base}/error
lang: en
---
Body.
"""
LATER_TEXT = """\
---
title: A later event
date: 2017-09-21
kind: agreement
actors: [united-states, russia]
summary: The last event, citing the page that is gone and one that refuses HEAD.
sources:
  - publisher: Example Wire
    title: The same page that is gone
    url: {base}/missing
  - publisher: Example Wire
    title: A server that wants GET
    url: {base}/no-head
lang: en
---
Body.
"""


@pytest.fixture
def site(tmp_path: Path, link_server, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two entries with the fixture's registries; the working directory beside ``content/``."""
    shutil.copytree(FIXTURE_DATA, tmp_path / "content" / "data")
    (tmp_path / "pelicanconf.py").write_text('PATH = "content"\n', encoding="utf-8")
    for path, text in ((OFFER, OFFER_TEXT), (LATER, LATER_TEXT)):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text.format(base=link_server.base), encoding="utf-8")
    fast = Policy(jobs=4, per_host=2, delay=0.0, timeout=0.5, retries=2, backoff=0.01)
    monkeypatch.setattr(links, "POLICY", fast)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str], list[str]]:
    code = main(["links", *argv])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err.splitlines()


def test_each_broken_link_is_reported_where_it_is_cited(site, link_server, capsys):
    code, out, err = run(capsys, "--timeout", "0.5")
    base = link_server.base
    assert out == [
        f"{OFFER}:13: sources[2].url: 404 Not Found (hint: add an archive link)",
        f"{OFFER}:16: sources[3].url: warning: permanent redirect (301) "
        f"(hint: replace it with {base}/ok#para)",
        f"{OFFER}:17: sources[3].archive: 500 Internal Server Error (3 attempts) "
        "(hint: replace it with a working snapshot)",
        f"{LATER}:10: sources[1].url: 404 Not Found (hint: add an archive link)",
    ]
    assert err == [
        "links failed: 3 errors in 2 files, 1 warning; 5 addresses asked, 0 from the cache"
    ]
    assert code == 1
    assert link_server.count("/missing") == 1  # cited twice, asked once
    assert (link_server.count("/no-head"), link_server.count("/no-head", "GET")) == (1, 1)
    assert (site / "cache" / "links.json").is_file()


def test_a_second_run_asks_again_only_what_failed(site, link_server, capsys):
    run(capsys)
    code, out, err = run(capsys)
    assert code == 1
    assert len(out) == 4
    assert err[-1].endswith("2 addresses asked, 3 from the cache")
    # Working and moved pages come from the cache; the 404 and the 500 are asked again.
    assert [link_server.count(p) for p in ("/works", "/moved", "/no-head")] == [1, 1, 1]
    assert [link_server.count(p) for p in ("/missing", "/error")] == [2, 6]


def test_stale_results_are_asked_again(site, link_server, capsys):
    cache = site / "cache" / "links.json"
    run(capsys, "--cache", str(cache))
    data = json.loads(cache.read_text(encoding="utf-8"))
    data["links"][f"{link_server.base}/works"]["checked"] = "2000-01-01T00:00:00+00:00"
    cache.write_text(json.dumps(data), encoding="utf-8")
    run(capsys, "--cache", str(cache))
    assert [link_server.count(p) for p in ("/works", "/moved")] == [2, 1]
    run(capsys, "--cache", str(cache), "--max-age", "0")
    assert [link_server.count(p) for p in ("/works", "/moved")] == [3, 2]


def test_all_links_fine_exit_zero_and_warnings_fail_only_when_strict(site, link_server, capsys):
    for path in (OFFER, LATER):
        text = (site / path).read_text(encoding="utf-8")
        text = text.replace("/missing", "/ok").replace("/error", "/temporary")
        (site / path).write_text(text, encoding="utf-8")
    code, out, err = run(capsys)
    assert (code, len(out)) == (0, 1)
    assert err[-1].startswith("links passed: 0 errors in 0 files, 1 warning;")
    code, _, err = run(capsys, "--strict")
    assert code == 1
    assert err[-1].startswith("links failed: 0 errors in 0 files, 1 warning;")


def test_json_and_github_formats_are_those_of_check(site, link_server, capsys):
    code, out, err = run(capsys, "--format", "json")
    records = json.loads("\n".join(out))
    assert code == 1
    assert err == []
    assert records[0] == {
        "path": OFFER,
        "line": 13,
        "field": "sources[2].url",
        "severity": "error",
        "message": "404 Not Found",
        "hint": "add an archive link",
    }
    assert [r["severity"] for r in records] == ["error", "warning", "error", "error"]
    _, out, _ = run(capsys, "--format", "github")
    assert out[0] == (
        f"::error file={OFFER},line=13,title=sources[2].url::404 Not Found "
        "(hint: add an archive link)"
    )


@pytest.mark.parametrize("days", ["-1", "soon", "nan"])
def test_a_bad_max_age_is_a_usage_error(site, capsys, days):
    with pytest.raises(SystemExit) as exit_info:
        main(["links", "--max-age", days])
    assert exit_info.value.code == 2
    assert f"expected a number of days, got {days!r}" in capsys.readouterr().err


def test_neither_the_build_nor_ci_uses_the_network_to_check_links():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    needs = {
        rule[1]: rule[2].split()
        for rule in re.finditer(r"^([a-z][a-z-]*):([^#\n]*)", makefile, re.MULTILINE)
    }
    assert needs["links"] == ["install"]
    assert not [target for target, wanted in needs.items() if "links" in wanted]
    for ci in (ROOT / ".ci" / "run", ROOT / ".github" / "workflows" / "site.yml"):
        assert "links" not in ci.read_text(encoding="utf-8")
