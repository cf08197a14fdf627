"""The explorer page (pages/explorer.py): its frozen view, sidebar controls, panels, words and scenes."""
