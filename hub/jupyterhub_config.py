"""The course's settings for a plain JupyterHub (``jupyterhub_config.py``), tested with JupyterHub 6.1.

Copy the lines below into your jupyterhub_config.py, or load this file from it:

    load_subconfig("/path/to/the/course/hub/jupyterhub_config.py")

They assume that each learner's server runs ``jupyterhub-singleuser`` from the
learners' environment (environment.yml plus hub/requirements.txt), starts in
the learner's home folder, and that learners get the course with a link from
``tools/hub_link.py``, which clones it into ``~/media-framing-course``.
tests/test_hub.py runs a hub that loads this very file.
"""

import os

c = get_config()  # noqa: F821 - JupyterHub defines get_config() when it reads this file

# The folder of each learner's home that the course's links clone into (tools/hub_link.py, COURSE_FOLDER).
COURSE_FOLDER = "media-framing-course"


def learners_course(spawner):
    """The learner's own clone of the course: <the home folder of the learner's server>/media-framing-course."""
    return os.path.join(spawner.user_env({})["HOME"], COURSE_FOLDER)


# `import helpers` finds the learner's own clone, from every folder of the course, with nothing installed: the
# corpus, the self-checks and download_my_work() then use the learner's files. This works with JupyterHub's
# LocalProcessSpawner and the spawners built on it, where each learner has a home folder of
# their own. A spawner that starts containers gives every learner the same home path: there, write the path
# itself, e.g. {"PYTHONPATH": "/home/jovyan/media-framing-course"}.
c.Spawner.environment.update({"PYTHONPATH": learners_course})

# A click on a course link when the learner's server is not running starts it at once, instead of showing a
# page with a "Launch Server" button first.
c.JupyterHub.implicit_spawn_seconds = 0.5
