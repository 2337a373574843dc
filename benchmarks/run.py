"""Time cold builds of our site against vanilla Pelican on the same synthetic entries.

usage: python benchmarks/run.py [--entries 10000] [--runs 3] [--workdir DIR]

The content is generated once per entry count (``benchmarks/generate.py``) into
``DIR/n<entries>/`` and reused while the generator is unchanged. Then, as separate processes:

- ours:    ``timeline build`` with the project's ``pelicanconf.py`` (validation included, and the
           Pagefind index if the build makes one);
- vanilla: ``pelican -q -s pelicanconf.py``, Pelican's defaults with relative URLs and no feeds.

Each command deletes its output folder first, inside the timed process, so every build is cold.
After one warm-up each, the runs alternate ours, vanilla, ours, vanilla… and each figure is
quoted as median (min–max); the ratio ours/vanilla is the median of the per-pair ratios, so
a machine that drifts in speed cancels out. Wall time is measured around the process, CPU time
and peak RSS come from the kernel (``wait4``). Then ``timeline check`` is timed alone.

Exit status: 0 when every build and check succeeded, 1 otherwise. There is no time limit to pass:
the script only reports what it measured.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
GENERATOR = HERE / "generate.py"
BIN = Path(sys.executable).parent
MIB = 1024 * 1024


def out(text: str = "") -> None:
    """Print a line of the report."""
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


@dataclass
class Sample:
    """One process: its wall and CPU seconds, peak resident memory and exit status."""

    wall: float
    cpu: float
    rss_mib: float
    status: int


@dataclass
class Build:
    """One of the two builds being compared."""

    name: str
    command: list[str]
    cwd: Path
    output: Path


class BenchError(Exception):
    """A build, a check or the generation failed; the message says which, with its log."""


def measure(command: list[str], cwd: Path, log: Path, timeout: float) -> Sample:
    """Run one process, its output to ``log``, and measure it with ``wait4``.

    ``wait4`` gives this child's own rusage (children it waited for included), so the peak RSS
    is this process's, not the largest of every process started so far.
    """
    with log.open("wb") as handle:
        start = time.perf_counter()
        proc = subprocess.Popen(command, cwd=cwd, stdout=handle, stderr=subprocess.STDOUT)
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)  # already reaped: Popen must not wait
    return Sample(
        wall=wall,
        cpu=usage.ru_utime + usage.ru_stime,
        rss_mib=usage.ru_maxrss / 1024,  # KiB on Linux
        status=proc.returncode,
    )


def checked(sample: Sample, what: str, log: Path) -> Sample:
    """Raise with the end of the log when the process failed."""
    if sample.status != 0:
        lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
        tail = "\n".join(f"    {line}" for line in lines[-25:])
        raise BenchError(f"{what} failed with status {sample.status} (log: {log}):\n{tail}")
    return sample


def revision() -> str:
    """Name the commit measured, and say whether the work tree had changes."""
    try:
        found = subprocess.run(
            ["git", "-C", str(HERE.parent), "describe", "--always", "--dirty"],
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return "not a git work tree"
    return f"git {found.stdout.strip()}"


def generate(entries: int, workdir: Path) -> Path:
    """Generate the content for this entry count, unless the same generator already did."""
    folder = workdir / f"n{entries}"
    stamp = folder / ".generated"
    fingerprint = f"{entries} {hashlib.sha256(GENERATOR.read_bytes()).hexdigest()}\n"
    if stamp.is_file() and stamp.read_text() == fingerprint:
        out(f"content: reusing {folder} (generated earlier by the same generate.py)")
        return folder
    stamp.unlink(missing_ok=True)
    folder.mkdir(parents=True, exist_ok=True)
    log = folder / "generate.log"
    start = time.perf_counter()
    checked(
        measure([sys.executable, str(GENERATOR), str(entries), str(folder)], folder, log, 3600),
        "generate.py",
        log,
    )
    out(f"content: generated {entries} entries in {folder} ({time.perf_counter() - start:.1f} s)")
    stamp.write_text(fingerprint)
    return folder


def builds(folder: Path) -> tuple[Build, Build]:
    """Give the two timed commands; each removes its output inside the timed process."""
    ours_dir, vanilla_dir = folder / "ours", folder / "vanilla"
    ours = Build(
        "ours",
        [
            "sh",
            "-c",
            'rm -rf output && exec "$0" build --settings benchconf.py --output output',
            str(BIN / "timeline"),
        ],
        ours_dir,
        ours_dir / "output",
    )
    vanilla = Build(
        "vanilla",
        ["sh", "-c", 'rm -rf output && exec "$0" -q -s pelicanconf.py', str(BIN / "pelican")],
        vanilla_dir,
        vanilla_dir / "output",
    )
    return ours, vanilla


def spread(values: list[float], digits: int = 3) -> str:
    """``median (min–max)``."""
    median = statistics.median(values)
    return f"{median:.{digits}f} ({min(values):.{digits}f}–{max(values):.{digits}f})"


def ratio(ours: list[float], vanilla: list[float]) -> str:
    """Median of the per-pair ratios, with their range."""
    pairs = [a / b for a, b in zip(ours, vanilla, strict=True) if b > 0]
    return f"{spread(pairs, 2).replace(' (', '× (')}" if pairs else "–"


@dataclass
class Size:
    """What a build wrote."""

    files: int
    html_pages: int
    total_bytes: int
    home_bytes: int
    home_gzip_bytes: int
    largest_html: tuple[int, str]
    pagefind_files: int


def size_of(output: Path) -> Size:
    """Count the files and HTML pages, and measure the home page and the largest page."""
    files = html = total = pagefind = 0
    largest = (0, "")
    for path in output.rglob("*"):
        if not path.is_file():
            continue
        size = path.stat().st_size
        files += 1
        total += size
        relative = path.relative_to(output).as_posix()
        if relative.startswith("pagefind/"):
            pagefind += 1
        if path.suffix == ".html":
            html += 1
            largest = max(largest, (size, relative))
    home = (output / "index.html").read_bytes()
    return Size(
        files=files,
        html_pages=html,
        total_bytes=total,
        home_bytes=len(home),
        home_gzip_bytes=len(gzip.compress(home, compresslevel=6, mtime=0)),
        largest_html=largest,
        pagefind_files=pagefind,
    )


def table(rows: list[list[str]]) -> None:
    """Print rows as aligned columns, the first row as the header."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for number, row in enumerate(rows):
        cells = [cell.ljust(width) if i == 0 else cell.rjust(width) for i, (cell, width) in
                 enumerate(zip(row, widths, strict=True))]  # fmt: skip
        out("  " + "  ".join(cells).rstrip())
        if number == 0:
            out("  " + "  ".join("-" * width for width in widths))


