"""What the preview benchmark reads of a server: its session's processes, CPU and memory.

Our preview's builder is a long-lived child of the server, so its CPU and memory are read from
the session, not from the children the server has waited for.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys

from benchmarks import preview

# A server whose builder holds 64 MiB, and says so once it does.
SERVER = (
    "import subprocess, sys, time\n"
    "child = subprocess.Popen([sys.executable, '-c', "
    "'x = bytearray(64 * 1024 * 1024); print(flush=True); import time; time.sleep(60)'], "
    "stdout=subprocess.PIPE)\n"
    "child.stdout.readline()\n"
    "print(child.pid, flush=True)\n"
    "time.sleep(60)\n"
)


def test_the_session_holds_the_server_and_the_builder_it_started():
    server = subprocess.Popen(
        [sys.executable, "-c", SERVER], stdout=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        assert server.stdout is not None
        builder = int(server.stdout.readline())
        assert {server.pid, builder} <= set(preview.session(server.pid))
        assert os.getpid() not in preview.session(server.pid)
        # The builder's 64 MiB count, though the server has not waited for it.
        assert preview.session_peak_mib(server.pid) >= 64
        assert preview.peak_mib(server.pid) < 64
        assert preview.cpu_seconds(server.pid) >= 0
    finally:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()
