"""The app's icons that carry meaning: Streamlit's Material Symbols (``:material/name:``), drawn with Streamlit's
own font, so a machine without an emoji font still shows them (an emoji there is an empty box: "▯ Sample").
Emoji stay only as decoration (titles, alert boxes). tests/test_icons.py checks every name exists in Streamlit's set.
"""

PAGE_ICONS = {  # the menu's and every link's icon for a page
    "pages/overview.py": ":material/eyeglasses:",
    "pages/explorer.py": ":material/biotech:",
    "pages/gallery.py": ":material/grid_view:",
    "pages/learning_curves.py": ":material/trending_up:",
    "pages/generative_powers.py": ":material/auto_awesome:",
    "pages/deep_generative.py": ":material/neurology:",
    "pages/words.py": ":material/mail:",
    "pages/pictures.py": ":material/pin:",
    "pages/cheatsheet.py": ":material/description:",
    "pages/quiz.py": ":material/school:",
}
SAMPLE = ":material/casino:"  # a die: draw new points from a generative model
OPEN = ":material/play_arrow:"  # open a prepared view
TOUR = ":material/explore:"
SETTINGS = ":material/tune:"
TRAIN = ":material/model_training:"


def page_link(where, page: str, label: str, **kwargs):
    """``where.page_link`` to ``page`` with that page's icon (``where``: ``st``, a column, a container)."""
    where.page_link(page, label=label, icon=PAGE_ICONS[page], **kwargs)
