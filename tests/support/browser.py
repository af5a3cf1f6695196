"""Run the course's notebooks in JupyterLab in a real browser, the way a learner does.

Shared by ``tests/test_browser.py`` and ``benchmarks/browser.py``:

- :func:`ensure_playwright` and :func:`ensure_chromium` install what is missing
  (Python Playwright from PyPI, Chromium from apt) or raise :class:`Missing`
  saying what to install and how;
- :class:`JupyterLab` starts a server from the course's own environment over a
  throw-away copy of the repository (JupyterLab autosaves outputs into the
  notebooks it has open, so the originals are never opened), and stops every
  process it started;
- :class:`NotebookPage` opens one notebook in its own browser page, runs all
  cells, reads what is shown and operates explorer controls.

Playwright is imported only when a browser is launched, so this module can be
imported (and its doctests collected) where Playwright is not installed yet.

Example:
    >>> [p.parent.name for p in course_notebooks()][:1]
    ['notebooks']
    >>> parse_execution_count("[12]:"), parse_execution_count("[ ]:"), parse_execution_count("[*]:")
    (12, None, None)
"""

from __future__ import annotations

import importlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent  # the course folder
ARTIFACTS = ROOT / "test-artifacts"
NOTEBOOK_FOLDERS = ("notebooks", "solutions")

# Used if requirements-dev.txt does not pin Playwright; the pin there wins.
PLAYWRIGHT_VERSION = "1.65.2"
CHROMIUM_ENV = "BROWSER_TEST_CHROMIUM"  # path to another Chromium or Chrome binary
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_INSTALL = "apt-get update && apt-get install -y chromium   (as root)"
# Without the networking flags Chromium keeps trying to reach Google's services from an offline machine.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--no-first-run",
]
COPY_IGNORE = shutil.ignore_patterns(
    ".venv",
    ".git",
    "node_modules",
    "test-artifacts",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
    ".ipynb_checkpoints",
    "*.egg-info",
)
SECOND = 1000  # Playwright timeouts are in milliseconds

# What JupyterLab shows in place of a widget it cannot display.
WIDGET_FAILURE_TEXTS = ("Error displaying widget", "model not found")


class Missing(Exception):
    """Something the browser test needs is not installed; the message says what and how to install it."""


def course_notebooks(root: Path = ROOT) -> list[Path]:
    """Every lesson and solution notebook, in course order (found by globbing, so new lessons are included)."""
    return [path for folder in NOTEBOOK_FOLDERS for path in sorted((root / folder).glob("*.ipynb"))]


def parse_execution_count(prompt: str) -> int | None:
    """The number in a cell's input prompt such as ``[3]:``, or None while it has not run or is running."""
    match = re.search(r"\[(\d+)\]", prompt)
    return int(match.group(1)) if match else None


# --- installing what is missing -------------------------------------------------------------------------------------


def playwright_requirement() -> str:
    """``playwright==<version>``: the pin in requirements-dev.txt if there is one, else :data:`PLAYWRIGHT_VERSION`."""
    text = (ROOT / "requirements-dev.txt").read_text(encoding="utf-8")
    match = re.search(r"^(playwright==[^\s#]+)", text, re.M)
    return match.group(1) if match else f"playwright=={PLAYWRIGHT_VERSION}"


