"""Icons that carry meaning are Streamlit's Material Symbols (issue 27): a machine without an emoji font draws an
emoji as an empty box ("▯ Sample"); Streamlit ships the Material Symbols font itself."""

import ast
import re
from pathlib import Path

from streamlit.material_icon_names import ALL_MATERIAL_ICONS

from ui.icons import PAGE_ICONS

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py")), *sorted((ROOT / "ui").rglob("*.py"))]
MATERIAL = re.compile(r":material/([a-z0-9_]+):")
QUOTED_MATERIAL = re.compile(r"[\"']:material/([a-z0-9_]+):")  # in a string the app shows, not in a docstring
# The explorer's labels are changed with its other work (left out of the scan below until then)
OWNED_ELSEWHERE = ("cache.py",)
# An emoji (pictographs, dingbats, symbols, the emoji variation selector) where Streamlit draws a label or an icon
EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\u23e9-\u23fa\ufe0f]")
# What a user acts on; alerts (st.warning, st.info...) keep their emoji as decoration, and so do titles
ACTIONS = {"button", "page_link", "Page", "form_submit_button", "download_button", "expander", "popover", "link_button"}


def emoji_actions(source: str) -> list:
    """The lines of ``source`` where a button, link, page or expander has an emoji in its label or its icon."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", None)) in ACTIONS:
            texts = [node.args[0]] if node.args else []
            texts += [k.value for k in node.keywords if k.arg in ("label", "icon", "title")]
            strings = [c.value for t in texts for c in ast.walk(t) if isinstance(c, ast.Constant)
                       and isinstance(c.value, str)]
            if any(EMOJI.search(text) for text in strings):
                found.append(node.lineno)
    return found


def test_every_material_icon_named_in_the_app_exists_in_streamlits_set():
    names = {(path.name, name) for path in SOURCES for name in QUOTED_MATERIAL.findall(path.read_text())}
    assert len(names) >= 15
    assert [(file, name) for file, name in names if name not in ALL_MATERIAL_ICONS] == []


def test_every_page_in_the_menu_has_a_material_icon():
    app = (ROOT / "app.py").read_text()
    listed = set(re.findall(r'st\.Page\("(pages/\w+\.py)"', app))
    assert listed == set(PAGE_ICONS) == {f"pages/{p.name}" for p in (ROOT / "pages").glob("*.py")}
    assert all(MATERIAL.fullmatch(icon) for icon in PAGE_ICONS.values())
    assert app.count("icon=PAGE_ICONS[") == len(listed)


def test_no_button_link_or_expander_of_these_pages_leans_on_an_emoji():
    found = [f"{path.relative_to(ROOT)}:{line}" for path in SOURCES if not any(o in str(path) for o in OWNED_ELSEWHERE)
             for line in emoji_actions(path.read_text())]
    assert found == []


def test_the_scan_can_fail():
    assert emoji_actions('st.page_link("pages/x.py", label="X", icon="🔬")') == [1]
    assert emoji_actions('c.button(f"🎲 Sample {n}", key="s")') == [1]
    assert emoji_actions('st.button("Sample", key="s", icon=":material/casino:")\nst.warning("x", icon="⚠️")') == []
