"""The status bar's "Opening <name>…" is cut with "…", never mid-word with nothing said (tryout 12, s61c:
"Opening govdocs1_027613_QMF_mar"); the whole name is in the bar's tooltip while it opens."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from tests.conftest import CORPUS

NAME = "govdocs1_027613_QMF_manual_for_the_query_management_facility_release_seven_and_its_appendices_volume_two.pdf"


def test_a_long_name_opening_is_cut_with_an_ellipsis(qtbot, window, tmp_path):
    src = CORPUS / "normal" / "tracemonkey.pdf"
    pdf = tmp_path / NAME
    pdf.write_bytes(src.read_bytes())
    w = window
    w.resize(1280, 700)
    bar = w.statusBar()
    seen: list[tuple[str, str, int, int]] = []

    def opening(_name: str) -> None:  # (after the window's own slot: what the person sees at that moment)
        permanent = [c.x() for c in bar.findChildren(QWidget) if c.parent() is bar and c.isVisible() and c.x() > 0]
        seen.append((bar.currentMessage(), bar.toolTip(), bar.fontMetrics().horizontalAdvance(bar.currentMessage()),
                     min(permanent, default=bar.width())))
        bar.grab().save(str(tmp_path / "status_opening.png"))

    w.controller.loading.connect(opening)
    w.open_path(pdf)
    qtbot.waitUntil(lambda: w.session is not None and w.doc.path == pdf and w.session.doc is w.doc, timeout=30000)
    (message, tip, width, first_permanent) = seen[0]
    # both ends of the name kept, cut in its middle: how much of each end depends on the room the bar's other
    # widgets leave (a PDF's page controls, the sync status: CI s13 had "Opening govdocs1…_two.pdf…")
    assert message.startswith("Opening gov") and message.endswith(".pdf…"), message
    cut = message[len("Opening "):-len("…")]
    assert "…" in cut and len(message) < len(f"Opening {NAME}…"), message
    head, tail = cut.split("…")
    assert NAME.startswith(head) and NAME.endswith(tail) and len(tail) >= len(".pdf"), message
    assert 6 + width <= first_permanent  # all of it drawn, left of the progress bar
    assert tip == f"Opening {NAME}…"
    qtbot.waitUntil(lambda: bar.currentMessage() == "")
    assert bar.toolTip() == ""  # opened: the tooltip went with the message
