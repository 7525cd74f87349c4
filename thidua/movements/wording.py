"""How running text names a movement: "Phong trào thi đua …", quoted at most once.

A movement's title is typed as its plan heads it: "Phát động phong trào thi đua …",
"Phong trào thi đua “Cả nước chung tay vì người nghèo”", or only the theme ("Xây dựng nông
thôn mới"). Documents, reminders and e-mails put it after a verb ("đã có thành tích xuất sắc
trong …", "hưởng ứng …"), so the launching verb goes and the words "phong trào" are never
doubled nor the title quoted inside its own quotes.
"""

from __future__ import annotations

from thidua.core.text import nfc

_LAUNCHING_VERBS = ("kế hoạch phát động ", "kế hoạch tổ chức ", "phát động ", "tổ chức ")
_QUOTES = (("“", "”"), ("«", "»"), ('"', '"'))
MOVEMENT = "Phong trào"
EMULATION = "thi đua"


def _unquoted(text: str) -> str:
    for opening, closing in _QUOTES:
        if len(text) > 1 and text.startswith(opening) and text.endswith(closing):
            return text[1:-1].strip()
    return text


def movement_name(title: str) -> str:
    """ "Phát động phong trào thi đua X." → "Phong trào thi đua X"; "Thi đua X" → "Phong
    trào thi đua X"; a bare theme "X" → "Phong trào thi đua “X”"."""
    text = _unquoted(nfc(title).rstrip("."))
    for verb in _LAUNCHING_VERBS:
        if text.lower().startswith(verb):
            text = _unquoted(text[len(verb) :].strip())
            break
    lowered = text.lower()
    if lowered.startswith(MOVEMENT.lower()):
        return MOVEMENT + text[len(MOVEMENT) :]
    if lowered.startswith(EMULATION + " "):
        return f"{MOVEMENT} {EMULATION}{text[len(EMULATION) :]}"
    return f"{MOVEMENT} {EMULATION} “{text}”"
