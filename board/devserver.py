"""The dashboard as a real server on a free local port, over a given warehouse and data
folder: what the browser tests and the memory benchmark drive Chromium against.

    with running(warehouse, data, log) as (proc, base_url): ...

It runs `streamlit run dashboard.py` from the project folder (so .streamlit/config.toml
applies), waits until /_stcore/health answers, and stops the server afterwards.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from pathlib import Path

from board.warehouse import ENV_DATA, ENV_DB
from etl.paths import ROOT


class DidNotStart(RuntimeError):
    """The server exited or did not answer in time; the message ends with its log."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running(
    warehouse: Path,
    data: Path,
    log: Path | None = None,
    extra_args: Sequence[str] = (),
    timeout: float = 180,
) -> Iterator[tuple[subprocess.Popen, str]]:
    """The server process and its base URL. `log`: where its output goes (else nowhere);
    `extra_args`: added to the command line, e.g. ["--server.maxUploadSize", "1"]."""
    port = free_port()
    env = dict(os.environ, **{ENV_DB: str(warehouse), ENV_DATA: str(data)})
    cmd = [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"),
           "--server.port", str(port), "--server.address", "127.0.0.1",
           "--server.headless", "true", "--browser.gatherUsageStats", "false",
           *extra_args]  # fmt: skip
    with contextlib.ExitStack() as stack:
        out = stack.enter_context(log.open("w")) if log else subprocess.DEVNULL
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + timeout
        while True:
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.time() > deadline:
                tail = log.read_text(errors="replace")[-3000:] if log else "(no log kept)"
                raise DidNotStart(f"streamlit did not start:\n{tail}")
            time.sleep(0.3)
        yield proc, base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
