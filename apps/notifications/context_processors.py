"""The unread-message count shown beside the inbox link on every page."""


def unread(request):
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}
    from apps.core.freshness import kept

    from .selectors import unread_count

    return {"unread_count": kept(("unread", str(user.pk)), lambda: unread_count(user=user), reader=user)}
