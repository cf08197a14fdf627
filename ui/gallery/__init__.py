"""The gallery page (pages/gallery.py): every model on one slide; its view, panels and words."""
