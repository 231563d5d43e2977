from django.urls import path

from . import views

app_name = "evaluation"
urlpatterns = [
    path("", views.cycle_list, name="cycle_list"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("vault/", views.vault, name="vault"),
    path("public/<int:year>/", views.public_results, name="public_results"),
    path("cycles/<int:pk>/", views.cycle_detail, name="cycle_detail"),
    path("cycles/<int:pk>/act/", views.cycle_act, name="cycle_act"),
    path("cycles/<int:pk>/calendar/", views.cycle_calendar, name="cycle_calendar"),
    path("cycles/<int:pk>/bands/", views.cycle_bands, name="cycle_bands"),
    path("cycles/<int:pk>/rank/", views.cycle_rank, name="cycle_rank"),
    path("cycles/<int:pk>/indices/", views.index_list, name="index_list"),
    path("cycles/<int:pk>/evaluations/", views.evaluation_list, name="evaluation_list"),
    path("cycles/<int:pk>/objections/", views.objection_list, name="objection_list"),
    path("cycles/<int:pk>/results/", views.results, name="results"),
    path("cycles/<int:pk>/circular/", views.circular_attach, name="circular_attach"),
    path("circulars/<int:pk>/", views.circular_download, name="circular_download"),
    path("cycles/<int:pk>/members/", views.member_add, name="member_add"),
    path("cycles/<int:pk>/sessions/", views.session_add, name="session_add"),
    path("cycles/<int:pk>/festival/", views.festival, name="festival"),
    path("evaluations/<int:pk>/", views.evaluation_detail, name="evaluation_detail"),
    path("evaluations/<int:pk>/evaluators/", views.evaluation_evaluators, name="evaluation_evaluators"),
    path("evaluations/<int:pk>/reopen/", views.evaluation_reopen, name="evaluation_reopen"),
    path("scores/<int:pk>/self/", views.score_self, name="score_self"),
    path("scores/<int:pk>/evidence/", views.score_evidence, name="score_evidence"),
    path("scores/<int:pk>/evaluate/", views.score_evaluate, name="score_evaluate"),
    path("scores/<int:pk>/object/", views.score_object, name="score_object"),
    path("objections/<int:pk>/answer/", views.objection_answer, name="objection_answer"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence_download"),
    path("members/<int:pk>/edit/", views.member_edit, name="member_edit"),
    path("members/<int:pk>/remove/", views.member_remove, name="member_remove"),
    path("members/<int:pk>/letter/", views.member_letter, name="member_letter"),
    path("sessions/<int:pk>/", views.session_detail, name="session_detail"),
    path("nominations/<int:pk>/decide/", views.nomination_decide, name="nomination_decide"),
]
