"""The secret ballot against someone holding the database files: its tables, the write-ahead log
(the statements each vote commits), old row versions, backups and the logs. Who voted is
there; how anyone voted is not, and after closing the key that opened the ballots is gone."""

from __future__ import annotations

import json
import logging
import os
import re
import stat

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from nacl.public import PrivateKey, SealedBox

from thidua.core.errors import ApplicationError
from thidua.councils.models import AgendaItem, Ballot, CouncilSession
from thidua.councils.services import sealing

from .conftest import nominate, open_session, plan_session, vote, written

pytestmark = pytest.mark.django_db

WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE)", re.IGNORECASE)
# Literals of a logged statement: quoted text and blobs, numbers.
LITERAL = re.compile(r"(X?'(?:[^']|'')*'(::bytea)?|\b\d+(?:\.\d+)?\b)")


@pytest.fixture
def three(world, movement, award_forms):
    form = award_forms["giay_khen_huyen"]
    return [nominate(world, movement, form, f"Người Được Xét {n}") for n in (1, 2, 3)]


@pytest.fixture
def session(world, board, movement, three) -> CouncilSession:
    session = plan_session(world, board, movement, three)
    return open_session(world, session, board.all[:7])


def _dump() -> dict[str, set[tuple]]:
    """Every row of every table of the database (historical tables included), as read back."""
    tables = connection.introspection.table_names()
    rows: dict[str, set[tuple]] = {}
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            rows[table] = {tuple(_plain(v) for v in row) for row in cursor.fetchall()}
    return rows


def _plain(value):
    """A cell as a hashable value: bytes for a blob, text for JSON (PostgreSQL decodes it)."""
    if isinstance(value, memoryview):
        return bytes(value)
    if isinstance(value, list | dict):
        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    return value


def _writes(queries: CaptureQueriesContext) -> list[str]:
    return [LITERAL.sub("?", q["sql"]) for q in queries.captured_queries if WRITE.match(q["sql"])]


def test_a_vote_commits_the_same_statements_whatever_the_choices(world, board, session, three):
    """What the write-ahead log (or PostgreSQL's old row versions) holds for a vote is the
    receipts and one sealed ballot, with the same statements for a yes and a no: reading the
    log commit by commit says who voted, not how."""
    with CaptureQueriesContext(connection) as yes_voter:
        vote(session, board.chair, dict.fromkeys(three, True))
    with CaptureQueriesContext(connection) as no_voter:
        vote(session, board.member, dict.fromkeys(three, False))
    assert _writes(yes_voter) == _writes(no_voter)
    statements = " ".join(_writes(yes_voter)).lower()
    assert "councils_ballot" in statements and "councils_ballotreceipt" in statements
    assert "yes_count" not in statements and "no_count" not in statements


