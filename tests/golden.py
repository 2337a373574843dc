"""The fixture site's expected output, as a manifest of every file's SHA-256.

Refactors must not change a byte of the site: ``tests/integration/test_golden_output.py``
builds the fixture and compares it with ``tests/fixtures/minimal/expected-output.sha256``.
When the output is meant to change, rewrite the manifest with ``make golden`` and let the diff
show which files changed (as Pelican's own tests compare against committed output trees).
"""

from __future__ import annotations

import hashlib
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MANIFEST = ROOT / "tests" / "fixtures" / "minimal" / "expected-output.sha256"


def manifest(site: Path) -> dict[str, str]:
    """Every file below ``site``, by its path from there, with the SHA-256 of its bytes."""
    return {
        path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def write_manifest(files: dict[str, str], target: Path = MANIFEST) -> None:
    """Write the manifest in ``sha256sum``'s format, so ``sha256sum -c`` can read it too."""
    target.write_text("".join(f"{digest}  {path}\n" for path, digest in sorted(files.items())))


def read_manifest(source: Path = MANIFEST) -> dict[str, str]:
    """Read a manifest written by :func:`write_manifest`."""
    lines = source.read_text().splitlines()
    return {path: digest for digest, path in (line.split("  ", 1) for line in lines)}


def main() -> int:
    """Build the fixture site and write its manifest (``make golden``)."""
    from tests.integration.conftest import FIXTURE_CONTENT, build  # noqa: PLC0415

    with tempfile.TemporaryDirectory() as folder:
        site = build(Path(folder) / "output", FIXTURE_CONTENT)
        files = manifest(site)
    write_manifest(files)
    sys.stderr.write(f"{MANIFEST.relative_to(ROOT)}: {len(files)} files\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
