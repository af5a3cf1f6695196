"""The maintainers' scripts (build the notebooks and the site, register a self-check, check a fresh clone, make a
hub link). Each runs as ``python3 tools/NAME.py``; tests import them as ``tools.NAME``."""
