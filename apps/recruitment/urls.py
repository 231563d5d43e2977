"""Routes of service A; each keeps to one path parameter (the isolation walk fills each one)."""

from django.urls import path

from . import views

app_name = "recruitment"
urlpatterns = [
    path("", views.round_list, name="round_list"),
    path("rounds/new/", views.round_create, name="round_create"),
    path("rounds/<int:pk>/", views.round_detail, name="round_detail"),
    path("rounds/<int:pk>/announce/", views.round_announce, name="round_announce"),
    path("rounds/<int:pk>/ledger/", views.ledger, name="ledger"),
    path("rounds/<int:pk>/quotas/new/", views.quota_add, name="quota_add"),
    path("rounds/<int:pk>/quotas/import/", views.quota_import, name="quota_import"),
    path("rounds/<int:pk>/venues/", views.venue_list, name="venue_list"),
    path("rounds/<int:pk>/venues/new/", views.venue_add, name="venue_add"),
    path("rounds/<int:pk>/reports/send/", views.reports_send, name="reports_send"),
    path("rounds/<int:pk>/results/import/", views.results_import, name="results_import"),
    path("rounds/<int:pk>/candidates/", views.candidate_list, name="candidate_list"),
    path("candidates/", views.candidate_list_latest, name="candidate_list_latest"),
    path("rounds/<int:pk>/panels/", views.panel_list, name="panel_list"),
    path("rounds/<int:pk>/panels/new/", views.panel_create, name="panel_create"),
    path("rounds/<int:pk>/hires/", views.hire_list, name="hire_list"),
    path("rounds/<int:pk>/hires/new/", views.hire_register, name="hire_register"),
    path("rounds/<int:pk>/dashboard/", views.round_dashboard, name="round_dashboard"),
    path("rounds/<int:pk>/close/", views.round_close, name="round_close"),
    path("quotas/<int:pk>/allocate/", views.quota_allocate, name="quota_allocate"),
    path("venues/<int:pk>/", views.venue_detail, name="venue_detail"),
    path("venues/<int:pk>/report/", views.venue_report, name="venue_report"),
    path("venues/<int:pk>/cards.pdf", views.venue_cards, name="venue_cards"),
    path("nominations/<int:pk>/card.pdf", views.nomination_card, name="nomination_card"),
    path("candidates/<int:pk>/interview/", views.interview_record, name="interview_record"),
    path("hires/<int:pk>/edit/", views.hire_edit, name="hire_edit"),
    path("hires/<int:pk>/documents/", views.hire_document_upload, name="hire_document_upload"),
    path("hires/<int:pk>/finalize/", views.hire_finalize, name="hire_finalize"),
    path("my-venues/", views.my_venues, name="my_venues"),
    path("my-card/", views.my_card, name="my_card"),
    path("supervisors/", views.supervisor_list, name="supervisor_list"),
    path("supervisors/new/", views.supervisor_new, name="supervisor_new"),
    path("help/", views.help_index, name="help_index"),
    path("help/<slug:slug>/", views.help_step, name="help_step"),
]