def ensure_playwright() -> None:
    """Import Python Playwright, installing the pinned version into this environment first if it is missing."""
    try:
        importlib.import_module("playwright.sync_api")
        return
    except ImportError:
        pass
    requirement = playwright_requirement()
    command = [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", requirement]
    result = subprocess.run(command, capture_output=True, text=True)
    importlib.invalidate_caches()
    if result.returncode == 0:
        try:
            importlib.import_module("playwright.sync_api")
            return
        except ImportError:
            pass
    raise Missing(
        f"Python Playwright is missing and installing it failed ({(result.stderr or result.stdout).strip()[-500:]}). "
        f"Install it with: {sys.executable} -m pip install {requirement}   (never `playwright install`: "
        "the test uses the system's Chromium)"
    )


def ensure_npm_tools() -> Path:
    """The ``node_modules`` folder holding the test tools pinned in package.json, installed with ``npm ci`` if missing.

    axe-core (accessibility checks) and configurable-http-proxy (the JupyterHub test) come from npm; once
    installed they are used offline. Raises :class:`Missing` when npm is not there or the install fails.
    """
    modules = ROOT / "node_modules"
    lock = ROOT / "package-lock.json"
    stamp = modules / ".course-package-lock"
    if stamp.is_file() and stamp.read_bytes() == lock.read_bytes():
        return modules
    npm = shutil.which("npm")
    if npm is None:
        raise Missing("npm is not installed: install Node.js 20 or newer (it brings npm), then run `npm ci`.")
    result = subprocess.run(
        [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=ROOT, capture_output=True, text=True
    )
    if result.returncode:
        raise Missing(f"`npm ci` failed: {(result.stderr or result.stdout).strip()[-500:]}")
    stamp.write_bytes(lock.read_bytes())
    return modules


def find_chromium() -> str | None:
    """The Chromium binary to use: $BROWSER_TEST_CHROMIUM if set, else the first Chromium or Chrome on PATH."""
    override = os.environ.get(CHROMIUM_ENV)
    if override:
        return override if Path(override).is_file() else None
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def ensure_chromium() -> str:
    """The path of a Chromium binary, installing Chromium with apt-get first if it is missing and we are root."""
    found = find_chromium()
    if found:
        return found
    how = f"Install it with: {CHROMIUM_INSTALL}, or set {CHROMIUM_ENV} to a Chromium or Chrome binary."
    if os.environ.get(CHROMIUM_ENV):
        raise Missing(f"{CHROMIUM_ENV}={os.environ[CHROMIUM_ENV]} is not a file. {how}")
    is_root = getattr(os, "geteuid", lambda: -1)() == 0
    if not (is_root and shutil.which("apt-get")):
        raise Missing(f"Chromium is not installed, and this test can install it only as root with apt-get. {how}")
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update"], ["apt-get", "install", "-y", "chromium"]):
        try:
            result = subprocess.run(command, capture_output=True, text=True, env=environment, timeout=900)
        except subprocess.TimeoutExpired:
            raise Missing(f"Chromium is not installed, and `{' '.join(command)}` timed out. {how}") from None
        if result.returncode:
            error = (result.stderr or result.stdout).strip()[-500:]
            raise Missing(f"Chromium is not installed, and `{' '.join(command)}` failed: {error}. {how}")
    found = find_chromium()
    if not found:
        raise Missing(f"apt-get installed the chromium package but no Chromium binary is on PATH. {how}")
    return found


def launch_browser(playwright, executable: str):
    """Launch the system's Chromium headless (Playwright's own browsers are never downloaded)."""
    return playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)


# The keys the keyboard tests press by name; anything else in their list of keys is text, typed.
KEY_NAMES = {
    "Enter", "Tab", "Escape", "Backspace", "Delete", "Home", "End", "PageUp", "PageDown",
    "ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "Space",
}  # fmt: skip


# --- accessibility: axe-core over the course's own content ---------------------------------------------------------

# What axe checks: the course's own content in the notebook, that is every cell's outputs (tables, explorers, charts,
# reports) and every rendered Markdown cell. JupyterLab's own interface (menus, toolbars, the cell list, the prompts
# and the code editor) is left out: it is not the course's to fix, and it is told apart by where it sits, outside
# these two kinds of element. The rules run are WCAG 2.0/2.1/2.2 levels A and AA and axe's best practices.
AXE_INCLUDE = [
    ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output",
    ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-MarkdownOutput",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
AXE_FAILING = ("critical", "serious")  # impacts that fail the test; "moderate" and "minor" are reported

AXE_RUN_JS = """
async ([include, exclude, tags]) => {
  const present = include.filter(selector => document.querySelector(selector));
  if (!present.length) return [];
  const left = exclude.filter(selector => document.querySelector(selector));
  const result = await window.axe.run(
    left.length ? { include: present, exclude: left } : { include: present },
    { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] },
  );
  return result.violations.map(v => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map(n => ({ target: n.target.join(' '), html: n.html.slice(0, 200), impact: n.impact })),
  }));
}
"""


def axe_script(modules: Path) -> str:
    """The text of axe-core's browser script, from the pinned npm package in ``modules``."""
    return (modules / "axe-core" / "axe.min.js").read_text(encoding="utf-8")


def summarise_axe(violations: list[dict]) -> dict[str, int]:
    """The number of elements found with a problem, by impact (critical, serious, moderate, minor).

    Example:
        >>> summarise_axe([{"id": "x", "impact": "minor", "nodes": [{"impact": "minor"}, {"impact": "minor"}]}])
        {'critical': 0, 'serious': 0, 'moderate': 0, 'minor': 2}
    """
    counts = {"critical": 0, "serious": 0, "moderate": 0, "minor": 0}
    for violation in violations:
        for node in violation["nodes"]:
            counts[node.get("impact") or violation["impact"]] += 1
    return counts


# --- the JupyterLab server ------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class JupyterLab:
    """A JupyterLab server from this Python environment, over a throw-away copy of the course.

    Everything it writes (settings, workspaces, runtime files, IPython's
    history, the notebooks' autosaved outputs) stays in one temporary folder,
    removed by :meth:`stop`. Use it as a context manager, or call
    :meth:`start` and :meth:`stop` (also when a test fails).
    """

    def __init__(self, python: str = sys.executable, source: Path = ROOT):
        self.python = python
        self.source = source
        self.process: subprocess.Popen | None = None
        self.folder: Path | None = None
        self.root: Path | None = None
        self.port = 0
        self.token = ""
        self.ready_seconds = 0.0
        self._log = None

    def __enter__(self) -> JupyterLab:
        self.start()
        return self

    def __exit__(self, *_exc) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def url(self, path: str) -> str:
        """The browser address of ``path`` (e.g. ``lab/tree/notebooks/00-start-here.ipynb``), with the token."""
        return f"{self.base_url}{path}?token={self.token}"

    def start(self, timeout: float = 90) -> None:
        started = time.perf_counter()
        self.folder = Path(tempfile.mkdtemp(prefix="course-browser-"))
        self.root = self.folder / "course"
        shutil.copytree(self.source, self.root, ignore=COPY_IGNORE)
        home = self.folder / "home"
        dirs = {name: home / name for name in ("config", "data", "runtime", "ipython", "settings", "workspaces")}
        for path in dirs.values():
            path.mkdir(parents=True)
        self.port = free_port()
        self.token = secrets.token_hex(24)
        environment = {
            **os.environ,
            "HOME": str(home),
            "JUPYTER_CONFIG_DIR": str(dirs["config"]),
            "JUPYTER_DATA_DIR": str(dirs["data"]),
            "JUPYTER_RUNTIME_DIR": str(dirs["runtime"]),
            "IPYTHONDIR": str(dirs["ipython"]),
            # the kernels import the copy's helpers, so code and notebooks come from the same snapshot
            "PYTHONPATH": os.pathsep.join(filter(None, [str(self.root), os.environ.get("PYTHONPATH")])),
        }
        command = [
            self.python,
            "-m",
            "jupyter",
            "lab",
            "--allow-root",
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={self.root}",
            "--LabApp.expose_app_in_browser=True",  # window.jupyterapp: read the notebook's model
            f"--LabApp.user_settings_dir={dirs['settings']}",
            f"--LabApp.workspaces_dir={dirs['workspaces']}",
        ]
        self._log = open(self.folder / "server.log", "wb")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            command, cwd=self.root, env=environment, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True
        )
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"JupyterLab exited with code {self.process.returncode}:\n{self.log_tail()}")
            try:
                if self.api("GET", "api/status", timeout=2) is not None:
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"JupyterLab did not answer on {self.base_url} within {timeout} s:\n{self.log_tail()}"
                )
            time.sleep(0.2)
        self.ready_seconds = time.perf_counter() - started

    def log_tail(self, characters: int = 3000) -> str:
        if self.folder is None or not (self.folder / "server.log").exists():
            return ""
        return (self.folder / "server.log").read_text(encoding="utf-8", errors="replace")[-characters:]

    def api(self, method: str, path: str, timeout: float = 10):
        """Call the server's REST API; returns the decoded JSON answer (None for an empty one)."""
        request = urllib.request.Request(
            self.base_url + path, method=method, headers={"Authorization": f"token {self.token}"}
        )
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            body = answer.read()
        return json.loads(body) if body else None

    def sessions(self) -> list[dict]:
        return self.api("GET", "api/sessions")

    def delete_sessions(self, path: str | None = None) -> int:
        """Shut down the kernel session of ``path`` (of every notebook if None), so that no kernel is reused."""
        deleted = 0
        for session in self.sessions():
            if path is None or session.get("path") == path:
                try:
                    self.api("DELETE", f"api/sessions/{session['id']}", timeout=30)
                    deleted += 1
                except urllib.error.HTTPError as error:
                    if error.code != 404:
                        raise
        return deleted

    def stop(self) -> None:
        """Stop the server, its kernels and anything else it started, then remove the temporary folder."""
        if self.process is not None:
            children = _descendants(self.process.pid)
            if self.process.poll() is None:
                try:
                    self.delete_sessions()
                except (OSError, urllib.error.URLError, ValueError):
                    pass
                _signal_group(self.process.pid, signal.SIGTERM)
                try:
                    self.process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    _signal_group(self.process.pid, signal.SIGKILL)
                    self.process.wait(timeout=15)
            # kernels run in their own sessions (process groups): end any that outlived the server
            for child in children:
                try:
                    child.kill()
                except Exception:  # noqa: BLE001 - already gone
                    pass
            self.process = None
        if self._log is not None:
            self._log.close()
            self._log = None
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None


