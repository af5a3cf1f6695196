"""Charts: the chart of each analysis, one module per concept, in the course's one chart style (:mod:`helpers.plots`).

Every chart function takes the table it draws first (``plot_keyness(keyness(docs, "ips-2007"))``),
has a title, labelled axes and a hover label for every mark, and returns a :class:`~helpers.plots.Chart`:
the figure and the numbers drawn (``.figure``, ``.table``), shown in a notebook as the chart with its numbers
folded beneath it, the chart's text alternative. (``return_table=True``, which returned ``(figure, table)``,
works until the next release, with a warning.)

- :mod:`~helpers.charts.words`: frequencies, key words, dispersion of a concordance, collocates;
- :mod:`~helpers.charts.actors`: mentions, co-mentions, naming choices;
- :mod:`~helpers.charts.framing`: loaded-language rates, sentence sentiment;
- :mod:`~helpers.charts.quotes`: who is quoted;
- :mod:`~helpers.charts.dates`: the timeline and the publication gap.
"""
