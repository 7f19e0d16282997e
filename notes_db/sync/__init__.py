"""Sync notes files through PostgreSQL (Qt-free; needs psycopg 3).

``client.sync(store, url)`` pushes a notes file's changes and pulls others';
``server`` holds the server's schema, roles and policies; ``local`` the notes
file's side; ``config`` where the connection string is kept (never beside the
notes). Import the submodules you need: this package imports nothing heavy.
"""

#: How many replaced texts of one note are kept, the newest (on the server, and in each notes file).
KEEP_VERSIONS = 20
