"""allauth's sign-up and password reset forms, closed against account takeover by email.

An address proves nothing until its owner follows the verification link. allauth lets
an unverified address receive password resets and hold a place against sign-ups; here
it does neither:

- a reset goes only to an address its account verified (or to the one an administrator
  entered, which no visitor can set);
- a sign-up for an address that another account holds only unverified goes ahead: that
  claim is dropped (the new account must still be verified from the same inbox).
"""

from typing import Any

from allauth.account.forms import ResetPasswordForm as BaseResetPasswordForm
from allauth.account.forms import SignupForm as BaseSignupForm
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.http import HttpRequest

from .models import User


def release_unverified_claims(email: str) -> None:
    """Drop every claim on ``email`` that its owner never verified.

    An address added to an account and never confirmed is removed from it; an account
    signed up with it and never confirmed (so never signed in) is deleted: whoever
    made them could not read that inbox, and the visitor signing up now will have to.
    """
    if EmailAddress.objects.filter(email__iexact=email, verified=True).exists():
        return
    EmailAddress.objects.filter(email__iexact=email, verified=False, primary=False).delete()
    pending = User.objects.filter(
        emailaddress__email__iexact=email,
        emailaddress__primary=True,
        emailaddress__verified=False,
        last_login__isnull=True,
        is_staff=False,
        is_superuser=False,
    ).exclude(emailaddress__verified=True)
    pending.delete()


class SignupForm(BaseSignupForm):
    def validate_unique_email(self, value: str) -> str:
        release_unverified_claims(value)
        return super().validate_unique_email(value)

    def try_save(self, request: HttpRequest) -> tuple[Any, Any]:
        if self.account_already_exists:
            # The same work as a new account (hashing the password is most of it):
            # the answer's time does not tell a taken address from a free one.
            make_password(self.cleaned_data.get("password1"))
        return super().try_save(request)


class ResetPasswordForm(BaseResetPasswordForm):
    users: list[User]

    def clean_email(self) -> str:
        email: str = super().clean_email()
        self.users = [user for user in self.users if may_reset(user, email)]
        return email


def may_reset(user: User, email: str) -> bool:
    """Whether a reset link for ``user`` may go to ``email``: verified, or set by an administrator.

    An address an administrator typed (``createsuperuser``, the admin) has no allauth
    record; one a user typed has, and counts once verified.
    """
    addresses = EmailAddress.objects.filter(user=user, email__iexact=email)
    if addresses.exists():
        return addresses.filter(verified=True).exists()
    return user.email.lower() == email.lower()