def number(value: int) -> str:
    """Group thousands with spaces, as the research notes do."""
    return f"{value:,}".replace(",", " ")


def run(args: argparse.Namespace) -> int:
    """Generate, warm up, time the alternating builds, then time the check; print the report."""
    workdir: Path = args.workdir.resolve()
    out(f"benchmark: {args.entries} entries, {args.runs} timed runs each after 1 warm-up")
    out(
        f"machine: {os.cpu_count()} CPUs, {platform.platform()}, "
        f"Python {platform.python_version()}, Pelican {metadata.version('pelican')}"
    )
    out(f"code: {revision()}")
    folder = generate(args.entries, workdir)
    logs = folder / "logs"
    logs.mkdir(exist_ok=True)
    ours, vanilla = builds(folder)
    samples: dict[str, list[Sample]] = {ours.name: [], vanilla.name: []}
    plan = [("warm-up", 0), *(("run", n) for n in range(1, args.runs + 1))]
    for label, index in plan:
        for build in (ours, vanilla):
            log = logs / f"{build.name}-{label}{index or ''}.log"
            sample = checked(
                measure(build.command, build.cwd, log, args.timeout), f"{build.name} build", log
            )
            shown = f"{label} {index}" if index else label
            out(
                f"  {shown:<9} {build.name:<8} wall {sample.wall:8.3f} s  cpu {sample.cpu:8.3f} s"
                f"  peak {sample.rss_mib:7.1f} MiB"
            )
            if index:
                samples[build.name].append(sample)

    check_command = [str(BIN / "timeline"), "check", "--settings", str(ours.cwd / "benchconf.py")]
    checks = []
    for index in range(args.runs + 1):
        log = logs / f"check-{index}.log"
        sample = checked(measure(check_command, folder, log, args.timeout), "timeline check", log)
        if index:  # the first is a warm-up
            checks.append(sample)

    verdict = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-1:]
    out(f"  timeline check says: {' '.join(verdict)}")
    report(
        args,
        folder=folder,
        ours=ours,
        vanilla=vanilla,
        samples=samples,
        checks=checks,
        check_command=check_command,
    )
    return 0


