"""The two pinned environments as the tests read them: the learners' pins (environment.yml), the developers'
(requirements-dev.txt) and the researchers' optional Dask extra (requirements-dask.txt), each as ``{name: version}``
with names in their canonical form, and what their packages need that the pins do not give."""

from __future__ import annotations

import importlib.metadata
import re
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement

from course import developer_packages, pinned_packages

ROOT = Path(__file__).resolve().parent.parent.parent


def canonical(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def as_dict(pins):
    return {canonical(p.split("==")[0]): p.split("==")[1] for p in pins}


LEARNER = as_dict(pinned_packages())
DEVELOPER = as_dict(developer_packages())  # with the Dask extra, which requirements-dev.txt includes
DASK = as_dict(developer_packages(ROOT / "requirements-dask.txt"))  # the researchers' optional extra


def unpinned_requirements(pins: dict[str, str]) -> list[str]:
    """Requirements of the pinned packages that the pins do not meet (missing, or a version outside the range)."""
    environment = default_environment() | {"extra": ""}
    problems = []
    for name in pins:
        for text in importlib.metadata.requires(name) or []:
            requirement = Requirement(text)
            if requirement.marker and not requirement.marker.evaluate(environment):
                continue
            needed = canonical(requirement.name)
            if needed not in pins:
                problems.append(f"{name} needs {requirement}, which is not pinned")
            elif pins[needed] not in requirement.specifier and requirement.specifier:
                problems.append(f"{name} needs {requirement}; pinned {pins[needed]}")
    return problems
