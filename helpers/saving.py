"""Keep your work: one click to download your exercise notebooks and results.

A Binder session is temporary: when it ends, every change is lost.
:func:`download_my_work` packs the exercise notebooks (with your answers, as
last saved) and the files in ``my-results/`` folders into one zip file and
shows a link that downloads it. The zip travels inside the link itself, so it
works on Binder, on a JupyterHub and offline, with nothing sent anywhere.

Save the notebook first (Ctrl + S): the link holds the files as they are on disk.

Example:
    >>> link = download_my_work()
    >>> link.filename.endswith(".zip") and "exercises/01-meet-the-corpus-exercises.ipynb" in link.files
    True
"""

from __future__ import annotations

import base64
import html
import io
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WHAT_TO_KEEP = ("exercises/*.ipynb", "*/my-results/*", "my-results/*")


@dataclass
class DownloadLink:
    """A link that downloads a zip file; shown in a notebook as a button-like link."""

    filename: str
    data: bytes
    files: list[str] = field(default_factory=list)

    def _repr_html_(self) -> str:
        encoded = base64.b64encode(self.data).decode("ascii")
        listing = "".join(f"<li>{html.escape(name)}</li>" for name in self.files)
        return (
            f'<p><a download="{html.escape(self.filename)}" href="data:application/zip;base64,{encoded}" '
            'style="display:inline-block;padding:6px 12px;border:1px solid #0072B2;border-radius:4px;'
            f'color:#0072B2;text-decoration:none;">Download {html.escape(self.filename)}</a> '
            f"({len(self.data) // 1024 + 1} KB, {len(self.files)} files)</p>"
            f"<details><summary>What is in it</summary><ul>{listing}</ul></details>"
        )

    def __repr__(self) -> str:
        return f"<DownloadLink {self.filename}: {len(self.files)} files, {len(self.data)} bytes>"


def download_my_work(root: Path | str | None = None, patterns: tuple[str, ...] = WHAT_TO_KEEP) -> DownloadLink:
    """A link that downloads your exercise notebooks and saved results as one zip file.

    ``patterns`` are paths relative to the course folder (glob patterns).
    """
    root = Path(root) if root is not None else ROOT
    files = sorted({p for pattern in patterns for p in root.glob(pattern) if p.is_file()})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            archive.write(path, path.relative_to(root).as_posix())
    stamp = datetime.now().strftime("%Y-%m-%d-%H%M")
    return DownloadLink(
        f"my-course-work-{stamp}.zip", buffer.getvalue(), [p.relative_to(root).as_posix() for p in files]
    )
