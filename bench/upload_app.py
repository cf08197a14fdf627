"""One file uploader, for bench/bench_nginx.py: an upload through nginx must reach the session's replica.

Served by deploy/serve.sh (APP=bench/upload_app.py) until the explorer has an uploader of its own.
"""

import streamlit as st

upload = st.file_uploader("A CSV of points", type=["csv"], key="upload")
if upload is not None:
    st.write(f"received {upload.name}: {len(upload.getvalue())} bytes")