def report(
    args: argparse.Namespace,
    *,
    folder: Path,
    ours: Build,
    vanilla: Build,
    samples: dict[str, list[Sample]],
    checks: list[Sample],
    check_command: list[str],
) -> None:
    """Print the results tables."""
    mine, theirs = samples[ours.name], samples[vanilla.name]
    out()
    out(
        f"Cold build, {args.entries} entries: median (min–max) of {args.runs} runs, "
        "alternating ours/vanilla"
    )
    rows = [["", "ours (timeline build)", "vanilla (pelican)", "ours/vanilla (pairwise)"]]
    for label, field, digits in (
        ("wall s", "wall", 3),
        ("CPU s (user+sys)", "cpu", 3),
        ("peak RSS MiB", "rss_mib", 1),
    ):
        a = [getattr(sample, field) for sample in mine]
        b = [getattr(sample, field) for sample in theirs]
        rows.append([label, spread(a, digits), spread(b, digits), ratio(a, b)])
    table(rows)
    out(
        "  CPU counts the processes a build starts (Pagefind, git) too; peak RSS is that of the"
        " largest single process."
    )

    out()
    out("Output")
    a, b = size_of(ours.output), size_of(vanilla.output)
    rows = [["", "ours", "vanilla", "ours/vanilla"]]
    for label, mine_value, theirs_value in (
        ("HTML pages", a.html_pages, b.html_pages),
        ("files", a.files, b.files),
        ("total bytes", a.total_bytes, b.total_bytes),
        ("index.html bytes", a.home_bytes, b.home_bytes),
        ("index.html gzip -6 bytes", a.home_gzip_bytes, b.home_gzip_bytes),
        ("largest HTML page bytes", a.largest_html[0], b.largest_html[0]),
        ("Pagefind index files", a.pagefind_files, b.pagefind_files),
    ):
        shown = f"{mine_value / theirs_value:.2f}×" if theirs_value else "–"
        rows.append([label, number(mine_value), number(theirs_value), shown])
    table(rows)
    out(f"  largest HTML page, ours:    {a.largest_html[1]}")
    out(f"  largest HTML page, vanilla: {b.largest_html[1]}")

    out()
    build_wall = statistics.median(s.wall for s in mine)
    check_wall = statistics.median(s.wall for s in checks)
    out(
        f"timeline check alone (median (min–max) of {len(checks)} after 1 warm-up): "
        f"wall {spread([s.wall for s in checks])} s, "
        f"CPU {spread([s.cpu for s in checks])} s, "
        f"peak RSS {spread([s.rss_mib for s in checks], 1)} MiB "
        f"= {check_wall / build_wall:.0%} of our median build wall time"
    )
    out()
    out("commands (each in its folder, output deleted inside the timed process):")
    for build in (ours, vanilla):
        shown = " ".join(build.command[:3]).replace('"$0"', build.command[3])
        out(f"  {build.name}: cd {build.cwd} && {shown.removeprefix('sh -c ')}")
    out(f"  check: {' '.join(check_command)}")
    out(f"content and outputs: {folder}  (logs in {folder / 'logs'})")


def main(argv: list[str] | None = None) -> int:
    """Parse the options and run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entries", type=int, default=10_000, help="Default: 10000.")
    parser.add_argument("--runs", type=int, default=3, help="Timed runs of each build; default 3.")
    parser.add_argument(
        "--workdir",
        type=Path,
        default=Path(tempfile.gettempdir()) / "timeline-bench",
        help="Where the content and outputs go (n<entries>/ inside); default: %(default)s.",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=3600,
        help="Seconds before one process is killed (a failure); default: %(default)s.",
    )
    args = parser.parse_args(argv)
    if args.entries < 1 or args.runs < 1:
        parser.error("--entries and --runs must be at least 1")
    try:
        return run(args)
    except BenchError as exc:
        sys.stderr.write(f"benchmark failed: {exc}\n")
        return 1


if __name__ == "__main__":
    sys.exit(main())
