"""The annotated-PDF export says what it wrote by kind, as the import of a PDF's own annotations does (tryout s14,
pdf3 item 3: "Wrote … with 5 highlight annotations" when some were underlines and squiggles)."""

from __future__ import annotations

from tests.test_highlight_style_exports import plain_pdf


def test_the_window_says_the_annotations_it_wrote_by_kind(qtbot, window, tmp_path):
    pdf = plain_pdf(tmp_path / "port.pdf")
    window.open_path(pdf)
    qtbot.waitUntil(lambda: window.session is not None and window.doc is not None and window.doc.path == pdf,
                    timeout=20000)
    text = window.doc.text
    for words, style in (("Harbours", "underline"), ("old port", "highlight"), ("Gulls", "underline")):
        s = text.index(words)
        window.controller.create_highlight(s, s + len(words), "yellow", style=style)
    out = tmp_path / "exported.pdf"
    window.pdf.export_annotated_pdf(str(out))
    qtbot.waitUntil(lambda: "with annotations:" in window.banner.text(), timeout=5000)
    window.grab().save(str(tmp_path / "said.png"))
    assert "with annotations: 2 underlines and 1 highlight." in window.banner.text()
    assert "highlight annotation" not in window.banner.text()
