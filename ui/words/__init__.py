"""The "Spam and languages" page: its frozen view (``view``), cached calls (``cache``), words and panels."""
