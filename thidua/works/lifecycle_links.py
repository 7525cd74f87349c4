"""What works leave open when a movement ends: works not completed and reviews not filed,
told to the closing page through ``movements.lifecycle.register_open_items``."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.movements import lifecycle
from thidua.movements.models import Movement
from thidua.works.models import DONE_STATUSES, RegistrationStatus, ReviewKind, ReviewStatus, Work
from thidua.works.reviews import units_in_movement
from thidua.works.selectors import LIVE_STATUSES


def open_items(movement: Movement) -> list[lifecycle.OpenItem]:
    not_done = (
        Work.objects.filter(movement=movement, status__in=LIVE_STATUSES)
        .exclude(status=RegistrationStatus.REGISTERED, progress_status__in=DONE_STATUSES)
        .count()
    )
    # One query for both kinds: units of the movement without a submitted review of each.
    submitted = {
        kind: Q(
            reviews__movement=movement, reviews__kind=kind, reviews__status=ReviewStatus.SUBMITTED
        )
        for kind in ReviewKind.values
    }
    units = units_in_movement(movement)
    reviews_url = reverse("works:reviews", args=[movement.pk])
    items = [
        lifecycle.OpenItem(
            _("Works not completed"), not_done, reverse("works:list", args=[movement.pk])
        )
    ]
    for kind, label in ReviewKind.choices:
        missing = units.exclude(pk__in=units.filter(submitted[kind]).values("pk")).count()
        items.append(
            lifecycle.OpenItem(
                _("%(review)s not filed") % {"review": label},
                missing,
                f"{reviews_url}?kind={kind}&status=not_started",
            )
        )
    return items


def register() -> None:
    lifecycle.register_open_items(open_items)
