"""What base.html's header shows of the user's partnerships: the switcher, for someone with a
role in more than one."""

from django.utils.functional import SimpleLazyObject

from .access import partnerships_with_role


def partnerships(request):
    """`my_partnerships`: on a partnership's page, the partnerships the user has a role in
    (read only when the header renders the switcher: one query)."""
    if getattr(request, "partnership", None) is None or not request.user.is_authenticated:
        return {"my_partnerships": ()}
    return {
        "my_partnerships": SimpleLazyObject(
            lambda: list(partnerships_with_role(request.user).only("slug", "name"))
        )
    }
