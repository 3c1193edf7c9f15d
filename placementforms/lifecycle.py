"""The forms' part in a placement's lifecycle (placements.lifecycle): a placement that is
bevestigd or lopend has its forms opened, it is complete once its eindbeoordeling is fully
signed, a verlenging moves the due dates of the forms still open (and says so first), and
an overstap closes the old placement's forms that can no longer be completed."""

from placements import lifecycle

from . import services

lifecycle.register(
    "placementforms",
    lifecycle.Hooks(
        started=services.open_forms,
        is_complete=services.eind_is_locked,
        dates_changed=services.dates_changed,
        due_changes=services.due_changes,
        moved=services.close_after_move,
        closing_on_move=services.closing_on_move,
    ),
)
