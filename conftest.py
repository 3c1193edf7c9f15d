# The tests' clock (the world day, SAMEN_TEST_TODAY, `dated`) and the shared fixtures for every
# app's tests; docs/testing.md explains both.
pytest_plugins = ["tests.clock", "tests.fixtures"]
