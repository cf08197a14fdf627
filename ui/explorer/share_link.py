"""A link in a box with a Copy button: a small ``st.components.v2`` component (inline HTML and JavaScript).

``st.code`` had the copy button, but it loads Streamlit's syntax highlighter: 725-831 ms of main-thread JavaScript
in a CPU profile of the explorer's first view in headless Chromium, to show one line of plain text (the first
view got about 0.5 s faster without it).
"""

from __future__ import annotations

import streamlit as st

_HTML = '<div class="share"><code></code><button type="button">Copy</button></div>'
_CSS = """
.share { display: flex; gap: 0.5rem; align-items: center; }
.share code { flex: 1; min-width: 0; overflow-wrap: anywhere; font-family: var(--st-code-font, monospace);
  font-size: 0.85rem; padding: 0.5rem 0.75rem; border-radius: 0.5rem; color: var(--st-text-color);
  background: var(--st-secondary-background-color, rgba(128, 128, 128, 0.1)); user-select: all; }
.share button { font: inherit; font-family: var(--st-font, sans-serif); padding: 0.35rem 0.8rem; cursor: pointer;
  border-radius: 0.5rem; border: 1px solid var(--st-border-color, rgba(128, 128, 128, 0.4));
  color: var(--st-text-color); background: var(--st-background-color); }
"""
_JS = """
export default function (component) {
  const { data, parentElement } = component;
  const code = parentElement.querySelector('code'), button = parentElement.querySelector('button');
  code.textContent = data.url;
  button.onclick = async () => {
    try {
      await navigator.clipboard.writeText(data.url);
      button.textContent = 'Copied';
    } catch (e) {  // no clipboard (a page served over plain http, not localhost): select it for Ctrl+C
      const range = document.createRange();
      range.selectNodeContents(code);
      const selection = code.getRootNode().getSelection ? code.getRootNode().getSelection() : window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      button.textContent = 'Selected: Ctrl+C';
    }
    setTimeout(() => { button.textContent = 'Copy'; }, 2000);
  };
}
"""

_component = st.components.v2.component("share_link", html=_HTML, css=_CSS, js=_JS)


def share_link(url: str, key: str = "share_link"):
    """Show ``url`` with a Copy button."""
    _component(key=key, data={"url": url})
