"""The session's ballot key: ballots are sealed with its public half, opened with its private
half when the session closes, and the private half is destroyed after the count.

The public key is stored on the session (``CouncilSession.ballot_public_key``). The private key
is never in the database: it is a file ``session-<pk>-<key prefix>.key`` (mode 600) in
``settings.BALLOT_KEY_DIR`` (blank: ``ballot-keys`` beside ``MEDIA_ROOT``), so it survives a
restart of the server while voting is open. Closing overwrites and deletes it once the count is
committed. A ballot is a libsodium sealed box (X25519 + XSalsa20-Poly1305, PyNaCl): anyone
with the public key can seal, only the private key opens.

Every plaintext has the same length for a given agenda (one ``0`` or ``1`` per item), so the
size of a sealed ballot says nothing about its choices.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from nacl.exceptions import CryptoError
from nacl.public import PrivateKey, PublicKey, SealedBox

from thidua.core.errors import ApplicationError


def key_dir() -> Path:
    configured = getattr(settings, "BALLOT_KEY_DIR", "")
    return Path(configured) if configured else Path(settings.MEDIA_ROOT).parent / "ballot-keys"


def _key_path(session_pk: int, public_hex: str) -> Path:
    # The public key's prefix in the name: a stale file of another database's session with the
    # same number is never taken for this one.
    return key_dir() / f"session-{session_pk}-{public_hex[:16]}.key"


def new_session_key(session_pk: int) -> str:
    """A fresh key pair: the private key written to its file, the public key returned (hex)."""
    private = PrivateKey.generate()
    public_hex = bytes(private.public_key).hex()
    folder = key_dir()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = _key_path(session_pk, public_hex)
    temporary = path.with_suffix(".tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(descriptor, bytes(private))
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
    os.replace(temporary, path)
    return public_hex


def encode(votes: Mapping[int, bool], item_ids: Iterable[int]) -> bytes:
    """``item:0|1`` per item in item order: the same length whatever the choices."""
    return ",".join(f"{pk}:{1 if votes[pk] else 0}" for pk in sorted(item_ids)).encode()


def decode(plain: bytes) -> dict[int, bool]:
    pairs = (part.split(":") for part in plain.decode().split(","))
    return {int(pk): choice == "1" for pk, choice in pairs}


def seal(public_hex: str, plain: bytes) -> bytes:
    return SealedBox(PublicKey(bytes.fromhex(public_hex))).encrypt(plain)


def _private_key(session_pk: int, public_hex: str) -> PrivateKey:
    path = _key_path(session_pk, public_hex)
    try:
        private = PrivateKey(path.read_bytes())
    except (OSError, ValueError):
        raise ApplicationError(
            _(
                "The key that opens this session's ballots is missing (%(path)s): the ballots "
                "cannot be counted."
            )
            % {"path": path}
        ) from None
    if bytes(private.public_key).hex() != public_hex:
        raise ApplicationError(
            _("The ballot key file %(path)s does not belong to this session.") % {"path": path}
        )
    return private


def open_all(session_pk: int, public_hex: str, sealed: Iterable[bytes]) -> list[dict[int, bool]]:
    """Every ballot's choices, for the count (a ballot that does not open is an error)."""
    box = SealedBox(_private_key(session_pk, public_hex))
    try:
        return [decode(box.decrypt(bytes(ballot))) for ballot in sealed]
    except CryptoError:
        raise ApplicationError(
            _("A sealed ballot of this session does not open with its key.")
        ) from None


def destroy_key(session_pk: int, public_hex: str) -> None:
    """Overwrite and delete the private key (best effort against what the disk keeps)."""
    path = _key_path(session_pk, public_hex)
    try:
        size = path.stat().st_size
        with open(path, "r+b") as handle:
            handle.write(b"\0" * size)
            handle.flush()
            os.fsync(handle.fileno())
        path.unlink()
    except FileNotFoundError:
        return


def key_exists(session_pk: int, public_hex: str) -> bool:
    return bool(public_hex) and _key_path(session_pk, public_hex).exists()
