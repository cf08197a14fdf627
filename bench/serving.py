"""What the load and deployment benches share: a server to measure (one Streamlit process, or
deploy/serve.sh's replicas behind nginx), its processes' memory and CPU time from /proc, and
nginx's access log (which replica served which browser).

Imported by tests/test_nginx.py and the benches that start a server (bench_nginx, bench_load, bench_sessions,
bench_cold, bench_browser, bench_soak, bench_deep).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from browser_utils import (  # noqa: E402,F401 (console_problem: the tests' pages and the benches' count alike)
    CHROMIUM,
    FLAGS,
    IDLE,
    _explorer_ready,
    _free_port,
    _idle,
    _wait_healthy,
    console_problem,
    streamlit_process,
)

from ui.timing import logged_ms  # noqa: E402,F401 (the benches read the server's own times with it)

SERVE_SH = ROOT / "deploy" / "serve.sh"
_TICK = os.sysconf("SC_CLK_TCK")


def nginx_path() -> str | None:
    """nginx on PATH, or Debian's /usr/sbin/nginx (not on a normal user's PATH); None if absent."""
    found = shutil.which("nginx")
    return found or ("/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None)


@dataclass
class Served:
    """A running deployment: the URL browsers open and how to find its server processes."""
    url: str
    root_pid: int  # the Streamlit process, or serve.sh (whose children are the replicas and nginx)
    run_dir: Path | None = None  # serve.sh's logs (nginx's access.log)
    replica_ports: list = field(default_factory=list)

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1])

    def server_pids(self) -> list:
        """The processes that serve (Streamlit, plus nginx behind serve.sh), not the shell."""
        return [self.root_pid] if self.run_dir is None else descendants(self.root_pid)

    @property
    def access_log(self) -> Path:
        return self.run_dir / "access.log"


@contextmanager
def streamlit_server(app: str = "app.py", env: dict | None = None, args: tuple = (), cwd: Path = ROOT):
    """One fresh `streamlit run` of ``app`` in ``cwd`` (cold, as a shared link meets it), stopped on exit: the
    browser tests' own (``browser_utils.streamlit_process``)."""
    with streamlit_process(app, env, args, cwd) as (url, proc):
        yield Served(url, proc.pid)


def _free_port_run(n: int) -> int:
    """A port p with p .. p + n - 1 all free (serve.sh numbers its replicas from FIRST_PORT)."""
    for _ in range(50):
        first = _free_port()
        if first + n < 65536 and all(_port_free(first + i) for i in range(n)):
            return first
    raise RuntimeError(f"no run of {n} free ports")


def _port_free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


@contextmanager
def nginx_replicas(replicas: int = 2, app: str = "app.py", env: dict | None = None, timeout: float = 300):
    """deploy/serve.sh on free ports: ``replicas`` copies of ``app`` behind nginx (up once the replicas
    are warm: minutes on a busy machine); SIGTERM on exit."""
    port, first = _free_port(), _free_port_run(replicas)
    run_dir = Path(tempfile.mkdtemp(prefix="bench-nginx-"))
    env = dict(os.environ, **(env or {}), PORT=str(port), REPLICAS=str(replicas), FIRST_PORT=str(first), APP=app,
               RUN_DIR=str(run_dir), PATH=f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}")
    with open(run_dir / "serve.err", "w") as err:
        proc = subprocess.Popen(["bash", str(SERVE_SH)], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=err)
    ports = [first + i for i in range(replicas)]
    failed = True
    try:
        deadline = time.monotonic() + timeout
        for p in ports + [port]:
            _wait_healthy(f"http://127.0.0.1:{p}/_stcore/health", proc, max(1.0, deadline - time.monotonic()))
        yield Served(f"http://localhost:{port}", proc.pid, run_dir, ports)
        failed = False
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
        if failed:
            print(f"serve.sh's logs are in {run_dir}", file=sys.stderr)
        else:
            shutil.rmtree(run_dir, ignore_errors=True)


# ---- /proc: memory and CPU time of a set of processes -------------------------------------------

def _stat(pid: int) -> list:
    """Fields of /proc/<pid>/stat after the command name (which may hold spaces): [state, ppid, ...]."""
    with open(f"/proc/{pid}/stat") as f:
        return f.read().rsplit(")", 1)[1].split()


def descendants(pid: int) -> list:
    """Every process below ``pid`` (children, grandchildren, ...)."""
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                children.setdefault(int(_stat(int(entry))[1]), []).append(int(entry))
            except (OSError, IndexError):
                continue  # exited while we looked
    found, todo = [], [pid]
    while todo:
        kids = children.get(todo.pop(), [])
        found += kids
        todo += kids
    return found


def rss_mb(pids) -> float:
    """Resident memory (VmRSS) summed over ``pids``, in MB."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/status") as f:
                total += next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))
        except (OSError, StopIteration):
            continue
    return total / 1024


def cpu_seconds(pids) -> float:
    """User + system CPU time used so far by ``pids`` (all their threads) and by their children that have
    exited (a renderer Chromium closed), in seconds: summed over a whole process tree, it only grows."""
    total = 0
    for pid in pids:
        try:
            total += sum(int(v) for v in _stat(pid)[11:15])  # utime, stime, cutime, cstime (stat fields 14-17)
        except (OSError, IndexError):
            continue
    return total / _TICK


def browser_pids() -> list:
    """This process's Chromium processes (Playwright starts them below us)."""
    out = []
    for pid in descendants(os.getpid()):
        try:
            with open(f"/proc/{pid}/comm") as f:
                if "chrom" in f.read():
                    out.append(pid)
        except OSError:
            continue
    return out


# ---- nginx's access log (log_format "affinity" in deploy/nginx.conf) -------------------------------

@dataclass(frozen=True)
class Hit:
    affinity: str  # the st_replica cookie, or on a browser's first request the value nginx is setting
    upstream: str  # the replica that answered, host:port
    status: int
    method: str
    path: str
    had_cookie: bool  # False on a browser's first request


def read_access_log(path: Path) -> list:
    hits = []
    for line in path.read_text().splitlines():
        head, upstream, _, request, _, cookie, _ = line.split('"')
        _, affinity, status = head.split()
        method, target = request.split()[:2]
        hits.append(Hit(affinity, upstream, int(status), method, target, cookie not in ("", "-")))  # "-": none
    return hits


def percentile(values, q: int) -> float:
    """The ``q``-th percentile (inclusive method; the 50th is the median); NaN without values."""
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def run_levels(ns, measure_one, line, json_path=None) -> list:
    """``measure_one(n)`` for each session count in ``ns``: prints ``line(result)`` and the first errors as it
    goes, keeps the raw results in ``json_path`` after each; returns them (bench_load.py, bench_sessions.py)."""
    results = []
    for n in ns:
        r = measure_one(n)
        results.append(r)
        print(f"N={n}: {line(r)}", flush=True)
        for e in r["errors"][:10]:
            print("  error:", e, flush=True)
        if json_path:
            with open(json_path, "w") as f:
                json.dump(results, f, indent=1)
    return results
