"""Refuses a request that carries a NUL character in its address or form fields.

No text field can store NUL (PostgreSQL refuses it outright), so such input can only ever end in a
server error deep in a query; it is answered here, once for every page and API route, with a clear 400.
"""

from django.http import HttpResponseBadRequest, JsonResponse

MESSAGE = "درخواست نویسهٔ نامعتبر (NUL) دارد و پذیرفته نشد."


class RefuseNullCharactersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._carries_nul(request):
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": MESSAGE}, status=400)
            return HttpResponseBadRequest(MESSAGE, content_type="text/plain; charset=utf-8")
        return self.get_response(request)

    @staticmethod
    def _carries_nul(request) -> bool:
        if "\x00" in request.path or _has_nul(request.GET):
            return True
        content_type = request.content_type or ""
        if content_type == "application/json":
            # JSON spells NUL as an escape; the parsed text would carry it into the database.
            return b"\\u0000" in request.body or b"\x00" in request.body
        if request.method == "POST" and content_type == "application/x-www-form-urlencoded":
            # Parsing this form reads the body, which stays readable for an API view after it. A multipart
            # body is left alone: reading it here would consume the stream the view reads (Django's form
            # fields refuse NUL themselves).
            return _has_nul(request.POST)
        return False


def _has_nul(query_dict) -> bool:
    return any("\x00" in key or any("\x00" in v for v in values) for key, values in query_dict.lists())
