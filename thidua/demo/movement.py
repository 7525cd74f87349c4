"""The seed plan (Trạm Tấu district's special emulation movement, 10/2024-12/2025) as data.

Text follows the source plan with its slips corrected: "Trầm Bái"/"Trạm Tàu" → Trạm Tấu,
"Đề động viên" → "Để động viên", "Ủy ban nhân huyện" → "Ủy ban nhân dân huyện", and the
movement listed twice in II.5.b appears once. The source lacks its own number and date, so
the document number is left blank rather than invented.
"""

from datetime import date, timedelta

from django.utils import timezone

TITLE = (
    "Phát động phong trào thi đua đặc biệt lập thành tích chào mừng Đại hội chi bộ, đảng bộ các "
    "cấp tiến tới Đại hội Đảng bộ huyện lần thứ XVII, Đại hội Đảng bộ tỉnh Yên Bái lần thứ XX và "
    "Đại hội đại biểu toàn quốc lần thứ XIV của Đảng"
)

FIELDS = {
    "title": TITLE,
    "signer_name": "Vũ Lê Chung Anh",
    "signer_title": "Chủ tịch",
    "legal_basis_number": "188/KH-UBND",
    "legal_basis_date": date(2024, 8, 30),
    "legal_basis_issuer": "Ủy ban nhân dân tỉnh Yên Bái",
    "legal_basis_summary": (
        "Kế hoạch phát động phong trào thi đua đặc biệt lập thành tích chào mừng Đại hội Đảng bộ "
        "các cấp, Đại hội Đảng bộ tỉnh Yên Bái lần thứ XX, tiến tới Đại hội đại biểu toàn quốc "
        "lần thứ XIV của Đảng."
    ),
    "purposes": (
        "Để động viên, khích lệ cán bộ, công chức, viên chức, người lao động, lực lượng vũ trang "
        "và Nhân dân trên địa bàn huyện tiếp tục phát huy truyền thống thi đua yêu nước, tinh thần "
        "đoàn kết, phấn đấu hoàn thành các mục tiêu phát triển kinh tế - xã hội của huyện.\n"
        "- Huy động sức mạnh tổng hợp của cả hệ thống chính trị và Nhân dân trên địa bàn huyện, "
        "cùng chung sức thực hiện thắng lợi các chỉ tiêu, nhiệm vụ phát triển kinh tế - xã hội, "
        "đảm bảo quốc phòng - an ninh, an sinh xã hội; góp phần hoàn thành toàn diện các mục "
        "tiêu, chỉ tiêu Nghị quyết Đại hội Đảng bộ huyện lần thứ XVI, Nghị quyết Đại hội Đảng bộ "
        "tỉnh lần thứ XIX và Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng.\n"
        "- Phát hiện, biểu dương khen thưởng kịp thời các tập thể, cá nhân có thành tích tiêu biểu "
        "xuất sắc trong phong trào thi đua; nhân rộng và làm cho phong trào thi đua trở nên thiết "
        "thực, hiệu quả.\n"
        "- Triển khai hiệu quả các phong trào thi đua, các cuộc vận động trên tất cả các lĩnh vực "
        "của đời sống xã hội, phấn đấu thực hiện thắng lợi các mục tiêu, chỉ tiêu nhiệm vụ năm "
        "2024, năm 2025 và cả nhiệm kỳ 2020-2025."
    ),
    "requirements": (
        "- Phong trào thi đua được triển khai sâu rộng, chất lượng, hiệu quả ở các cấp, các ngành, "
        "gắn với các nội dung cụ thể, phù hợp với tình hình thực tế của các cơ quan, đơn vị, địa "
        "phương; thu hút đông đảo cán bộ, công chức, viên chức, người lao động, các tầng lớp Nhân "
        "dân và cộng đồng doanh nghiệp hưởng ứng tham gia.\n"
        "- Các cơ quan, đơn vị, các ban, ngành, đoàn thể huyện, Ủy ban nhân dân các xã, thị trấn, "
        "các cơ quan, đơn vị ngành dọc, các công ty, doanh nghiệp trên địa bàn huyện căn cứ tình "
        "hình thực tiễn để triển khai, cụ thể hóa nội dung Phong trào thi đua đặc biệt, đăng ký "
        "thực hiện các công trình, phần việc có ý nghĩa thiết thực, hiệu quả.\n"
        "- Công tác khen thưởng đảm bảo kịp thời, dân chủ, chính xác, công khai, minh bạch, đúng "
        "đối tượng, đúng thành tích."
    ),
    "theme": (
        "“Đảng bộ, chính quyền và Nhân dân các dân tộc huyện Trạm Tấu ra sức thi đua, quyết tâm "
        "phấn đấu hoàn thành và hoàn thành vượt mức các mục tiêu nhiệm vụ được giao theo Nghị "
        "quyết Đại hội Đảng các cấp nhiệm kỳ 2020 - 2025, chào mừng Đại hội chi bộ, đảng bộ các "
        "cấp trong Đảng bộ huyện Trạm Tấu, tiến tới Đại hội đại biểu tỉnh lần thứ XX và Đại hội "
        "đại biểu toàn quốc lần thứ XIV của Đảng nhiệm kỳ 2025-2030 gắn với kỷ niệm các ngày lễ "
        "lớn trong năm 2025”."
    ),
    "goal": (
        "Tạo không khí thi đua sôi nổi, rộng khắp ở tất cả các cấp, các ngành, các tầng lớp nhân "
        "dân, huy động sức mạnh tổng hợp, hoàn thành thắng lợi các mục tiêu, chỉ tiêu phát triển "
        "kinh tế - xã hội năm 2024, góp phần thực hiện hoàn thành và hoàn thành vượt mức các chỉ "
        "tiêu Nghị quyết Đại hội Đảng bộ huyện lần thứ XVI, nhiệm kỳ 2020 - 2025."
    ),
    "slogan": (
        "Nhân dân và cán bộ huyện Trạm Tấu thi đua lập thành tích chào mừng Đại hội chi bộ, đảng "
        "bộ các cấp trong Đảng bộ huyện Trạm Tấu tiến tới Đại hội đại biểu Đảng bộ tỉnh Yên Bái "
        "lần thứ XX và Đại hội đại biểu toàn quốc lần thứ XIV của Đảng."
    ),
    "collective_kinds": [
        "agency",
        "mass_organisation",
        "commune",
        "town",
        "village",
        "residential_group",
        "vertical_agency",
        "enterprise",
        "cooperative",
    ],
    "individual_kinds": [
        "cadre",
        "party_member",
        "civil_servant",
        "public_employee",
        "armed_forces",
        "worker",
        "citizen",
        "village_worker",
        "household",
    ],
    "start_date": date(2024, 10, 1),
    "end_date": date(2025, 12, 31),
    "registration_deadline": date(2024, 10, 25),
    "default_work_minimum": 1,
    "flagship_count": 2,
    "flagship_due": date(2025, 6, 30),
    "funding_source": (
        "Ngân sách nhà nước theo quy định của Luật Ngân sách nhà nước và các văn bản hướng dẫn "
        "thi hành Luật."
    ),
    "distribution_list": "\n".join(
        [
            "- Sở Nội vụ;",
            "- Thường trực Huyện ủy;",
            "- Thường trực HĐND huyện;",
            "- Chủ tịch, PCT UBND huyện;",
            "- Các cơ quan, ban, ngành, LLVT huyện;",
            "- Ủy ban MTTQ và các đoàn thể huyện;",
            "- UBND các xã, thị trấn;",
            "- Các doanh nghiệp, HTX;",
            "- Các thành viên HĐTĐKT huyện;",
            "- Trang thông tin điện tử huyện;",
            "- Lưu: VT, PNV.",
        ]
    ),
}

