"""Who may see and retry notifications (samen.permissions reads these).

Notifications, whatever their kind or target, are the partnership's mail: only coordinators for
the whole partnership see which failed, retry them, and read the delivery log. A row about
any target has no school path (the engine knows no app), so a scoped coordinator reaches none.
What a person chooses for themselves (immediate mail or a weekly digest) needs no rule: each
person sets only their own (services.set_preference).
"""

from samen.permissions import Reach, Rule, coordinators, register

from .models import Delivery, Notification

register(
    Rule(
        "notification.view",
        Notification,
        coordinators(Reach.WIDE),
        "See the notifications that failed or wait for another attempt, and why",
    ),
    Rule(
        "notification.retry",
        Notification,
        coordinators(Reach.WIDE),
        "Have a failed notification tried again",
    ),
    Rule(
        "delivery.view",
        Delivery,
        coordinators(Reach.WIDE),
        "See which notification mails went to whom and when",
    ),
)
