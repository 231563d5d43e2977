"""Service D's pages: what each user sees, what they are refused, and a constant number of queries per list."""

import datetime as dt
import re
from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.accounts.roles import Role
from apps.accounts.tests.factories import OrganizationFactory, UserFactory
from apps.audit.models import AuditEntry
from apps.core.jalali import today
from apps.core.tests.xlsx import read_rows
from apps.evaluation import services
from apps.evaluation.models import Cycle, Evaluation, Objection
from apps.workflow.services import perform

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"evaluation:{name}", args=args)


def test_staff_define_a_cycle_with_persian_digits(login, org_expert):
    client = login(org_expert)
    response = client.post(
        url("cycle_list"),
        {
            "year": "1404",
            "title": "ارزیابی ۱۴۰۴",
            "circular_number": "۹۴۰۱۲۱",
            "circular_date": "۱۴۰۵/۰۳/۱۳",
            "self_assessment_deadline": "1405/04/20",
        },
    )
    cycle = Cycle.objects.get()
    assert response.status_code == 302 and cycle.circular_number == "940121"
    assert cycle.calendar.count() == 5
    page = client.get(url("cycle_detail", cycle.pk)).content.decode()
    assert "۱۴۰۵/۰۳/۱۳" in page and 'dir="rtl"' in page


def test_the_year_is_typed_in_persian_digits_in_a_box_that_takes_them(login, org_expert):
    client = login(org_expert)
    form = client.get(url("cycle_list")).content.decode()
    # A browser's number box refuses Persian digits before the form ever sees them.
    assert 'name="year"' in form and 'type="number"' not in form
    response = client.post(
        url("cycle_list"),
        {
            "year": "۱۴۰۵",
            "title": "ارزیابی ۱۴۰۵",
            "circular_number": "۹۵۰۱۲۱",
            "circular_date": "۱۴۰۶/۰۳/۱۳",
            "self_assessment_deadline": "۱۴۰۶/۰۴/۲۰",
        },
    )
    assert response.status_code == 302
    assert Cycle.objects.get().year == 1405


def test_the_province_rank_is_recorded_in_persian_digits(login, org_expert, final_cycle):
    client = login(org_expert)
    page = client.get(url("cycle_detail", final_cycle.pk)).content.decode()
    assert 'name="rank"' in page and 'type="number"' not in page
    client.post(url("cycle_rank", final_cycle.pk), {"rank": "۳", "provinces": "۳۱"})
    final_cycle.refresh_from_db()
    assert (final_cycle.national_rank, final_cycle.provinces_ranked) == (3, 31)


def test_an_index_ceiling_and_weight_are_typed_in_persian_digits(login, org_expert, cycle):
    client = login(org_expert)
    response = client.post(
        url("index_list", cycle.pk),
        {
            "code": "G-۰۳",
            "title": "رضایت مردم",
            "kind": "general",
            "max_score": "۴۵٫۵",
            "weight": "۲",
            "direction": "increasing",
            "standard": "",
        },
    )
    assert response.status_code == 302
    index = cycle.indices.get(code="G-03")
    assert (index.max_score, index.weight) == (D("45.5"), D("2"))


def test_an_agency_cannot_define_a_cycle(login, agency_officer):
    assert login(agency_officer).post(url("cycle_list"), {"year": "1404"}).status_code == 403


def test_an_agency_sees_only_its_own_evaluation(login, agency_officer, evaluation, other_evaluation):
    client = login(agency_officer)
    page = client.get(url("evaluation_list", evaluation.cycle_id)).content.decode()
    assert evaluation.organization.name in page and other_evaluation.organization.name not in page
    assert client.get(url("evaluation_detail", evaluation.pk)).status_code == 200
    assert client.get(url("evaluation_detail", other_evaluation.pk)).status_code == 404
    other_score = other_evaluation.scores.first()
    assert client.post(url("score_self", other_score.pk), {"claimed": "1"}).status_code == 404


def test_the_agency_claims_a_score_with_persian_digits(login, agency_officer, evaluation):
    score = evaluation.scores.get(index__code="G-01")
    response = login(agency_officer).post(
        url("score_self", score.pk), {"claimed": "۵۰٫۵", "description": "گزارش"}
    )
    assert response.status_code == 302
    score.refresh_from_db()
    assert score.self_score == D("50.5")


