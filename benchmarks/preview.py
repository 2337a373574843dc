"""Time a preview server: from saving an entry to the changed page served and the reload sent.

The server (ours, ``python -m generator.tools.serve``, or ``hugo server``) is started on a free
loopback port and asked for its home page until it answers. Then, for each edit, as a browser
would: connect to the LiveReload websocket at ``/livereload`` (say hello, then where the page
is), ask for the page once (Hugo's fast render mode re-renders only pages visited), save the
entry with a new title, and from that moment on both wait for the ``reload`` message and ask
for the page again every few milliseconds until it holds the new title. Two times result: page
served and reload sent; the one that counts, "both", is the later of the two.

Between edits the benchmark waits :data:`QUIET` seconds: livereload sends no reload for an edit
within 3 s of the previous one. The CPU of an edit is what the server's session used meanwhile
(the server, our builder that keeps the site, its follow-ups once waited for), from
``/proc/PID/stat``. At the end come two peaks: the server process's own (``VmHWM``) and the
largest of the server and every build it ran (``VmHWM`` of those still running, ``wait4`` of
those it waited for once it is killed; our preview builds in a child process, Hugo in its own).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import resource
import signal
import socket
import statistics
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tornado.httpclient import AsyncHTTPClient, HTTPClientError
from tornado.websocket import WebSocketClientConnection, websocket_connect

#: livereload ignores a change within 3 s of its last reload (LiveReloadHandler).
QUIET = 4.0
#: How often the page is asked for while waiting for the new title.
POLL = 0.01
PROTOCOL = "http://livereload.com/protocols/official-7"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


class PreviewError(Exception):
    """The server did not start, or an edit was not followed by its page and reload in time."""


@dataclass(frozen=True)
class Edit:
    """An edit: ``save()`` writes the entry and returns its new title; ``path`` is its page."""

    path: str
    save: Callable[[], str]


@dataclass(frozen=True)
class EditTime:
    """Seconds from saving to the new page served and to the reload message; CPU meanwhile."""

    page: float
    reload: float
    cpu: float

    @property
    def both(self) -> float:
        """Until the page is served *and* the browser told: what the reader waits for."""
        return max(self.page, self.reload)


@dataclass
class PreviewRun:
    """The timed edits of one server, its start-up time and its peaks."""

    edits: list[EditTime]
    startup: float
    server_peak_mib: float
    tree_peak_mib: float

    def column(self, name: str) -> list[float]:
        """One figure of every timed edit, for the table."""
        return [getattr(edit, name) for edit in self.edits]


def free_port() -> int:
    """Find a loopback port that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _stat(pid: int) -> list[str]:
    """Return the fields of ``/proc/PID/stat`` after the name (state, ppid, pgrp, session…)."""
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def session(pid: int) -> list[int]:
    """Return the processes of the session ``pid`` leads: a server and the builders it started.

    Our preview's builder lives as long as the server and is waited for only at the end, so
    what it uses is read from it directly rather than from the server's waited-for children.
    """
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError):
                if int(_stat(int(entry.name))[3]) == pid:
                    found.append(int(entry.name))
    return found


def cpu_seconds(pid: int) -> float:
    """User and system CPU of the session ``pid`` leads, and of the children they waited for."""
    total = 0
    for member in session(pid):
        with contextlib.suppress(OSError):
            total += sum(int(value) for value in _stat(member)[11:15])
    return total / CLOCK_TICKS


def peak_mib(pid: int) -> float:
    """Read the process's peak resident memory so far (``VmHWM``), in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024  # kB
    raise PreviewError(f"no VmHWM for process {pid}")


def session_peak_mib(pid: int) -> float:
    """Return the largest peak resident memory among the session's processes still running."""
    peaks = [0.0]
    for member in session(pid):
        with contextlib.suppress(OSError, PreviewError):
            peaks.append(peak_mib(member))
    return max(peaks)


async def _fetch(client: AsyncHTTPClient, url: str, timeout: float) -> tuple[int, str]:
    """Get the status and text of ``url``; 0 when nothing answers."""
    try:
        response = await client.fetch(url, raise_error=False, request_timeout=timeout)
    except (OSError, HTTPClientError):
        return 0, ""
    return response.code, response.body.decode("utf-8", errors="replace")


async def _reload(connection: WebSocketClientConnection) -> float:
    """When the next ``reload`` message arrives."""
    while True:
        message = await connection.read_message()
        if message is None:
            raise PreviewError("the server closed the livereload connection")
        if isinstance(message, str) and json.loads(message).get("command") == "reload":
            return time.perf_counter()


async def _page(client: AsyncHTTPClient, url: str, title: str, timeout: float) -> float:
    """When ``url`` is first served with ``title`` in it."""
    while True:
        status, text = await _fetch(client, url, timeout)
        if status == 200 and title in text:  # noqa: PLR2004
            return time.perf_counter()
        await asyncio.sleep(POLL)


