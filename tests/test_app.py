"""The corpus explorer app in Voilà, in Chromium, as a teacher projects it: `python3 course.py app`, then every panel.

One server (started by `course.py app`, in a clone of the course) and one headless Chromium serve
the whole module. The page may ask nothing of any host but 127.0.0.1: every other request is
blocked and fails the test (Voilà's default page asks a CDN for an icon font; the app's template
does not). The test checks that no code and no traceback is shown, that the widgets and plotly's
FigureWidget are drawn and the icons load, then opens every panel, operates every control of each
and checks what it shows (values that can be checked by hand in corpus/texts/, the same as the
helpers' own examples), chooses a row of each panel's table and checks "In the article", saves a
table and a chart, and opens a corpus of one's own: one with problems (the validation report is
shown) and an uploaded one whose texts hold HTML (shown as text, never as markup).

A screenshot of each panel goes to test-artifacts/app-<panel>.png (a window of 1400x900) and
app-<panel>-1024x700.png (every panel again in a small window); at both sizes nothing may stick out
at the right, and every chart fits the panels' column (drawn wide, it must fit again when the window
narrows). The timings go to test-artifacts/app-timings.json. Needs Chromium and Playwright, as
tests/test_browser.py.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import threading
from pathlib import Path

import pytest

from tests.support.app import CODE_TEXTS, FAILURE_TEXTS, ICON_JS, AppPage, StartedApp, panel_labels
from tests.support.browser import (
    ARTIFACTS,
    AXE_FAILING,
    AXE_RUN_JS,
    AXE_TAGS,
    Missing,
    axe_script,
    ensure_chromium,
    ensure_npm_tools,
    ensure_playwright,
    launch_browser,
)
from tests.support.started import clone_course


def expect(locator):
    from playwright.sync_api import expect as playwright_expect  # imported late: Playwright may not be installed yet

    return playwright_expect(locator)


ROOT = Path(__file__).resolve().parent.parent
TIMINGS_FILE = ARTIFACTS / "app-timings.json"

# The panels in the order of the page, by key and by the label of their button (the app's own list).
PANELS = panel_labels()

# What choosing the first row of each panel's table (as the panel first shows it) must show in "In the article".
FIRST_ROW_SHOWS = {
    "overview": r"ips-2007: Iran National Solidarity",  # the oldest article, read whole
    "words": r"“iranian”: 58 in 5 article",  # the most frequent word: 58 times in the 5 articles
    "keyness": r"“ins” in|“ins”: \d+ in",  # the most distinctive word of ips-2007 (the first article)
    # chosen after its controls: "Camp Liberty", as a regular expression and matching case, in breitbart-2014
    "kwic": r"“Camp Liber\.y”: 3 in 2 article",
    "collocates": r"“ins” with “iran”",  # the first collocate of "ins", the word chosen last
    "actors": r"Iranian state",  # the actor mentioned most
    "co_mentions": r"Iran and Iranian state in the same sentence",
    "naming": r"PMOI/MEK, named “MKO”",  # the first name ips-2007 uses for the PMOI/MEK
    "loaded": r"“bitterness” \(emotive wording\)",
    "sentiment": r"Sentence 1, polarity",
    "quotes": r"A quotation of Dr\. Shahriar Ahi",
    "timeline": r"ips-2007",  # its publication date: the whole article
}

ROW_AFTER_CONTROLS = {"kwic"}  # its search is the word chosen last in another panel: set it first

# Every control of every panel, what to do with it, and what the panel must show afterwards (a regular expression
# matched against its text). The values are the helpers' own examples: checkable in corpus/texts/.
CONTROL_ACTIONS = {
    "overview": [
        ("Sort by", "dropdown", "length", r"wordsips-2007"),  # the longest article first (981 words)
        ("Outlet", "dropdown", "Breitbart News (London section, now filed under /europe/)", r"1 article from 1 outlet"),
    ],
    "read": [
        ("Article", "dropdown", "ncri-2010", r"Mayors and representatives"),
        ("Show", "dropdown", "raw capture", r"Wednesday, July 17, 2024"),
    ],
    "words": [
        ("Terms", "dropdown", "two-word phrases", r"iranian regime"),
        ("Articles", "dropdown", "by outlet", r"Breitbart"),
        ("remove stopwords", "checkbox", None, r""),
        ("Top", "slider", "ArrowRight", r""),
    ],
    "keyness": [
        ("Article", "dropdown", "breitbart-2014", r"syrian"),
        ("Min. count", "slider", "ArrowRight", r""),
        ("Top", "slider", "ArrowLeft", r""),
    ],
    "kwic": [
        ("Search", "text", "Camp Liberty", r"3 matches: breitbart-2014 2, moroccantimes-2015 1"),
        ("Article", "dropdown", "breitbart-2014", r"2 matches"),
        ("Window", "slider", "ArrowRight", r""),
        ("Search", "text", "camp liber.y", r"No match|0 match|no match"),  # a dot is a dot, until regex is ticked
        ("regex", "checkbox", None, r"2 matches"),
        ("match case", "checkbox", None, r"No match|0 match|no match"),
        ("Search", "text", "Camp Liber.y", r"2 matches"),
    ],
    "collocates": [
        ("Word", "text", "Rajavi", r"maryam"),
        ("Window", "slider", "ArrowLeft", r""),
        ("Min. count", "slider", "ArrowLeft", r""),
    ],
    "actors": [
        ("Top actors", "slider", "ArrowLeft", r""),
        ("Actor type", "dropdown", "person", r"Maryam Rajavi"),
        ("Article", "dropdown", "ncri-2010", r"ncri-2010"),
    ],
    "co_mentions": [
        ("Top actors", "slider", "ArrowLeft", r""),
        ("Article", "dropdown", "breitbart-2014", r"Iran\s*Syria\s*6"),
    ],
    "naming": [
        ("Article", "dropdown", "iranfreedom-2018", r"MEK"),
        ("Actor", "dropdown", None, r""),
    ],
    "loaded": [
        ("Article", "dropdown", "ips-2007", r"ips-2007"),
        ("Category", "dropdown", "doubt", r"reported to be"),
        ("Split by", "dropdown", "target", r"Iranian state"),  # the two doubt hits of ips-2007, by target
    ],
    "sentiment": [
        ("Sort", "dropdown", "most negative", r"angered"),
        ("Article", "dropdown", "ncri-2010", r"ncri-2010"),
        ("Min. words", "slider", "ArrowRight*25", r""),
    ],
    "quotes": [
        ("show quoted terms", "checkbox", None, r""),
        ("Article", "dropdown", "breitbart-2014", r"Safavi"),
        ("Speaker kind", "dropdown", "listed actor", r"Rajavi"),
    ],
    "timeline": [
        ("Article", "dropdown", "ncri-2010", r"Saturday"),
        ("Dates", "dropdown", "dates mentioned in the text only", r"mentioned"),
        ("Years", "slider", "ArrowRight", r""),
    ],
}

WIDE, SMALL = (1400, 900), (1024, 700)  # the window sizes of the screenshots: a desktop, a small laptop or projector

# What sticks out at the right of the window: the page's own width, every control, button, heading and chart of the
# panel shown and of "In the article" whose right edge lies beyond it, and a table wider than the panels' column that
# does not scroll in a box of its own (it would run under "In the article"), by more than a pixel each; a chart
# of the panel wider than the panels' column (a chart drawn in a wider window must fit the column again); and, inside
# a chart, a title that runs past its edges, or an axis label turned on its side or cut at an edge; and a chart drawn
# without its marks (bars, points, cells) although it has data.
FITS_JS = r"""
(key) => {
  const width = document.documentElement.clientWidth;
  const out = [];
  if (document.documentElement.scrollWidth > width + 1) out.push('page ' + document.documentElement.scrollWidth);
  const parts = '.app-control, button, h2, h3, .js-plotly-plot, .app-nav, .app-toolbar';
  const main = document.querySelector('.app-main').getBoundingClientRect();
  const panel = document.querySelector('.app-main .app-panel-' + key);
  for (const table of panel ? panel.querySelectorAll('table') : []) {  // a wide table must scroll in its own box
    if (table.getBoundingClientRect().right <= main.right + 1) continue;
    let box = table.parentElement;
    const scrolls = (node) => ['auto', 'scroll'].includes(getComputedStyle(node).overflowX);
    while (box && box !== panel && !scrolls(box)) box = box.parentElement;
    if (!box || box === panel || box.getBoundingClientRect().right > main.right + 1) out.push('table over the column');
  }
  for (const plot of panel ? panel.querySelectorAll('.js-plotly-plot .main-svg') : []) {
    const box = plot.getBoundingClientRect();
    if (box.width && box.right > main.right + 1) out.push('chart over the column ' + Math.round(box.right));
  }
  for (const plot of panel ? panel.querySelectorAll('.js-plotly-plot') : []) {  // inside each chart, read across
    const svg = plot.querySelector('.main-svg');
    const chart = svg ? svg.getBoundingClientRect() : {width: 0};
    if (!chart.width) continue;
    if ((plot.data || []).length && !plot.querySelector('.cartesianlayer .trace, .cartesianlayer .hm')) {
      out.push('chart drawn empty: ' + (plot.querySelector('.gtitle') || {}).textContent);
    }
    for (const title of plot.querySelectorAll('.gtitle')) {
      const box = title.getBoundingClientRect();
      const past = box.right > chart.right + 1 || box.left < chart.left - 1;
      if (past) out.push('title past the chart: ' + title.textContent);
    }
    for (const label of plot.querySelectorAll('.xtick text, .ytick text')) {
      const box = label.getBoundingClientRect();
      const turned = /rotate\((?!0[,) ])/.test(label.getAttribute('transform') || '');
      if (turned) out.push('label turned: ' + label.textContent);
      else if (box.right > chart.right + 1 || box.left < chart.left - 1) out.push('label cut: ' + label.textContent);
    }
  }
  for (const root of [panel, document.querySelector('.app-context')]) {
    for (const node of root ? root.querySelectorAll(parts) : []) {
      const box = node.getBoundingClientRect();
      if (box.width && box.right > width + 1) out.push((node.className || node.tagName) + ' ' + Math.round(box.right));
    }
  }
  return out;
}
"""

# Every chart of the panel that is not hidden has been drawn (a chart just shown is laid out a moment later, with no
# width meanwhile: FITS_JS, which skips what has no width, would pass before it is drawn).
CHARTS_DRAWN_JS = """
(key) => {
  const panel = document.querySelector('.app-main .app-panel-' + key);
  if (!panel) return true;
  const shown = (node) => {
    for (let n = node; n && n !== panel; n = n.parentElement) if (getComputedStyle(n).display === 'none') return false;
    return true;
  };
  return [...panel.querySelectorAll('.js-plotly-plot, .app-chart-waiting')].filter(shown).every(plot => {
    const svg = plot.querySelector('.main-svg');
    return svg && svg.getBoundingClientRect().width > 0;
  });
}
"""

OVERVIEW_SAYS = "text => ((document.querySelector('.app-panel-overview') || {}).innerText || '').includes(text)"

HARMLESS_CONSOLE_ERRORS = {
    r"favicon": "the browser asks for a favicon; a missing one changes nothing",
}

# A corpus of one's own whose texts and titles hold HTML: shown as text, never as markup. Column names that differ
# from the course's, so the app must guess which column holds what (body, headline, date, source).
TRICKY_TEXT = (
    "The council met on Monday. <script>document.title='hacked'</script> Members read <b>bold</b> claims "
    "& said 'no' to the plan. The mayor said the plan was fair. " * 5
)
OWN_CSV = "body,headline,date,source\n" + "".join(
    f'"{TRICKY_TEXT} Article {n}.","A <i>tricky</i> headline {n}",2021-03-0{n},Example <Radio>\n' for n in (1, 2, 3)
)


@pytest.fixture(scope="module")
def served():
    """`course.py app` in a clone of the course, until the end of the module."""
    with tempfile.TemporaryDirectory(prefix="course-app-") as folder:
        home = Path(folder) / "home"
        home.mkdir()
        app = StartedApp(clone_course(Path(folder)), home)
        try:
            app.address()
            yield app
        finally:
            app.stop()


def _in_own_thread(function):
    """Run a Playwright session in a thread of its own (the sync API refuses to start under a running asyncio loop,
    which other browser tests may leave in this thread), re-raising its error here."""
    outcome = {}

    def run():
        try:
            outcome["value"] = function()
        except BaseException as error:  # re-raised in the test's own thread
            outcome["error"] = error

    worker = threading.Thread(target=run)
    worker.start()
    worker.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


def _browser_or_skip() -> str:
    try:
        ensure_playwright()
        return ensure_chromium()
    except Missing as missing:
        if os.environ.get("CI"):
            pytest.fail(f"The app's browser test cannot run in CI: {missing}", pytrace=False)
        pytest.skip(f"browser test skipped: {missing}")


def _axe_findings(app: AppPage, script: str) -> list[dict]:
    """axe-core's violations in the app's page as it is shown (the whole page is the app's own: Voila shows no code
    and no JupyterLab interface), with the same rules as the lessons' browser test."""
    if not app.page.evaluate("() => !!window.axe"):
        app.page.add_script_tag(content=script)
    return app.page.evaluate(AXE_RUN_JS, [[".course-app"], [], AXE_TAGS])


