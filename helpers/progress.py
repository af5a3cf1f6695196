"""Progress bars for work that takes more than a second: in a notebook only, never in scripts or tests.

Imports and the analyses that go through a corpus article by article
(tokens, sentences, word counts, actor mentions, dates, quotations,
sentiment, loaded language) show a bar once they have run for a second, so
that on a large corpus you can see that something is happening and how far
it has got. On the course corpus everything is faster than that, and no bar
appears. The bar of an analysis disappears when it is done; an import's bar
stays and says "Done".

``show_progress(False)`` turns the bars off for the rest of the session;
``show_progress(True)`` turns them back on.

Example:
    >>> [text.upper() for text in steps(["a", "b"], "Shouting")]  # outside a notebook: no bar, same items
    ['A', 'B']
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Iterator

DELAY_SECONDS = 1.0  # a bar appears once the work has taken this long
_enabled = True


def show_progress(on: bool = True) -> None:
    """Turn progress bars on (the default) or off for the rest of the session.

    Example:
        >>> show_progress(False); show_progress(True)
    """
    global _enabled
    if not isinstance(on, bool):
        raise TypeError(f"show_progress() takes True or False; got {on!r}.")
    _enabled = on


def _in_notebook() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


class Progress:
    """A bar (``ipywidgets.IntProgress``) that appears only in a notebook, and only once the work has taken a second.

    ``setting`` is None (automatic), True (show at once) or False (never).
    One bar serves several stages ("Reading texts", "Counting words"): each
    stage resets its length and label.
    """

    def __init__(self, setting=None):
        if setting not in (None, True, False):
            raise ValueError(f"progress must be None (automatic), True or False; got {setting!r}.")
        # Only from the kernel's main thread: a bar shown from another (an explorer making its tables in the
        # background) would land in whatever cell runs then; that explorer shows its own bar.
        in_main = threading.current_thread() is threading.main_thread()
        self.enabled = setting is not False and _enabled and _in_notebook() and in_main
        self.delay = 0.0 if setting is True else DELAY_SECONDS
        self.started = self.updated = time.monotonic()
        self.bar = self.handle = None
        self.label, self.total, self.done = "", 1, 0

    def stage(self, label: str, total: int) -> None:
        self.label, self.total, self.done = label, max(int(total), 1), 0
        self._show(force=True)

    def advance_to(self, done: int) -> None:
        self.done = min(int(done), self.total)
        self._show()

    def _show(self, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if self.bar is None:
            if now - self.started < self.delay:
                return
            import ipywidgets
            from IPython.display import display

            self.bar = ipywidgets.IntProgress(min=0, style={"description_width": "initial"})
            self.handle = display(self.bar, display_id=True)
        elif not force and now - self.updated < 0.2:
            return
        self.updated = now
        self.bar.max, self.bar.value, self.bar.description = self.total, self.done, self.label

    def finish(self, keep: bool = True) -> None:
        """Mark the bar done (``keep=True``) or take it away."""
        if self.bar is None:
            return
        if keep:
            self.bar.max, self.bar.value, self.bar.description = 1, 1, "Done"
            self.bar.bar_style = "success"
        else:  # replace the bar's output by nothing, then let the widget go
            if self.handle is not None:
                from IPython.display import HTML

                self.handle.update(HTML(""))
            self.bar.close()


def steps(items: Iterable, label: str, total: int | None = None) -> Iterator:
    """Yield ``items`` unchanged, with a progress bar labelled ``label`` if this takes more than a second.

    ``total`` is the number of items (taken from ``len(items)`` when it has one).
    The bar is taken away at the end, also when the work stops with an error.
    """
    if total is None:
        total = len(items) if hasattr(items, "__len__") else 0
    progress = Progress()
    if not progress.enabled:  # the usual case outside a notebook: no overhead at all
        yield from items
        return
    progress.stage(label, total)
    try:
        for number, item in enumerate(items, start=1):
            yield item
            if number % 64 == 0:
                progress.advance_to(number)
    finally:
        progress.finish(keep=False)
