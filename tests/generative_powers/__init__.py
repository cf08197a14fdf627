"""Tests of the generative-powers page (pages/generative_powers.py, ui/generative_powers/, core/powers.py)."""
