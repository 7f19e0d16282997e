"""What Reader is made of and under which licences (Help > About and the README say the same). Qt-free."""

from __future__ import annotations

LICENSE = "AGPL-3.0-or-later"

#: (part, what it does in Reader, its licence)
PARTS: tuple[tuple[str, str, str], ...] = (
    ("PyMuPDF / MuPDF", "PDF pages, text and annotations", "AGPL-3.0 (or Artifex commercial)"),
    ("Qt for Python (PySide6)", "the window", "LGPL-3.0"),
    ("sqlite-utils", "the notes file", "Apache-2.0"),
    ("Jinja2 and MarkupSafe", "the Markdown export template", "BSD-3-Clause"),
    ("markdown-it-py", "reading Markdown", "MIT"),
    ("nupunkt", "sentence splitting", "MIT"),
    ("charset-normalizer", "legacy text encodings", "MIT"),
    ("trafilatura and lxml", "saved web pages", "Apache-2.0; BSD-3-Clause"),
    ("psycopg", "sync through PostgreSQL", "LGPL-3.0"),
    ("platformdirs", "where the notes file lives", "MIT"),
)

CLAIM_DATA = (
    "The claim classifier learned from the CheckThat! 2024 check-worthiness data (task 1, English), drawn from "
    "the ClaimBuster dataset by Arslan, Hassan, Li and Tremayne (2020), Zenodo record 3609356, "
    "licensed CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)."
)


def version() -> str:
    """Reader's version as installed (the package's own when run from a checkout)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("reader")
    except PackageNotFoundError:
        from reader import __version__

        return __version__


def version_line(qt: str = "") -> str:
    """"Version 0.1.0 · Python 3.11.7 · Qt 6.11.3": what a bug report needs."""
    import platform

    return " · ".join(p for p in (f"Version {version()}", f"Python {platform.python_version()}",
                                  f"Qt {qt}" if qt else "") if p)


def about_text() -> str:
    parts = "\n".join(f"- {name} ({what}): {lic}" for name, what, lic in PARTS)
    return (
        f"Reader is free software under the GNU Affero General Public License, version 3 or later ({LICENSE}): "
        "PyMuPDF, which it is built on, is AGPL-3.0, so Reader as a whole is too. The LICENSE file has the text.\n\n"
        f"Parts:\n{parts}\n\n{CLAIM_DATA}"
    )
