"""The desk's URLs: each app mounts its own; the API lives under /api/."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from .api import api

handler500 = "apps.core.views.server_error"

admin.site.site_header = "مدیریت میز خدمت"
admin.site.site_title = "میز خدمت"

urlpatterns = [
    path("", include("apps.core.urls")),
    path("accounts/", include("apps.accounts.urls")),
    path("cartable/", include("apps.workflow.urls")),
    path("messages/", include("apps.notifications.urls")),
    path("", include("apps.documents.urls")),
    path("services/", include("apps.catalog.urls")),
    path("support/", include("apps.support.urls")),
    path("recruitment/", include("apps.recruitment.urls")),
    path("training/", include("apps.training.urls")),
    path("managers/", include("apps.managers.urls")),
    path("evaluation/", include("apps.evaluation.urls")),
    path("complaints/", include("apps.complaints.urls")),
    path("substitutes/", include("apps.substitutes.urls")),
    path("views/", include("apps.savedviews.urls")),
    path("search/", include("apps.search.urls")),
    path("calendar/", include("apps.calendars.urls")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
