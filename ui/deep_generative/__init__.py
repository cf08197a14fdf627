"""The GANs and VAEs page (pages/deep_generative.py): its view, panels and words."""
