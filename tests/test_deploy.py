"""Serving the dashboard on a server (README 部署 · Deploy): scripts/serve.sh, the one command
behind `make serve`, deploy/fazhi-board.service and deploy/Dockerfile, really starts, builds
a missing warehouse, answers /_stcore/health and writes its log; the unit passes
`systemd-analyze verify` and the image builds and turns healthy, where those tools exist."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from board.devserver import free_port

ROOT = Path(__file__).resolve().parent.parent
SERVE = ROOT / "scripts" / "serve.sh"
UNIT = ROOT / "deploy" / "fazhi-board.service"
DOCKERFILE = ROOT / "deploy" / "Dockerfile"
DEADLINE_S = 180  # a busy 2-core CI machine; the bundled data builds in a few seconds


def wait_for(cond, what: str, proc: subprocess.Popen | None = None, log: Path | None = None):
    """cond() until it is true, or fail after DEADLINE_S (or as soon as proc has exited)."""
    deadline = time.monotonic() + DEADLINE_S
    while True:
        got = cond()
        if got:
            return got
        if proc is not None and proc.poll() is not None:
            got = cond()  # it may have come true just before the exit
            if got:
                return got
            pytest.fail(f"{what}: serve exited with {proc.returncode}\n{tail(log)}")
        if time.monotonic() > deadline:
            pytest.fail(f"{what}: not within {DEADLINE_S} s\n{tail(log)}")
        time.sleep(0.2)  # polling interval, not a wait for anything


def tail(log: Path | None) -> str:
    return log.read_text(errors="replace")[-3000:] if log and log.exists() else "(no log)"


def health(port: int) -> bytes | None:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
            return r.read() if r.status == 200 else None
    except OSError:
        return None


@contextlib.contextmanager
def serving(tmp: Path, **env: str):
    """scripts/serve.sh on a free port of 127.0.0.1, over a warehouse in tmp (built from the
    bundled data/ if missing), logging to tmp/logs/serve.log; its whole process group
    (tee, announce.py, streamlit) is stopped afterwards."""
    port = free_port()
    log = tmp / "logs" / "serve.log"
    full = {
        **os.environ,
        "ADDRESS": "127.0.0.1",
        "PORT": str(port),
        "LOG": str(log),
        "FAZHI_DATA": str(ROOT / "data"),
        "FAZHI_WAREHOUSE": str(tmp / "warehouse.duckdb"),
        **env,
    }
    proc = subprocess.Popen(
        ["bash", str(SERVE)],
        cwd=tmp,  # the script finds the project itself
        env=full,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        yield proc, port, log
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)


@pytest.mark.slow
def test_serve_builds_the_missing_warehouse_answers_health_and_logs(tmp_path):
    db = tmp_path / "warehouse.duckdb"
    assert not db.exists()
    with serving(tmp_path) as (proc, port, log):
        assert wait_for(lambda: health(port), "/_stcore/health", proc, log) == b"ok"
        assert db.exists(), "the warehouse was not built"
        # announce.py tells the address once the server answers
        said = f"看板已启动，请在浏览器中打开 http://127.0.0.1:{port}"
        wait_for(lambda: said in log.read_text(), "the address", proc, log)
        text = log.read_text()
        assert f"serve: 127.0.0.1:{port}" in text
        assert "用时" in text  # the build's summary
    # stopped by SIGTERM to its whole group (as systemd stops a service), Streamlit's own
    # last words still reach the log: the tee outlives it instead of leaving it stuck
    wait_for(lambda: "Stopping..." in log.read_text(), "Streamlit's 'Stopping...'", log=log)
    built = db.stat().st_mtime_ns

    # again: the warehouse is there, so it is used as it is; the log is appended to
    with serving(tmp_path) as (proc, port, log):
        assert wait_for(lambda: health(port), "/_stcore/health", proc, log) == b"ok"
        text = log.read_text()
    assert db.stat().st_mtime_ns == built
    assert "数据仓库已存在" in text
    assert len(re.findall(r"^== .* serve: ", text, re.M)) == 2, text


def test_serve_stops_when_the_warehouse_cannot_be_built(tmp_path):
    with serving(tmp_path, FAZHI_DATA=str(tmp_path / "no-such-folder")) as (proc, port, log):
        rc = proc.wait(timeout=DEADLINE_S)
    assert rc == 2, tail(log)
    assert "数据文件夹不存在" in log.read_text()
    assert not (tmp_path / "warehouse.duckdb").exists()


@pytest.mark.skipif(not shutil.which("make"), reason="make is not installed")
def test_make_serve_runs_the_script_with_address_and_port():
    env = {k: v for k, v in os.environ.items() if k not in ("ADDRESS", "PORT")}
    dry = ["make", "-n", "-C", str(ROOT), "serve"]
    out = subprocess.run(dry, env=env, capture_output=True, text=True, check=True).stdout
    assert "ADDRESS=0.0.0.0 PORT=8501 bash scripts/serve.sh" in out
    out = subprocess.run([*dry, "ADDRESS=10.1.2.3", "PORT=9000"], env=env, capture_output=True,
                         text=True, check=True).stdout  # fmt: skip
    assert "ADDRESS=10.1.2.3 PORT=9000 bash scripts/serve.sh" in out


def test_the_unit_and_the_image_run_the_same_script_with_fonts_and_a_health_check():
    unit = UNIT.read_text(encoding="utf-8")
    exec_start = re.search(r"^ExecStart=(.+)$", unit, re.M).group(1)
    assert exec_start.endswith("/scripts/serve.sh"), exec_start
    wd = re.search(r"^WorkingDirectory=(.+)$", unit, re.M).group(1)
    assert exec_start.split()[-1] == f"{wd}/scripts/serve.sh"

    docker = DOCKERFILE.read_text(encoding="utf-8")
    assert re.search(r"^FROM python:3\.\d+-slim", docker, re.M)
    health_check = re.search(r"^HEALTHCHECK (?:.*\\\n)*.*", docker, re.M).group(0)
    assert "/_stcore/health" in health_check
    installs = re.search(r"apt-get install[^&]*", docker).group(0)
    assert "fonts-noto-cjk" in installs.split()
    assert re.search(r'^CMD \["bash", "scripts/serve.sh"\]', docker, re.M)

    ignored = set((ROOT / ".dockerignore").read_text().split())
    assert {".venv", "out", "artifacts", ".streamlit/secrets.toml"} <= ignored


def test_the_systemd_unit_verifies(tmp_path):
    tool = shutil.which("systemd-analyze")
    if not tool:
        pytest.skip("systemd-analyze is not installed (no systemd here)")
    unit = tmp_path / UNIT.name
    shutil.copyfile(UNIT, unit)
    r = subprocess.run([tool, "verify", str(unit)], capture_output=True, text=True, timeout=120)
    # verify exits 0 on unknown keys or bad values too, only saying so: any word about our
    # unit is a failure
    about_ours = [line for line in (r.stdout + r.stderr).splitlines() if UNIT.name in line]
    assert r.returncode == 0 and not about_ours, r.stdout + r.stderr


def docker_daemon() -> str | None:
    """Why docker cannot be used here, or None when its daemon answers."""
    if not shutil.which("docker"):
        return "docker is not installed"
    try:
        r = subprocess.run(["docker", "version", "--format", "{{.Server.Version}}"],
                           capture_output=True, text=True, timeout=30)  # fmt: skip
    except subprocess.TimeoutExpired:
        return "the docker daemon did not answer within 30 s"
    if r.returncode != 0:
        return f"the docker daemon does not answer: {(r.stderr or r.stdout).strip()[:200]}"
    return None


@pytest.mark.slow
def test_the_image_builds_and_turns_healthy(tmp_path):
    why = docker_daemon()
    if why:
        pytest.skip(f"{why}; the image is built only where docker runs")
    tag = f"fazhi-board-test:{os.getpid()}"
    subprocess.run(["docker", "build", "-f", str(DOCKERFILE), "-t", tag, str(ROOT)],
                   check=True, timeout=1800)  # fmt: skip
    name = f"fazhi-board-test-{os.getpid()}"
    try:
        subprocess.run(["docker", "run", "-d", "--name", name, "-p", "127.0.0.1::8501", tag],
                       check=True, capture_output=True, timeout=120)  # fmt: skip
        mapped = subprocess.run(["docker", "port", name, "8501/tcp"], capture_output=True,
                                text=True, check=True, timeout=60).stdout  # fmt: skip
        port = int(mapped.split()[0].rsplit(":", 1)[1])
        assert wait_for(lambda: health(port), "/_stcore/health in the container") == b"ok"
        logs = subprocess.run(["docker", "logs", name], capture_output=True, text=True).stdout
        assert "serve: 0.0.0.0:8501" in logs  # serve.sh's log reaches `docker logs`
    finally:
        subprocess.run(["docker", "rm", "-f", name], capture_output=True, timeout=120)
        subprocess.run(["docker", "rmi", "-f", tag], capture_output=True, timeout=120)