def test_no_row_of_any_table_nor_a_log_line_links_a_member_to_a_choice(
    world, board, session, three, settings, caplog
):
    """Three members vote three different ways (one through the secretary, in writing). Every
    row of every table is read back, and every log line (SQL included): the only rows the
    votes added are receipts (member, no choice) and sealed ballots (choice, no member, no
    time); no plaintext ballot is anywhere; no tally moved; after closing the tallies are right
    and the key is gone, so the stored ballots can no longer be opened."""
    settings.DEBUG = True  # the SQL goes to the log too
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="django")  # Django's own config stops at INFO
    caplog.set_level(logging.DEBUG, logger="django.db.backends")
    items = [session.items.get(nomination=n).pk for n in three]
    patterns = {
        board.chair: (True, True, False),
        board.member: (True, False, True),
        board.others[-1]: (False, True, True),  # absent: the secretary records it
    }
    plaintexts = [
        sealing.encode(dict(zip(items, choices, strict=True)), items)
        for choices in patterns.values()
    ]
    before = _dump()
    for member, choices in patterns.items():
        by_nomination = dict(zip(three, choices, strict=True))
        if member is board.others[-1]:
            written(world, session, member, by_nomination, actor=board.secretary.user)
        else:
            vote(session, member, by_nomination)
    after = _dump()

    added = {table: after[table] - before.get(table, set()) for table in after}
    removed = {table: before[table] - after.get(table, set()) for table in before}
    assert {table for table, rows in added.items() if rows} == {
        "councils_ballot",
        "councils_ballotreceipt",
    }
    assert not any(removed.values())
    ballot_columns = [
        c.name
        for c in connection.introspection.get_table_description(
            connection.cursor(), "councils_ballot"
        )
    ]
    assert sorted(ballot_columns) == ["id", "sealed", "session_id"]
    assert len(added["councils_ballot"]) == 3
    receipt_columns = [
        c.name
        for c in connection.introspection.get_table_description(
            connection.cursor(), "councils_ballotreceipt"
        )
    ]
    assert sorted(receipt_columns) == [
        "at",
        "id",
        "in_writing",
        "item_id",
        "member_id",
        "recorded_by_id",
    ]
    assert len(added["councils_ballotreceipt"]) == 9

    # No plaintext ballot in any value of any row, nor in any log line.
    values = [v for rows in after.values() for row in rows for v in row]
    for plain in plaintexts:
        assert not any(
            (isinstance(v, bytes) and plain in v) or (isinstance(v, str) and plain.decode() in v)
            for v in values
        )
    log = "\n".join(record.getMessage() for record in caplog.records)
    assert "councils_ballot" in log  # the SQL was logged...
    for plain in plaintexts:
        assert plain.decode() not in log and repr(plain) not in log  # ...and no choice
    logged_writes = [line for line in log.splitlines() if re.search(r"\) (INSERT|UPDATE)", line)]
    assert logged_writes and not any("yes_count" in line for line in logged_writes)
    assert set(AgendaItem.objects.filter(session=session).values_list("yes_count", "no_count")) == {
        (0, 0)
    }

    # While voting is open the key file opens the ballots (and only the key file does).
    session.refresh_from_db()
    key_files = list(sealing.key_dir().iterdir())
    assert len(key_files) == 1
    key_bytes = key_files[0].read_bytes()
    assert not any(isinstance(v, bytes) and key_bytes in v for v in values)
    assert stat.S_IMODE(os.stat(key_files[0]).st_mode) == 0o600
    sealed = [row[ballot_columns.index("sealed")] for row in added["councils_ballot"]]
    opened = sealing.open_all(session.pk, session.ballot_public_key, sealed)
    assert sorted(map(tuple, (o.values() for o in opened))) == sorted(patterns.values())

    # Closing (4 present have not voted: closed early, with the reason) counts and destroys.
    from thidua.councils import services

    with pytest.raises(ApplicationError):
        services.session_close(actor=world.home_affairs, session=session)
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        services.session_close(
            actor=world.home_affairs, session=session, early_reason="Bốn thành viên rời họp."
        )
    tallies = [
        AgendaItem.objects.filter(pk=pk).values_list("yes_count", "no_count").get() for pk in items
    ]
    assert tallies == [(2, 1), (2, 1), (2, 1)]
    assert not any(sealing.key_dir().iterdir())
    with pytest.raises(ApplicationError, match="Không tìm thấy khóa"):
        sealing.open_all(session.pk, session.ballot_public_key, sealed)
    # Nor does any other key open them.
    stranger = SealedBox(PrivateKey.generate())
    with pytest.raises(Exception):  # noqa: B017 — nacl.exceptions.CryptoError
        stranger.decrypt(sealed[0])
    assert Ballot.objects.filter(session=session).count() == 3  # kept, unreadable


def test_a_missing_key_stops_the_count_and_changes_nothing(world, board, session, three):
    for member in board.all[:7]:
        vote(session, member, dict.fromkeys(three, True))
    for path in sealing.key_dir().iterdir():
        path.unlink()
    with pytest.raises(ApplicationError) as error:
        from thidua.councils import services

        services.session_close(actor=world.home_affairs, session=session)
    assert "Không tìm thấy khóa" in error.value.message
    session.refresh_from_db()
    assert session.status == "voting"


def test_the_key_survives_a_restart_because_it_is_a_file(
    world, board, session, three, settings, tmp_path
):
    """Opening the vote writes the private key to BALLOT_KEY_DIR; nothing of it stays in
    memory, so a new process (here: the file read back) counts the ballots."""
    session.refresh_from_db()
    path = next(sealing.key_dir().iterdir())
    assert path.name.startswith(f"session-{session.pk}-{session.ballot_public_key[:16]}")
    private = PrivateKey(path.read_bytes())
    assert bytes(private.public_key).hex() == session.ballot_public_key
    # A configured folder is used as it is.
    settings.BALLOT_KEY_DIR = str(tmp_path / "keys")
    assert sealing.key_dir() == tmp_path / "keys"
