"""No traceback reaches a user: .streamlit/config.toml hides an unexpected error's details, the server logs them."""

import logging
import tomllib
from pathlib import Path

from streamlit.config import ShowErrorDetailsConfigOptions
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.util import patch_config_options

CONFIG = Path(__file__).resolve().parent.parent / ".streamlit" / "config.toml"


def _failing_app():
    import streamlit as st

    st.error("A bad input message of the app's own stays as it is.")
    raise RuntimeError("secret detail at /srv/app/core/io.py")


def test_the_config_keeps_tracebacks_from_users():
    value = tomllib.loads(CONFIG.read_text())["client"]["showErrorDetails"]
    assert value in (ShowErrorDetailsConfigOptions.NONE, ShowErrorDetailsConfigOptions.TYPE)


def test_an_unexpected_error_shows_a_generic_box_and_the_server_logs_the_traceback(caplog):
    value = tomllib.loads(CONFIG.read_text())["client"]["showErrorDetails"]
    logger = logging.getLogger("streamlit.error_util")
    logger.addHandler(caplog.handler)  # Streamlit's loggers do not propagate to the root one
    try:
        with patch_config_options({"client.showErrorDetails": value, "logger.enableRich": False}):
            at = AppTest.from_function(_failing_app).run()
    finally:
        logger.removeHandler(caplog.handler)
    assert at.error[0].value.startswith("A bad input message")  # the app's own message is untouched
    shown = at.exception[0]
    assert "secret detail" not in shown.message and "/srv/app" not in shown.message
    assert not shown.stack_trace and "RuntimeError" not in shown.message + str(shown.proto.type)
    assert any("secret detail" in str(r.exc_info[1]) for r in caplog.records if r.exc_info)
