"""Every page of the real site, English and French, passes the Nu HTML Checker with no error.

vnu.jar comes from the npm package vnu-jar (``make node-modules``) and runs on Debian's Java
(``make system-packages``). It checks the whole built folder in one run; nothing is filtered.
Its warnings are left out (``--errors-only``): among them, every page's stylesheet "violates"
the Content-Security-Policy, because a page read from a file has no origin for ``'self'``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.integration.conftest import ROOT

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def run_vnu(site: Path) -> tuple[list[Path], list[dict]]:
    """Check every HTML file below ``site``; return the files checked and the messages."""
    java = shutil.which("java")
    if java is None or not VNU_JAR.is_file():
        pytest.fail(
            "The Nu HTML Checker needs Java and vnu.jar: run `make system-packages node-modules`.",
            pytrace=False,
        )
    command = [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json"]
    # --verbose names each file checked on stdout; the JSON report goes to stderr.
    command += ["--skip-non-html", "--verbose", str(site)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    # The report is the last line: the JVM may write notes (JAVA_TOOL_OPTIONS …) before it.
    report = [line for line in result.stderr.splitlines() if line.startswith("{")]
    assert report and result.returncode in {0, 1}, f"vnu failed:\n{result.stderr}"
    checked = [Path(line) for line in result.stdout.splitlines() if line.strip()]
    return checked, json.loads(report[-1])["messages"]


def where(site: Path, message: dict) -> str:
    """Give a message as ``path:line: message``, the path relative to the site."""
    url = message.get("url", "")
    path = Path(unquote(urlsplit(url).path)) if url else site
    name = path.relative_to(site).as_posix() if path.is_relative_to(site) else str(path)
    line = message.get("lastLine", message.get("firstLine"))
    return f"{name}:{line}: {message['message']}" if line else f"{name}: {message['message']}"


@pytest.mark.slow
def test_every_page_passes_the_nu_html_checker(real_site: Path):
    checked, messages = run_vnu(real_site)
    assert not messages, f"{len(messages)} vnu errors:\n" + "\n".join(
        where(real_site, message) for message in messages
    )
    expected = sorted(real_site.rglob("*.html"))
    assert sorted(checked) == expected
    names = {path.relative_to(real_site).as_posix() for path in checked}
    assert {"index.html", "fr/index.html", "actors/index.html", "fr/actors/index.html"} <= names


@pytest.mark.slow
def test_the_correction_route_and_the_about_page_pass_the_nu_html_checker(tmp_path: Path):
    """The pages the correction settings change, with both routes set: long encoded links."""
    from tests.integration.conftest import build  # noqa: PLC0415
    from tests.integration.test_corrections import EMAIL, REPOSITORY, with_about  # noqa: PLC0415

    site = build(
        tmp_path / "output",
        with_about(tmp_path),
        TIMELINE_REPOSITORY_URL=REPOSITORY,
        TIMELINE_CORRECTIONS_EMAIL=EMAIL,
    )
    pages = tmp_path / "pages"
    for name in ("about/index.html", "fr/about/index.html", "events/offer/index.html",
                 "fr/events/offer/index.html"):  # fmt: skip
        target = pages / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(site / name, target)
    checked, messages = run_vnu(pages)
    assert not messages, "\n".join(where(pages, message) for message in messages)
    assert len(checked) == 4
