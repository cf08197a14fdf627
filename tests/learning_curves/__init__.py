"""Tests of the learning-curves page (pages/learning_curves.py, ui/learning_curves/)."""
