"""This app's tenant routes for tests/test_isolation.py: name -> (method, kwargs from tenant).

The tenant `t` is tests.fixtures.Tenant (partnership, board, institute, school, users,
people, placement, dossier, …). Add every new route here.
"""

ROUTES = {}
