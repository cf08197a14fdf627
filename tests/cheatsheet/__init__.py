"""Tests of the cheat-sheet page (pages/cheatsheet.py, ui/cheatsheet/, core/cheatsheet.py)."""
