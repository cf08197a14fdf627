"""Tests of the GANs and VAEs page (pages/deep_generative.py, ui/deep_generative/)."""
