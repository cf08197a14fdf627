"""Browser sessions through nginx stay on their replica: a check of deploy/serve.sh. A script.

    .venv/bin/python bench/bench_nginx.py [--sessions 4]

Starts deploy/serve.sh (2 replicas behind nginx, on free ports) and opens sessions through nginx,
each a separate Playwright context (its own cookies), until there are ``--sessions`` and both
replicas hold at least one. Each loads the explorer, switches the dataset and clicks Sample: no
exception box, no console error, no websocket lost. Then nginx's access log must show every
request of a session, its first (cookie-less) one and its websocket included, on one replica.

File uploads are HTTP PUTs that must reach the replica holding the session. The explorer has no
file uploader yet, so a second run serves bench/upload_app.py (one st.file_uploader): each
session uploads a CSV through nginx; the PUT must have gone to its websocket's replica, and the
same PUT sent straight to the other replica must be refused (400, unknown session), which is
what affinity prevents; and a 7 MB body is refused by nginx itself (413). tests/test_nginx.py runs
the upload check, the quick one (skipped where nginx is absent).
"""

from __future__ import annotations

import argparse
import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field

from playwright.sync_api import expect, sync_playwright
from serving import (
    CHROMIUM,
    FLAGS,
    _explorer_ready,
    _idle,
    console_problem,
    nginx_path,
    nginx_replicas,
    read_access_log,
)

EXCEPTION = '[data-testid="stException"]'
FIRST_VIEW_MS = 240_000  # a replica's first view imports and fits; minutes on a 2-core machine under load
MAX_SESSIONS = 12  # sessions are hashed at random: 2 replicas are both hit within 12 but for 1 time in 2,048


@dataclass
class Session:
    """One browser (a Playwright context) and what went wrong in it."""
    context: object
    page: object
    problems: list = field(default_factory=list)
    open_sockets: int = 0
    closing: bool = False
    cookies: dict = field(default_factory=dict)  # as they were when the context closed

    def note(self, problem: str | None):
        if problem:
            self.problems.append(problem)

    def cookie(self, name: str = "st_replica") -> str | None:
        if not self.closing:
            self.cookies = {c["name"]: c["value"] for c in self.context.cookies()}
        return self.cookies.get(name)


def open_session(browser, url: str) -> Session:
    context = browser.new_context(viewport={"width": 1600, "height": 1100})
    page = context.new_page()
    s = Session(context, page)
    page.on("console", lambda m: s.note(console_problem(m.type, m.text, m.location.get("url"))))
    page.on("pageerror", lambda e: s.note(f"page error: {e}"))

    def on_socket(ws):
        if "/_stcore/stream" in ws.url:
            s.open_sockets += 1
            ws.on("close", lambda _: None if s.closing else s.note(f"websocket lost: {ws.url}"))
    page.on("websocket", on_socket)
    page.goto(url)
    return s


def close_all(sessions):
    for s in sessions:
        s.cookie()
        s.closing = True
        s.context.close()


def upstream_of(log, cookie: str) -> set:
    return {h.upstream for h in read_access_log(log) if h.affinity == cookie}


def open_spread(browser, served, path: str, ready, want: int) -> list:
    """Sessions at ``path`` until there are ``want`` of them and every replica holds one."""
    sessions, seen = [], set()
    while len(sessions) < want or len(seen) < len(served.replica_ports):
        if len(sessions) == MAX_SESSIONS:
            raise AssertionError(f"{MAX_SESSIONS} sessions all went to {seen}: is the hash on a random cookie?")
        s = open_session(browser, served.url + path)
        ready(s.page, FIRST_VIEW_MS)
        sessions.append(s)
        seen |= upstream_of(served.access_log, s.cookie())
    return sessions


def explorer_steps(s: Session):
    """Switch the dataset (a full rerun) and draw a sample (a fragment rerun); both must redraw."""
    page = s.page
    density = page.locator('[data-testid="stPlotlyChart"]').first
    before = density.locator(".contourlayer path").first.get_attribute("d")
    page.locator(".st-key-dataset").get_by_role("combobox").click()
    page.get_by_role("option", name="Moons", exact=True).click()
    page.wait_for_url("**dataset=moons**", timeout=60_000)
    _explorer_ready(page)
    expect(density.locator(".contourlayer path").first).not_to_have_attribute("d", before, timeout=30_000)
    points = density.locator(".scatterlayer .point")
    n = points.count()
    page.locator(".st-key-sample").get_by_role("button").click()  # the visible one (a hidden copy sizes it)
    expect(points).to_have_count(n + 200, timeout=30_000)  # the default 200 sampled points
    _idle(page)
    if page.locator(EXCEPTION).count():
        s.problems.append("exception box: " + page.locator(EXCEPTION).first.inner_text()[:300])


