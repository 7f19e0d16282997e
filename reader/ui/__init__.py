"""Reader's Qt user interface (the core it shows is in ``reader`` and ``notes_db``)."""

from reader.ui.qt_startup import quicker_module_check

quicker_module_check()
