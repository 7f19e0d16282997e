"""File > Export… and File > Import Notes…: the same formats as ``reader export`` / ``reader import``.

The window asks where (one save dialog, one filter per format) and this
module writes; the formats themselves live in reader.export (Qt-free).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog

from reader.ui import messages
from reader.ui.figures import count

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow

log = logging.getLogger("reader.ui.exporting")


def _filters(pdf: bool) -> list[tuple[str, str]]:
    from reader.export import FORMATS

    return [(fmt, f"{label} (*{suffix})") for fmt, (label, suffix) in FORMATS.items() if pdf or fmt != "pdf"]


LAST_EXPORT_KEY = "export/folder"


def export_folder() -> Path:
    """Where the Export dialog starts: the folder of the last export, else the person's
    documents folder, else home (not beside the document: the sample lives in Reader's
    own resources/ folder)."""
    from PySide6.QtCore import QStandardPaths

    from reader.ui.comfort import settings

    last = str(settings().value(LAST_EXPORT_KEY, "") or "")
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    for candidate in (last, documents):
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    return Path.home()


def remember_export_folder(folder: Path) -> None:
    from reader.ui.comfort import settings

    s = settings()
    s.setValue(LAST_EXPORT_KEY, str(folder))
    s.sync()


def choose_and_export(window: MainWindow) -> None:
    """Ask for a format and a file, then export the open document's notes."""
    from reader.export import FORMATS

    session = window.session
    if session is None or window.doc is None:
        messages.info("Open a document first.")
        return
    filters = _filters(window.doc.kind == "pdf")
    default = str(export_folder() / (window.doc.path.stem + ".notes" + FORMATS["markdown"][1]))
    path, chosen = QFileDialog.getSaveFileName(window, "Export notes", default, ";;".join(f for _k, f in filters))
    if not path:
        return
    remember_export_folder(Path(path).parent)
    fmt = next((k for k, f in filters if f == chosen), None)
    if fmt is None:  # no filter reported: go by the suffix typed
        fmt = next((k for k, (_l, suffix) in FORMATS.items() if path.lower().endswith(suffix)), "markdown")
    export_to(window, fmt, Path(path))


def export_to(window: MainWindow, fmt: str, path: Path) -> bool:
    from notes_db import StorageError
    from reader.export import FORMATS, export_doc, export_text
    from reader.export.markdown import TemplateProblem

    session = window.session
    if session is None:
        messages.info("Open a document first.")
        return False
    if fmt == "pdf":
        window.pdf.export_annotated_pdf(str(path))
        return True
    if not path.suffix:
        path = path.with_suffix(FORMATS[fmt][1])
    n = 0
    try:
        if fmt == "claimreview":
            from reader.export import claim_reviews_json

            text = claim_reviews_json(session.store, [session.doc_id])
        else:
            author = window.doc.author if window.doc is not None else ""
            everything = session.every_highlight()  # (those a long read has not brought yet too)
            n = len(everything)
            page_at = window.doc.page_at if window.doc is not None else None
            text = export_text(fmt, [export_doc(session.record, everything, author=author, store=session.store,
                                                page_at=page_at)])
        path.write_text(text, encoding="utf-8", newline="")
    except (TemplateProblem, StorageError) as exc:
        messages.error(f"The notes were not exported: {exc}")
        return False
    except OSError as exc:
        messages.error(f"The notes could not be written to {path}: {exc.strerror}.")
        return False
    what = "reviewed claims" if fmt == "claimreview" else f"{count(n)} highlight{'s' if n != 1 else ''}"
    messages.info(f"Exported {what} as {FORMATS[fmt][0]} to {path}.")
    return True


def choose_and_import(window: MainWindow) -> None:
    path, _ = QFileDialog.getOpenFileName(window, "Import notes", "",
                                          "Web Annotation, Hypothesis or Reader JSON (*.json *.jsonld);;All files (*)")
    if path:
        import_from(window, Path(path))


def import_from(window: MainWindow, path: Path) -> bool:
    """Import into the open document when there is one (as ``--into``), else
    wherever the annotations' documents are found."""
    from notes_db import StorageError
    from reader.importer import ImportProblem, import_file

    store = window.controller.store
    if store is None:
        messages.error("The notes file is not open.")
        return False
    into = window.doc.path if window.doc is not None else None
    try:
        report = import_file(store, path, into=into)
    except (ImportProblem, StorageError) as exc:
        said = str(exc).rstrip(".")
        whole = isinstance(exc, ImportProblem) and exc.whole  # it says itself what came in and what did not
        messages.error(f"{said[:1].upper()}{said[1:]}." if whole else f"Nothing was imported: {said}.")
        return False
    if window.session is not None:
        window.session.reload()  # the views hear of it as a reset
        if report.reviews or report.corrections:  # the Claims panel shows them (as another program's would be)
            window.controller.external.claims_again()
    lines = report.lines()
    level = "warning" if report.unplaced else "info"
    messages.bus.show(level, "; ".join(lines[:4]) + (f"; and {len(lines) - 4} more" if len(lines) > 4 else ""))
    return True