def _descendants(pid: int) -> list:
    try:
        import psutil  # a JupyterLab dependency, pinned in environment.yml

        return psutil.Process(pid).children(recursive=True)
    except Exception:  # noqa: BLE001 - psutil missing or the process already gone
        return []


def _signal_group(pid: int, sig: int) -> None:
    try:
        os.killpg(os.getpgid(pid), sig)
    except (ProcessLookupError, PermissionError, AttributeError):
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            pass


# --- one notebook in one browser page -------------------------------------------------------------------------------

# The JavaScript below reads the notebook through window.jupyterapp (the server runs with expose_app_in_browser):
# what the kernel sent comes from the notebook's model, what a learner sees from the DOM.
_PANEL = "const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;"
_CODE_CELLS = "panel.content.widgets.filter(cell => cell.model.type === 'code')"
# An explorer (helpers/widgets.py) is a VBox whose children are: an HTML title with an <h3>, an HBox of controls,
# an HTML status line, a Box holding the chart (hidden when there is none), and the HTML output.
_FIGURE_BOX = ":scope > .widget-box:not(.widget-hbox):not(.widget-vbox)"
# The CSS classes of each kind of control, and the element of it that a learner operates.
CONTROL_CLASSES = {
    "dropdown": ".widget-dropdown",
    "text": ".widget-text",
    "slider": ".widget-slider, .widget-hslider",
    "checkbox": ".widget-checkbox",
}
CONTROL_ELEMENTS = {"dropdown": "select", "text": "input", "slider": ".noUi-handle", "checkbox": "input"}

