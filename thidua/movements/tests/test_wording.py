"""A movement named in running text: "Phong trào thi đua …", never "phát động phong trào"
after "trong", never "phong trào “Phong trào …”"."""

import pytest

from thidua.movements.wording import movement_name


@pytest.mark.parametrize(
    "title,name",
    [
        ("Phát động phong trào thi đua X.", "Phong trào thi đua X"),
        ("Kế hoạch phát động Phong trào thi đua X", "Phong trào thi đua X"),
        (
            "Phong trào thi đua “Cả nước chung tay vì người nghèo”",
            "Phong trào thi đua “Cả nước chung tay vì người nghèo”",
        ),
        ("“Phong trào thi đua “Vì người nghèo””", "Phong trào thi đua “Vì người nghèo”"),
        ("Thi đua đặc biệt chào mừng Đại hội", "Phong trào thi đua đặc biệt chào mừng Đại hội"),
        ("Xây dựng nông thôn mới", "Phong trào thi đua “Xây dựng nông thôn mới”"),
    ],
)
def test_movement_name(title, name):
    assert movement_name(title) == name
    assert movement_name(title).count("“") <= 1 or "“" in title
