"""What a link in a document points at, decided before anything is opened (Qt-free).

Reader opens web links (after asking) and jumps inside the document; it never
runs or opens a file a document points at. A PDF's /Launch and /GoToR
actions, ``file:`` URIs and relative paths in Markdown are all "file" links:
the person is told so and may look at the file's folder instead. Relative
targets resolve against the document's own folder (not Reader's working
directory), and a ``file://name/…`` URI whose "host" is really the first
folder of a relative path is read as that path, never as a host name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

WEB_SCHEMES = frozenset({"http", "https", "mailto"})
#: Prefixes pdf_pages gives the actions PyMuPDF reports (its own kinds for
#: /Launch and /GoToR are not reliable: a /Launch can come back as a GoToR).
LAUNCH_PREFIX = "launch:"
REMOTE_PREFIX = "remote:"

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]+):")


@dataclass(frozen=True)
class LinkTarget:
    kind: str  # "internal" | "web" | "file" | "other"
    href: str  # as the document wrote it
    #: "launch" (a PDF /Launch action: start a program or open a file),
    #: "remote" (/GoToR: a page of another PDF), "uri" (a file: URI), "path" (a bare relative path)
    action: str = ""
    #: For file links: the target, resolved against the document's folder.
    path: Path | None = None
    scheme: str = ""

    @property
    def folder(self) -> Path | None:
        """The folder to show for a file link: the target's, if it exists."""
        if self.path is None:
            return None
        for candidate in (self.path.parent, *self.path.parents):
            if candidate.is_dir():
                return candidate
        return None


def resolve(target: str, base: Path) -> Path:
    """A path written in a document, made absolute against the document's folder."""
    p = Path(target)
    return Path((p if p.is_absolute() else base / p).resolve(strict=False))


def classify(href: str, base: Path) -> LinkTarget:
    """Describe ``href`` (from a document whose folder is ``base``); never opens anything."""
    href = href.strip()
    if href.startswith("#"):
        return LinkTarget("internal", href)
    for prefix, action in ((LAUNCH_PREFIX, "launch"), (REMOTE_PREFIX, "remote")):
        if href.startswith(prefix):
            target = href[len(prefix):]
            return LinkTarget("file", href, action, resolve(target, base) if target else None)
    m = _SCHEME.match(href)
    if m is None:  # a bare path (Markdown "notes/other.md"); "C:" is a drive, not a scheme
        return LinkTarget("file", href, "path", resolve(unquote(href.split("#", 1)[0]), base) if href else None)
    scheme = m.group(1).lower()
    if scheme in WEB_SCHEMES:
        return LinkTarget("web", href, scheme=scheme)
    if scheme == "file":
        parts = urlsplit(href)
        path = unquote(parts.path)
        host = unquote(parts.netloc)
        if host and host.lower() != "localhost":
            # file://path/to/x.pdf: a relative path whose first folder was taken for a host
            path = host + path
        elif not parts.netloc and not href.lower().startswith("file:/"):
            path = unquote(href[5:])  # file:relative/x.pdf
        return LinkTarget("file", href, "uri", resolve(path, base) if path else None, scheme)
    return LinkTarget("other", href, scheme=scheme)