NOTEBOOK_STATE_JS = f"""
(pageFailures) => {{
  const CONTROL_CLASSES = {json.dumps(CONTROL_CLASSES)};
  {_PANEL}
  if (!panel || !panel.content || !panel.content.widgets) return null;
  const cells = {_CODE_CELLS}.map((cell, index) => {{
    const outputs = cell.model.outputs.toJSON();
    const mimes = outputs.map(o => Object.keys(o.data || {{}}));
    const nodes = [...cell.node.querySelectorAll('.jp-OutputArea-output')];
    const outputText = nodes.map(n => n.textContent).join('\\n');
    return {{
      index,
      source: cell.model.sharedModel.getSource(),
      prompt: (cell.node.querySelector('.jp-InputPrompt') || {{}}).textContent || '',
      errors: outputs.filter(o => o.output_type === 'error').map(o => `${{o.ename}}: ${{o.evalue}}`),
      traceback: outputText.includes('Traceback'),
      widgets: mimes.filter(m => m.includes('application/vnd.jupyter.widget-view+json')).length,
      renderedWidgets: nodes.filter(n => n.querySelector('.jupyter-widgets')).length,
      plotly: mimes.filter(m => m.includes('application/vnd.plotly.v1+json')).length,
      drawnPlotly: nodes.filter(n => !n.querySelector('.jupyter-widgets')
        && n.querySelector('.js-plotly-plot svg.main-svg')).length,
    }};
  }});
  const explorers = [...panel.node.querySelectorAll('.widget-vbox')]
    .filter(box => box.querySelector(':scope > .widget-html h3'))
    .map(box => {{
      const figureBox = box.querySelector('{_FIGURE_BOX}');
      return {{
        title: box.querySelector(':scope > .widget-html h3').textContent.trim(),
        figureShown: !!figureBox && getComputedStyle(figureBox).display !== 'none',
        chartDrawn: !!figureBox && !!figureBox.querySelector('.js-plotly-plot svg.main-svg'),
        controls: [...box.querySelectorAll(':scope > .widget-hbox > .jupyter-widgets')].map(control => ({{
          label: [...control.querySelectorAll('.widget-label, .widget-label-basic')]
            .map(l => l.textContent.replace(/\u200b/g, '').trim()).find(Boolean) || '',
          kind: ['dropdown', 'text', 'slider', 'checkbox'].find(kind => control.matches(CONTROL_CLASSES[kind]))
            || control.className,
        }})),
      }};
    }});
  const pageText = document.body.innerText;
  return {{
    cells,
    explorers,
    mainSvgs: panel.node.querySelectorAll('.js-plotly-plot svg.main-svg').length,
    pageFailures: pageFailures.filter(t => pageText.includes(t)),
  }};
}}
"""

# True once every code cell has run (or one failed and run-all stopped there) and the kernel is idle again.
RUN_FINISHED_JS = f"""
() => {{
  {_PANEL}
  const status = (document.querySelector('#jp-main-statusbar') || {{}}).textContent || '';
  if (!panel || !panel.content || !/Idle/.test(status)) return false;
  const cells = {_CODE_CELLS};
  const prompts = cells.map(cell => (cell.node.querySelector('.jp-InputPrompt') || {{}}).textContent || '');
  if (!prompts.length) return true;
  if (prompts.some(p => p.includes('*'))) return false;
  const numbered = prompts.map(p => /\\[\\d+\\]/.test(p));
  const failed = cells.some(cell => cell.model.outputs.toJSON().some(o => o.output_type === 'error'));
  return numbered[numbered.length - 1] || (failed && numbered.some(Boolean));
}}
"""

# True once every shown explorer chart and every plotly output has drawn its SVG.
CHARTS_DRAWN_JS = f"""
() => {{
  {_PANEL}
  if (!panel || !panel.content) return false;
  const explorersDrawn = [...panel.node.querySelectorAll('.widget-vbox')]
    .filter(box => box.querySelector(':scope > .widget-html h3'))
    .map(box => box.querySelector('{_FIGURE_BOX}'))
    .filter(figureBox => figureBox && getComputedStyle(figureBox).display !== 'none')
    .every(figureBox => figureBox.querySelector('.js-plotly-plot svg.main-svg'));
  const outputsDrawn = {_CODE_CELLS}.every(cell => {{
    const expected = cell.model.outputs.toJSON()
      .filter(o => Object.keys(o.data || {{}}).includes('application/vnd.plotly.v1+json')).length;
    const drawn = [...cell.node.querySelectorAll('.jp-OutputArea-output')]
      .filter(n => !n.querySelector('.jupyter-widgets') && n.querySelector('.js-plotly-plot svg.main-svg')).length;
    return drawn >= expected;
  }});
  return explorersDrawn && outputsDrawn;
}}
"""

# What an explorer shows below its controls (status line, chart texts, table or text), as one string.
VIEW_TEXT_JS = """
explorer => [...explorer.children]
  .filter(child => !child.querySelector('h3') && !child.classList.contains('widget-hbox'))
  .map(child => child.textContent).join('\\n')
"""

# Arms a probe in the page before a control is operated: it notes the time of the first change or keydown event in
# the explorer and the time of the first DOM update after which the view differs from `before` and matches `expect`.
ARM_PROBE_JS = """
([explorer, before, expect]) => {
  const viewText = %s;
  const pattern = expect ? new RegExp(expect) : null;
  const probe = { start: null, end: null, viewText };
  window.__courseProbe = probe;
  const onEvent = event => { if (probe.start === null) probe.start = event.timeStamp; };
  explorer.addEventListener('change', onEvent, true);
  explorer.addEventListener('keydown', onEvent, true);
  const observer = new MutationObserver(() => {
    const text = viewText(explorer);
    if (text !== before && (!pattern || pattern.test(text))) {
      probe.end = performance.now();
      observer.disconnect();
      explorer.removeEventListener('change', onEvent, true);
      explorer.removeEventListener('keydown', onEvent, true);
    }
  });
  observer.observe(explorer, { subtree: true, childList: true, characterData: true, attributes: true });
}
""" % VIEW_TEXT_JS.strip()  # noqa: UP031 - the JavaScript is full of braces


# --- how charts fit: at a narrow window, no chart wider than its output, no legend or axis title cut off --------------

