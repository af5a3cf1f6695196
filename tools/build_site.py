"""Build the course website from the lessons, ready to be served or opened offline.

    python tools/build_site.py                 # writes _build/html (open _build/html/index.html)
    python tools/build_site.py --output DIR    # writes DIR/_build/html
    python tools/build_site.py --fresh         # runs every lesson again, ignoring the execution cache
    python tools/build_site.py --address OWNER/NAME   # as if the course had this public address

Run it with the course's environment (``.venv``, made by ``python3 course.py setup``);
started with another Python that lacks Jupyter Book, it re-runs itself with ``.venv``'s.

What it does:

1. Jupyter Book 1 (Sphinx with myst-nb) reads ``site/_config.yml`` and ``site/_toc.yml``, with
   the repository root as the book's root, so the lessons stay in ``notebooks/``. It executes
   the lessons (committed without outputs) on the course's own Python kernel and keeps the
   results in ``<output>/_build/.jupyter_cache``. The cache only knows the notebooks, so it is
   emptied whenever anything else the lessons read changes (``helpers/``, ``corpus/``,
   ``examples/``, ``environment.yml``, the start-up code below).
2. Charts: for the build only, an IPython start-up file in a temporary ``IPYTHONDIR`` makes the
   kernel show each plotly figure as HTML that draws it with the page's own plotly.js (and also
   as plotly's JSON output type, kept in the executed notebooks). plotly's built-in HTML
   renderers would add a MathJax script from a CDN to every figure, and ``notebook`` also
   inlines 4.6 MB of plotly.js into every page. ``plotly.min.js`` is copied from the installed
   plotly package into the site's ``_static/`` folder, and every page loads it from there.
3. The pages are then finished, so that nothing is loaded from the internet and every page can
   be launched on Binder:

   - each explorer (an ipywidgets view, which needs a running kernel) becomes a note with a
     link that launches the lesson on Binder, and the saved widget state (megabytes of
     JavaScript that no page uses) is removed;
   - Markdown pages get the same launch button as the lessons (the theme only gives one to
     notebooks); it opens the first lesson. While the course has no public address
     (``python3 course.py address``), there are no Binder buttons, and the explorer notes say
     how to run a lesson instead;
   - images from other sites (the README's Binder badge) are replaced by their text.

Uses only the standard library; Jupyter Book runs in a subprocess.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import course  # noqa: E402  (the public address: set in one place, pyproject.toml)

SITE = ROOT / "site"
CONFIG = SITE / "_config.yml"
TOC = SITE / "_toc.yml"
# The page whose Binder link the Markdown pages reuse: the first lesson, as in the README's badge.
FIRST_LESSON_PAGE = "notebooks/00-start-here.html"
# What the lessons read besides the notebooks: a change to any of these empties the execution cache.
EXECUTION_INPUTS = ("helpers", "corpus", "examples", "environment.yml")

# Runs in the kernel before each lesson (build only): figures become plotly's JSON output plus HTML
# that calls the page's window.Plotly, with neither plotly.js nor MathJax included.
PLOTLY_STARTUP = '''\
import plotly.io as pio
from plotly.io.base_renderers import MimetypeRenderer


class CourseSiteRenderer(MimetypeRenderer):
    """A figure as HTML for the course website, drawn by the plotly.js the page loads itself."""

    def to_mimebundle(self, fig_dict):
        html = pio.to_html(
            fig_dict,
            include_plotlyjs=False,
            include_mathjax=False,
            full_html=False,
            default_width="100%",
            default_height=525,
            validate=False,
        )
        return {"text/html": html}


pio.renderers["course_site"] = CourseSiteRenderer()
pio.renderers.default = "plotly_mimetype+course_site"
'''

WIDGET_STATE = re.compile(r'<script type="application/vnd\.jupyter\.widget-state\+json">.*?</script>', re.S)
WIDGET_VIEW = re.compile(r'<script type="application/vnd\.jupyter\.widget-view\+json">.*?</script>', re.S)
LAUNCH_DROPDOWN = re.compile(r'<div class="dropdown dropdown-launch-buttons">.*?</div>', re.S)
BINDER_LINK = re.compile(r'<a href="([^"]+)"[^>]*title="Launch on Binder"', re.S)
HEADER_BUTTONS = '<div class="article-header-buttons">'
REMOTE_IMAGE = re.compile(r'<img\b[^>]*\bsrc="(?:https?:)?//[^"]*"[^>]*>', re.S)
ALT_TEXT = re.compile(r'\balt="([^"]*)"')

EXPLORER_NOTE = (
    '<div class="course-explorer-note" role="note">'
    "<p><strong>An explorer goes here.</strong> It needs a running Python kernel, so it does not work "
    "on this page: {launch} to use it, or open the lesson in JupyterLab.</p></div>"
)
NO_BINDER_NOTE = (
    '<div class="course-explorer-note" role="note">'
    "<p><strong>An explorer goes here.</strong> It needs a running Python kernel, so it does not work "
    "on this page: open the lesson in JupyterLab (<code>python3 course.py start</code>) to use it.</p></div>"
)


def ensure_jupyter_book() -> None:
    """Re-run this script with the course's .venv when this Python has no Jupyter Book."""
    if importlib.util.find_spec("jupyter_book") is not None:
        return
    venv_python = ROOT / ".venv" / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    if venv_python.exists() and Path(sys.executable).resolve() != venv_python.resolve():
        raise SystemExit(subprocess.call([str(venv_python), __file__, *sys.argv[1:]]))
    raise SystemExit(
        "Jupyter Book is not installed in this Python. Run `python3 course.py setup`, then "
        "`.venv/bin/python tools/build_site.py`."
    )


