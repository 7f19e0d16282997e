"""A small, valid EPUB 3 (with an EPUB 2 NCX too) written for the tests."""

from __future__ import annotations

import zipfile
from pathlib import Path

CHAPTERS = [
    ("chap1.xhtml", "Chapter One: The Harbour", """
<h1 id="c1">Chapter One: The Harbour</h1>
<p>The boats came in before dawn, <em>heavy</em> with the night's catch, and the harbour woke to meet them.</p>
<p>Old Mara counted them from the sea wall as she had every morning for forty years.</p>
<h2 id="c1-market">The Market</h2>
<p>By six the market was full. See <a href="https://example.org/harbour">the harbour map</a> for the stalls.</p>
<ul><li>Herring from the northern grounds</li><li>Crab from the rocks below the lighthouse</li></ul>
"""),
    ("chap2.xhtml", "Chapter Two: The Storm", """
<h1>Chapter Two: The Storm</h1>
<p>The wind turned in the afternoon. Nobody who was on the water that day forgot it.</p>
<blockquote><p>A harbour is only a promise the land makes to the sea.</p></blockquote>
<p id="after-storm">When it was over, <strong>every boat</strong> had come home but one.</p>
"""),
    ("chap3.xhtml", "Chapter Three: The Lighthouse", """
<h1>Chapter Three: The Lighthouse</h1>
<p>The keeper had seen the last boat go down behind the point, and he had seen its light come back up.</p>
"""),
]


def make_epub(path: Path, title: str = "The Harbour Book", author: str = "Ines Moreau") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    manifest = "\n".join(
        f'<item id="c{i}" href="text/{name}" media-type="application/xhtml+xml"/>' for i, (name, _t, _b) in enumerate(CHAPTERS, 1)
    )
    spine = "\n".join(f'<itemref idref="c{i}"/>' for i in range(1, len(CHAPTERS) + 1))
    nav_items = "\n".join(f'<li><a href="text/{name}">{t}</a></li>' for name, t, _b in CHAPTERS[1:])
    first = CHAPTERS[0]
    nav = f"""<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><head><title>Contents</title></head>
<body><nav epub:type="toc"><h1>Contents</h1><ol>
<li><a href="text/{first[0]}#c1">{first[1]}</a><ol><li><a href="text/{first[0]}#c1-market">The Market</a></li></ol></li>
{nav_items}
</ol></nav></body></html>"""
    ncx_points = "\n".join(
        f'<navPoint id="n{i}" playOrder="{i}"><navLabel><text>{t}</text></navLabel><content src="text/{name}"/></navPoint>'
        for i, (name, t, _b) in enumerate(CHAPTERS, 1)
    )
    ncx = f"""<?xml version="1.0" encoding="utf-8"?>
<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1"><head><meta name="dtb:uid" content="urn:uuid:1"/></head>
<docTitle><text>{title}</text></docTitle><navMap>{ncx_points}</navMap></ncx>"""
    opf = f"""<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:identifier id="uid">urn:uuid:12345678-1234-1234-1234-123456789abc</dc:identifier>
<dc:title>{title}</dc:title><dc:creator>{author}</dc:creator><dc:language>en</dc:language>
<meta property="dcterms:modified">2026-01-01T00:00:00Z</meta>
</metadata>
<manifest>
<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>
{manifest}
</manifest>
<spine toc="ncx">{spine}</spine>
</package>"""
    container = """<?xml version="1.0" encoding="utf-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>"""
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        z.writestr("META-INF/container.xml", container, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("OEBPS/content.opf", opf, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("OEBPS/nav.xhtml", nav, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("OEBPS/toc.ncx", ncx, compress_type=zipfile.ZIP_DEFLATED)
        for name, t, body in CHAPTERS:
            xhtml = f"""<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>{t}</title></head><body>{body}</body></html>"""
            z.writestr(f"OEBPS/text/{name}", xhtml, compress_type=zipfile.ZIP_DEFLATED)
    return path
