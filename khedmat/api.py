"""The desk's REST API: one ninja router per app, session or token authentication."""

from django.core.exceptions import ValidationError
from django.db import DataError
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError

from apps.accounts.api import router as accounts_router
from apps.accounts.auth import api_auth
from apps.catalog.api import router as catalog_router
from apps.complaints.api import router as complaints_router
from apps.core.errors import ServiceError
from apps.documents.api import router as documents_router
from apps.evaluation.api import router as evaluation_router
from apps.managers.api import router as managers_router
from apps.notifications.api import router as notifications_router
from apps.recruitment.api import router as recruitment_router
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
)


@api.exception_handler(ServiceError)
def service_error(request, exc: ServiceError):
    return api.create_response(request, {"detail": exc.message}, status=exc.status)


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
