"""Open311 GeoReport v2 at /open311/v2/ (built by the complaints capability)."""

app_name = "open311"
urlpatterns: list = []
