"""The catalog API: the same identity cards as the pages, public."""

from apps.catalog.content import SERVICES


def test_anyone_can_list_the_four_services(client, db):
    response = client.get("/api/services")
    assert response.status_code == 200
    data = response.json()
    assert [s["code"] for s in data] == ["A", "B", "C", "D"]
    assert [s["slug"] for s in data] == ["recruitment", "training", "managers", "evaluation"]
    assert [s["title"] for s in data] == [s.title for s in SERVICES]


def test_a_service_comes_with_its_steps_laws_and_faq(client, db):
    response = client.get("/api/services/training")
    assert response.status_code == 200
    data = response.json()
    assert data["duration"] == "۱۴ الی ۲۰ روز"
    assert len(data["steps"]) == 10
    assert data["steps"][4] == {
        "title": "جمع‌آوری تقاضاهای آموزش تا حد نصاب دوره و برنامه‌ریزی برای اجرای دوره",
        "actor": "گروه آموزش و توانمندسازی (رئیس و کارشناس گروه)",
        "allowance": "۷ روز",
    }
    quorum = {"question": "حد نصاب تعداد شرکت‌کنندگان دوره چند نفر است؟", "answer": "حداقل ۲۰ نفر"}
    assert quorum in data["faq"]
    assert {"title": "فصل نهم قانون مدیریت خدمات کشوری", "number": "", "date": "", "note": ""} in data["laws"]
    assert data["complaint_procedure"]["ordered"] is True
    assert len(data["complaint_procedure"]["bullets"]) == 4


def test_service_a_carries_its_service_level_statement(client, db):
    data = client.get("/api/services/recruitment").json()
    assert data["cost"].startswith("رایگان")
    headings = [section["heading"] for section in data["service_level"]]
    assert "تعهدات متقابل خدمت‌گیرنده و دستگاه اجرایی" in headings
    assert "هزینه‌ها و پرداخت‌ها" in headings


def test_an_unknown_service_answers_404(client, db):
    response = client.get("/api/services/no-such-service")
    assert response.status_code == 404
    assert response.json()["detail"] == "خدمتی با این نشانی وجود ندارد."
