"""Running MkDocs in a child process and measuring it: wall time, peak memory, log."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bench_projects import HOOKS, Project

SITE_URL = "https://bench.example.org/"
# Handout PDFs off (the generator's documented switch), so a build times the pages alone.
PDFS_OFF = {"HANDOUT_PDFS": "0"}
PDFS_ON = {"HANDOUT_PDFS": "1"}


# Runs a command and prints its wall time, CPU time and peak memory as JSON. Linux gives a
# process exec'd from a big parent that parent's peak memory as its own starting peak, so
# builds are started from this small interpreter rather than from the bench itself.
MEASURED_RUN = """
import json, os, subprocess, sys, time
with open(sys.argv[1], "w", encoding="utf-8") as log:
    started = time.perf_counter()
    child = subprocess.Popen(sys.argv[2:], stdout=log, stderr=subprocess.STDOUT)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
print(json.dumps({
    "seconds": seconds,
    "cpu_seconds": usage.ru_utime + usage.ru_stime,
    "max_rss_kb": usage.ru_maxrss,
    "returncode": os.waitstatus_to_exitcode(status),
}))
"""


@dataclass(frozen=True)
class BuildRun:
    """One finished `mkdocs build`."""

    seconds: float
    cpu_seconds: float
    max_rss_mb: float
    returncode: int
    log: str

    @property
    def warnings(self) -> int:
        return sum(1 for line in self.log.splitlines() if line.startswith("WARNING"))


def build_env(**extra: str) -> dict[str, str]:
    return dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(HOOKS), SITE_URL=SITE_URL, **extra)


def build(project: Project, site: Path, *, env: dict[str, str], log_file: Path) -> BuildRun:
    """Build in a child process, timed and measured by a small go-between (see `MEASURED_RUN`)."""
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--clean",
        "--config-file",
        str(project.config),
        "--site-dir",
        str(site),
    ]
    measure = [sys.executable, "-I", "-S", "-c", MEASURED_RUN, str(log_file), *command]
    process = subprocess.Popen(
        measure, stdout=subprocess.PIPE, text=True, env=env, cwd=project.folder, start_new_session=True
    )
    try:
        output, _ = process.communicate()
    except BaseException:  # interrupted: leave no build running
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        raise
    text = log_file.read_text(encoding="utf-8", errors="replace")
    if process.returncode != 0:
        raise RuntimeError(f"measuring the build of {project.folder} failed ({process.returncode}):\n{text[-3000:]}")
    figures = json.loads(output)
    run = BuildRun(
        figures["seconds"], figures["cpu_seconds"], figures["max_rss_kb"] / 1024, figures["returncode"], text
    )
    if run.returncode != 0:
        raise RuntimeError(f"mkdocs build of {project.folder} failed ({run.returncode}):\n{text[-3000:]}")
    return run


# A port is chosen at random and, if another process holds it, the server exits and the next is
# tried: no port is freed by a probe and handed over, where another process could take it first.
PORT_TRIES = 8


def random_port() -> int:
    return random.randint(20_000, 60_000)


@dataclass
class ServeLog:
    """The serve process's log lines with the time each arrived, read on a thread."""

    lines: list[tuple[float, str]] = field(default_factory=list)
    condition: threading.Condition = field(default_factory=threading.Condition)

    def follow(self, stream) -> None:
        for line in stream:
            with self.condition:
                self.lines.append((time.perf_counter(), line.rstrip()))
                self.condition.notify_all()
        with self.condition:
            self.lines.append((time.perf_counter(), "<exit>"))
            self.condition.notify_all()

    def wait_for(self, text: str, *, after: float, timeout: float) -> float | None:
        """The arrival time of the first line containing `text` logged after `after`, or None on timeout."""
        deadline = time.perf_counter() + timeout
        with self.condition:
            while True:
                for arrived, line in self.lines:
                    if arrived >= after and text in line:
                        return arrived
                    if line == "<exit>":
                        return None
                remaining = deadline - time.perf_counter()
                if remaining <= 0:
                    return None
                self.condition.wait(remaining)

    def tail(self, count: int = 30) -> str:
        with self.condition:
            return "\n".join(line for _, line in self.lines[-count:])


def serve_reload_latencies(
    project: Project,
    *,
    edits: list[Callable[[], None]],
    env: dict[str, str],
    start_timeout: float,
    reload_timeout: float,
) -> list[float]:
    """Seconds from each file save to MkDocs' "Reloading browsers"; the server is always stopped."""
    for _ in range(PORT_TRIES):
        command = [
            sys.executable,
            "-m",
            "mkdocs",
            "serve",
            "--config-file",
            str(project.config),
            "--dev-addr",
            f"127.0.0.1:{random_port()}",
        ]
        process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
            cwd=project.folder,
            start_new_session=True,
        )
        log = ServeLog()
        reader = threading.Thread(target=log.follow, args=(process.stdout,), daemon=True)
        reader.start()
        if log.wait_for("Serving on", after=0, timeout=start_timeout) is not None:
            break
        stop(process)
        reader.join(timeout=5)
        if "Address already in use" not in log.tail():
            raise RuntimeError(f"mkdocs serve did not start within {start_timeout:.0f} s:\n{log.tail()}")
    else:
        raise RuntimeError(f"mkdocs serve found no free port in {PORT_TRIES} tries:\n{log.tail()}")
    try:
        time.sleep(1.0)  # let the file watcher settle before the first save
        latencies = []
        for edit in edits:
            edit()
            saved = time.perf_counter()
            reloaded = log.wait_for("Reloading browsers", after=saved, timeout=reload_timeout)
            if reloaded is None:
                raise RuntimeError(f"no reload within {reload_timeout:.0f} s of saving the catalogue:\n{log.tail()}")
            latencies.append(reloaded - saved)
            time.sleep(1.0)
        return latencies
    finally:
        stop(process)
        reader.join(timeout=5)


def stop(process: subprocess.Popen) -> None:
    """Stop the server's whole session (it is its own group leader), politely first."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
