"""Writes for the public notice: the Home Affairs Office lists checked dossiers on a notice and
publishes it (its dossiers go on notice for a number of working days); anyone comments while
it is open (a few per address: ``comment_rate_error``), the office approves or rejects each
comment (only approved ones are public) and answers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from thidua.accounts.models import User
from thidua.calendar_days.workdays import add_working_days
from thidua.core.audit import save_attributed
from thidua.core.errors import ApplicationError
from thidua.core.text import nfc
from thidua.movements.models import Movement
from thidua.movements.wording import movement_name

from .. import rules
from ..models import CommentStatus, Nomination, NominationStatus, NoticeComment, PublicNotice
from ..selectors import notice_closed
from ..workflow import nomination_transition

S = NominationStatus

MAX_WORKING_DAYS = 60
COMMENT_MAX_CHARS = 3000
NAME_MAX_CHARS = 200

# --- public notice ----------------------------------------------------------------------


@dataclass(frozen=True)
class NoticeData:
    title: str
    introduction: str = ""
    working_days: int = 10


DEFAULT_TITLE = gettext_noop("Public notice of the candidates proposed for awards: %(movement)s")


def default_title(movement: Movement) -> str:
    """The title a new notice is offered: it names the movement once and always fits the
    title field, the movement's name cut at a word with "…" when the whole would not."""
    limit = PublicNotice._meta.get_field("title").max_length or 300
    name = movement_name(movement.title)
    title = _(DEFAULT_TITLE) % {"movement": name}
    if len(title) <= limit:
        return title
    room = limit - len(title) + len(name)
    # Truncator counts the "…" in the length it is given.
    return _(DEFAULT_TITLE) % {"movement": Truncator(name).chars(room, truncate="…")}


def selectable_for_notice(
    movement: Movement, notice: PublicNotice | None = None
) -> QuerySet[Nomination]:
    """Checked dossiers of the movement not already held by another unpublished notice."""
    nominations = Nomination.objects.filter(movement=movement, status=S.CHECKED)
    held = nominations.filter(notice__isnull=False, notice__published_on__isnull=True)
    if notice is not None and notice.pk:
        held = held.exclude(notice=notice)
    return nominations.exclude(pk__in=held.values("pk"))


def _notice_errors(data: NoticeData) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not nfc(data.title):
        errors["title"] = _("Title: enter the title of the notice.")
    if not isinstance(data.working_days, int) or not 1 <= data.working_days <= MAX_WORKING_DAYS:
        errors["working_days"] = _("Working days: enter a number from 1 to %(max)s.") % {
            "max": MAX_WORKING_DAYS
        }
    return errors


def _attach(*, actor: User, notice: PublicNotice, nominations: Iterable[Nomination]) -> None:
    """Make the notice hold exactly these checked dossiers (while it is unpublished)."""
    allowed = {n.pk: n for n in selectable_for_notice(notice.movement, notice)}
    chosen = {n.pk for n in nominations}
    strangers = chosen - set(allowed)
    if strangers:
        raise ValidationError(
            {
                "nominations": _(
                    "Only dossiers checked by the office and not on another notice can be listed."
                )
            }
        )
    for nomination in Nomination.objects.filter(notice=notice).exclude(pk__in=chosen):
        nomination.notice = None
        save_attributed(
            nomination, actor=actor, reason=_("Removed from the notice"), update_fields=["notice"]
        )
    for pk in chosen:
        nomination = allowed[pk]
        if nomination.notice_id != notice.pk:
            nomination.notice = notice
            save_attributed(
                nomination, actor=actor, reason=_("Listed on the notice"), update_fields=["notice"]
            )


@transaction.atomic
def notice_create(
    *, actor: User, movement: Movement, data: NoticeData, nominations: Iterable[Nomination]
) -> PublicNotice:
    """Prepare a notice listing checked dossiers; it is published by ``notice_publish``."""
    if not rules.may_manage_notices(actor, movement):
        raise PermissionDenied
    errors = _notice_errors(data)
    if errors:
        raise ValidationError(errors)
    notice = PublicNotice(
        movement=movement,
        title=nfc(data.title),
        introduction=nfc(data.introduction),
        working_days=data.working_days,
        created_by=actor,
    )
    notice.full_clean()
    save_attributed(notice, actor=actor, reason=_("Notice prepared"))
    _attach(actor=actor, notice=notice, nominations=nominations)
    return notice


