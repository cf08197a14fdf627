"""A class on one server, without the class's browsers: N sessions speaking Streamlit's websocket protocol. A script.

    .venv/bin/python bench/bench_sessions.py --n 1,10,20,40 --seconds 60 --think 5
    .venv/bin/python bench/bench_sessions.py --n 20,40 --nginx      # 2 replicas behind deploy/serve.sh

bench/bench_load.py drives real browsers, but on this 2-core machine N headless Chromiums drawing the explorer's
five maps take most of the CPU from the server they measure: students bring their own browsers. Here each
session is a websocket client (the ``websockets`` package Streamlit itself depends on) that sends what a browser
sends for a rerun, a ``BackMsg`` with the page and its link, and reads every ``ForwardMsg`` until the script has
finished. So what is measured is the server alone: how long it takes to answer a student, with N of them.

Each session opens the explorer, then for ``--seconds`` repeats, with a think time between actions (uniform in
0.5-1.5 x ``--think``): a dataset switch (a new dataset and seed: both models refit), a generative model switch,
a hand-set P(y), a probe, the overview page and back. Every action is a whole run of the page, as a link that
arrives is (a browser's P(y) step or Sample reruns one fragment only, less work). Measured per N:
  - errors, which must be 0: exception elements in the page, scripts that end with an error, lost sockets,
    actions that time out;
  - time from sending the action to the script's end (``script_finished``), p50 / p95 / max;
  - the server's RSS after the first views and at the end, and per additional session;
  - the server's CPU seconds (% of a core) and per action.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import tempfile
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import websockets
from serving import cpu_seconds, logged_ms, nginx_replicas, percentile, rss_mb, run_levels, streamlit_server
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

TIMEOUT_S = 120  # an action slower than this is an error (a stuck rerun)
DATASETS = ("moons", "circles", "xor", "blobs", "spirals", "correlated", "three_gaussians", "iris")
GEN = ("gnb", "lda", "qda", "gmm", "kde")
DISC = ("logreg", "svm", "tree", "knn")
OK = {ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY,
      ForwardMsg.ScriptFinishedStatus.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}


def actions(rng) -> list:
    """One round of a student's demo: (name, page, link)."""
    data = f"dataset={rng.choice(DATASETS)}&seed={rng.randint(0, 9)}"
    return [
        ("dataset switch", "explorer", data),
        ("model switch", "explorer", f"{data}&gen={rng.choice(GEN)}&disc={rng.choice(DISC)}"),
        ("P(y) by hand", "explorer", f"{data}&prior={rng.randint(5, 95) / 100}"),
        ("probe", "explorer", f"{data}&probe={rng.uniform(-2, 2):.2f},{rng.uniform(-2, 2):.2f}"),
        ("another page", "", ""),
        ("back to the explorer", "explorer", data),
    ]


@dataclass
class Session:
    times: list = field(default_factory=list)  # (action, seconds)
    errors: list = field(default_factory=list)
    first_view_s: float = float("nan")
    received_bytes: int = 0


async def run_script(ws, log: Session, page: str, query: str) -> float:
    """Send a rerun of ``page`` with ``query``; read until the script finishes. Seconds taken."""
    msg = BackMsg()
    msg.rerun_script.query_string = query
    msg.rerun_script.page_name = page
    start = time.perf_counter()
    await ws.send(msg.SerializeToString())
    while True:
        raw = await asyncio.wait_for(ws.recv(), TIMEOUT_S)
        log.received_bytes += len(raw)
        fwd = ForwardMsg()
        fwd.ParseFromString(raw)
        kind = fwd.WhichOneof("type")
        if kind == "delta" and fwd.delta.WhichOneof("type") == "new_element" \
                and fwd.delta.new_element.WhichOneof("type") == "exception":
            log.errors.append(f"exception on {page}?{query}: {fwd.delta.new_element.exception.message[:200]}")
        elif kind == "script_finished":
            if fwd.script_finished == ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN:
                continue  # the page called st.rerun (a link is applied, then the page writes its own): one action
            if fwd.script_finished not in OK:
                log.errors.append(f"script ended {ForwardMsg.ScriptFinishedStatus.Name(fwd.script_finished)} on "
                                  f"{page}?{query}")
            return time.perf_counter() - start


async def student(url: str, log: Session, clock: dict, index: int, think: float):
    rng = random.Random(index)
    try:
        async with websockets.connect(url.replace("http", "ws") + "/_stcore/stream", subprotocols=["streamlit"],
                                      max_size=None, open_timeout=TIMEOUT_S, ping_interval=None) as ws:
            log.first_view_s = await run_script(ws, log, "explorer", "")
            clock["ready"] += 1
            await clock["go"].wait()
            while time.perf_counter() < clock["end"]:
                for name, page, query in actions(rng):
                    await asyncio.sleep(rng.uniform(0.5, 1.5) * think)
                    if time.perf_counter() >= clock["end"]:
                        break
                    log.times.append((name, await run_script(ws, log, page, query)))
    except Exception as exc:  # a lost socket, a timeout: an error, and this session stops
        log.errors.append(f"{type(exc).__name__}: {str(exc)[:200]}")
    finally:
        if log.first_view_s != log.first_view_s:
            clock["ready"] += 1


