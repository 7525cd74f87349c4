"""What nominations leave open when a movement ends: dossiers still in progress, told to
the closing page through ``movements.lifecycle.register_open_items``."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.movements import lifecycle
from thidua.movements.models import Movement
from thidua.nominations.models import Nomination
from thidua.nominations.models import NominationStatus as S

# A dossier is finished once awarded, proposed up, refused or withdrawn.
FINISHED = (S.DECIDED, S.PROPOSED, S.REJECTED, S.WITHDRAWN)


def open_items(movement: Movement) -> list[lifecycle.OpenItem]:
    count = Nomination.objects.filter(movement=movement).exclude(status__in=FINISHED).count()
    return [
        lifecycle.OpenItem(
            _("Dossiers in progress"), count, reverse("nominations:list", args=[movement.pk])
        )
    ]


def register() -> None:
    lifecycle.register_open_items(open_items)
