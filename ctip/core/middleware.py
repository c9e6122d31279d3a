"""Request limits and clean-up that apply to every page and API call."""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from .textclean import has_control, strip_control

# Room for the form fields and multipart boundaries around an upload of the maximum size.
_OVERHEAD = 256 * 1024


def body_limit() -> int:
    return settings.CTIP_MAX_UPLOAD_BYTES + _OVERHEAD


class MaxBodySizeMiddleware:
    """Refuse (413) any request whose declared body is larger than the upload limit."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > body_limit():
            mb = settings.CTIP_MAX_UPLOAD_BYTES // (1024 * 1024) or 1
            return HttpResponse(
                _("The upload is too large (at most %(mb)s MB).") % {"mb": mb},
                status=413,
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


class LimitedUploadHandler(FileUploadHandler):
    """Stops reading an upload that grows past the limit (bodies sent without a length)."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received = start + len(raw_data)
        if self.received > settings.CTIP_MAX_UPLOAD_BYTES:
            raise RequestDataTooBig("upload larger than CTIP_MAX_UPLOAD_BYTES")
        return raw_data

    def file_complete(self, file_size):
        return None


class NoStoreMiddleware:
    """`Cache-Control: no-store` on every answer to a logged-in user or an API token: pages and
    API responses may hold personal data, and no browser or proxy cache should keep them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if getattr(user, "is_authenticated", False) or "HTTP_AUTHORIZATION" in request.META:
            patch_cache_control(response, no_store=True, private=True)
        return response


class ControlCharactersMiddleware:
    """Every text field of a submitted form loses its control characters before a view reads it,
    so no narrative, name or note stores one (ctip.core.textclean). Files are not touched."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.content_type in (
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        ):
            post = request.POST
            if any(has_control(v) for values in post.lists() for v in values[1]):
                cleaned = post.copy()
                for key, values in post.lists():
                    cleaned.setlist(key, [strip_control(v) for v in values])
                cleaned._mutable = False
                request.POST = cleaned
        return self.get_response(request)
