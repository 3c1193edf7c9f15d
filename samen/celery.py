"""The Celery app. Tasks stay thin: they take ids, enter the tenant's scope and call a service."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samen.settings")

app = Celery("samen")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
