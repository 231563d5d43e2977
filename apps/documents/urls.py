"""Documents pages, mounted at the site root: /documents/, /cases/<code>/letter/ and the public /verify/."""

from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("documents/", views.document_list, name="list"),
    path("documents/<int:pk>/download/", views.document_download, name="download"),
    path("cases/<str:tracking_code>/letter/", views.letter_issue, name="letter_issue"),
    path("verify/", views.verify_form, name="verify_form"),
    path("verify/file/", views.verify_file, name="verify_file"),
    path("verify/<str:code>/", views.verify, name="verify"),
]
