"""Cell parsers for .xlsx imports: each turns one raw cell into a value or raises
:class:`CellError` with a message for the person who filled the sheet in."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core.text import fold, nfc

_DATE_PATTERNS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d")

Parser = Callable[[Any], Any]


class CellError(ValueError):
    """A parser refused a cell; ``code`` lets tests and callers tell the reasons apart."""

    def __init__(self, message: str, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value: Any) -> str:
    """A cell as clean text: NFC, single spaces, whole numbers without ".0"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return " ".join(nfc(str(value)).split())


# A cell quoted in a message is cut to this many characters (a cell may hold 32,767).
SHOWN_LENGTH = 60


def shown(value: Any) -> str:
    """A cell as quoted in an error message: its text, cut short."""
    result = cell_text(value)
    return result if len(result) <= SHOWN_LENGTH else result[: SHOWN_LENGTH - 1] + "…"


def text(max_length: int, validators: Sequence[Callable[[str], None]] = ()) -> Parser:
    def parse(value: Any) -> str:
        result = cell_text(value)
        if len(result) > max_length:
            raise CellError(
                _("At most %(max)s characters (this one has %(length)s).")
                % {"max": max_length, "length": len(result)},
                "too_long",
            )
        for validator in validators:
            try:
                validator(result)
            except ValidationError as error:
                raise CellError(" ".join(error.messages), "invalid")
        return result

    return parse


def email(value: Any) -> str:
    result = text(254)(value)
    try:
        validate_email(result)
    except ValidationError:
        raise CellError(_("Enter a valid e-mail address."), "invalid_email")
    return result


def date_value(value: Any) -> date:
    """A real Excel date, or text written as dd/mm/yyyy."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        raw = value.strip()
        for pattern in _DATE_PATTERNS:
            try:
                return datetime.strptime(raw, pattern).date()
            except ValueError:
                continue
    raise CellError(
        _("«%(value)s» is not a date; write it as dd/mm/yyyy.") % {"value": shown(value)},
        "bad_date",
    )


def each_language(func: Callable[[], str]) -> set[str]:
    """The value of ``func`` under every configured language and the untranslated msgids."""
    values = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            values.add(func())
    with translation.override(None):
        values.add(func())
    return values


def match_key(value: Any) -> str:
    """Comparison key for headers and labels: accents, case, spaces and a trailing * ignored."""
    return fold(cell_text(value).rstrip("* ").strip())


def choice(choices: type[models.TextChoices]) -> Parser:
    """A label in any language, or the stored code value."""

    @functools.cache  # labels in every language: the same for the life of the process
    def lookup() -> dict[str, str]:
        table: dict[str, str] = {}
        for value, label in choices.choices:
            table[match_key(value)] = value
            for text_ in each_language(functools.partial(str, label)):
                table.setdefault(match_key(text_), value)
        return table

    def parse(value: Any) -> str:
        found = lookup().get(match_key(value))
        if found is None:
            raise CellError(
                _("«%(value)s» is not one of: %(choices)s.")
                % {"value": shown(value), "choices": ", ".join(choice_labels(choices)())},
                "unknown_choice",
            )
        return found

    return parse


def choice_labels(choices: type[models.TextChoices]) -> Callable[[], list[str]]:
    return lambda: [str(label) for label in choices.labels]


YES = gettext_lazy("yes")
NO = gettext_lazy("no")
# Besides the translated yes/no: what people actually type in Vietnamese and English sheets.
_TRUE = {"1", "x", "true", "yes", "co", "c", "y"}
_FALSE = {"0", "false", "no", "khong", "k", "n"}


@functools.cache
def _yes_no() -> tuple[set[str], set[str]]:
    yes = _TRUE | {match_key(t) for t in each_language(lambda: str(YES))}
    no = _FALSE | {match_key(t) for t in each_language(lambda: str(NO))}
    return yes, no


def boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    key = match_key(value)
    yes, no = _yes_no()
    if key in yes:
        return True
    if key in no:
        return False
    raise CellError(_("Write «%(yes)s» or «%(no)s».") % {"yes": YES, "no": NO}, "bad_boolean")


def boolean_labels() -> list[str]:
    return [str(YES), str(NO)]
