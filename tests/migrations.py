"""Migration tests: move the database to a migration of the past and read its models as they
were then (Django's MigrationExecutor, on the test database)."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(targets):
    """Migrates to `targets` — e.g. [("placements", "0007_…")] — and returns the historical
    apps of that moment: the targets' apps as they were, every other app as far as it had got
    without passing them. An app whose migrations need a later one of the targets' apps (an
    app that took models over from them) did not exist yet, so it is left out.
    """
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    graph = executor.loader.graph
    apps = {app for app, _name in targets}
    reached = {node for target in targets for node in graph.forwards_plan(target)}

    def before_targets(node):
        return all(n[0] not in apps or n in reached for n in graph.forwards_plan(node))

    others = [n for n in graph.leaf_nodes() if n[0] not in apps and before_targets(n)]
    return executor.loader.project_state(targets + others).apps
