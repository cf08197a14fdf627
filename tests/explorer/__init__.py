"""Tests of the explorer page (pages/explorer.py, ui/explorer/): its view, scenes, panels, words and walks."""
