"""A saved view: one person's named filters of one list, which they may make their default or share."""

from django.conf import settings
from django.db import models
from django.db.models import Q


class SavedView(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_views", verbose_name="صاحب"
    )
    # The list page's URL name ("workflow:cartable"); apps/savedviews/lists.py names the lists and their filters.
    list_key = models.CharField("فهرست", max_length=80)
    name = models.CharField("نام", max_length=80)
    # Only the filters the list reads, in the list's order, never the page number (lists.query_clean).
    query = models.CharField("فیلترها", max_length=1000, blank=True)
    is_default = models.BooleanField("پیش‌فرض", default=False)
    shared_with_unit = models.BooleanField("اشتراک با گروه", default=False)
    # The owner's group and organization when the view was saved or last shared: whom it is shared with.
    unit = models.ForeignKey(
        "accounts.OrgUnit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="گروه",
    )
    organization = models.ForeignKey(
        "accounts.Organization",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="سازمان",
    )
    created_at = models.DateTimeField("زمان ثبت", auto_now_add=True)

    class Meta:
        ordering = ["list_key", "name", "pk"]
        verbose_name = "نمای ذخیره‌شده"
        verbose_name_plural = "نماهای ذخیره‌شده"
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "list_key"],
                condition=Q(is_default=True),
                name="savedviews_one_default_per_list",
            ),
            models.UniqueConstraint(fields=["owner", "list_key", "name"], name="savedviews_unique_name"),
        ]
        indexes = [models.Index(fields=["list_key", "shared_with_unit"], name="savedviews_shared_idx")]

    def __str__(self) -> str:
        return self.name