def _check_clean(app: AppPage, where: str) -> None:
    text = app.text()
    shown = [t for t in FAILURE_TEXTS if t in text]
    assert not shown, f"{where}: the page shows {shown}:\n{text[:3000]}"
    code = [t for t in CODE_TEXTS if t in text] + (["a code cell"] if app.page.locator(".jp-InputArea").count() else [])
    assert not code, f"{where}: the page shows code: {code}"
    assert not app.outside, f"{where}: the page asked for something outside 127.0.0.1: {app.outside}"
    assert not app.page_errors, f"{where}: errors thrown in the page: {app.page_errors}"
    console = [e for e in app.console_errors if not any(re.search(p, e) for p in HARMLESS_CONSOLE_ERRORS)]
    assert not console, f"{where}: the browser console reported errors: {console}"


def test_the_app_in_voila(served):
    chromium = _browser_or_skip()
    address = served.address().group(1)
    _in_own_thread(lambda: _every_panel(address, chromium, served.address_seconds))


def _every_panel(address: str, chromium: str, address_seconds: float) -> None:
    from playwright.sync_api import sync_playwright

    timings = {"address_printed_s": round(address_seconds, 2), "panels_s": {}, "controls": [], "rows_s": {}}
    axe, findings = axe_script(ensure_npm_tools()), {}
    with sync_playwright() as playwright:
        browser = launch_browser(playwright, chromium)
        app = AppPage(browser, address, viewport=WIDE)
        try:
            timings["open_s"] = round(app.open(), 2)
            # the page: the app's title, widgets drawn, no code, nothing from outside
            assert app.page.locator(".course-app h2", has_text="Reading the frame: corpus explorer").count() == 1
            assert app.page.locator(".app-panel-overview .js-plotly-plot").count() == 1
            assert app.page.locator(".app-panel-overview .js-plotly-plot svg.main-svg").count() >= 1
            assert "5 articles from 5 outlets, published 2007-06-18 to 2018-06-18" in app.text()
            icon = app.page.evaluate(ICON_JS)
            assert icon and icon["content"] not in ("none", "normal", '""'), icon
            assert icon["family"].startswith("Font Awesome") and icon["loaded"], icon
            assert icon["label"] == "Save the table (CSV)", icon  # the label reads without the icon too
            _check_clean(app, "after opening")

            for key, label in PANELS.items():
                if key != "overview":
                    timings["panels_s"][key] = round(app.show_panel(key, label), 2)
                if key in ("kwic", "collocates"):  # they search for the word chosen last (in Distinctive words)
                    expect(app.control(key, "Search" if key == "kwic" else "Word", "text")).to_have_value("ins")
                # a row of the panel's table, as the panel first shows it, shown in its article
                if key in FIRST_ROW_SHOWS and key not in ROW_AFTER_CONTROLS:
                    _choose_first_row(app, key, timings)
                for control, kind, value, shows in CONTROL_ACTIONS[key]:
                    response = app.operate(key, control, kind, value, shows)
                    timings["controls"].append({k: v for k, v in response.items() if k != "view"})
                if key in ROW_AFTER_CONTROLS:
                    _choose_first_row(app, key, timings)
                _check_fits(app, key, WIDE)
                app.screenshot(ARTIFACTS / f"app-{key}.png")
                _check_clean(app, f"panel {label}")
                findings[key] = _axe_findings(app, axe)
            # each chart drawn once, at its column's width: not first at plotly's 700 px, then again to fit
            draws = app.chart_draws()
            assert {"overview", "co_mentions", "loaded"} <= {d["panel"] for d in draws}, draws
            wrong = [d for d in draws if abs(d["drawn"] - d["box"]) > 2]
            assert not wrong, f"charts first drawn at another width than their box's: {wrong}"
            _every_panel_on_a_small_screen(app)

            _links_between_panels(app)
            _context_controls(app)
            app.screenshot(ARTIFACTS / "app-in-the-article.png")
            _saving(app)
            _check_clean(app, "after the links and saving")
            _own_corpora(app)
            _check_clean(app, "after opening corpora of one's own")
        finally:
            app.close()
            browser.close()
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "app-axe.json").write_text(json.dumps(findings, indent=1), encoding="utf-8")
    serious = {key: [v for v in found if v["impact"] in AXE_FAILING] for key, found in findings.items()}
    failing = {
        key: [f"{v['id']} ({v['impact']}): {v['help']}; {[n['target'] for n in v['nodes']][:3]}" for v in found]
        for key, found in serious.items()
        if found
    }
    assert not failing, f"axe-core finds critical or serious problems in the app's panels: {failing}"
    controls = [c["ms"] for c in timings["controls"]]
    timings["control_ms"] = {"median": sorted(controls)[len(controls) // 2], "max": max(controls), "n": len(controls)}
    ARTIFACTS.mkdir(exist_ok=True)
    TIMINGS_FILE.write_text(json.dumps(timings, indent=1), encoding="utf-8")


def _check_fits(app: AppPage, key: str, size: tuple[int, int]) -> None:
    """Nothing of the panel, its controls or "In the article" is cut off at the window's width: the page does not
    scroll sideways, and every control, button and heading lies inside the window (a wide table may scroll within
    its own box); every chart is drawn with its marks, its title and axis labels within it, read across."""
    try:  # what is drawn after the window changed size may take a moment
        app.page.wait_for_function(CHARTS_DRAWN_JS, arg=key, timeout=10_000)
        app.page.wait_for_function(f"key => ({FITS_JS.strip()})(key).length === 0", arg=key, timeout=10_000)
    except Exception:  # noqa: BLE001 - Playwright's TimeoutError: say what sticks out
        outside = app.page.evaluate(FITS_JS, key)
        assert not outside, f"{key} at {size[0]}x{size[1]}: cut off, unreadable or empty: {outside}"


def _every_panel_on_a_small_screen(app: AppPage) -> None:
    """Every panel again at 1024x700 (a small laptop, or a projector's resolution), with a screenshot of each."""
    app.page.set_viewport_size({"width": SMALL[0], "height": SMALL[1]})
    try:
        for key, label in PANELS.items():
            app.show_panel(key, label)
            _check_fits(app, key, SMALL)
            app.screenshot(ARTIFACTS / f"app-{key}-{SMALL[0]}x{SMALL[1]}.png")
    finally:
        app.page.set_viewport_size({"width": WIDE[0], "height": WIDE[1]})


def _choose_first_row(app: AppPage, key: str, timings: dict) -> None:
    timings["rows_s"][key] = round(app.choose_row(key, 0, expect=FIRST_ROW_SHOWS[key]), 3)
    context = app.page.locator(".app-context")
    assert context.locator(".app-article b").count() == 1, f"{key}: no article heading"
    shown = context.locator("mark, .app-fulltext, .app-one-sentence li.app-found")
    assert shown.count() > 0, f"{key}: nothing marked or shown"


def _links_between_panels(app: AppPage) -> None:
    """A word chosen with the keyboard in the frequency list becomes the concordance's search."""
    app.show_panel("words", PANELS["words"])
    app.operate("words", "Terms", "dropdown", "single words", r"iranian")
    app.operate("words", "Articles", "dropdown", "all articles", r"iranian")
    app.operate("words", "remove stopwords", "checkbox", None, r"iranian")  # ticked again
    rows = app.choosable_rows("words")
    rows.first.focus()
    app.page.keyboard.press("ArrowDown")  # the roving focus moves to the second row: "iran"
    assert rows.nth(1).evaluate("row => row === document.activeElement")
    app.choose_row("words", 1, expect=r"“iran”: 53 in 5 article", keyboard=True)
    app.show_panel("kwic", PANELS["kwic"])
    expect(app.control("kwic", "Search", "text")).to_have_value("iran")


def _context_controls(app: AppPage) -> None:
    """ "In the article": another article, the whole article, and "Open in Read"."""
    context = app.page.locator(".app-context")
    select = context.locator(".widget-dropdown select")
    options = select.evaluate("s => [...s.options].map(o => o.value)")
    assert len(options) == 5 and select.input_value() == options[0]
    before = app.context_text()
    select.select_option(options[-1])
    app.page.wait_for_function("b => document.querySelector('.app-context').innerText !== b", arg=before)
    last = re.split(r"\s", options[-1])[0]  # an option reads "moroccantimes-2015 (4)": the article and its count
    assert app.page.locator(".app-context .app-article").inner_text().startswith(last + ":")
    context.locator(".widget-checkbox input").click()
    context.locator(".app-fulltext").wait_for(timeout=10_000)
    assert context.locator(".app-fulltext .app-chosen mark").count() > 0
    context.locator("button", has_text="Open in Read").click()
    app.wait_for_panel("read")
    expect(app.control("read", "Article", "dropdown")).to_have_value(last)


def _saving(app: AppPage) -> None:
    """The table shown (every row) as CSV, and the chart as one HTML file that needs nothing from outside."""
    app.show_panel("words", PANELS["words"])
    with app.page.expect_download() as download:
        app.panel("words").locator(".app-download", has_text="Save the table (CSV)").click()
    path = download.value.path()
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    assert download.value.suggested_filename == "the-course-corpus_words.csv"
    assert lines[0] == "term,count,per_1000,doc_freq" and lines[1].startswith("iranian,58,") and len(lines) > 15
    with app.page.expect_download() as download:
        app.panel("words").locator(".app-download", has_text="Save the chart (HTML)").click()
    chart = Path(download.value.path()).read_text(encoding="utf-8")
    assert download.value.suggested_filename.endswith(".html") and "Plotly.newPlot" in chart
    assert "<script src=" not in chart, "the saved chart loads plotly.js from elsewhere: it would not open offline"


def _own_corpora(app: AppPage) -> None:
    """A news export with problems shows the validation report; an upload with HTML in its texts shows it as text."""
    corpus = app.page.locator(".app-source .widget-dropdown select").first
    corpus.select_option(label="Your own corpus…")
    path = app.page.locator(".app-source input[type=text]").first
    path.fill("examples/practice-corpus/practice-export.csv")
    app.page.locator(".app-source button", has_text="Open").click()
    report = app.page.locator(".app-source .validation-report")
    report.wait_for(timeout=60_000)
    text = report.inner_text()
    assert "empty_text" in text and "ambiguous_date" in text and "unparseable_date" in text, text
    app.screenshot(ARTIFACTS / "app-validation-report.png")
    app.page.locator(".app-source button", has_text="Analyse these articles anyway").click()
    app.page.wait_for_function(
        "() => /8 articles from/.test((document.querySelector('.app-panel-overview') || {}).innerText || '')",
        timeout=60_000,
    )

    with tempfile.TemporaryDirectory(prefix="course-app-upload-test-") as folder:
        csv_file = Path(folder) / "tricky.csv"
        csv_file.write_text(OWN_CSV, encoding="utf-8")
        with app.page.expect_file_chooser() as chooser:
            app.page.locator(".app-source .widget-upload").click()
        chooser.value.set_files(str(csv_file))
        app.page.wait_for_function(OVERVIEW_SAYS, arg="3 articles from 1 outlet", timeout=60_000)
    overview = app.panel("overview").inner_text()
    assert "A <i>tricky</i> headline 1" in overview and "Example <Radio>" in overview  # shown as text
    assert app.page.locator(".app-panel-overview table i").count() == 0  # and not made italic
    app.choose_row("overview", 0, expect=r"<script>document\.title")
    assert app.page.title() != "hacked" and app.page.locator(".app-context script").count() == 0
    assert "<b>bold</b>" in app.context_text()
    app.screenshot(ARTIFACTS / "app-own-corpus.png")