# For each chart drawn in the notebook (standalone or in an explorer): its width against the width of its output
# area, whether its legend, title or axis titles reach outside the chart (plotly clips them there), and the width
# of the plot itself against the chart's (a legend beside the plot can squeeze the plot to a sliver).
CHART_FIT_JS = f"""
() => {{
  {_PANEL}
  if (!panel) return [];
  const inside = (inner, outer) => inner.left >= outer.left - 1 && inner.right <= outer.right + 1
    && inner.top >= outer.top - 1 && inner.bottom <= outer.bottom + 1;
  return [...panel.node.querySelectorAll('.js-plotly-plot')]
    .filter(plot => plot.offsetParent !== null && plot.querySelector('svg.main-svg'))
    .map(plot => {{
      const area = plot.closest('.jp-OutputArea-output').getBoundingClientRect();
      const chart = plot.querySelector('svg.main-svg').getBoundingClientRect();
      const cut = [...plot.querySelectorAll('.legendtext, .g-gtitle text, .g-xtitle text, .g-ytitle text')]
        .filter(text => text.getBBox().width > 0 && !inside(text.getBoundingClientRect(), chart))
        .map(text => text.textContent);
      const drag = plot.querySelector('.nsewdrag');
      const explorer = plot.closest('.course-explorer');
      const heading = plot.querySelector('.g-gtitle');
      const titleBottom = heading && heading.getBBox().height > 0 ? heading.getBoundingClientRect().bottom : null;
      return {{
        title: ((plot.querySelector('.g-gtitle') || {{}}).textContent || '').trim(),
        explorer: explorer ? explorer.querySelector('h3').textContent.trim() : '',
        chartWidth: Math.round(chart.width),
        areaWidth: Math.round(area.width),
        tooWide: chart.right > area.right + 1,
        cut,
        plotWidth: drag ? Math.round(drag.getBoundingClientRect().width) : null,
        titleOverPlot: drag && titleBottom !== null ? titleBottom > drag.getBoundingClientRect().top + 1 : false,
      }};
    }});
}}
"""
# Every table of the course (helpers/display.py) that is wider than the output it is in. Each as its caption, or its
# header cells, the two widths, and whether it is cut (its right-hand columns out of reach) or scrolls sideways in
# its own box (helpers.display puts every table in one, for a table of many columns in a narrow window).
TABLE_FIT_JS = f"""
() => {{
  {_PANEL}
  if (!panel) return [];
  return [...panel.node.querySelectorAll('table.course-table')]
    .filter(table => table.offsetParent !== null)
    .map(table => {{
      const area = table.closest('.jp-OutputArea-output').getBoundingClientRect();
      const box = table.getBoundingClientRect();
      const scroller = table.closest('.course-scroll');
      const scrolls = !!scroller && scroller.getBoundingClientRect().right <= area.right + 1
        && scroller.scrollWidth > scroller.clientWidth && getComputedStyle(scroller).overflowX === 'auto';
      const caption = table.querySelector('caption');
      const headers = [...table.querySelectorAll('thead th')].map(th => th.textContent.trim()).join(' | ');
      return {{
        table: caption ? caption.textContent.trim() : headers,
        tableWidth: Math.round(box.width),
        areaWidth: Math.round(area.width),
        tooWide: box.right > area.right + 1,
        scrolls,
      }};
    }})
    .filter(table => table.tooWide);
}}
"""
# A chart is squeezed when its plot takes less than this share of the chart's width.
SQUEEZED = 0.45


def chart_fit_problems(charts: list[dict]) -> list[str]:
    """What is wrong with the fit of each chart measured by :data:`CHART_FIT_JS`, in words.

    Example:
        >>> chart_fit_problems([{"title": "T", "explorer": "", "chartWidth": 700, "areaWidth": 600, "tooWide": True,
        ...                      "cut": ["bandwa"], "plotWidth": 100}])  # doctest: +NORMALIZE_WHITESPACE
        ["'T': 700 px wide in an output of 600 px", "'T': cut off at the chart's edge: ['bandwa']",
         "'T': the plot is 100 px of the chart's 700 px (squeezed by its legend or labels)"]
    """
    problems = []
    for chart in charts:
        name = repr(chart["title"]) + (f" in '{chart['explorer']}'" if chart["explorer"] else "")
        if chart["tooWide"]:
            problems.append(f"{name}: {chart['chartWidth']} px wide in an output of {chart['areaWidth']} px")
        if chart["cut"]:
            problems.append(f"{name}: cut off at the chart's edge: {chart['cut']}")
        if chart.get("titleOverPlot"):
            problems.append(f"{name}: the title runs over the plot")
        if chart["plotWidth"] is not None and chart["plotWidth"] < SQUEEZED * chart["chartWidth"]:
            problems.append(
                f"{name}: the plot is {chart['plotWidth']} px of the chart's {chart['chartWidth']} px "
                "(squeezed by its legend or labels)"
            )
    return problems


@dataclass(frozen=True)
class ControlAction:
    """Operate one control of an explorer, and say what the explorer must show afterwards.

    - ``explorer``: part of the explorer's title ("" for the first explorer);
    - ``control``: the control's label, i.e. its ``description`` ("" for the first control of that kind);
    - ``widget``: "dropdown" (choose ``value``, or the next option if None), "text" (type ``value``,
      then Enter), "slider" (focus the first handle and press the key ``value``, e.g. "ArrowRight") or
      "checkbox" (click it);
    - ``expect``: a regular expression (JavaScript syntax) the explorer's view must match afterwards; the view
      must also differ from before;
    - ``check``: optionally, a function of the view's text before and after that must return True. The update is
      complete only when it does: an explorer's chart and table change in several steps (the chart's old series
      are removed before the new ones are drawn), and a view caught between two steps is not the answer;
    - ``presses``: for a slider, how many times the key is pressed, as fast as the browser allows.
    """

    explorer: str
    control: str
    widget: str
    value: str | None = None
    expect: str = ""
    check: object = None
    presses: int = 1

    def describe(self) -> str:
        what = {"dropdown": "choose", "text": "type", "slider": "press", "checkbox": "click"}[self.widget]
        times = f" ×{self.presses}" if self.presses > 1 else ""
        where = self.explorer or "first explorer"
        return f"{self.control or self.widget} in '{where}': {what} {self.value or 'next'}{times}"


