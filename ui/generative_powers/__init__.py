"""The generative-powers page (pages/generative_powers.py): its view and sections."""
