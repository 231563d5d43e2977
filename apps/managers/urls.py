from django.urls import path

from . import views

app_name = "managers"
urlpatterns = [
    path("", views.home, name="home"),
    path("profiles/", views.profile_list, name="profile_list"),
    path("profiles/new/", views.profile_new, name="profile_new"),
    path("profiles/<int:pk>/", views.profile_detail, name="profile_detail"),
    path("profiles/<int:pk>/edit/", views.profile_edit, name="profile_edit"),
    path("profiles/<int:pk>/publish/", views.profile_publish, name="profile_publish"),
    path("profiles/<int:pk>/jobs/", views.job_add, name="job_add"),
    path("profiles/<int:pk>/form2.pdf", views.profile_form2, name="profile_form2"),
    path("pool/", views.pool_list, name="pool_list"),
    path("pool/<int:pk>/", views.pool_detail, name="pool_detail"),
    path("pool/<int:pk>/adopt/", views.pool_adopt, name="pool_adopt"),
    path("posts/", views.post_list, name="post_list"),
    path("posts/new/", views.post_new, name="post_new"),
    path("posts/<int:pk>/edit/", views.post_edit, name="post_edit"),
    path("rules/", views.rules_edit, name="rules"),
    path("nominations/new/", views.nomination_new, name="nomination_new"),
    path("nominations/<int:pk>/candidates/", views.candidate_add, name="candidate_add"),
    path("nominations/<int:pk>/session/", views.session_record, name="session_record"),
    path("nominations/<int:pk>/form1.pdf", views.nomination_form1, name="form1"),
    path("nominations/<int:pk>/form4.pdf", views.nomination_form4, name="form4"),
    path("candidates/<int:pk>/remove/", views.candidate_remove, name="candidate_remove"),
    path("candidates/<int:pk>/check/", views.candidate_check, name="candidate_check"),
    path("candidates/<int:pk>/score/", views.candidate_score, name="candidate_score"),
    path("candidates/<int:pk>/form3.pdf", views.candidate_form3, name="form3"),
    path("decrees/", views.decree_list, name="decree_list"),
    path("decrees/<int:pk>/", views.decree_detail, name="decree_detail"),
    path("decrees/<int:pk>/evaluations/", views.evaluation_add, name="evaluation_add"),
    path("decrees/<int:pk>/act/", views.decree_act, name="decree_act"),
    path("decrees/<int:pk>/change/", views.decree_change, name="decree_change"),
    path("hearings/", views.hearing_list, name="hearing_list"),
    path("hearings/<int:pk>/schedule/", views.hearing_schedule, name="hearing_schedule"),
    path("report/", views.report, name="report"),
]
