"""The search language as a person reads it: the search field's tooltip and
``reader search --help`` (no imports: the command line builds its help at start)."""

HELP = """\
words              every word must match (accents ignored)
"exact phrase"     these words in this order
prefix*            words starting with prefix
a OR b             either one
a AND b            both (the same as a b)
-word  -"phrase"   must not match (NOT word too)
a OR NOT b         a, or anything without b (a OR -b too)
tag:name  color:red  style:underline|squiggly|strikeout|highlight  doc:title  kind:claim|quote|note
status:disputed  speaker:"Xi Jinping"  author:Bob (a PDF annotation's author)
before:2026-01-31  after:2025-12-01   created before / on or after that day
-tag:x  -color:red  -status:false  -before:2026-01-01   a field with a minus excludes
OR joins only the two things beside it, fields and dates included; everything
else must all match: tag:a OR before:2026-01-01 kind:note finds notes tagged a
or made before 2026."""