def test_a_refused_claim_shows_a_persian_error_and_changes_nothing(login, agency_officer, evaluation):
    score = evaluation.scores.get(index__code="G-01")
    client = login(agency_officer)
    response = client.post(url("score_self", score.pk), {"claimed": "99"}, follow=True)
    assert "حداکثر امتیاز" in response.content.decode()
    score.refresh_from_db()
    assert score.self_score is None


def test_a_refused_piece_of_evidence_keeps_its_file_in_its_row(login, agency_officer, evaluation):
    score = evaluation.scores.get(index__code="G-01")
    client = login(agency_officer)
    pdf = SimpleUploadedFile("report.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    page = client.post(url("score_evidence", score.pk), {"title": "گ" * 201, "file": pdf}, follow=True)
    page = page.content.decode()
    assert "ورودی نامعتبر است" in page
    assert 'data-testid="held-file"' in page and "report.pdf" in page
    token = re.search(r'name="file__held" value="([^"]+)"', page).group(1)
    client.post(url("score_evidence", score.pk), {"title": "گزارش عملکرد", "file__held": token})
    evidence = score.evidence.get()
    assert evidence.title == "گزارش عملکرد"


def test_an_objection_after_the_window_is_refused_on_the_page(login, scored_pair, org_expert, agency_officer):
    evaluation, _ = scored_pair
    services.cycle_publish_initial(actor=org_expert, cycle=evaluation.cycle)
    Cycle.objects.filter(pk=evaluation.cycle_id).update(objection_deadline=today() - dt.timedelta(days=1))
    response = login(agency_officer).post(
        url("score_object", evaluation.scores.first().pk),
        {"reason": "امتیاز درست محاسبه نشده است."},
        follow=True,
    )
    assert "مهلت ثبت اعتراض پایان یافته" in response.content.decode()
    assert not Objection.objects.exists()


def test_the_workbench_shows_self_reviewer_and_rescore_side_by_side(
    login, scored_pair, org_expert, evaluator, agency_officer
):
    evaluation, _ = scored_pair
    services.cycle_publish_initial(actor=org_expert, cycle=evaluation.cycle)
    g01 = evaluation.scores.get(index__code="G-01")
    objection = services.objection_file(actor=agency_officer, score=g01, reason="مستندات دیده نشده است.")
    perform(evaluation.case, "to_rescoring", actor=org_expert)
    services.objection_answer(actor=evaluator, objection=objection, answer="پذیرفته شد.", value=58)
    page = login(agency_officer).get(url("evaluation_detail", evaluation.pk)).content.decode()
    row = page[page.index('data-testid="score-G-01"') :]
    row = row[: row.index("</tr>")]

    def cell(testid):
        start = row.index(f'data-testid="{testid}">') + len(f'data-testid="{testid}">')
        return row[start : row.index("<", start)].strip()

    assert (cell("self-score"), cell("evaluator-score"), cell("rescore")) == ("۶۰", "۴۵", "۵۸")
    assert "مستندات دیده نشده است." in row and "پذیرفته شد." in row


def _cells(page: str, code: str) -> dict[str, str]:
    """The workbench's cells of one index's row, by their test id."""
    row = page[page.index(f'data-testid="score-{code}"') :]
    row = row[: row.index("</tr>")]
    cells = {}
    for testid in ("self-score", "evaluator-score", "rescore"):
        start = row.index(f'data-testid="{testid}">') + len(f'data-testid="{testid}">')
        cells[testid] = row[start : row.index("<", start)].strip()
    return cells


def test_an_agency_reads_the_evaluator_scores_only_once_the_initial_results_are_announced(
    login, scored_pair, org_expert, agency_officer
):
    evaluation, _ = scored_pair
    sheet = url("evaluation_detail", evaluation.pk)
    page = login(agency_officer).get(sheet).content.decode()
    # Its own claim stays in view; the evaluator team's score, comment and history entry do not.
    assert _cells(page, "G-01") == {"self-score": "۶۰", "evaluator-score": "—", "rescore": "—"}
    assert "نظر ارزیاب بر G-01" not in page and "تیم ارزیاب: " not in page
    staff = login(org_expert).get(sheet).content.decode()
    assert _cells(staff, "G-01")["evaluator-score"] == "۴۵" and "نظر ارزیاب بر G-01" in staff

    services.cycle_publish_initial(actor=org_expert, cycle=evaluation.cycle)
    page = login(agency_officer).get(sheet).content.decode()
    assert _cells(page, "G-01")["evaluator-score"] == "۴۵"
    assert "نظر ارزیاب بر G-01" in page and "تیم ارزیاب: ۴۵" in page


def test_the_council_tries_other_bands_without_saving(login, scored_pair, org_expert, head):
    evaluation, _ = scored_pair
    client = login(org_expert)
    page = client.get(url("results", evaluation.cycle_id), {"bands": "ممتاز: 82\nعادی: 0"}).content.decode()
    assert "این جدول فرضی است" in page and "ممتاز" in page
    assert Cycle.objects.get(pk=evaluation.cycle_id).bands[0]["label"] == "عالی"
    export = client.get(
        url("results", evaluation.cycle_id), {"bands": "ممتاز: 82\nعادی: 0", "export": "xlsx"}
    )
    rows = read_rows(export.content)
    assert rows[0][0] == "گروه" and {r[4] for r in rows[1:]} == {"ممتاز", "عادی"}


def test_the_council_tries_a_disputed_score(login, scored_pair, org_expert, agency_officer):
    evaluation, _ = scored_pair
    services.cycle_publish_initial(actor=org_expert, cycle=evaluation.cycle)
    g01 = evaluation.scores.get(index__code="G-01")
    services.objection_file(actor=agency_officer, score=g01, reason="مستندات دیده نشده است.")
    client = login(org_expert)
    response = client.get(
        url("results", evaluation.cycle_id), {"bands": "عالی: 90\nخوب: 0", "score": g01.pk, "value": "58"}
    )
    trial = {s.evaluation_id: s for s, _before in response.context["rows"]}
    assert (trial[evaluation.pk].percent, trial[evaluation.pk].rank, trial[evaluation.pk].level) == (
        D("96.25"),
        1,
        "عالی",
    )
    g01.refresh_from_db()
    assert g01.rescore is None


def test_agencies_cannot_open_the_standings(login, agency_officer, cycle):
    assert login(agency_officer).get(url("results", cycle.pk)).status_code == 403


def test_public_results_appear_only_after_approval_and_hold_no_personal_data(
    client, scored_pair, org_expert, head, agency_officer
):
    evaluation, other = scored_pair
    year = evaluation.cycle.year
    assert client.get(url("public_results", year)).status_code == 404
    services.cycle_publish_initial(actor=org_expert, cycle=evaluation.cycle)
    Cycle.objects.filter(pk=evaluation.cycle_id).update(objection_deadline=today() - dt.timedelta(days=1))
    for e in (evaluation, other):
        perform(e.case, "close_window", actor=org_expert)
    services.cycle_approve_final(actor=head, cycle=evaluation.cycle)
    page = client.get(url("public_results", year)).content.decode()
    assert evaluation.organization.name in page and "عالی" not in page and "خیلی خوب" in page
    assert agency_officer.last_name not in page and agency_officer.national_id not in page
    assert evaluation.case.tracking_code not in page


def test_the_dashboard_draws_its_charts(login, org_expert, cycle):
    page = login(org_expert).get(url("dashboard")).content.decode()
    assert "data-chart" in page and "evaluation/charts.js" in page


def test_an_unknown_cycle_step_is_refused_politely(login, org_expert, cycle):
    response = login(org_expert).post(url("cycle_act", cycle.pk), {"step": "approve"}, follow=True)
    assert "اقدام نامعتبر است." in response.content.decode()


def test_an_agency_nominates_a_team_and_the_hq_selects_it(login, agency_officer, org_expert, cycle):
    login(agency_officer).post(
        url("festival", cycle.pk), {"team_name": "تیم برتر", "achievement": "دستاورد", "members": "الف، ب"}
    )
    nomination = cycle.nominations.get()
    assert (
        login(org_expert)
        .post(url("nomination_decide", nomination.pk), {"action": "select", "expected_state": "nominated"})
        .status_code
        == 302
    )
    nomination.refresh_from_db()
    assert nomination.status == "selected"


# Query counts: each list page costs the same with more rows.


def _more_agencies(published, org_expert, n):
    indices = list(published.indices.all())
    for _ in range(n):
        agency = OrganizationFactory(evaluation_group="بهداشت و رفاه")
        services.evaluation_open(
            actor=org_expert, cycle=published, agency=agency, indices=indices, targeted={}
        )
        officer = UserFactory(organization=agency, roles=[Role.AGENCY_OFFICER])
        services.nomination_file(
            actor=officer, cycle=published, team_name="تیم", achievement="دستاورد", members="اعضا"
        )
        for session in published.sessions.all():
            services.attendance_record(
                actor=org_expert,
                session=session,
                organization=agency,
                attendee="نام",
                position="سمت",
                present=True,
            )


@pytest.mark.parametrize(
    "name",
    [
        "cycle_list",
        "index_list",
        "evaluation_list",
        "objection_list",
        "festival",
        "vault",
        "dashboard",
        "session_detail",
    ],
)
def test_list_pages_keep_a_constant_number_of_queries(
    name, login, org_expert, published, django_assert_max_num_queries
):
    client = login(org_expert)
    target = url(name) if name in ("cycle_list", "vault", "dashboard") else url(name, published.pk)
    if name == "session_detail":
        session = services.session_create(
            actor=org_expert, cycle=published, title="توجیهی", held_on=today(), place="سالن"
        )
        target = url(name, session.pk)
    client.get(target)
    with django_assert_max_num_queries(20):
        assert client.get(target).status_code == 200
    _more_agencies(published, org_expert, 4)
    with django_assert_max_num_queries(20):
        assert client.get(target).status_code == 200
    assert client.get(target, {"export": "xlsx"}).status_code == 200


def test_the_standings_and_workbench_keep_a_constant_number_of_queries(
    login, org_expert, published, evaluation, django_assert_max_num_queries
):
    client = login(org_expert)
    # 25, and the sheet's field history: its changes, and their kind of record once in a process.
    with django_assert_max_num_queries(27):
        client.get(url("results", published.pk))
        client.get(url("evaluation_detail", evaluation.pk))
    _more_agencies(published, org_expert, 4)
    with django_assert_max_num_queries(27):
        client.get(url("results", published.pk))
        client.get(url("evaluation_detail", evaluation.pk))
    assert Evaluation.objects.count() == 6


def test_an_issued_book_and_festival_report_are_linked_from_the_cycle_page(
    login, final_cycle, org_expert, agency_officer
):
    nomination = services.nomination_file(
        actor=agency_officer, cycle=final_cycle, team_name="تیم برتر", achievement="دستاورد", members="الف"
    )
    services.nomination_decide(
        actor=org_expert, nomination=nomination, action="select", expected_state="nominated"
    )
    client = login(org_expert)
    assert "book-download" not in client.get(url("cycle_detail", final_cycle.pk)).content.decode()
    client.post(url("cycle_act", final_cycle.pk), {"step": "book"})
    page = client.post(url("cycle_act", final_cycle.pk), {"step": "festival_report"}, follow=True)
    final_cycle.refresh_from_db()
    html = page.content.decode()
    for document in (final_cycle.results_book, final_cycle.festival_report):
        link = reverse("documents:download", args=[document.pk])
        assert f'href="{link}"' in html
        assert b"".join(client.get(link).streaming_content).startswith(b"%PDF")
    assert "پیوند دریافت آن در همین صفحه است" in html


def _pdf(name: str, body: bytes):
    return SimpleUploadedFile(name, b"%PDF-1.4\n" + body, content_type="application/pdf")


def test_staff_add_two_circular_attachments_and_each_downloads(login, org_expert, cycle):
    client = login(org_expert)
    for title, name in (("متن بخشنامه", "circular.pdf"), ("شیوه‌نامه اجرایی", "guide.pdf")):
        response = client.post(
            url("circular_attach", cycle.pk), {"title": title, "file": _pdf(name, name.encode())}
        )
        assert response.status_code == 302
    page = client.get(url("cycle_detail", cycle.pk)).content.decode()
    assert "متن بخشنامه" in page and "شیوه‌نامه اجرایی" in page
    attachments = list(cycle.circular_attachments.order_by("id"))
    assert [a.title for a in attachments] == ["متن بخشنامه", "شیوه‌نامه اجرایی"]
    for attachment, name in zip(attachments, ("circular.pdf", "guide.pdf"), strict=True):
        link = url("circular_download", attachment.pk)
        assert link in page
        body = b"".join(client.get(link).streaming_content)
        assert body == b"%PDF-1.4\n" + name.encode()
    assert AuditEntry.objects.filter(action="evaluation.circular.attached").count() == 2


def test_a_circular_attachment_of_a_wrong_type_is_refused_in_persian(login, org_expert, cycle):
    client = login(org_expert)
    bad = SimpleUploadedFile("virus.pdf", b"MZ not a pdf", content_type="application/pdf")
    response = client.post(url("circular_attach", cycle.pk), {"title": "پیوست", "file": bad}, follow=True)
    assert "نوع فایل پذیرفته نیست" in response.content.decode()
    assert not cycle.circular_attachments.exists()
    assert not AuditEntry.objects.filter(action="evaluation.circular.attached").exists()


def test_an_agency_cannot_add_a_circular_attachment(login, agency_officer, cycle):
    response = login(agency_officer).post(
        url("circular_attach", cycle.pk), {"title": "پیوست", "file": _pdf("a.pdf", b"a")}
    )
    assert response.status_code == 403
    assert not cycle.circular_attachments.exists()
    page = login(agency_officer).get(url("cycle_detail", cycle.pk)).content.decode()
    assert url("circular_attach", cycle.pk) not in page


def _calendar_post(cycle, **overrides):
    """The calendar form as the page posts it: every enabled field, in Jalali dates."""
    from apps.core.jalali import format_date

    data = {"self_assessment_deadline": format_date(cycle.self_assessment_deadline)}
    for phase in cycle.calendar.all():
        data[f"phase_{phase.pk}_starts_on"] = format_date(phase.starts_on)
        data[f"phase_{phase.pk}_ends_on"] = format_date(phase.ends_on)
    return {**data, **overrides}


def test_staff_move_a_future_phase_typed_in_persian_digits(login, org_expert, cycle):
    from apps.core.jalali import format_date

    client = login(org_expert)
    page = client.get(url("cycle_calendar", cycle.pk)).content.decode()
    ended, _under_way, ahead, *_ = cycle.calendar.order_by("starts_on")
    # Jalali dates in Persian digits; what has already happened is shown but cannot be typed over.
    assert format_date(ahead.starts_on) in page and 'dir="rtl"' in page
    assert f'name="phase_{ended.pk}_ends_on"' in page and "disabled" in page
    assert url("cycle_calendar", cycle.pk) in client.get(url("cycle_detail", cycle.pk)).content.decode()
    start, end = today() + dt.timedelta(days=26), today() + dt.timedelta(days=48)
    response = client.post(
        url("cycle_calendar", cycle.pk),
        _calendar_post(
            cycle,
            **{
                f"phase_{ahead.pk}_starts_on": format_date(start),
                f"phase_{ahead.pk}_ends_on": format_date(end, persian_digits=False),
            },
        ),
    )
    assert response.status_code == 302
    ahead.refresh_from_db()
    assert (ahead.starts_on, ahead.ends_on) == (start, end)
    assert AuditEntry.objects.filter(action="evaluation.cycle.calendar_changed", actor=org_expert).exists()


def test_dates_out_of_order_are_refused_in_persian_and_nothing_moves(login, org_expert, cycle):
    from apps.core.jalali import format_date

    _ended, under_way, ahead, *_ = cycle.calendar.order_by("starts_on")
    before = list(cycle.calendar.values_list("starts_on", "ends_on"))
    response = login(org_expert).post(
        url("cycle_calendar", cycle.pk),
        _calendar_post(cycle, **{f"phase_{ahead.pk}_starts_on": format_date(under_way.starts_on)}),
    )
    assert response.status_code == 200
    assert "مرحله‌ها باید به ترتیب باشند" in response.content.decode()
    assert list(cycle.calendar.values_list("starts_on", "ends_on")) == before
    assert not AuditEntry.objects.filter(action="evaluation.cycle.calendar_changed").exists()


def test_a_posted_date_of_a_phase_that_has_ended_is_ignored(login, org_expert, cycle):
    """The disabled fields keep their dates whatever a hand-made request posts."""
    ended = cycle.calendar.order_by("starts_on").first()
    response = login(org_expert).post(
        url("cycle_calendar", cycle.pk),
        _calendar_post(cycle, **{f"phase_{ended.pk}_starts_on": "۱۴۰۰/۰۱/۰۱"}),
    )
    assert response.status_code == 302
    assert cycle.calendar.order_by("starts_on").first().starts_on == ended.starts_on


def test_an_agency_cannot_open_or_post_the_calendar(login, agency_officer, cycle):
    client = login(agency_officer)
    assert client.get(url("cycle_calendar", cycle.pk)).status_code == 403
    assert client.post(url("cycle_calendar", cycle.pk), _calendar_post(cycle)).status_code == 403
    assert url("cycle_calendar", cycle.pk) not in client.get(url("cycle_detail", cycle.pk)).content.decode()


def test_staff_edit_a_member_and_see_the_change_on_the_cycle(login, org_expert, member):
    client = login(org_expert)
    cycle_page = client.get(url("cycle_detail", member.body.cycle_id)).content.decode()
    assert url("member_edit", member.pk) in cycle_page and url("member_remove", member.pk) in cycle_page
    page = client.get(url("member_edit", member.pk)).content.decode()
    assert 'value="مریم احمدی"' in page and "data-confirm" in page and 'dir="rtl"' in page
    response = client.post(
        url("member_edit", member.pk),
        {"full_name": "مریم احمدی", "position": "معاون توسعه مدیریت", "role_in_body": "عضو"},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.role_in_body == "عضو"
    assert "مریم احمدی — عضو" in client.get(url("cycle_detail", member.body.cycle_id)).content.decode()


def test_an_empty_name_is_refused_on_the_edit_page(login, org_expert, member):
    response = login(org_expert).post(
        url("member_edit", member.pk),
        {"full_name": "", "position": "معاون توسعه مدیریت", "role_in_body": "عضو"},
    )
    assert response.status_code == 200 and "این فیلد لازم است" in response.content.decode()
    member.refresh_from_db()
    assert member.full_name == "مریم احمدی"


def test_removing_a_member_asks_first_and_then_removes(login, org_expert, member):
    from apps.evaluation.models import BodyMember

    client = login(org_expert)
    page = client.get(url("cycle_detail", member.body.cycle_id)).content.decode()
    assert 'data-confirm="مریم احمدی از کمیته راهبری ارزیابی عملکرد استان حذف شود؟"' in page
    response = client.post(url("member_remove", member.pk), follow=True)
    assert "مریم احمدی از کمیته راهبری ارزیابی عملکرد استان حذف شد." in response.content.decode()
    assert not BodyMember.objects.filter(pk=member.pk).exists()
    assert AuditEntry.objects.filter(action="evaluation.body.member_removed", actor=org_expert).exists()


def test_an_agency_cannot_edit_or_remove_a_member(login, agency_officer, member):
    from apps.evaluation.models import BodyMember

    client = login(agency_officer)
    assert client.get(url("member_edit", member.pk)).status_code == 403
    assert (
        client.post(
            url("member_edit", member.pk), {"full_name": "x", "position": "y", "role_in_body": "z"}
        ).status_code
        == 403
    )
    assert client.post(url("member_remove", member.pk)).status_code == 403
    assert BodyMember.objects.get(pk=member.pk).full_name == "مریم احمدی"
    assert (
        url("member_remove", member.pk)
        not in client.get(url("cycle_detail", member.body.cycle_id)).content.decode()
    )


def test_the_cycle_page_offers_each_person_the_timelines_steps_they_may_take(login, org_expert, head, cycle):
    staff = login(org_expert).get(url("cycle_detail", cycle.pk)).content.decode()
    assert 'value="publish_indices"' in staff and "ابلاغ شاخص‌ها و آغاز خودارزیابی" in staff
    assert 'value="approve_final"' not in staff
    council = login(head).get(url("cycle_detail", cycle.pk)).content.decode()
    assert 'value="publish_indices"' not in council
    published = login(org_expert).post(url("cycle_act", cycle.pk), {"step": "publish_indices"}, follow=True)
    assert "شاخص‌ها ابلاغ و خودارزیابی دستگاه‌ها آغاز شد." in published.content.decode()
    assert Cycle.objects.get(pk=cycle.pk).phase == Cycle.Phase.SELF_ASSESSMENT
