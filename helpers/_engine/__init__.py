"""The engine: the machinery that makes the analyses fast on a large corpus, kept out of the concept modules.

Nothing here decides what a sentence, a word, a collocate or a key word is: those rules and
formulas are in the concept modules (:mod:`helpers.text`, :mod:`helpers.words`, ...), which call
the engine to do the counting and searching. The engine's results are exactly those of the plain
reading of the rules; the tests compare the two (``tests/test_engine.py``).

- :mod:`~helpers._engine.tables`: tables of millions of rows built in growing buffers, and the rows
  of each article found without comparing every row;
- :mod:`~helpers._engine.counting`: tokens as integer arrays, counted a block of articles at a time;
  the word index of the collocates explorer;
- :mod:`~helpers._engine.search`: the context of concordance matches, and one search over all the
  texts of a large corpus at once.
"""
