"""Explorers: interactive views of each analysis for a notebook, all with one layout (:mod:`helpers.explorers.base`).

An explorer computes its tables once, when it is made, from the concept modules (the same
functions a notebook calls), and each change of a control only selects and draws from them.
Each takes ``docs`` first and, by keyword, the tables it can reuse (``sents=``, ``toks=``,
``mentions=``, ``hits=``, ``quotes=``), as the analyses do.

- :mod:`~helpers.explorers.corpus`: read the articles, raw and clean;
- :mod:`~helpers.explorers.words`: word frequencies, key words, concordances, collocates;
- :mod:`~helpers.explorers.actors`: who is mentioned, how they are named, with whom;
- :mod:`~helpers.explorers.framing`: loaded language and sentence sentiment;
- :mod:`~helpers.explorers.quotes`: who is quoted;
- :mod:`~helpers.explorers.dates`: the timeline.
"""
