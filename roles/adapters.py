from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        # Accounts come from a partnership's invitation; open sign-up only where configured.
        return settings.SAMEN_OPEN_SIGNUP