async def measure(n: int, seconds: float, think: float, nginx: bool, replicas: int) -> dict:
    with ExitStack() as stack:
        timings = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-sessions-"))) / "timings.tsv"
        env = {"EXPLAINER_TIMINGS": str(timings)}  # app.py logs each run of a page (ui/timing.py)
        served = stack.enter_context(nginx_replicas(replicas, env=env) if nginx else streamlit_server(env=env))
        pids = served.server_pids()
        rss0 = rss_mb(pids)
        logs = [Session() for _ in range(n)]
        clock = {"go": asyncio.Event(), "end": float("inf"), "ready": 0}
        tasks = [asyncio.create_task(student(served.url, logs[i], clock, i, think)) for i in range(n)]
        while clock["ready"] < n:
            await asyncio.sleep(0.1)
        pids = served.server_pids()
        rss_ready, cpu0, t0 = rss_mb(pids), cpu_seconds(pids), time.perf_counter()
        timings.write_text("")
        clock["end"] = t0 + seconds
        clock["go"].set()
        peak = rss_ready
        while not all(t.done() for t in tasks):
            await asyncio.sleep(1)
            peak = max(peak, rss_mb(pids))
        cpu, wall = cpu_seconds(pids) - cpu0, time.perf_counter() - t0
        runs = logged_ms(timings, "page")
    times = [s for lg in logs for _, s in lg.times]
    by = {}
    for lg in logs:
        for name, s in lg.times:
            by.setdefault(name, []).append(s)
    return {"n": n, "mode": f"nginx, {replicas} replicas" if nginx else "one server", "think_s": think,
            "actions": len(times), "errors": [e for lg in logs for e in lg.errors],
            "p50_ms": 1000 * percentile(times, 50), "p95_ms": 1000 * percentile(times, 95),
            "max_ms": 1000 * max(times, default=float("nan")),
            "by_action": {k: (1000 * percentile(v, 50), 1000 * percentile(v, 95), len(v)) for k, v in by.items()},
            "first_view_s": [lg.first_view_s for lg in logs], "rss_start_mb": rss0, "rss_ready_mb": rss_ready,
            "rss_peak_mb": peak, "cpu_s": cpu, "wall_s": wall, "explorer_runs": len(runs),
            "explorer_run_ms": (percentile(runs, 50), percentile(runs, 95)),
            "kb_per_action": sum(lg.received_bytes for lg in logs) / 1024 / max(len(times) + n, 1)}


def tables(results) -> str:
    base = {}
    for r in results:
        base.setdefault(r["mode"], r)
    rows = ["| mode | N | actions | errors | p50 ms | p95 ms | max ms | first view p50 / max s | server RSS MB "
            "(idle → N sessions → peak) | + per session MB | server CPU s (% of a core) | CPU ms per action "
            "| page runs (all pages): count, p50 / p95 ms |",
            "|---|---:|---:|---:|---:|---:|---:|---|---|---:|---|---:|---|"]
    for r in results:
        b = base[r["mode"]]
        per = ((r["rss_peak_mb"] - b["rss_peak_mb"]) / (r["n"] - b["n"])) if r["n"] > b["n"] else float("nan")
        first = [t for t in r["first_view_s"] if t == t] or [float("nan")]
        rows.append(f"| {r['mode']} | {r['n']} | {r['actions']} | {len(r['errors'])} | {r['p50_ms']:.0f} "
                    f"| {r['p95_ms']:.0f} | {r['max_ms']:.0f} | {statistics.median(first):.1f} / {max(first):.1f} "
                    f"| {r['rss_start_mb']:.0f} → {r['rss_ready_mb']:.0f} → {r['rss_peak_mb']:.0f} "
                    f"| {'–' if per != per else f'{per:.1f}'} "
                    f"| {r['cpu_s']:.0f} ({100 * r['cpu_s'] / r['wall_s']:.0f}%) "
                    f"| {1000 * r['cpu_s'] / max(r['actions'], 1):.0f} "
                    f"| {r['explorer_runs']}, {r['explorer_run_ms'][0]:.0f} / {r['explorer_run_ms'][1]:.0f} |")
    names = [name for name, *_ in actions(random.Random(0))]
    rows += ["", "p50 / p95 ms by action:", "", "| mode | N | " + " | ".join(names) + " |",
             "|---|---:|" + "---|" * len(names)]
    for r in results:
        cells = [f"{v[0]:.0f} / {v[1]:.0f}" if (v := r["by_action"].get(k)) else "–" for k in names]
        rows.append(f"| {r['mode']} | {r['n']} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", default="1,10,20,40", help="session counts, comma-separated")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--think", type=float, default=5, help="seconds between a student's actions (mean)")
    parser.add_argument("--nginx", action="store_true", help="through deploy/serve.sh (replicas behind nginx)")
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--json", help="also write the raw results here")
    args = parser.parse_args()
    results = run_levels((int(v) for v in args.n.split(",")),
                         lambda n: asyncio.run(measure(n, args.seconds, args.think, args.nginx, args.replicas)),
                         lambda r: f"{r['actions']} actions, {len(r['errors'])} errors, p50 {r['p50_ms']:.0f} ms, "
                                   f"p95 {r['p95_ms']:.0f} ms", args.json)
    print()
    print(tables(results))


if __name__ == "__main__":
    main()
