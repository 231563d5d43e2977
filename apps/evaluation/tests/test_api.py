"""Service D's API: the same services and permissions as the pages, refusals as {"detail": ...}."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.accounts.security import REFUSED_HEADER
from apps.core.digits import to_persian_digits
from apps.core.jalali import today
from apps.evaluation import services
from apps.evaluation.models import Cycle, EvidenceFile, Index, Nomination
from apps.evaluation.rules import DEFAULT_BANDS
from apps.workflow.services import perform

pytestmark = [
    pytest.mark.django_db,
    # A route answering with ninja's deprecated (status, body) tuple fails here rather than in a later upgrade.
    pytest.mark.filterwarnings("error:Returning tuple:DeprecationWarning"),
]


def test_indices_are_listed_and_added_by_staff_only(login, org_expert, agency_officer, cycle):
    client = login(org_expert)
    listed = client.get(f"/api/evaluation/cycles/{cycle.pk}/indices").json()
    assert [i["code"] for i in listed["items"]] == ["G-01", "G-02"]
    payload = {"code": "D-01", "title": "توسعه‌ای", "kind": "development", "max_score": "30"}
    response = client.post(
        f"/api/evaluation/cycles/{cycle.pk}/indices", payload, content_type="application/json"
    )
    assert response.status_code == 201 and Index.objects.filter(code="D-01").exists()
    refused = login(agency_officer).post(
        f"/api/evaluation/cycles/{cycle.pk}/indices",
        {**payload, "code": "D-02"},
        content_type="application/json",
    )
    # Refused by the permission table before the service is asked.
    assert refused.status_code == 403 and refused[REFUSED_HEADER] == "403"


def test_an_agency_self_assesses_and_sees_only_its_own_scores(
    login, agency_officer, evaluation, other_evaluation
):
    client = login(agency_officer)
    listed = client.get(f"/api/evaluation/cycles/{evaluation.cycle_id}/evaluations").json()["items"]
    assert [e["id"] for e in listed] == [evaluation.pk]
    score = evaluation.scores.get(index__code="G-02")
    response = client.post(
        f"/api/evaluation/scores/{score.pk}/self-assessment",
        {"actual": "20"},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["self_score"] == "20.00"
    assert client.get(f"/api/evaluation/evaluations/{other_evaluation.pk}/scores").status_code == 404


def test_an_agency_gets_the_evaluator_scores_only_once_the_initial_results_are_announced(
    login, scored_pair, org_expert, agency_officer
):
    evaluation, _ = scored_pair
    route = f"/api/evaluation/evaluations/{evaluation.pk}/scores"

    def g01(user):
        return next(s for s in login(user).get(route).json() if s["index_code"] == "G-01")

    before = g01(agency_officer)
    assert before["self_score"] == "60.00"
    assert (before["evaluator_score"], before["evaluator_comment"], before["rescore"]) == (None, "", None)
    assert g01(org_expert)["evaluator_score"] == "45.00"
    services.cycle_publish_initial(actor=org_expert, cycle=evaluation.cycle)
    after = g01(agency_officer)
    assert (after["evaluator_score"], after["evaluator_comment"]) == ("45.00", "نظر ارزیاب بر G-01")


def test_objections_go_through_the_window_and_are_answered(
    login, scored_pair, org_expert, evaluator, agency_officer
):
    evaluation, _ = scored_pair
    services.cycle_publish_initial(actor=org_expert, cycle=evaluation.cycle)
    score = evaluation.scores.get(index__code="G-01")
    filed = login(agency_officer).post(
        f"/api/evaluation/scores/{score.pk}/objections",
        {"reason": "مستندات سامانه دیده نشده است."},
        content_type="application/json",
    )
    assert filed.status_code == 201
    perform(evaluation.case, "to_rescoring", actor=org_expert)
    answered = login(evaluator).post(
        f"/api/evaluation/objections/{filed.json()['id']}/answer",
        {"value": "58", "answer": "پذیرفته شد."},
        content_type="application/json",
    )
    assert answered.status_code == 200 and answered.json()["answered_at"]
    listed = login(org_expert).get(f"/api/evaluation/cycles/{evaluation.cycle_id}/objections").json()["items"]
    assert listed[0]["answer"] == "پذیرفته شد."


def test_a_late_objection_is_refused_with_its_reason(login, scored_pair, org_expert, agency_officer):
    evaluation, _ = scored_pair
    services.cycle_publish_initial(actor=org_expert, cycle=evaluation.cycle)
    Cycle.objects.filter(pk=evaluation.cycle_id).update(objection_deadline=today() - dt.timedelta(days=1))
    response = login(agency_officer).post(
        f"/api/evaluation/scores/{evaluation.scores.first().pk}/objections",
        {"reason": "مستندات سامانه دیده نشده است."},
        content_type="application/json",
    )
    assert response.status_code == 400 and "مهلت" in response.json()["detail"]


def test_the_evaluator_cannot_score_before_the_organization_confirms(login, evaluator, evaluation):
    response = login(evaluator).post(
        f"/api/evaluation/scores/{evaluation.scores.first().pk}/evaluation",
        {"value": "10"},
        content_type="application/json",
    )
    assert response.status_code == 409 and "مرحله امتیازدهی" in response.json()["detail"]


def test_results_are_empty_until_the_council_approves(login, national_officer, cycle):
    client = login(national_officer)
    assert client.get(f"/api/evaluation/cycles/{cycle.pk}/results").json() == []
    assert client.get("/api/evaluation/cycles").json()["items"][0]["year"] == 1404


def _post(client, path, payload=None):
    return client.post(f"/api/evaluation/{path}", payload or {}, content_type="application/json")


def test_the_indices_are_published_by_the_organization_only(
    login, cycle, org_expert, national_officer, agency_officer
):
    refused = _post(login(agency_officer), f"cycles/{cycle.pk}/publish-indices")
    # Refused by the permission table before the service is asked.
    assert refused.status_code == 403 and refused[REFUSED_HEADER] == "403"
    assert _post(login(org_expert), f"cycles/{cycle.pk}/approve-cut").status_code == 403
    assert _post(login(national_officer), f"cycles/{cycle.pk}/approve-cut").json()["count"] == 0
    published = _post(login(org_expert), f"cycles/{cycle.pk}/publish-indices")
    assert published.status_code == 200 and published.json()["cycle"]["phase"] == "self_assessment"
    assert published.json()["count"] == cycle.evaluations.count() >= 2
    assert _post(login(org_expert), "cycles/999999/publish-indices").status_code == 404


def test_initial_and_final_results_and_publications_through_the_api(
    login, scored_pair, org_expert, head, national_officer, agency_officer
):
    evaluation, other = scored_pair
    cycle = evaluation.cycle
    assert _post(login(agency_officer), f"cycles/{cycle.pk}/publish-initial").status_code == 403
    initial = _post(login(org_expert), f"cycles/{cycle.pk}/publish-initial")
    assert initial.status_code == 200 and initial.json()["count"] == 2
    assert initial.json()["cycle"]["phase"] == "initial" and initial.json()["cycle"]["objection_deadline"]
    Cycle.objects.filter(pk=cycle.pk).update(objection_deadline=today() - dt.timedelta(days=1))
    for e in (evaluation, other):
        perform(e.case, "close_window", actor=org_expert)
    bands = {"bands": [{"label": "برتر", "min": 85}, {"label": "دیگر", "min": 0}]}
    assert _post(login(agency_officer), f"cycles/{cycle.pk}/bands", bands).status_code == 403
    assert [
        b["label"] for b in _post(login(org_expert), f"cycles/{cycle.pk}/bands", bands).json()["bands"]
    ] == [
        "برتر",
        "دیگر",
    ]
    refused = _post(login(org_expert), f"cycles/{cycle.pk}/approve-final")
    assert refused.status_code == 403 and refused[REFUSED_HEADER] == "403"
    final = _post(login(head), f"cycles/{cycle.pk}/approve-final")
    assert final.status_code == 200 and final.json()["count"] == 2
    assert final.json()["cycle"]["phase"] == "final"
    ranked = _post(login(national_officer), f"cycles/{cycle.pk}/national-rank", {"rank": 3, "provinces": 31})
    assert ranked.json()["national_rank"] == 3
    assert _post(login(agency_officer), f"cycles/{cycle.pk}/book").status_code == 403
    book = _post(login(org_expert), f"cycles/{cycle.pk}/book")
    assert book.status_code == 201 and book.json()["verification_code"]
    assert login(org_expert).get(book.json()["download_url"]).status_code == 200
    no_team = _post(login(org_expert), f"cycles/{cycle.pk}/festival-report")
    assert no_team.status_code == 409 and "برگزیده" in no_team.json()["detail"]
    nomination = services.nomination_file(
        actor=agency_officer, cycle=cycle, team_name="تیم برتر", achievement="دستاورد", members="الف"
    )
    services.nomination_decide(
        actor=org_expert, nomination=nomination, action="select", expected_state=Nomination.Status.NOMINATED
    )
    assert _post(login(agency_officer), f"cycles/{cycle.pk}/festival-report").status_code == 403
    report = _post(login(org_expert), f"cycles/{cycle.pk}/festival-report")
    assert (
        report.status_code == 201 and Cycle.objects.get(pk=cycle.pk).festival_report_id == report.json()["id"]
    )


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


def test_an_agency_uploads_evidence_to_its_own_self_assessment_only(
    login, evaluation, other_officer, org_expert, agency_officer
):
    first, second = evaluation.scores.order_by("index__code")
    path = f"/api/evaluation/scores/{first.pk}/evidence"

    def upload(user, target=path, content=PDF):
        return login(user).post(
            target, {"title": "گزارش عملکرد", "file": SimpleUploadedFile("r.pdf", content, "application/pdf")}
        )

    assert upload(other_officer).status_code == 404
    wrong_role = upload(org_expert)
    assert wrong_role.status_code == 403 and wrong_role[REFUSED_HEADER] == "403"
    bad = upload(agency_officer, content=b"MZ not a pdf")
    assert bad.status_code == 400 and "نوع فایل" in bad.json()["detail"]
    assert not EvidenceFile.objects.exists()
    stored = upload(agency_officer)
    assert stored.status_code == 201 and stored.json()["version"] == 1 and len(stored.json()["sha256"]) == 64
    reused = login(agency_officer).post(
        f"/api/evaluation/scores/{second.pk}/evidence", {"reuse": stored.json()["id"]}
    )
    assert reused.status_code == 201 and reused.json()["id"] == stored.json()["id"]
    assert second.evidence.get().pk == stored.json()["id"]
    assert (
        login(other_officer)
        .post(f"/api/evaluation/scores/{second.pk}/evidence", {"reuse": stored.json()["id"]})
        .status_code
        == 404
    )


def test_the_calendar_is_read_by_anyone_and_changed_by_staff_only(login, cycle, org_expert, agency_officer):
    path = f"/api/evaluation/cycles/{cycle.pk}/calendar"
    calendar = login(agency_officer).get(path).json()
    assert len(calendar["phases"]) == 5 and calendar["phases"][0]["starts_on_jalali"][:1] == "۱"
    ahead = calendar["phases"][2]
    payload = {"phases": [{"id": ahead["id"], "starts_on": ahead["starts_on"], "ends_on": "2999-01-01"}]}
    refused = _post(login(agency_officer), f"cycles/{cycle.pk}/calendar", payload)
    # Refused by the permission table before the service is asked.
    assert refused.status_code == 403 and refused[REFUSED_HEADER] == "403"
    out_of_order = _post(login(org_expert), f"cycles/{cycle.pk}/calendar", payload)
    assert out_of_order.status_code == 400 and "به ترتیب" in out_of_order.json()["detail"]
    ended = calendar["phases"][0]
    history = _post(
        login(org_expert),
        f"cycles/{cycle.pk}/calendar",
        {"phases": [{**ended, "ends_on": calendar["phases"][1]["starts_on"]}]},
    )
    assert history.status_code == 409 and "به پایان رسیده" in history.json()["detail"]
    later = (today() + dt.timedelta(days=30)).isoformat()
    moved = _post(login(org_expert), f"cycles/{cycle.pk}/calendar", {"self_assessment_deadline": later})
    assert moved.status_code == 200 and moved.json()["self_assessment_deadline"] == later
    assert Cycle.objects.get(pk=cycle.pk).self_assessment_deadline.isoformat() == later


def test_members_are_listed_to_all_and_changed_or_removed_by_staff_only(
    login, cycle, member, org_expert, agency_officer
):
    from apps.audit.models import AuditEntry
    from apps.evaluation.models import BodyMember

    listed = login(agency_officer).get(f"/api/evaluation/cycles/{cycle.pk}/members").json()["items"]
    assert [(m["full_name"], m["body"], m["letter_id"]) for m in listed] == [("مریم احمدی", "steering", None)]
    change = {"full_name": "مریم احمدی", "position": "معاون برنامه‌ریزی", "role_in_body": "دبیر"}
    refused = _post(login(agency_officer), f"members/{member.pk}", change)
    # Refused by the permission table before the service is asked.
    assert refused.status_code == 403 and refused[REFUSED_HEADER] == "403"
    assert _post(login(agency_officer), f"members/{member.pk}/remove").status_code == 403
    changed = _post(login(org_expert), f"members/{member.pk}", change)
    assert changed.status_code == 200 and changed.json()["role_in_body"] == "دبیر"
    assert BodyMember.objects.get(pk=member.pk).position == "معاون برنامه‌ریزی"
    blank = _post(login(org_expert), f"members/{member.pk}", {**change, "full_name": " "})
    assert blank.status_code == 400 and "نام" in blank.json()["detail"]
    removed = _post(login(org_expert), f"members/{member.pk}/remove")
    assert removed.status_code == 204 and not BodyMember.objects.filter(pk=member.pk).exists()
    assert AuditEntry.objects.filter(action="evaluation.body.member_removed").count() == 1
    assert _post(login(org_expert), f"members/{member.pk}/remove").status_code == 404


def test_circular_attachments_are_uploaded_by_staff_checked_listed_and_downloaded(
    login, cycle, org_expert, agency_officer, settings
):
    from apps.audit.models import AuditEntry
    from apps.evaluation.models import CircularAttachment

    path = f"/api/evaluation/cycles/{cycle.pk}/circular-attachments"

    def upload(user, content=PDF, name="bakhshname.pdf", title="متن بخشنامه"):
        return login(user).post(
            path, {"title": title, "file": SimpleUploadedFile(name, content, "application/pdf")}
        )

    refused = upload(agency_officer)
    # Refused by the permission table before the service is asked.
    assert refused.status_code == 403 and refused[REFUSED_HEADER] == "403"
    # Checked by content, not by name, with the app's one upload check.
    wrong = upload(org_expert, content=b"MZ\x90\x00 an executable", name="guide.pdf")
    assert wrong.status_code == 400 and "نوع فایل" in wrong.json()["detail"]
    settings.KHEDMAT_MAX_UPLOAD_BYTES = len(PDF) - 1
    too_big = upload(org_expert)
    assert too_big.status_code == 400 and "حجم فایل" in too_big.json()["detail"]
    assert not CircularAttachment.objects.exists()
    assert not AuditEntry.objects.filter(action="evaluation.circular.attached").exists()
    settings.KHEDMAT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024
    stored = upload(org_expert)
    assert stored.status_code == 201 and len(stored.json()["sha256"]) == 64
    assert AuditEntry.objects.filter(action="evaluation.circular.attached", actor=org_expert).count() == 1
    # Province-wide like the cycle itself: an agency reads and downloads it.
    listed = login(agency_officer).get(path).json()
    assert listed["count"] == 1 and listed["items"][0]["title"] == "متن بخشنامه"
    download = login(agency_officer).get(listed["items"][0]["download_url"])
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert "attachment" in download["Content-Disposition"]
    assert (
        login(agency_officer).get("/api/evaluation/circular-attachments/999999/download").status_code == 404
    )
    assert login(org_expert).get("/api/evaluation/cycles/999999/circular-attachments").status_code == 404


INDEX = {"code": "D-01", "title": "توسعه‌ای", "kind": "development", "max_score": "30"}


@pytest.mark.parametrize(
    ("change", "label"),
    [
        ({"kind": "national"}, "«نوع»:"),
        ({"direction": "sideways"}, "«جهت مطلوب»:"),
        ({"code": "  "}, "«کد»:"),
        ({"title": ""}, "«عنوان»:"),
        ({"max_score": "30.125"}, "«حداکثر امتیاز»:"),
        ({"weight": "1.005"}, "«وزن»:"),
        ({"standard": "12.345"}, "«استاندارد (هدف)»:"),
    ],
)
def test_an_index_the_page_would_refuse_is_refused_in_persian_and_adds_nothing(
    login, org_expert, cycle, change, label
):
    refused = _post(login(org_expert), f"cycles/{cycle.pk}/indices", {**INDEX, **change})
    assert refused.status_code == 400 and refused.json()["detail"].startswith(label)
    assert not Index.objects.filter(cycle=cycle).exclude(code__in=["G-01", "G-02"]).exists()


def test_an_index_for_agencies_that_do_not_exist_is_refused_not_made_every_agencys(
    login, org_expert, cycle, agency, province
):
    # The province's Organization is not an agency either.
    ids = [agency.pk, province.pk, 999999]
    refused = _post(login(org_expert), f"cycles/{cycle.pk}/indices", {**INDEX, "agency_ids": ids})
    assert refused.status_code == 400
    assert refused.json()["detail"] == (
        f"دستگاه اجرایی با شناسه {to_persian_digits(province.pk)}، ۹۹۹۹۹۹ یافت نشد؛ شاخص ثبت نشد."
    )
    assert not Index.objects.filter(code="D-01").exists()
    added = _post(login(org_expert), f"cycles/{cycle.pk}/indices", {**INDEX, "agency_ids": [agency.pk]})
    assert added.status_code == 201
    assert list(Index.objects.get(code="D-01").agencies.all()) == [agency]


def test_a_score_with_more_decimals_than_kept_is_refused_not_rounded(login, agency_officer, evaluation):
    client = login(agency_officer)
    claimed = evaluation.scores.get(index__code="G-01")
    refused = _post(client, f"scores/{claimed.pk}/self-assessment", {"claimed": "45.555"})
    assert refused.status_code == 400 and refused.json()["detail"].startswith("«امتیاز خودارزیابی»:")
    measured = evaluation.scores.get(index__code="G-02")
    refused = _post(client, f"scores/{measured.pk}/self-assessment", {"actual": "20.125"})
    assert refused.status_code == 400 and refused.json()["detail"].startswith("«عملکرد واقعی»:")
    for score in (claimed, measured):
        score.refresh_from_db()
        assert (score.actual, score.self_score) == (None, None) and not score.history.exists()


def test_an_evaluator_score_with_more_decimals_than_kept_is_refused_not_rounded(
    login, agency_officer, evaluator, org_expert, evaluation, walk
):
    walk(evaluation, agency_officer, claims={"G-01": 60, "G-02": 40}, given={}, stop="self_assessment")
    perform(perform(evaluation.case, "submit", actor=agency_officer), "confirm", actor=org_expert)
    score = evaluation.scores.get(index__code="G-01")
    refused = _post(login(evaluator), f"scores/{score.pk}/evaluation", {"value": "45.555"})
    assert refused.status_code == 400 and refused.json()["detail"].startswith("«امتیاز ارزیاب»:")
    score.refresh_from_db()
    assert score.evaluator_score is None and not score.history.filter(stage="evaluator").exists()


def test_objection_texts_longer_than_the_page_allows_and_a_rescore_with_too_many_decimals_are_refused(
    login, scored_pair, org_expert, evaluator, agency_officer
):
    evaluation, _ = scored_pair
    services.cycle_publish_initial(actor=org_expert, cycle=evaluation.cycle)
    score = evaluation.scores.get(index__code="G-01")
    long = _post(
        login(agency_officer), f"scores/{score.pk}/objections", {"reason": "مستندات دیده نشد. " * 300}
    )
    assert long.status_code == 400 and long.json()["detail"] == "دلیل اعتراض حداکثر ۴۰۰۰ نویسه است؛ ثبت نشد."
    assert not score.objections.exists()
    filed = _post(
        login(agency_officer), f"scores/{score.pk}/objections", {"reason": "مستندات دیده نشده است."}
    )
    perform(evaluation.case, "to_rescoring", actor=org_expert)
    path = f"objections/{filed.json()['id']}/answer"
    long = _post(login(evaluator), path, {"value": "58", "answer": "پذیرفته شد. " * 400})
    assert long.status_code == 400 and long.json()["detail"] == "پاسخ اعتراض حداکثر ۴۰۰۰ نویسه است؛ ثبت نشد."
    rounded = _post(login(evaluator), path, {"value": "57.995", "answer": "پذیرفته شد."})
    assert rounded.status_code == 400 and rounded.json()["detail"].startswith("«امتیاز بازبینی»:")
    score.refresh_from_db()
    assert score.rescore is None and score.objections.get().answered_at is None


def test_a_band_minimum_that_is_not_a_number_is_refused_in_persian_not_a_server_error(
    login, org_expert, cycle
):
    bands = {"bands": [{"label": "برتر", "min": float("nan")}, {"label": "دیگر", "min": 0}]}
    refused = _post(login(org_expert), f"cycles/{cycle.pk}/bands", bands)
    assert refused.status_code == 400 and refused.json()["detail"] == "کمینه هر بازه باید عدد باشد."
    cycle.refresh_from_db()
    assert [b["label"] for b in cycle.bands] == [b["label"] for b in DEFAULT_BANDS]


def test_an_index_code_in_persian_digits_is_the_same_code_as_in_latin_ones(login, org_expert, cycle):
    refused = _post(login(org_expert), f"cycles/{cycle.pk}/indices", {**INDEX, "code": "G-۰۱"})
    assert refused.status_code == 400 and refused.json()["detail"] == "شاخصی با این کد در این دوره هست."
    assert cycle.indices.count() == 2


def test_calendar_dates_past_the_jalali_calendar_are_refused_not_a_broken_calendar(login, cycle, org_expert):
    path = f"cycles/{cycle.pk}/calendar"
    last = _calendar_phases(login(org_expert), cycle)[-1]
    refused = _post(login(org_expert), path, {"phases": [{**last, "ends_on": "9999-12-31"}]})
    assert (
        refused.status_code == 400
        and refused.json()["detail"] == f"تاریخ‌های مرحله «{last['title']}» درست نیست."
    )
    refused = _post(login(org_expert), path, {"self_assessment_deadline": "9999-12-31"})
    assert refused.status_code == 400 and refused.json()["detail"] == "مهلت خودارزیابی درست نیست."
    assert _calendar_phases(login(org_expert), cycle)[-1] == last
    assert Cycle.objects.get(pk=cycle.pk).self_assessment_deadline == cycle.self_assessment_deadline


def _calendar_phases(client, cycle):
    phases = client.get(f"/api/evaluation/cycles/{cycle.pk}/calendar").json()["phases"]
    return [{k: p[k] for k in ("id", "title", "starts_on", "ends_on")} for p in phases]


def test_an_evidence_title_longer_than_the_page_allows_is_refused_instead_of_cut(
    login, evaluation, agency_officer
):
    score = evaluation.scores.first()
    refused = login(agency_officer).post(
        f"/api/evaluation/scores/{score.pk}/evidence",
        {"title": "گزارش " * 50, "file": SimpleUploadedFile("r.pdf", PDF, "application/pdf")},
    )
    assert refused.status_code == 400 and refused.json()["detail"].startswith("«عنوان»:")
    assert not EvidenceFile.objects.exists() and not score.evidence.exists()
