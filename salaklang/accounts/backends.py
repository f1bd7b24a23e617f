from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class UsernameOrEmailBackend(ModelBackend):
    """Sign in with the username or the e-mail address."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        User = get_user_model()
        try:
            user = User.objects.get_by_login(username)
        except (User.DoesNotExist, User.MultipleObjectsReturned):
            User().set_password(password)  # same work as a real check: no timing oracle
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


def axes_username(request, credentials) -> str:
    """Count failures per account whether the person typed the username or the e-mail."""
    login = (credentials or {}).get("username") or ""
    login = login.strip()
    if "@" in login:
        User = get_user_model()
        found = User.objects.filter(email__iexact=login).values_list("username", flat=True).first()
        if found:
            return found
        return login.lower()
    return login
