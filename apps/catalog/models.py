"""A province's own wording of a service's identity card: the cards are the nation's (content.py, versioned
with the seeds they quote); a province may word some fields its own way for its readers."""

from django.db import models

from .content import SERVICES

# The fields a province may word its own way: its own unit, channel, time and cost. Laws, steps and the
# service level are the national directive's and stay one text for every province.
OVERRIDABLE = {
    "description": "شرح خدمت",
    "goal": "هدف",
    "scope": "محدوده مورد استفاده",
    "audience": "خدمت‌گیرندگان",
    "responsible_unit": "مسئول اجرا",
    "delivery_channel": "نحوه ارائه خدمت",
    "duration": "مدت زمان ارائه خدمت",
    "cost": "هزینه",
    "steps_note": "توضیح مراحل",
}


class ProvinceServiceText(models.Model):
    province = models.ForeignKey(
        "accounts.Province", on_delete=models.CASCADE, related_name="service_texts", verbose_name="استان"
    )
    service = models.CharField(
        "خدمت", max_length=40, choices=[(service.slug, service.title) for service in SERVICES]
    )
    field = models.CharField("بخش شناسنامه", max_length=40, choices=list(OVERRIDABLE.items()))
    text = models.TextField("متن استان")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["province", "service", "field"], name="catalog_province_text_unique"
            )
        ]
        verbose_name = "متن استانی شناسنامه خدمت"
        verbose_name_plural = "متن‌های استانی شناسنامه خدمات"

    def __str__(self) -> str:
        return f"{self.province} — {self.get_service_display()} — {self.get_field_display()}"