@dataclass
class Response:
    """What operating a control did: the value set, the view before and after, and how long the update took."""

    action: str
    value: str
    before: str
    after: str
    ms: float  # from the Playwright call that operates the control to the updated view being seen by polling
    in_page_ms: float | None  # in the page: from the browser's change/keydown event to the DOM update

    def record(self) -> dict:
        return {
            "action": self.action,
            "value": self.value,
            "ms": round(self.ms, 1),
            "in_page_ms": None if self.in_page_ms is None else round(self.in_page_ms, 1),
        }


class NotebookPage:
    """One notebook of the server's copy of the course, open in a new page of ``context``.

    ``path`` is relative to the course root, with forward slashes. Errors
    thrown in the page and console errors are collected from the start.
    """

    def __init__(self, lab: JupyterLab, context, path: str):
        self.lab = lab
        self.path = path
        self.page = context.new_page()
        self.page_errors: list[str] = []
        self.console_errors: list[str] = []
        self.open_seconds = self.run_seconds = self.charts_seconds = 0.0
        self.page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        self.page.on("console", self._on_console)

    def _on_console(self, message) -> None:
        if message.type == "error":
            self.console_errors.append(f"{message.text} [{(message.location or {}).get('url', '')}]")

    def open(self, timeout: float = 90) -> float:
        """Open the notebook and wait until its kernel is idle; returns the seconds that took."""
        started = time.perf_counter()
        # a new workspace for every page, so JupyterLab does not reopen (and start kernels for) earlier notebooks
        workspace = f"test-{secrets.token_hex(6)}"
        self.page.goto(self.lab.url(f"lab/workspaces/{workspace}/tree/{self.path}"), timeout=timeout * SECOND)
        self.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell").first.wait_for(
            state="attached", timeout=timeout * SECOND
        )
        self.page.locator("#jp-main-statusbar >> text=Idle").wait_for(timeout=timeout * SECOND)
        self.open_seconds = time.perf_counter() - started
        self.dismiss_news_toast()
        # more room for the notebook: close the file browser, as a learner might
        self.page.evaluate(
            "() => window.jupyterapp.shell.leftCollapsed"
            " || window.jupyterapp.commands.execute('application:toggle-left-area')"
        )
        return self.open_seconds

    def dismiss_news_toast(self) -> None:
        """Answer "No" if JupyterLab asks whether to fetch Jupyter news (the test's settings should prevent it)."""
        button = self.page.locator(".jp-toast-button, .Toastify__toast button").filter(has_text=re.compile(r"^No$"))
        if button.count():
            button.first.click()

    def run_all(self, timeout: float = 180) -> float:
        """Run all cells from the Run menu and wait until they have run; returns the seconds from click to done."""
        self.page.locator(".lm-MenuBar-item", has_text="Run").first.click()
        started = time.perf_counter()
        self.page.locator("li.lm-Menu-item[data-command='runmenu:run-all']").click()
        self.page.wait_for_function(RUN_FINISHED_JS, timeout=timeout * SECOND, polling=100)
        self.run_seconds = time.perf_counter() - started
        return self.run_seconds

    def wait_for_charts(self, timeout: float = 30) -> bool:
        """Wait until every shown chart is drawn; False if some are still missing after ``timeout`` seconds."""
        started = time.perf_counter()
        try:
            self.page.wait_for_function(CHARTS_DRAWN_JS, timeout=timeout * SECOND, polling=100)
            return True
        except Exception:  # noqa: BLE001 - Playwright's TimeoutError; the caller reports what is missing
            return False
        finally:
            self.charts_seconds = time.perf_counter() - started

    def state(self) -> dict:
        """What the notebook shows; see :data:`NOTEBOOK_STATE_JS`."""
        return self.page.evaluate(NOTEBOOK_STATE_JS, list(WIDGET_FAILURE_TEXTS))

    # --- explorers and their controls

    def explorers(self):
        """Every explorer in the notebook, as one Playwright locator."""
        return self.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .widget-vbox:has(> .widget-html h3)")

    def explorer(self, title: str = "", nth: int = 0):
        """The ``nth`` explorer whose title contains ``title`` (any explorer if empty)."""
        boxes = self.explorers()
        if title:
            boxes = boxes.filter(has=self.page.locator(":scope > .widget-html h3", has_text=title))
        return boxes.nth(nth)

    def control(self, explorer, label: str, widget: str):
        """The element of an explorer's control that a learner operates, found by the control's visible label."""
        controls = explorer.locator(":scope > .widget-hbox").locator(CONTROL_CLASSES[widget])
        if label:
            controls = controls.filter(
                has=self.page.locator(
                    ".widget-label, .widget-label-basic", has_text=re.compile(rf"^\s*{re.escape(label)}\s*$")
                )
            )
        return controls.first.locator(CONTROL_ELEMENTS[widget]).first

    def view_text(self, explorer) -> str:
        return explorer.evaluate(VIEW_TEXT_JS)

    def operate(self, action: ControlAction, timeout: float = 15) -> Response:
        """Operate a control as :class:`ControlAction` says and wait until the explorer shows the result.

        Raises Playwright's TimeoutError if the view does not change (and match ``action.expect``) in time.
        """
        explorer = self.explorer(action.explorer)
        control = self.control(explorer, action.control, action.widget)
        control.wait_for(state="attached", timeout=5 * SECOND)
        value = action.value
        if action.widget == "dropdown":
            if value is None:
                options = control.evaluate("select => [...select.options].map(option => option.value)")
                value = options[(options.index(control.input_value()) + 1) % len(options)]

            def trigger():
                control.select_option(value)
        elif action.widget == "text":
            control.fill(value)

            def trigger():
                control.press("Enter")
        elif action.widget == "checkbox":
            value = "off" if control.is_checked() else "on"

            def trigger():
                control.click()
        else:
            control.focus()

            def trigger():
                for _ in range(action.presses):
                    self.page.keyboard.press(value)

        return self._measure(explorer, action.describe(), value, trigger, action.expect, timeout, action.check)

    def press_in_dropdown_reached_by_tab(
        self, explorer_title: str, label: str, key: str, max_tabs: int = 15, timeout: float = 5
    ) -> tuple[int, str, str, Response | None]:
        """Reach an explorer's dropdown with the Tab key from the explorer's notebook cell, then press ``key``.

        Returns the number of Tab presses, the dropdown's value before and after, and the
        :class:`Response` (None if the view did not change within ``timeout`` seconds).
        """
        explorer = self.explorer(explorer_title)
        control = self.control(explorer, label, "dropdown")
        tabs = self._tab_to(explorer, control, max_tabs, f"the '{label}' dropdown")
        before_value = control.input_value()
        try:
            response = self._measure(
                explorer, f"{label}: Tab ×{tabs}, {key}", key, lambda: self.page.keyboard.press(key), "", timeout
            )
        except Exception:  # noqa: BLE001 - Playwright's TimeoutError: the key changed nothing
            response = None
        return tabs, before_value, control.input_value(), response

    def _tab_to(self, explorer, control, max_tabs: int, what: str) -> int:
        """Click the explorer's title, then press Tab until ``control`` has the focus; returns the presses.

        Clicking the title selects the explorer's cell and focuses it, as a keyboard user moving through cells does.
        Raises AssertionError naming ``what`` if Tab does not reach it within ``max_tabs`` presses.
        """
        explorer.locator(":scope > .widget-html h3").click()
        tabs = 0
        while not control.evaluate("element => element === document.activeElement"):
            if tabs == max_tabs:
                raise AssertionError(f"{what} was not reached with {max_tabs} presses of Tab")
            self.page.keyboard.press("Tab")
            tabs += 1
        return tabs

    def use_keyboard_alone(
        self, explorer_title: str, label: str, widget: str, keys: list[str], expect: str, max_tabs: int = 15
    ) -> tuple[int, Response]:
        """Reach an explorer's control with the Tab key from the explorer's cell, then press ``keys`` (a key name
        such as "ArrowRight", or text to type); returns the number of Tab presses and the :class:`Response`.

        Raises AssertionError if Tab never reaches the control, Playwright's TimeoutError if the view does not
        change to match ``expect``.
        """
        explorer = self.explorer(explorer_title)
        control = self.control(explorer, label, widget)
        tabs = self._tab_to(explorer, control, max_tabs, f"'{label}' in '{explorer_title}'")

        def trigger():
            for key in keys:
                if key in KEY_NAMES or re.fullmatch(r"(Control|Shift|Alt|Meta)\+\S+", key):
                    self.page.keyboard.press(key)
                else:  # text, such as a search ("Ashraf")
                    self.page.keyboard.type(key)

        description = f"{label}: Tab ×{tabs}, {' '.join(keys)}"
        return tabs, self._measure(explorer, description, " ".join(keys), trigger, expect, 10)

    def _measure(
        self, explorer, description: str, value: str, trigger, expect: str, timeout: float, check=None
    ) -> Response:
        """Operate a control and wait until the view has changed, matches ``expect`` and satisfies ``check``."""
        before = self.view_text(explorer)
        handle = explorer.element_handle()
        self.page.evaluate(ARM_PROBE_JS, [handle, before, expect])
        started = time.perf_counter()
        trigger()
        self.page.wait_for_function(
            """([explorer, before, expect]) => {
              const probe = window.__courseProbe;
              if (probe.end !== null) return true;
              const text = probe.viewText(explorer);
              return text !== before && (!expect || new RegExp(expect).test(text));
            }""",
            arg=[handle, before, expect],
            polling="raf",
            timeout=timeout * SECOND,
        )
        probe = self.page.evaluate("() => window.__courseProbe")
        in_page = probe["end"] - probe["start"] if probe and probe["start"] is not None and probe["end"] else None
        after = self.view_text(explorer)
        # A view that has changed but is not yet complete (the chart redrawn, the table not yet) does not count.
        deadline = time.perf_counter() + timeout
        while check is not None and not check(before, after) and time.perf_counter() < deadline:
            in_page = None  # the probe saw an intermediate view; only the time polled here is known
            time.sleep(0.02)
            after = self.view_text(explorer)
        ms = (time.perf_counter() - started) * 1000
        return Response(description, str(value), before, after, ms, in_page)

    def axe(self, script: str, *, jupyterlab: bool = False) -> list[dict]:
        """Run axe-core over the notebook's outputs and Markdown (:data:`AXE_INCLUDE`); its violations, with nodes.

        ``jupyterlab=True`` checks the rest of the page instead, JupyterLab's own interface (reported, never failed:
        the figures the accessibility statement in the README gives)."""
        if not self.page.evaluate("() => !!window.axe"):
            self.page.add_script_tag(content=script)
        where = [["body"], AXE_INCLUDE] if jupyterlab else [AXE_INCLUDE, []]
        with self._tall_page():  # every cell laid out, none left to the notebook's windowing
            return self.page.evaluate(AXE_RUN_JS, [*where, AXE_TAGS])

    # --- pictures and closing

    def screenshot(self, path: Path, piece: int = 15000) -> list[Path]:
        """Pictures of the whole notebook, taken with the page made as tall as the notebook: ``path``, and for a
        notebook taller than ``piece`` pixels, ``path`` with -2, -3, ... for the next parts."""
        path.parent.mkdir(parents=True, exist_ok=True)
        scroller = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer"
        pictures = []
        with self._tall_page(limit=piece):
            # the notebook's height ends with its last cell (JupyterLab leaves room to scroll past it)
            total, visible = self.page.evaluate(
                f"""() => {{
                  const s = document.querySelector('{scroller}') || document.body;
                  const cells = s.querySelectorAll('.jp-Cell');
                  const last = cells.length ? cells[cells.length - 1].getBoundingClientRect().bottom : 0;
                  const end = last ? last - s.getBoundingClientRect().top + s.scrollTop + 20 : s.scrollHeight;
                  return [Math.min(s.scrollHeight, Math.ceil(end)), s.clientHeight];
                }}"""
            )
            # each picture shows the notebook's visible height, starting where the one before it ended
            for number, top in enumerate(range(0, max(total, 1), max(visible, 1)), start=1):
                self.page.evaluate(
                    f"""top => new Promise(done => {{
                      const scroller = document.querySelector('{scroller}');
                      if (scroller) scroller.scrollTop = top;
                      requestAnimationFrame(() => requestAnimationFrame(done));
                    }})""",
                    top,
                )
                if number > 1:
                    self.page.wait_for_timeout(300)  # cells scrolled into view are drawn
                picture = path if number == 1 else path.with_name(f"{path.stem}-{number}{path.suffix}")
                self.page.screenshot(path=str(picture), full_page=True)
                pictures.append(picture)
        return pictures

    def resize(self, width: int, height: int, timeout: float = 30) -> list[dict]:
        """Make the window ``width`` × ``height`` and wait until every chart fits its output again; the charts
        that still do not after ``timeout`` seconds (measured as the window is, without laying out every cell
        as :meth:`chart_fit` does), an empty list when all do."""
        self.page.set_viewport_size({"width": width, "height": height})
        try:
            self.page.wait_for_function(
                f"() => ({CHART_FIT_JS})().every(chart => !chart.tooWide)", timeout=timeout * SECOND, polling=200
            )
            self.page.wait_for_timeout(500)  # plotly redraws legends and titles after the width settles
            return []
        except Exception:  # noqa: BLE001 - Playwright's TimeoutError: say which charts are still too wide
            return [chart for chart in self.page.evaluate(CHART_FIT_JS) if chart["tooWide"]]

    def chart_fit(self) -> list[dict]:
        """How each chart on the page fits its output; see :data:`CHART_FIT_JS`."""
        with self._tall_page():
            return self.page.evaluate(CHART_FIT_JS)

    def tables_too_wide(self) -> list[dict]:
        """The course's tables wider than their output; see :data:`TABLE_FIT_JS`."""
        with self._tall_page():
            return self.page.evaluate(TABLE_FIT_JS)

    def screenshot_explorers(self, paths: dict[str, Path]) -> None:
        """A picture of each explorer, by title: ``{title: path}``."""
        with self._tall_page():
            for title, path in paths.items():
                path.parent.mkdir(parents=True, exist_ok=True)
                self.explorer(title).screenshot(path=str(path))

    @contextmanager
    def _tall_page(self, limit: int = 16000):
        """Make the page as tall as the notebook (up to ``limit`` pixels), so that nothing is scrolled out of view."""
        scroller = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer"
        # JupyterLab skips the layout of cells out of view (content-visibility: auto); lay them all out, as each is
        # when a learner scrolls to it, so that every chart and table can be measured and checked. Measured after
        # that: a cell not laid out counts with a guessed height, and the notebook's height is then far too small.
        self.page.evaluate(
            """() => new Promise(done => {
              document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell')
                .forEach(cell => { cell.style.contentVisibility = 'visible'; });
              requestAnimationFrame(() => requestAnimationFrame(done));
            })"""
        )
        height = self.page.evaluate(f"() => (document.querySelector('{scroller}') || document.body).scrollHeight")
        size = self.page.viewport_size
        self.page.set_viewport_size({"width": size["width"], "height": min(max(size["height"], height + 200), limit)})
        try:
            self.page.evaluate(
                f"""() => new Promise(done => {{
                  const scroller = document.querySelector('{scroller}');
                  if (scroller) scroller.scrollTop = 0;
                  requestAnimationFrame(() => requestAnimationFrame(done));
                }})"""
            )
            yield
        finally:
            self.page.set_viewport_size(size)

    def close(self) -> None:
        """Close the page and shut down the server's kernel sessions, so the next notebook gets a fresh kernel."""
        try:
            self.page.close()
        finally:
            self.lab.delete_sessions()


# Console messages of the browser that say nothing about the course, each with the reason it is harmless.
HARMLESS_CONSOLE_ERRORS = {
    r"favicon": "the browser asks for a favicon; a missing one changes nothing",
    r"net::ERR_\w+ \[https?://(?!127\.0\.0\.1[:/])": "the test machine is offline: a request to an outside host failed",
}
