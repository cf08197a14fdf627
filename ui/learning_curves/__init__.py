"""The learning-curves page (pages/learning_curves.py): its view, panels and words."""
