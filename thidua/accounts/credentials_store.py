"""The initial passwords of an account import, kept outside the database until their one showing
and one download: a file in a private temporary folder named by a random token (the session only
holds the token). A file is deleted when it is read, or after an hour unread."""

import json
import secrets
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

from django.conf import settings

from thidua.accounts.imports import Credential

LIFETIME_SECONDS = 60 * 60


def _folder() -> Path:
    default = Path(tempfile.gettempdir()) / "thidua-credentials"
    folder = Path(getattr(settings, "THIDUA_CREDENTIALS_DIR", default))
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def _purge_old(folder: Path) -> None:
    limit = time.time() - LIFETIME_SECONDS
    for path in folder.iterdir():
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
        except FileNotFoundError:  # another worker removed it first
            pass


def put(data: bytes) -> str:
    """Keep ``data`` for one read; returns the token that reads it."""
    folder = _folder()
    _purge_old(folder)
    token = secrets.token_urlsafe(32)
    path = folder / token
    path.touch(mode=0o600)
    path.write_bytes(data)
    return token


def take(token: str | None) -> bytes | None:
    """The data once, then gone; ``None`` if unknown, already read, or older than an hour."""
    if not token or not token.replace("-", "").replace("_", "").isalnum():
        return None
    folder = _folder()
    _purge_old(folder)
    path = folder / token
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    path.unlink(missing_ok=True)
    return data


def put_credentials(credentials: list[Credential]) -> str:
    return put(json.dumps([asdict(c) for c in credentials]).encode())


def take_credentials(token: str | None) -> list[Credential] | None:
    data = take(token)
    return None if data is None else [Credential(**item) for item in json.loads(data)]
