"""Tests of the overview page (pages/overview.py, ui/overview/): its words and the tour."""