WORK_MINIMUMS = {"commune": 2, "town": 2}

CONTENT_AREAS: list[tuple[str, str, str]] = [
    (
        "a",
        "Tiếp tục tuyên truyền, quán triệt sâu sắc chủ trương, đường lối của Đảng, chính sách, "
        "pháp luật của Nhà nước, tư tưởng của Chủ tịch Hồ Chí Minh về thi đua yêu nước, trọng tâm "
        "là Chỉ thị số 34-CT/TW ngày 07/4/2014 của Bộ Chính trị; Chỉ thị số 19/CT-TTg ngày "
        "16/7/2021 của Thủ tướng Chính phủ; Chỉ thị số 05/CT-TU ngày 23/3/2021 của Tỉnh ủy; Chỉ "
        "thị số 11/CT-UBND ngày 21/5/2021 của Ủy ban nhân dân tỉnh; nâng cao nhận thức về vị trí, "
        "vai trò của công tác thi đua - khen thưởng.",
        "",
    ),
    (
        "b",
        "Tiếp tục triển khai có hiệu quả các phong trào thi đua do Thủ tướng Chính phủ, Ủy ban "
        "nhân dân tỉnh phát động gắn với việc “Học tập và làm theo tư tưởng, đạo đức, phong cách "
        "Hồ Chí Minh”, trọng tâm là: “Cả nước chung sức xây dựng Nông thôn mới”; “Chung tay vì "
        "người nghèo - Không để ai bị bỏ lại phía sau”; “Cả nước thi đua xây dựng xã hội học tập, "
        "đẩy mạnh học tập suốt đời giai đoạn 2023-2030”; “Đẩy mạnh phát triển kết cấu hạ tầng đồng "
        "bộ, hiện đại; thực hành tiết kiệm, chống lãng phí”; “Cán bộ, công chức, viên chức thi đua "
        "thực hiện văn hóa công sở”; “Xóa nhà tạm, nhà dột nát”; “Đẩy mạnh công tác cải cách hành "
        "chính Nhà nước”; “Chuyển đổi số”; “Nông dân thi đua sản xuất kinh doanh giỏi”; “Lao động "
        "giỏi, lao động sáng tạo”; “Xây dựng con người Yên Bái thân thiện, nhân ái, đoàn kết, sáng "
        "tạo, hội nhập” giai đoạn 2021-2025.",
        "",
    ),
    (
        "c",
        "Các cơ quan, đơn vị, địa phương lựa chọn, đăng ký và triển khai thực hiện một số công "
        "trình, phần việc cụ thể, thiết thực chào mừng Đại hội Đảng các cấp, khánh thành trước "
        "thềm đại hội của đảng bộ, chi bộ cùng cấp.",
        "Xã, thị trấn đăng ký ít nhất 02 công trình, phần việc; đơn vị khác ít nhất 01",
    ),
    (
        "d",
        "Các cấp, các ngành từ huyện đến cơ sở và các tầng lớp Nhân dân chung sức, đồng lòng, thi "
        "đua hoàn thành và hoàn thành vượt mức các chỉ tiêu chủ yếu đến năm 2025, trọng tâm là "
        "những đột phá và các chương trình trọng điểm trong Nghị quyết Đại hội đại biểu Đảng bộ "
        "huyện Trạm Tấu lần thứ XVI, nhiệm kỳ 2020 - 2025.",
        "",
    ),
    (
        "e",
        "Tích cực thi đua xây dựng Đảng và hệ thống chính trị trong sạch, vững mạnh; siết chặt kỷ "
        "cương tài chính, ngân sách; phát triển giáo dục, đào tạo nghề, y tế, an sinh xã hội, "
        "giảm nghèo bền vững; bảo tồn bản sắc văn hóa gắn với phát triển du lịch, xây dựng Trạm "
        "Tấu trở thành huyện du lịch - điểm đến “Đậm đà bản sắc, con người thân thiện”.",
        "",
    ),
    (
        "g",
        "Thi đua thực hiện tốt nhiệm vụ quốc phòng - an ninh; đẩy mạnh phong trào Thi đua Quyết "
        "thắng, phong trào “Toàn dân bảo vệ an ninh Tổ quốc”; phòng ngừa, đấu tranh với các loại "
        "tội phạm, tệ nạn xã hội.",
        "",
    ),
    (
        "h",
        "Thực hành tiết kiệm, chống lãng phí; phòng, chống tham nhũng; đẩy mạnh cải cách hành "
        "chính, thực hiện “Ngày cuối tuần cùng chính quyền cơ sở”, tăng cường sử dụng dịch vụ công "
        "trực tuyến toàn trình và một phần.",
        "Chỉ số PAR Index và SIPAS của huyện Trạm Tấu cao hơn ít nhất 1 bậc so với năm 2023",
    ),
    (
        "i",
        "Thi đua chuẩn bị tốt các điều kiện và tổ chức thành công Đại hội Đảng bộ các cấp, đặc "
        "biệt là Đại hội Đảng bộ huyện lần thứ XVII, nhiệm kỳ 2025-2030, tiến tới Đại hội Đảng bộ "
        "tỉnh Yên Bái lần thứ XX và Đại hội đại biểu toàn quốc lần thứ XIV của Đảng theo tinh thần "
        "Chỉ thị số 35-CT/TW ngày 14/6/2024 của Bộ Chính trị.",
        "",
    ),
]


def nomination_deadline() -> date:
    """The story's period is over when the demo is loaded, yet its dossiers are still made:
    as a standing body would, the demo keeps the nomination window open a while longer."""
    return max(date(2026, 1, 31), timezone.localdate() + timedelta(days=90))
