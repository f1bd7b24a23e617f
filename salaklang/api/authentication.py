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
        from django.conf import settings

        from salaklang.api.models import ApiKey
        from salaklang.core.ratelimit import get_usage, is_ratelimited

        # Wrong keys are counted per address (sliding window): key guessing is cut off before the lookup.
        rate = settings.API_BAD_KEY_RATE
        request_ = getattr(request, "_request", request)
        used = get_usage(request_, group="api.bad_key", key="ip", rate=rate)
        if used and used["count"] >= used["limit"]:  # this failure would be one too many
            raise exceptions.Throttled()
        key = ApiKey.lookup(raw)
        if key is None:
            is_ratelimited(request_, group="api.bad_key", key="ip", rate=rate, increment=True)
            raise exceptions.AuthenticationFailed("Invalid API key.")
        return (key.user, key)

    def authenticate_header(self, request):
        return self.keyword


try:  # the OpenAPI document names the scheme (drf-spectacular finds this extension by its target class)
    from drf_spectacular.extensions import OpenApiAuthenticationExtension

    class ApiKeyScheme(OpenApiAuthenticationExtension):
        target_class = "salaklang.api.authentication.ApiKeyAuthentication"
        name = "ApiKey"

        def get_security_definition(self, auto_schema):
            return {"type": "apiKey", "in": "header", "name": "Authorization",
                    "description": "`Authorization: Api-Key <key>` (issued with `manage.py api_key issue`)."}
except ImportError:  # pragma: no cover
    pass
