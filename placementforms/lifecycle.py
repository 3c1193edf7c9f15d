"""The forms' part in a placement's lifecycle (placements.lifecycle): a placement that is
bevestigd or lopend has its forms opened, it is complete once its eindbeoordeling is fully
signed, and a verlenging moves the due dates of the forms still open."""

from placements import lifecycle

from . import services

lifecycle.register(
    "placementforms",
    lifecycle.Hooks(
        started=services.open_forms,
        is_complete=services.eind_is_locked,
        dates_changed=services.dates_changed,
    ),
)
