"""Open311 GeoReport v2 at /open311/v2/ (built by the complaints capability).

Every method answers in the format its suffix names: ``services.json``, ``services.xml``,
``requests/PNA-7K3M-Q2XD.xml`` …
"""

from django.urls import re_path

from salaklang.complaints.open311 import views as open311

app_name = "open311"
FMT = r"\.(?P<fmt>json|xml)$"
urlpatterns = [
    re_path(r"^discovery" + FMT, open311.discovery, name="discovery"),
    re_path(r"^services" + FMT, open311.service_list, name="services"),
    re_path(r"^services/(?P<service_code>[^/]+?)" + FMT, open311.service_definition, name="service"),
    re_path(r"^requests" + FMT, open311.requests_endpoint, name="requests"),
    re_path(r"^requests/(?P<service_request_id>[^/]+?)" + FMT, open311.request_detail, name="request"),
    re_path(r"^(?P<path>.*)$", open311.not_found),
]