def affinity_report(log, sessions) -> dict:
    """{cookie: replica} after checking that each session's requests all went to one replica,
    its first request (no cookie yet, hashed on the value being set) and its websocket included."""
    hits = read_access_log(log)
    report = {}
    for s in sessions:
        cookie = s.cookie()
        assert cookie, "nginx set no st_replica cookie"
        mine = [h for h in hits if h.affinity == cookie and h.upstream != "-"]  # "-": nginx answered itself
        upstreams = {h.upstream for h in mine}
        assert len(upstreams) == 1, f"session {cookie} spread over {upstreams}"
        first = mine[0]  # the page itself, sent without a cookie, already on the replica of the rest
        assert (first.method, first.status, first.had_cookie) == ("GET", 200, False), f"first request {first}"
        assert all(h.had_cookie for h in mine[1:]), f"requests of {cookie} without its cookie"
        sockets = [h for h in mine if h.path.startswith("/_stcore/stream")]
        assert sockets and all(h.status == 101 for h in sockets), f"websocket of {cookie}: {sockets}"
        report[cookie] = upstreams.pop()
    # a request a page sent before its cookie was set would carry an affinity of its own
    strays = [h for h in hits if h.affinity not in report and h.path != "/_stcore/health"]  # the bench's probe
    assert not strays, f"requests outside any session: {strays[:5]}"
    return report


def _multipart(name: str, data: bytes) -> tuple:
    boundary = "benchboundary7d1"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
            f"Content-Type: text/csv\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def put_status(url: str, session: Session, data: bytes, extra_cookie: str = "") -> int:
    """The status of a PUT of ``data`` as a file upload, with the session's XSRF cookie and header."""
    xsrf = session.cookie("_streamlit_xsrf")
    body, kind = _multipart("again.csv", data)
    request = urllib.request.Request(url, data=body, method="PUT", headers={
        "Content-Type": kind, "X-Xsrftoken": xsrf, "Cookie": f"_streamlit_xsrf={xsrf}{extra_cookie}"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


CSV = b"x1,x2,y\n0.1,0.2,A\n1.5,1.1,B\n"


def upload_steps(s: Session):
    page = s.page
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        files=[{"name": "points.csv", "mimeType": "text/csv", "buffer": CSV}])
    expect(page.get_by_text(f"received points.csv: {len(CSV)} bytes")).to_be_visible(timeout=30_000)
    _idle(page)
    if page.locator(EXCEPTION).count():
        s.problems.append("exception box: " + page.locator(EXCEPTION).first.inner_text()[:300])


def _uploader_ready(page, timeout):
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').wait_for(state="attached", timeout=timeout)
    _idle(page, timeout)


def check_explorer(browser, sessions: int = 4) -> dict:
    """Explorer sessions through nginx: each works and stays on one replica; both replicas serve some."""
    with nginx_replicas(2) as served:
        opened = open_spread(browser, served, "/explorer", _explorer_ready, sessions)
        for s in opened:
            explorer_steps(s)
        problems = [p for s in opened for p in s.problems]
        assert all(s.open_sockets == 1 for s in opened), [s.open_sockets for s in opened]
        close_all(opened)
        time.sleep(0.5)  # nginx logs a websocket when it closes
        placed = affinity_report(served.access_log, opened)
        assert not problems, problems
    return {"explorer sessions per replica": _count(placed.values())}


def check_uploads(browser) -> dict:
    """Uploads through nginx reach the session's replica; the other replica would refuse them; and
    nginx refuses a body over its client_max_body_size."""
    with nginx_replicas(2, app="bench/upload_app.py") as served:
        opened = open_spread(browser, served, "/", _uploader_ready, 2)
        for s in opened:
            upload_steps(s)
        puts = {s.cookie(): _upload_puts(served.access_log, s.cookie()) for s in opened}
        # the same upload straight to the other replica: refused there, the session is unknown
        s0, cookie0 = opened[0], opened[0].cookie()
        put0 = puts[cookie0][0]
        home = int(put0.upstream.rsplit(":", 1)[1])
        other = next(port for port in served.replica_ports if port != home)
        wrong = put_status(f"http://127.0.0.1:{other}{put0.path}", s0, CSV)
        right = put_status(f"{served.url}{put0.path}", s0, CSV, f"; st_replica={cookie0}")
        too_big = put_status(f"{served.url}{put0.path}", s0, b"0" * (7 << 20), f"; st_replica={cookie0}")
        problems = [p for s in opened for p in s.problems]
        close_all(opened)
        time.sleep(0.5)
        placed = affinity_report(served.access_log, opened)
        assert not problems, problems
        for cookie, hits in puts.items():
            assert hits and all(h.upstream == placed[cookie] and h.status == 204 for h in hits), hits
        assert (wrong, right, too_big) == (400, 204, 413), (wrong, right, too_big)
    return {"upload sessions per replica": _count(placed.values()),
            "upload PUT on the session's replica / the other replica / 7 MB": [right, wrong, too_big]}


def _upload_puts(log, cookie):
    return [h for h in read_access_log(log) if h.affinity == cookie and h.method == "PUT"
            and h.path.startswith("/_stcore/upload_file/")]


def _count(values) -> dict:
    out = {}
    for v in values:
        out[v] = out.get(v, 0) + 1
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", type=int, default=4, help="explorer sessions to open (at least)")
    args = parser.parse_args()
    if nginx_path() is None:
        print("nginx is missing: deploy/serve.sh will install it with apt-get")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            start = time.perf_counter()
            result = check_explorer(browser, args.sessions)
            result["explorer check (s)"] = round(time.perf_counter() - start)
            start = time.perf_counter()
            result |= check_uploads(browser)
            result["upload check (s)"] = round(time.perf_counter() - start)
        finally:
            browser.close()
    print(json.dumps(result, indent=2))
    print("all checks passed")


if __name__ == "__main__":
    main()
