from notifications.tests.mail import smtp_server  # noqa: F401 (fixture)
