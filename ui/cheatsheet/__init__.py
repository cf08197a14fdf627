"""The cheat-sheet page (pages/cheatsheet.py): its tables, cards and glossary."""