def _lock_unpublished(actor: User, notice: PublicNotice) -> PublicNotice:
    locked = (
        PublicNotice.objects.select_for_update(of=("self",))
        .select_related("movement", "movement__issuing_unit")
        .get(pk=notice.pk)
    )
    if not rules.may_manage_notices(actor, locked.movement):
        raise PermissionDenied
    if locked.published_on is not None:
        raise ApplicationError(
            _("This notice was published on %(date)s and can no longer be changed.")
            % {"date": locked.published_on.strftime("%d/%m/%Y")}
        )
    return locked


@transaction.atomic
def notice_update(
    *, actor: User, notice: PublicNotice, data: NoticeData, nominations: Iterable[Nomination]
) -> PublicNotice:
    locked = _lock_unpublished(actor, notice)
    errors = _notice_errors(data)
    if errors:
        raise ValidationError(errors)
    locked.title = nfc(data.title)
    locked.introduction = nfc(data.introduction)
    locked.working_days = data.working_days
    locked.full_clean()
    save_attributed(locked, actor=actor, reason=_("Notice changed"))
    _attach(actor=actor, notice=locked, nominations=nominations)
    return locked


@transaction.atomic
def notice_publish(*, actor: User, notice: PublicNotice, today: date | None = None) -> PublicNotice:
    """Publish the notice today: it is open until the end of the N-th working day after
    today (public holidays skipped), and its dossiers go on notice."""
    locked = _lock_unpublished(actor, notice)
    listed = list(Nomination.objects.filter(notice=locked, status=S.CHECKED).order_by("pk"))
    if not listed:
        raise ApplicationError(_("List at least one checked dossier before publishing the notice."))
    # Dossiers returned or withdrawn since they were listed leave the notice.
    for stale in Nomination.objects.filter(notice=locked).exclude(status=S.CHECKED):
        stale.notice = None
        save_attributed(
            stale, actor=actor, reason=_("Removed from the notice"), update_fields=["notice"]
        )
    today = today or timezone.localdate()
    locked.published_on = today
    locked.closes_on = add_working_days(today, locked.working_days)
    locked.published_by = actor
    save_attributed(
        locked,
        actor=actor,
        reason=_("Notice published"),
        update_fields=["published_on", "closes_on", "published_by"],
    )
    for nomination in listed:
        nomination_transition(
            nomination=nomination, to=S.ON_NOTICE, actor=actor, note=locked.title[:300]
        )
    notice.published_on = locked.published_on
    notice.closes_on = locked.closes_on
    notice.published_by = actor
    return locked


# --- comments ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CommentData:
    author_name: str
    body: str
    contact: str = ""
    nomination: Nomination | None = None
    is_objection: bool = False


def comment_errors(data: CommentData) -> dict[str, str]:
    errors: dict[str, str] = {}
    name = nfc(data.author_name)
    if not name:
        errors["author_name"] = _("Your name: please enter it.")
    elif len(name) > NAME_MAX_CHARS:
        errors["author_name"] = _("Your name: at most %(max)s characters.") % {
            "max": NAME_MAX_CHARS
        }
    if len(nfc(data.contact)) > 200:
        errors["contact"] = _("Phone or e-mail: at most 200 characters.")
    body = nfc(data.body)
    if len(body) < 10:
        errors["body"] = _("Comment: please write at least 10 characters.")
    elif len(body) > COMMENT_MAX_CHARS:
        errors["body"] = _("Comment: at most %(max)s characters.") % {"max": COMMENT_MAX_CHARS}
    return errors


def comment_rate_error(notice: PublicNotice, client_address: str | None) -> str:
    """Why one more comment from this address is refused now, or "". Counted in the database
    (every process sees the same counts): per notice in the last hour, over all notices in
    the last day."""
    if not client_address:
        return ""
    now = timezone.now()
    sent = NoticeComment.objects.filter(client_address=client_address)
    per_notice = settings.NOTICE_COMMENTS_PER_NOTICE_HOUR
    if sent.filter(notice=notice, sent_at__gte=now - timedelta(hours=1)).count() >= per_notice:
        return _(
            "You have already sent %(n)s comments on this notice in the last hour; please try "
            "again later."
        ) % {"n": per_notice}
    per_day = settings.NOTICE_COMMENTS_PER_DAY
    if sent.filter(sent_at__gte=now - timedelta(days=1)).count() >= per_day:
        return _(
            "You have already sent %(n)s comments in the last 24 hours; please try again tomorrow."
        ) % {"n": per_day}
    return ""


