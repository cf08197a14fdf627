"""Tests of the interview-prep page (pages/quiz.py, ui/quiz/, core/quiz.py)."""
