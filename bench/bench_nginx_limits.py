"""deploy/nginx.conf's limits, measured: an upload flood, and the paths for this machine only. A script.

    .venv/bin/python bench/bench_nginx_limits.py [--puts 200] [--mb 4.9]

Starts deploy/serve.sh with one replica of bench/upload_app.py behind nginx, opens one Streamlit session (a
websocket client, as bench/bench_sessions.py's, with the XSRF cookie a browser would get), then sends ``--puts``
uploads of ``--mb`` MB, one after another, as fast as they go: first straight to the replica (what a client could
do through a proxy without limits), then, with a fresh server, through nginx. Prints each one's answers (204: kept
by the replica; 429: refused by nginx), the seconds taken and the replica's memory before and after. Then checks
that /_stcore/script-health-check and /_stcore/metrics answer 403 to another address (127.0.0.2, still loopback)
and not to 127.0.0.1. tests/test_nginx.py runs the nginx half with fewer PUTs. Loopback only.
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import threading
import time
import uuid
from collections import Counter
from contextlib import contextmanager
from http.cookies import SimpleCookie

import websockets
from serving import nginx_replicas, rss_mb, streamlit_server
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

UPLOAD_APP = "bench/upload_app.py"


def _connection(port: int, source: str = "127.0.0.1") -> http.client.HTTPConnection:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60, source_address=(source, 0))
    return conn


def get(port: int, path: str, source: str = "127.0.0.1", headers: dict | None = None) -> tuple:
    """(status, headers) of a GET from ``source`` (a loopback address)."""
    conn = _connection(port, source)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        response.read()
        return response.status, response.getheaders()
    finally:
        conn.close()


@contextmanager
def open_session(port: int):
    """A Streamlit session through ``port``, open while in the block, as a browser opens it: the cookies it gets
    (XSRF, st_replica) and the session id of its websocket."""
    _, headers = get(port, "/_stcore/health")  # Streamlit sets its XSRF cookie here, nginx the st_replica one
    jar = SimpleCookie()
    for name, value in headers:
        if name.lower() == "set-cookie":
            jar.load(value)
    cookies = {k: m.value for k, m in jar.items()}
    header = "; ".join(f"{k}={v}" for k, v in cookies.items())
    opened, done, box = threading.Event(), threading.Event(), {}

    async def hold():
        async with websockets.connect(f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"],
                                      additional_headers={"Cookie": header}, max_size=None) as ws:
            msg = BackMsg()
            msg.rerun_script.query_string = ""
            await ws.send(msg.SerializeToString())
            while "id" not in box:
                fwd = ForwardMsg()
                fwd.ParseFromString(await asyncio.wait_for(ws.recv(), 120))
                if fwd.WhichOneof("type") == "new_session":
                    box["id"] = fwd.new_session.initialize.session_id
            opened.set()
            while not done.is_set():
                await asyncio.sleep(0.1)

    thread = threading.Thread(target=lambda: asyncio.run(hold()), daemon=True)
    thread.start()
    if not opened.wait(120):
        raise RuntimeError("no Streamlit session opened")
    try:
        yield {"cookies": cookies, "cookie_header": header, "session_id": box["id"]}
    finally:
        done.set()
        thread.join(10)


def put(port: int, session: dict, body: bytes) -> int:
    """One upload PUT of ``body`` into ``session``: its status, or 0 when the connection was cut before an answer."""
    boundary = "floodboundary7d1"
    data = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"flood.csv\"\r\n"
            f"Content-Type: text/csv\r\n\r\n").encode() + body + f"\r\n--{boundary}--\r\n".encode()
    conn = _connection(port)
    try:
        conn.request("PUT", f"/_stcore/upload_file/{session['session_id']}/{uuid.uuid4()}", body=data, headers={
            "Content-Type": f"multipart/form-data; boundary={boundary}", "Cookie": session["cookie_header"],
            "X-Xsrftoken": session["cookies"]["_streamlit_xsrf"]})
        response = conn.getresponse()
        response.read()
        return response.status
    except (TimeoutError, ConnectionError, http.client.HTTPException):
        return 0
    finally:
        conn.close()


def flood(port: int, replica_pids, puts: int, mb: float) -> dict:
    """``puts`` uploads of ``mb`` MB into one session through ``port``, one after another (bounded)."""
    body = b"1.5,2.5,a\n" * int(mb * 1e6 / 10)
    with open_session(port) as session:
        rss0, start = rss_mb(replica_pids), time.perf_counter()
        statuses = Counter(put(port, session, body) for _ in range(puts))
        seconds = time.perf_counter() - start
        time.sleep(1)  # the replica has stored what it took
        rss1 = rss_mb(replica_pids)
    return {"PUTs": puts, "MB each": round(len(body) / 1e6, 2), "answers": dict(sorted(statuses.items())),
            "seconds": round(seconds, 1), "replica MB before": round(rss0), "replica MB after": round(rss1)}


def host_only(port: int) -> dict:
    """The status of each host-only path from 127.0.0.1 and from 127.0.0.2 (another loopback address)."""
    return {path: [get(port, path, source)[0] for source in ("127.0.0.1", "127.0.0.2")]
            for path in ("/_stcore/script-health-check", "/_stcore/metrics", "/_stcore/health")}


def replica_pids(served) -> list:
    """The Streamlit replicas among serve.sh's processes (not nginx)."""
    out = []
    for pid in served.server_pids():
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                if b"streamlit" in f.read():
                    out.append(pid)
        except OSError:
            continue
    return out


def through_nginx(puts: int, mb: float) -> dict:
    with nginx_replicas(1, app=UPLOAD_APP) as served:
        result = {"through nginx": flood(served.port, replica_pids(served), puts, mb)}
        result["host-only paths: status from 127.0.0.1, 127.0.0.2"] = host_only(served.port)
        _, headers = get(served.port, "/")
        result["headers"] = {k: v for k, v in headers if k.lower() in ("server", "x-content-type-options")}
        result["st_replica cookie: plain http, behind TLS"] = [
            next(v for k, v in get(served.port, "/", headers=h)[1] if k.lower() == "set-cookie" and "st_replica" in v)
            for h in ({}, {"X-Forwarded-Proto": "https"})]
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--puts", type=int, default=200, help="uploads sent, one after another")
    parser.add_argument("--mb", type=float, default=4.9, help="size of each upload")
    args = parser.parse_args()
    with streamlit_server(UPLOAD_APP) as served:
        result = {"straight to the replica (no limits)": flood(served.port, [served.root_pid], args.puts, args.mb)}
    result |= through_nginx(args.puts, args.mb)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
