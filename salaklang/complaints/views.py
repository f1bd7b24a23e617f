from django.http import Http404, HttpResponse


def _todo(request, *args, **kwargs):
    raise Http404


complaint_new = track_lookup = track = inbox = detail = _todo
__all__ = ["HttpResponse"]
