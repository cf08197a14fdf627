"""deploy/serve.sh: browser sessions through nginx stay on their replica, and uploads follow them.

bench/bench_nginx.py's upload check (a one-uploader page on 2 replicas: quick); its explorer check,
minutes of cold fits, stays a bench. Skipped where nginx is not installed (CI installs only Chromium;
serve.sh itself would apt-get nginx, which a test must not do).
"""

import sys
from pathlib import Path

import pytest
from browser_utils import SKIP_WITHOUT_BROWSER

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from serving import nginx_path  # noqa: E402

pytestmark = [SKIP_WITHOUT_BROWSER,
              pytest.mark.skipif(nginx_path() is None, reason="nginx is not installed (apt-get install nginx)")]


def test_sessions_through_nginx_stay_on_their_replica_and_uploads_reach_it(browser):
    from bench_nginx import check_uploads

    result = check_uploads(browser)  # asserts every session's requests, websocket and upload on one replica
    assert len(result["upload sessions per replica"]) == 2  # both replicas served someone
    assert result["upload PUT on the session's replica / the other replica / 7 MB"] == [204, 400, 413]