@transaction.atomic
def comment_post(
    *,
    notice: PublicNotice,
    data: CommentData,
    today: date | None = None,
    client_address: str | None = None,
) -> NoticeComment:
    """Anyone sends a comment or objection while the notice is open. It is held for the
    office's moderation; a client address sending too many is refused."""
    today = today or timezone.localdate()
    # Comments on one notice wait for each other, so two at once cannot both pass the count.
    PublicNotice.objects.select_for_update().filter(pk=notice.pk).first()
    if notice.published_on is None:
        raise ApplicationError(_("This notice is not published."))
    if notice_closed(notice, today):
        assert notice.closes_on is not None, "a closed notice has its closing day"
        raise ApplicationError(
            _("Comments were taken until %(date)s; this notice is closed.")
            % {"date": notice.closes_on.strftime("%d/%m/%Y")}
        )
    errors = comment_errors(data)
    if data.nomination is not None and data.nomination.notice_id != notice.pk:
        errors["nomination"] = _("Choose a candidate from this notice.")
    if errors:
        raise ValidationError(errors)
    refusal = comment_rate_error(notice, client_address)
    if refusal:
        raise ApplicationError(refusal)
    comment = NoticeComment(
        notice=notice,
        client_address=client_address or None,
        nomination=data.nomination,
        author_name=nfc(data.author_name),
        contact=nfc(data.contact),
        body=nfc(data.body).replace("\r\n", "\n"),
        is_objection=data.is_objection,
    )
    comment.full_clean()
    save_attributed(comment, actor=None, reason=_("Comment received"))
    return comment


@transaction.atomic
def comment_answer(*, actor: User, comment: NoticeComment, answer: str) -> NoticeComment:
    """The office answers a comment; the answer is published under it."""
    locked = (
        NoticeComment.objects.select_for_update(of=("self",))
        .select_related("notice__movement")
        .get(pk=comment.pk)
    )
    if not rules.may_manage_notices(actor, locked.notice.movement):
        raise PermissionDenied
    if locked.status == CommentStatus.REJECTED:
        raise ApplicationError(
            _("This comment was rejected and is not published; answer the sender by their contact.")
        )
    answer = nfc(answer).replace("\r\n", "\n")
    if not answer:
        raise ValidationError({"answer": _("Answer: write the office's answer.")})
    if len(answer) > COMMENT_MAX_CHARS:
        raise ValidationError(
            {"answer": _("Answer: at most %(max)s characters.") % {"max": COMMENT_MAX_CHARS}}
        )
    locked.answer = answer
    locked.answered_by = actor
    locked.answered_at = timezone.now()
    fields = ["answer", "answered_by", "answered_at"]
    if locked.status == CommentStatus.PENDING:
        # Answering in public publishes the comment it answers.
        locked.status = CommentStatus.APPROVED
        locked.moderated_by = actor
        locked.moderated_at = locked.answered_at
        fields += ["status", "moderated_by", "moderated_at"]
    save_attributed(locked, actor=actor, reason=_("Comment answered"), update_fields=fields)
    return locked


@transaction.atomic
def comment_moderate(*, actor: User, comment: NoticeComment, approve: bool) -> NoticeComment:
    """The office approves a held comment (it becomes public) or rejects it (never shown)."""
    locked = (
        NoticeComment.objects.select_for_update(of=("self",))
        .select_related("notice__movement")
        .get(pk=comment.pk)
    )
    if not rules.may_manage_notices(actor, locked.notice.movement):
        raise PermissionDenied
    locked.status = CommentStatus.APPROVED if approve else CommentStatus.REJECTED
    locked.moderated_by = actor
    locked.moderated_at = timezone.now()
    save_attributed(
        locked,
        actor=actor,
        reason=_("Comment approved") if approve else _("Comment rejected"),
        update_fields=["status", "moderated_by", "moderated_at"],
    )
    return locked
