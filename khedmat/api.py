"""The desk's REST API: one ninja router per app, session or token authentication."""

from django.core.exceptions import ValidationError
from django.db import DataError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as SchemaError

from apps.accounts.api import router as accounts_router
from apps.accounts.auth import api_auth
from apps.accounts.permissions import Refused, public, remember_api_route
from apps.accounts.security import REFUSED_HEADER, refusal_record
from apps.calendars.api import router as calendars_router
from apps.catalog.api import router as catalog_router
from apps.complaints.api import router as complaints_router
from apps.core.api_errors import schema_errors_text
from apps.core.errors import ConflictError, ForbiddenError, InvalidError, NotFoundError, ServiceError
from apps.documents.api import router as documents_router
from apps.evaluation.api import router as evaluation_router
from apps.managers.api import router as managers_router
from apps.notifications.api import router as notifications_router
from apps.recruitment.api import router as recruitment_router
from apps.savedviews.api import router as savedviews_router
from apps.search.api import router as search_router
from apps.substitutes.api import router as substitutes_router
from apps.support.api import router as support_router
from apps.training.api import router as training_router
from apps.workflow.api import router as workflow_router

api = NinjaAPI(
    title="Khedmat API",
    version="1",
    description="میز خدمت الکترونیک — API for agencies' and national systems",
    auth=api_auth,
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
    # The API's description is public, as a government service's interface is.
    docs_decorator=public,
)
# Every operation's rule is checked once the caller is known, before its input is read.
api.add_decorator(remember_api_route, mode="view")


# The one place a service's kind of refusal becomes an HTTP status.
SERVICE_ERROR_STATUS = {InvalidError: 400, ForbiddenError: 403, NotFoundError: 404, ConflictError: 409}


@api.exception_handler(ServiceError)
def service_error(request, exc: ServiceError):
    status = next((SERVICE_ERROR_STATUS[k] for k in type(exc).__mro__ if k in SERVICE_ERROR_STATUS), 400)
    return api.create_response(request, {"detail": exc.message}, status=status)


@api.exception_handler(Refused)
def refused(request, exc: Refused):
    refusal_record(request, exc)
    response = api.create_response(request, {"detail": exc.message}, status=exc.status)
    response[REFUSED_HEADER] = str(exc.status)
    return response


@api.exception_handler(DataError)
def data_error(request, exc: DataError):
    # A value the route's schema let through but its column cannot hold (too long, too large): the
    # caller's mistake, answered as such instead of a server error.
    return api.create_response(
        request, {"detail": _("مقداری بیش از اندازهٔ مجاز فرستاده شده است؛ چیزی ذخیره نشد.")}, status=400
    )


@api.exception_handler(ValidationError)
def validation_error(request, exc: ValidationError):
    return api.create_response(request, {"detail": " ".join(exc.messages)}, status=400)


@api.exception_handler(SchemaError)
def schema_error(request, exc: SchemaError):
    # Where and why stay machine-readable beside the sentence a person reads.
    where = [{"loc": error.get("loc"), "type": error.get("type")} for error in exc.errors]
    return api.create_response(
        request, {"detail": schema_errors_text(exc.errors), "errors": where}, status=422
    )


# ninja's own refusals, in English for developers: a body that is not JSON, a missing CSRF token.
_NINJA_REFUSALS = {
    400: "بدنهٔ درخواست خوانده نشد؛ JSON درست بفرستید. چیزی ذخیره نشد.",
    403: "درخواست بدون نشانهٔ CSRF پذیرفته نیست؛ صفحه را دوباره باز کنید یا با توکن بفرستید.",
}


@api.exception_handler(HttpError)
def ninja_refusal(request, exc: HttpError):
    detail = _NINJA_REFUSALS.get(exc.status_code, exc.message)
    return api.create_response(request, {"detail": _(detail)}, status=exc.status_code)


@api.exception_handler(Http404)
def not_found(request, exc):
    # The same answer whether the thing does not exist or belongs to another agency.
    return api.create_response(request, {"detail": _("یافت نشد.")}, status=404)


@api.exception_handler(AuthenticationError)
def auth_error(request, exc):
    return api.create_response(request, {"detail": _("ابتدا وارد شوید.")}, status=401)


api.add_router("/", accounts_router)
api.add_router("/", workflow_router)
api.add_router("/", notifications_router)
api.add_router("/", documents_router)
api.add_router("/", support_router)
api.add_router("/", catalog_router)
api.add_router("/recruitment/", recruitment_router)
api.add_router("/training/", training_router)
api.add_router("/managers/", managers_router)
api.add_router("/evaluation/", evaluation_router)
api.add_router("/complaints/", complaints_router)
api.add_router("/substitutes/", substitutes_router)
api.add_router("/views/", savedviews_router)
api.add_router("/search/", search_router)
api.add_router("/calendar/", calendars_router)
