"""Add or change an exercise self-check: python tools/add_check.py TASK KIND VALUE --hint "..."

The value is stored only as a salted hash in helpers/data/checks/<lesson>.csv. See helpers/self_checks.py.
"""

import sys

from helpers.self_checks import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
