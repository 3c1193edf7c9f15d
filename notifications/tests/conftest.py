from notifications.tests.mail import finished_sweeps, smtp_server  # noqa: F401 (fixtures)
from notifications.tests.support import kind  # noqa: F401 (fixture)
