"""The background jobs' tenant routes (samen/job_urls.py) for tests/test_isolation.py.

A job is its owner's alone: the test world's job belongs to the coordinator, so every other
person — outsiders, members without the right, a reviewer with one grant — gets 404.
"""

ROUTES = {
    "jobs:list": ("get", lambda t: {}),
    "jobs:detail": ("get", lambda t: {"pk": t.job.pk}),
    "jobs:status": ("get", lambda t: {"pk": t.job.pk}),
    "jobs:download": ("get", lambda t: {"pk": t.job.pk}),
}

#: No rule of the permission table: the owner, with the rights the job was started with.
GUARDS = dict.fromkeys(ROUTES)
