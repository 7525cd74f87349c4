"""Telling an account's owner about a change to their roles or password (after the commit, so a
rolled-back change sends nothing)."""

from django.db import transaction

from thidua.accounts.models import User
from thidua.core import mail

TOPIC = "accounts.security"


def notify_owner(*, actor: User, user: User, subject: str, body: str) -> None:
    if not user.email:
        return
    message = mail.Message(recipient=user.email, subject=subject, body=body, related=user)
    transaction.on_commit(lambda: mail.send(actor=actor, topic=TOPIC, messages=[message]))
