"""API keys for machine clients (Open311 apps, other government systems).

Header: ``Authorization: Api-Key <key>``. Keys are stored hashed; see ``salaklang.api.models.ApiKey``.
"""

from rest_framework import authentication, exceptions


class ApiKeyAuthentication(authentication.BaseAuthentication):
    keyword = "Api-Key"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1")
        if not header.startswith(self.keyword + " "):
            return None
        raw = header[len(self.keyword) + 1 :].strip()
        from salaklang.api.models import ApiKey

        key = ApiKey.lookup(raw)
        if key is None:
            raise exceptions.AuthenticationFailed("Invalid API key.")
        return (key.user, key)

    def authenticate_header(self, request):
        return self.keyword
