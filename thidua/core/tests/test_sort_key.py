"""Vietnamese ordering: numbers by value, shorter names first, letters before tones."""

from thidua.core.text import sort_key


def test_numbers_sort_by_value():
    names = ["Thôn 10", "Thôn 2", "Thôn 1", "Thôn 21"]
    assert sorted(names, key=sort_key) == ["Thôn 1", "Thôn 2", "Thôn 10", "Thôn 21"]


def test_shorter_name_before_longer_with_same_start():
    names = ["Thôn Nà Khà", "Thôn Nà", "Thôn Na", "Thôn Nà Lang"]
    assert sorted(names, key=sort_key) == ["Thôn Na", "Thôn Nà", "Thôn Nà Khà", "Thôn Nà Lang"]


def test_letters_before_tones():
    assert sorted(["Bản Đông", "Bản Dào"], key=sort_key)[0] == "Bản Dào"
    assert sorted(["à", "a", "á"], key=sort_key) == ["a", "à", "á"]
