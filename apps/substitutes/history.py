"""What the audit history says of naming and cancelling a substitute."""

from apps.workflow.history import register_label

register_label("substitutes.named", "«{substitute}» را از {starts_on} تا {ends_on} جانشین «{absent}» کرد")
register_label("substitutes.cancelled", "جانشینی «{substitute}» برای «{absent}» را لغو کرد")
