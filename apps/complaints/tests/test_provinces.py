"""Complaints with two provinces: the list keeps the province filter to whom reads across provinces, and
the reports' PDF is issued by the reader's own province's Organization."""

from django.test import Client
from django.urls import reverse

from apps.accounts.roles import Role
from apps.accounts.tests.test_provinces import provinces  # noqa: F401  (the two provinces' world)
from apps.complaints.models import Complaint

ALL = "همه استان‌ها"


def _ids(response) -> set[int]:
    return {row.pk for row in response.context["page"].object_list}


def test_a_provinces_people_get_no_province_filter_on_complaints_and_cannot_widen(provinces, db):  # noqa: F811
    for here, there in (("khuzestan", "ilam"), ("ilam", "khuzestan")):
        world = provinces[here]
        client = Client()
        client.force_login(world.org_staff[Role.ORG_DEPUTY])
        url = reverse("complaints:complaint_list")
        own = client.get(url)
        assert own.status_code == 200
        assert ALL not in own.content.decode()
        shown = set(
            Complaint.objects.filter(pk__in=_ids(own)).values_list("case__owner__province", flat=True)
        )
        assert shown == {world.province.province_id}
        assert not _ids(client.get(url, {"province": provinces[there].province.province_id}))
        assert _ids(client.get(url, {"province": world.province.province_id})) == _ids(own)


def _pdf_issuer(client, **params):
    response = client.get(reverse("complaints:reports"), {"format": "pdf", **params})
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    return next(c["issuer"] for c in response.context if "issuer" in c)


def test_the_reports_pdf_is_issued_by_the_readers_own_provinces_organization(provinces, db):  # noqa: F811
    # Ilam's Organization was made after Khuzestan's: the first province's is not what is asked for.
    ilam = provinces["ilam"]
    head = Client()
    head.force_login(ilam.org_staff[Role.ORG_HEAD])
    assert _pdf_issuer(head) == ilam.province
    agency_id = next(iter(ilam.agency_users))
    assert _pdf_issuer(head, organization=agency_id) == ilam.province

    officer = Client()
    officer.force_login(ilam.agency_users[agency_id][Role.AGENCY_OFFICER])
    assert _pdf_issuer(officer) == ilam.province
    # And Khuzestan's head, theirs.
    khuzestan = Client()
    khuzestan.force_login(provinces["khuzestan"].org_staff[Role.ORG_HEAD])
    assert _pdf_issuer(khuzestan) == provinces["khuzestan"].province
