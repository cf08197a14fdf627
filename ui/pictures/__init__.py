"""The "Digits" page (``pages/pictures.py``): its view and link, its panels, its words."""
