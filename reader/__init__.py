"""Reader: a desktop app for close, critical reading.

file -> ``loaders`` (Document: text + structure + page geometry)
     -> ``anchoring`` (offsets, quote with context, page rects)
     -> ``notes_db`` (SQLite, FTS kept by triggers)
     -> search -> jump back to the passage (``ui``).
"""

__version__ = "0.1.0"
