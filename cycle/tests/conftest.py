from notifications.tests.mail import finished_sweeps, smtp_server  # noqa: F401 (fixtures)