def inputs_fingerprint() -> str:
    """A hash of every file the executed lessons depend on besides the notebooks themselves."""
    digest = hashlib.sha256(PLOTLY_STARTUP.encode())
    for name in EXECUTION_INPUTS:
        path = ROOT / name
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            if "__pycache__" in file.parts or file.suffix == ".pyc":
                continue
            digest.update(file.relative_to(ROOT).as_posix().encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()


def empty_stale_cache(build_dir: Path, fresh: bool) -> None:
    """Empty the execution cache when asked to, or when something the lessons read has changed."""
    cache, stamp = build_dir / ".jupyter_cache", build_dir / "course-site-inputs.sha256"
    fingerprint = inputs_fingerprint()
    if fresh or not stamp.exists() or stamp.read_text().strip() != fingerprint:
        shutil.rmtree(cache, ignore_errors=True)
    build_dir.mkdir(parents=True, exist_ok=True)
    stamp.write_text(fingerprint + "\n")


def run_jupyter_book(output: Path, strict: bool, address: str) -> None:
    """Execute the lessons and write the pages into output/_build/html, with the Binder links of ``address``."""
    with tempfile.TemporaryDirectory(prefix="course-site-ipython-") as ipython_dir:
        config = Path(ipython_dir) / "_config.yml"
        config.write_text(course.address_copies(address)[CONFIG], encoding="utf-8")
        startup = Path(ipython_dir) / "profile_default" / "startup"
        startup.mkdir(parents=True)
        (startup / "00-course-site-plotly.py").write_text(PLOTLY_STARTUP, encoding="utf-8")
        env = dict(os.environ, IPYTHONDIR=ipython_dir, PYDEVD_DISABLE_FILE_VALIDATION="1")
        env.pop("PLOTLY_RENDERER", None)  # the start-up file chooses the renderer
        # The kernel ("python3") is started with this Python, so it sees the same packages.
        env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
        command = [
            sys.executable,
            "-c",
            "import sys; from jupyter_book.cli.main import main; sys.exit(main())",
            "build",
            str(ROOT),
            "--config",
            str(config),
            "--toc",
            str(TOC),
            "--path-output",
            str(output),
            "--all",
        ]
        if strict:
            command += ["-W", "--keep-going"]
        subprocess.run(command, cwd=ROOT, env=env, check=True)


def copy_plotly_js(html_dir: Path) -> Path:
    """Put the installed plotly package's own plotly.min.js into the site's _static folder."""
    spec = importlib.util.find_spec("plotly")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("plotly is not installed in this Python.")
    source = Path(next(iter(spec.submodule_search_locations))) / "package_data" / "plotly.min.js"
    target = html_dir / "_static" / "plotly.min.js"
    shutil.copyfile(source, target)
    return target


def explorer_note(binder_url: str | None) -> str:
    """What a page shows in place of an explorer: a way to run the lesson (Binder, when the course has an address)."""
    if not binder_url:
        return NO_BINDER_NOTE
    launch = f'<a href="{html.escape(binder_url)}" target="_blank" rel="noopener">launch this lesson on Binder</a>'
    return EXPLORER_NOTE.format(launch=launch)


def remote_image_as_text(match: re.Match) -> str:
    alt = ALT_TEXT.search(match.group(0))
    return f'<span class="course-offline-image">{alt.group(1) if alt else "image"}</span>'


def finish_page(page: Path, html_dir: Path, launch_dropdown: str | None) -> None:
    """Make one built page work offline and give it a Binder launch button."""
    text = page.read_text(encoding="utf-8")
    text = WIDGET_STATE.sub("", text)
    if launch_dropdown and "dropdown-launch-buttons" not in text and HEADER_BUTTONS in text:
        depth = len(page.relative_to(html_dir).parts) - 1
        dropdown = launch_dropdown.replace('src="../_static/', f'src="{"../" * depth}_static/')
        text = text.replace(HEADER_BUTTONS, HEADER_BUTTONS + "\n" + dropdown, 1)
    binder = BINDER_LINK.search(text)
    note = explorer_note(html.unescape(binder.group(1)) if binder else None)
    text = WIDGET_VIEW.sub(lambda _: note, text)
    text = REMOTE_IMAGE.sub(remote_image_as_text, text)
    page.write_text(text, encoding="utf-8")


def finish_site(html_dir: Path, address: str) -> list[Path]:
    """Finish every page of the built site; returns the pages."""
    copy_plotly_js(html_dir)
    first = (html_dir / FIRST_LESSON_PAGE).read_text(encoding="utf-8")
    dropdown = LAUNCH_DROPDOWN.search(first)
    if address and not dropdown:
        raise SystemExit(f"{FIRST_LESSON_PAGE} has no Binder launch button: check launch_buttons in {CONFIG}.")
    pages = sorted(html_dir.rglob("*.html"))
    for page in pages:
        if "_static" not in page.relative_to(html_dir).parts:
            finish_page(page, html_dir, dropdown.group(0) if dropdown else None)
    return pages


def build(output: Path = ROOT, fresh: bool = False, strict: bool = False, address: str | None = None) -> Path:
    """Build the site into output/_build/html and return that folder.

    ``address`` (``OWNER/NAME``) gives the Binder links; by default the course's own public address.
    """
    address = course.public_address() if address is None else address
    build_dir = output / "_build"
    empty_stale_cache(build_dir, fresh)
    run_jupyter_book(output, strict, address)
    html_dir = build_dir / "html"
    finish_site(html_dir, address)
    return html_dir


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=ROOT, help="write the site to OUTPUT/_build/html")
    parser.add_argument("--fresh", action="store_true", help="run every lesson again, ignoring the cache")
    parser.add_argument("--strict", action="store_true", help="fail on any Sphinx warning")
    parser.add_argument(
        "--address", default=None, help="OWNER/NAME for the Binder links (default: the course's public address)"
    )
    args = parser.parse_args(argv)
    ensure_jupyter_book()
    started = time.perf_counter()
    html_dir = build(args.output.resolve(), fresh=args.fresh, strict=args.strict, address=args.address)
    print(f"course website built in {time.perf_counter() - started:.0f} s: {html_dir / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
