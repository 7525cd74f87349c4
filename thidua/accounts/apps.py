from typing import TYPE_CHECKING, Any

from django.apps import AppConfig

if TYPE_CHECKING:  # models load after the app registry, so not at import time
    from thidua.accounts.models import User


class AccountsConfig(AppConfig):
    name = "thidua.accounts"
    label = "accounts"

    def ready(self) -> None:
        from django.contrib.auth import user_logged_in
        from django.contrib.auth.models import update_last_login

        # A login is not a change to domain data: record last_login without a history row.
        user_logged_in.disconnect(update_last_login, dispatch_uid="update_last_login")
        user_logged_in.connect(_update_last_login, dispatch_uid="thidua_update_last_login")


def _update_last_login(sender: type["User"], user: "User", **kwargs: Any) -> None:
    from django.utils import timezone

    user.last_login = timezone.now()
    # django-simple-history skips the record while the instance has this (undeclared) flag.
    user.skip_history_when_saving = True  # type: ignore[attr-defined]
    try:
        user.save(update_fields=["last_login"])
    finally:
        del user.skip_history_when_saving  # type: ignore[attr-defined]