def _message(**fields: object) -> str:
    """Write a LiveReload message as livereload.js does: compact JSON.

    Hugo recognises the hello by the exact text ``"command":"hello"``, so no spaces.
    """
    return json.dumps(fields, separators=(",", ":"))


async def time_edit(base: str, pid: int, edit: Edit, timeout: float) -> EditTime:
    """Connect as livereload.js does, save the edit, and time the page and the reload."""
    url = base + edit.path
    connection = await websocket_connect(base.replace("http://", "ws://") + "/livereload")
    client = AsyncHTTPClient(force_instance=True)
    try:
        await connection.write_message(_message(command="hello", protocols=[PROTOCOL]))
        hello = await connection.read_message()
        if not isinstance(hello, str) or json.loads(hello).get("command") != "hello":
            raise PreviewError(f"no LiveReload hello from {base}: {hello!r}")
        # livereload counts a client as waiting for reloads once it has said where it is.
        await connection.write_message(_message(command="info", url=url, plugins={}))
        status, _ = await _fetch(client, url, timeout)
        if status != 200:  # noqa: PLR2004
            raise PreviewError(f"{url} answered {status} before the edit")
        cpu = cpu_seconds(pid)
        saved = time.perf_counter()
        title = edit.save()
        reloaded, served = await asyncio.gather(
            _reload(connection), _page(client, url, title, timeout)
        )
        return EditTime(served - saved, reloaded - saved, cpu_seconds(pid) - cpu)
    finally:
        client.close()
        connection.close()


def run_server(
    command: list[str],
    *,
    cwd: Path,
    env: dict[str, str] | None,
    edits: list[Edit],
    log: Path,
    timeout: float,
    report: Callable[[str], None],
) -> PreviewRun:
    """Start the server, time each edit (the first one a warm-up), stop it; return the figures.

    ``command`` gets ``--port`` and its number appended.
    """
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with log.open("wb") as handle:
        started = time.perf_counter()
        process = subprocess.Popen(
            [*command, "--port", str(port)],
            cwd=cwd,
            env=env,
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # our builds are its children: stop them too
        )
        usage = None
        try:
            startup = _wait_for_home(base, process, started, timeout, log)
            report(f"  server up in {startup:.1f} s on {base}")
            times = []
            for number, edit in enumerate(edits):
                time.sleep(QUIET)
                measured = asyncio.run(
                    asyncio.wait_for(time_edit(base, process.pid, edit, timeout), timeout)
                )
                label = "warm-up" if number == 0 else f"edit {number}"
                report(
                    f"  {label:<9} page {measured.page:8.3f} s  reload {measured.reload:8.3f} s"
                    f"  cpu {measured.cpu:8.3f} s"
                )
                times.append(measured)
            server_peak = peak_mib(process.pid)
            live_peak = session_peak_mib(process.pid)
        except TimeoutError as exc:
            raise PreviewError(
                f"an edit was not served within {timeout:.0f} s (log: {log})"
            ) from exc
        finally:
            usage = _stop(process)
    return PreviewRun(
        edits=times[1:],
        startup=startup,
        server_peak_mib=server_peak,
        # ru_maxrss: KiB on Linux; the builds the server waited for, and those still running
        tree_peak_mib=max(usage.ru_maxrss / 1024 if usage else server_peak, live_peak),
    )


def _wait_for_home(
    base: str, process: subprocess.Popen[bytes], started: float, timeout: float, log: Path
) -> float:
    """Ask for the home page until it is served; return the seconds it took."""

    async def home() -> int:
        client = AsyncHTTPClient(force_instance=True)
        try:
            return (await _fetch(client, base + "/", 5))[0]
        finally:
            client.close()

    while time.perf_counter() - started < timeout:
        if _exited(process):
            tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
            raise PreviewError(f"the server stopped before serving (log: {log}):\n{tail}")
        if asyncio.run(home()) == 200:  # noqa: PLR2004
            return time.perf_counter() - started
        time.sleep(0.05)
    raise PreviewError(f"the server served nothing within {timeout:.0f} s (log: {log})")


def _exited(process: subprocess.Popen[bytes]) -> bool:
    """Whether the process ended, without reaping it (``wait4`` must still find it)."""
    found = os.waitid(os.P_PID, process.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
    return found is not None


def _stop(process: subprocess.Popen[bytes]) -> resource.struct_rusage | None:
    """Kill the server and its builds; return its resource usage (builds included)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    try:
        _, status, usage = os.wait4(process.pid, 0)
    except ChildProcessError:
        return None
    process.returncode = os.waitstatus_to_exitcode(status)  # reaped: Popen must not wait
    return usage


def medians(run: PreviewRun) -> str:
    """Sum up a server's run in one line for the progress log."""
    both = statistics.median(run.column("both")) if run.edits else float("nan")
    return f"median edit-to-reload {both:.3f} s, server peak {run.server_peak_mib:.0f} MiB"
