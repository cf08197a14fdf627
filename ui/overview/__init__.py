"""The overview page (pages/overview.py): its words, the guided tour and its panel."""
