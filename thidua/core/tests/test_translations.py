"""The Vietnamese catalogue is complete and used: the UI must never fall back to English."""

import re
from pathlib import Path

from django.conf import settings
from django.utils import translation

PO = Path(settings.BASE_DIR) / "locale" / "vi" / "LC_MESSAGES" / "django.po"


def _entries(text: str):
    for block in text.split("\n\n"):
        lines = [line for line in block.strip().splitlines() if not line.startswith("#")]
        if not lines or lines[0] == 'msgid ""' and lines[1:2] == ['msgstr ""']:
            continue  # the header
        yield block, lines


def test_every_entry_is_translated_and_none_is_fuzzy():
    text = PO.read_text(encoding="utf-8")
    problems = []
    for block, lines in _entries(text):
        if "#, fuzzy" in block:
            problems.append(block)
        strings = [line for line in lines if re.match(r'^msgstr(\[\d\])? "', line)]
        for index, line in enumerate(lines):
            if line in strings and line.endswith('""'):
                continued = index + 1 < len(lines) and lines[index + 1].startswith('"')
                if not continued:
                    problems.append(block)
    assert not problems, "\n\n".join(problems[:5])


def test_ui_strings_come_out_in_vietnamese():
    with translation.override("vi"):
        assert translation.gettext("Log in") == "Đăng nhập"
        assert translation.gettext("The end date must be after the start date.") == (
            "Ngày kết thúc phải sau ngày bắt đầu."
        )
        assert translation.gettext("Unit directory") != "Unit directory"
