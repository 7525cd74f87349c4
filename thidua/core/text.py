"""Vietnamese text helpers: NFC normalisation, accent folding for search, and a sort key.

Both databases must order and search Vietnamese the same way, so we store derived columns
instead of relying on each database's collation.
"""

import re
import unicodedata

# Letter order of the Vietnamese alphabet; tone marks only break ties.
_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_BASE_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn: part of the letter
# Ends the letters part; lower than a space, so "Thôn Nà" sorts before "Thôn Nà Khà".
_END = "\x01"
_DIGITS = re.compile(r"[0-9]+")
_NUMBER_WIDTH = 6


def nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value or "").strip()


# The flag demo data carries in names ("Lò Thị Hoa (mẫu)", "… (dữ liệu mẫu)"): shown on
# pages so nobody mistakes it for real data, never printed on a document or a file name.
_SAMPLE_FLAG = re.compile(r"\s*[(\[]\s*(?:dữ liệu mẫu|du lieu mau|mẫu|mau)\s*[)\]]", re.IGNORECASE)


def without_sample_flag(value: str) -> str:
    """ "Nhà văn hóa Thôn 2 (mẫu)" → "Nhà văn hóa Thôn 2": for official documents and files."""
    return _SAMPLE_FLAG.sub("", unicodedata.normalize("NFC", value or ""))


def fold(value: str) -> str:
    """Lower case without marks, đ→d: "Tà Si Láng" → "ta si lang"."""
    decomposed = unicodedata.normalize("NFD", (value or "").lower())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.replace("đ", "d").split())


def sort_key(value: str) -> str:
    """A string whose byte order is Vietnamese dictionary order (letters first, tones second).

    Numbers compare by value ("Thôn 2" before "Thôn 10"): each run of digits is zero-padded.
    """
    letters: list[str] = []
    tones: list[str] = []
    text = _DIGITS.sub(lambda m: m.group().lstrip("0").rjust(_NUMBER_WIDTH, "0"), nfc(value))
    for char in text.lower():
        decomposed = unicodedata.normalize("NFD", char)
        base = decomposed[0]
        marks = decomposed[1:]
        letter = unicodedata.normalize("NFC", base + "".join(m for m in marks if m in _BASE_MARKS))
        tone = next((_TONES[m] for m in marks if m in _TONES), 0)
        index = _ALPHABET.find(letter)
        letters.append(chr(0x100 + index) if index >= 0 else letter)
        tones.append(str(tone))
    return "".join(letters) + _END + "".join(tones)
