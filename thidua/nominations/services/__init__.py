"""Writes for nomination dossiers and the public notice, one module per topic:

* ``dossiers`` — proposing a candidate, editing the dossier and its files;
* ``transitions`` — sending, accepting, returning and withdrawing a dossier;
* ``notice`` — the public notice and the comments it receives.

Every status change goes through ``workflow.nomination_transition`` (trail and history in the
same transaction). The public names are re-exported here so callers write
``services.nomination_create`` whichever module holds it.
"""

from .dossiers import (
    DossierData,
    award_forms_for,
    check_document,
    check_evidence,
    duplicate_message,
    live_nomination,
    missing_parts,
    nomination_add_files,
    nomination_create,
    nomination_file_delete,
    nomination_update,
    recipient_error,
)
from .notice import (
    COMMENT_MAX_CHARS,
    MAX_WORKING_DAYS,
    NAME_MAX_CHARS,
    CommentData,
    NoticeData,
    comment_answer,
    comment_errors,
    comment_moderate,
    comment_post,
    comment_rate_error,
    default_title,
    notice_create,
    notice_publish,
    notice_update,
    selectable_for_notice,
)
from .transitions import (
    nomination_accept,
    nomination_return,
    nomination_submit,
    nomination_withdraw,
)

__all__ = [
    "default_title",
    "COMMENT_MAX_CHARS",
    "MAX_WORKING_DAYS",
    "NAME_MAX_CHARS",
    "CommentData",
    "DossierData",
    "NoticeData",
    "award_forms_for",
    "check_document",
    "check_evidence",
    "comment_answer",
    "comment_moderate",
    "comment_rate_error",
    "comment_errors",
    "comment_post",
    "duplicate_message",
    "live_nomination",
    "missing_parts",
    "nomination_accept",
    "nomination_add_files",
    "nomination_create",
    "nomination_file_delete",
    "nomination_return",
    "nomination_submit",
    "nomination_update",
    "nomination_withdraw",
    "notice_create",
    "notice_publish",
    "notice_update",
    "recipient_error",
    "selectable_for_notice",
]
