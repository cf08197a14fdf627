"""deploy/nginx.conf and deploy/serve.sh: sessions stay on their replica, uploads follow them, and one client
cannot fill a replica's memory.

The config's limits are read from the file (no nginx needed). With nginx (CI installs it: .ci/run), bench/
bench_nginx.py's upload check (a one-uploader page on 2 replicas, in a browser) and bench/bench_nginx_limits.py's
flood (40 uploads of 4.9 MB into one session, one after another, on loopback) run against serve.sh.
"""

import os
import re
import sys
import tomllib
from pathlib import Path

import pytest
from browser_utils import SKIP_WITHOUT_BROWSER

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from serving import nginx_path  # noqa: E402

if nginx_path() is None and os.environ.get("CI") == "true":
    raise RuntimeError("the nginx tests cannot run in CI without nginx (.ci/run installs it)")
NEEDS_NGINX = pytest.mark.skipif(nginx_path() is None, reason="nginx is not installed (apt-get install nginx)")
CONF = (ROOT / "deploy" / "nginx.conf").read_text()


def _block(start: str) -> str:
    """The text of the { } block that opens at the line containing ``start``."""
    i = CONF.index(start)
    depth, j = 0, CONF.index("{", i)
    for k in range(j, len(CONF)):
        depth += {"{": 1, "}": -1}.get(CONF[k], 0)
        if depth == 0:
            return CONF[j:k + 1]
    raise AssertionError(f"no block at {start}")


def _rate_per_minute(zone: str) -> float:
    number, unit = re.search(rf"limit_req_zone \S+ zone={zone}:\S+ rate=(\d+)r/([sm]);", CONF).groups()
    return int(number) * (60 if unit == "s" else 1)


def test_the_config_limits_each_address_and_uploads_more_tightly():
    assert "limit_req_zone $binary_remote_addr zone=per_address:" in CONF
    assert "limit_conn_zone $binary_remote_addr zone=conns_per_address:" in CONF
    server = _block("    server {")
    assert re.search(r"\n        limit_conn conns_per_address \d+;", server)  # every location
    assert re.search(r"limit_req zone=per_address burst=\d+ nodelay;", _block("location / {"))
    assert "limit_req" not in _block("location /static/ {")  # the frontend's files: a first visit fetches ~120
    uploads = _block("location /_stcore/upload_file/ {")
    assert "limit_req zone=uploads_per_address" in uploads and "limit_req zone=uploads_per_session" in uploads
    assert _rate_per_minute("uploads_per_session") < _rate_per_minute("uploads_per_address") \
        < _rate_per_minute("per_address")
    assert "limit_req_status 429;" in CONF and "limit_conn_status 429;" in CONF


def test_the_body_limit_is_the_apps_own_upload_cap():
    app_mb = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["server"]["maxUploadSize"]
    assert re.findall(r"client_max_body_size (\d+)m;", CONF) == [str(app_mb)]


def test_the_script_health_check_and_metrics_are_for_this_machine_only_and_nginx_says_little():
    block = _block("location ~ /_stcore/(script-health-check|metrics)$ {")
    assert [line.strip() for line in block.splitlines() if line.strip().startswith(("allow", "deny"))] == \
        ["allow 127.0.0.1;", "allow ::1;", "deny all;"]
    assert "server_tokens off;" in CONF and "add_header X-Content-Type-Options nosniff always;" in CONF
    assert "SameSite=Lax$cookie_secure" in CONF and '"; Secure"' in CONF


@NEEDS_NGINX
def test_an_upload_flood_through_nginx_is_refused_and_the_replica_memory_stays_bounded():
    from bench_nginx_limits import through_nginx

    result = through_nginx(puts=40, mb=4.9)  # 40 x 4.9 MB into one session: ~200 MB kept without limits
    flood = result["through nginx"]
    assert set(flood["answers"]) <= {204, 429}, flood
    assert flood["answers"].get(429, 0) >= 30 and flood["answers"].get(204, 0) <= 8, flood  # a burst of 5 (+1)
    assert flood["replica MB after"] - flood["replica MB before"] < 8 * 4.9 + 40, flood
    statuses = result["host-only paths: status from 127.0.0.1, 127.0.0.2"]
    assert statuses["/_stcore/script-health-check"] == [200, 403] and statuses["/_stcore/metrics"] == [200, 403]
    assert statuses["/_stcore/health"] == [200, 200]  # what browsers need stays open to everyone
    assert result["headers"] == {"Server": "nginx", "X-Content-Type-Options": "nosniff"}  # no version number
    plain, behind_tls = result["st_replica cookie: plain http, behind TLS"]
    assert "Secure" not in plain and behind_tls.endswith("SameSite=Lax; Secure")


@NEEDS_NGINX
@SKIP_WITHOUT_BROWSER
def test_sessions_through_nginx_stay_on_their_replica_and_uploads_reach_it(browser):
    from bench_nginx import check_uploads

    result = check_uploads(browser)  # asserts every session's requests, websocket and upload on one replica
    assert len(result["upload sessions per replica"]) == 2  # both replicas served someone
    assert result["upload PUT on the session's replica / the other replica / 7 MB"] == [204, 400, 413]
