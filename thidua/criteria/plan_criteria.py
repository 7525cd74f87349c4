"""The award criteria of the seed plan (section II.7), one template set per candidate type.

Wording is the plan's own (seed/000_807c251701cf063e.txt, mục II.7); a bullet that joins
several checks is split into one criterion per check. A criterion is computed where the
recorded facts can decide it (ratings, cultural village recognitions, targets, initiatives,
contributions, violations and complaints, the works register, the unit's own plan) and
attested otherwise. ``load_criterion_sets`` stores these as the templates a movement copies.

The general requirement of II.7 ("gương mẫu chấp hành tốt chủ trương của Đảng, chính sách
pháp luật của Nhà nước") opens the collective and cadre sets as a computed check on recorded
violations; the village worker and household sets carry the plan's own "không vi phạm" bullet.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from thidua.criteria.models import (
    CandidateType,
    FactKind,
    RatingLevel,
    RuleKey,
    TargetOutcome,
)

SOURCE = "Kế hoạch Phong trào thi đua đặc biệt của UBND huyện Trạm Tấu, mục II.7"

# The plan's term of office and the movement's period.
TERM = {"from_year": 2020, "to_year": 2025}
MOVEMENT_YEARS = {"from_year": 2024, "to_year": 2025}


@dataclass(frozen=True)
class CriterionData:
    code: str
    text: str
    rule: str = ""
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        return "computed" if self.rule else "attested"


@dataclass(frozen=True)
class SetData:
    candidate_type: str
    name: str
    source: str
    criteria: tuple[CriterionData, ...]


LAW_ABIDING = CriterionData(
    "7",
    "Gương mẫu chấp hành tốt chủ trương của Đảng, chính sách pháp luật của Nhà nước.",
    RuleKey.NO_VIOLATIONS,
    {**TERM, "kinds": [FactKind.VIOLATION]},
)

RATED_WELL = CriterionData(
    "7.1.a-2",
    "Từ năm 2020 đến năm 2025, tập thể cơ quan, đơn vị liên tục được đánh giá, xếp loại từ "
    "hoàn thành tốt nhiệm vụ trở lên.",
    RuleKey.RATINGS,
    {**TERM, "min_level": RatingLevel.GOOD, "excellent_at_least": 0},
)


def _collective_a(first: CriterionData) -> tuple[CriterionData, ...]:
    """7.1.a, shared by communes and towns and by other agencies (their first bullet differs)."""
    return (
        LAW_ABIDING,
        first,
        RATED_WELL,
        CriterionData(
            "7.1.a-3",
            "100% cán bộ, công chức, viên chức thuộc thẩm quyền quản lý của cơ quan, đơn vị gương "
            "mẫu chấp hành chủ trương của Đảng, chính sách pháp luật của Nhà nước.",
        ),
        CriterionData(
            "7.1.a-4",
            "Thực hiện hoàn thành vượt mức, về đích sớm các chỉ tiêu, nhiệm vụ được giao trong năm "
            "2025 (bao gồm cả nhiệm vụ thường xuyên, đột xuất).",
            RuleKey.TARGETS,
            {"from_year": 2025, "to_year": 2025, "outcome": TargetOutcome.EXCEEDED},
        ),
        CriterionData(
            "7.1.a-5",
            "Hoàn thành toàn diện và vượt mức các mục tiêu, chỉ tiêu Nghị quyết Đại hội Đảng bộ, "
            "Chi bộ cùng cấp nhiệm kỳ 2020-2025 đề ra.",
        ),
        CriterionData(
            "7.1.a-6",
            "Có ít nhất 01 công trình, phần việc do tập thể cơ quan, đơn vị đăng ký thực hiện hoàn "
            "thành đảm bảo tiến độ, khối lượng, chất lượng và được đưa vào sử dụng đúng thời gian "
            "đăng ký, có hiệu quả, có ý nghĩa thiết thực.",
            RuleKey.WORKS_COMPLETED_ON_TIME,
            {"people_funded": False, "on_time": True},
        ),
        CriterionData(
            "7.1.a-7",
            "Tích cực tham gia đóng góp các loại quỹ, các hoạt động nhân đạo, từ thiện góp phần "
            "thực hiện tốt công tác an sinh xã hội trên địa bàn huyện.",
            RuleKey.CONTRIBUTIONS,
            {**MOVEMENT_YEARS, "min_count": 1},
        ),
        CriterionData(
            "7.1.a-8",
            "Tập thể được xét, đề nghị khen thưởng trong thực hiện Phong trào thi đua.",
        ),
    )


PLAN_SETS: tuple[SetData, ...] = (
    SetData(
        CandidateType.COMMUNE_OR_TOWN,
        "Tiêu chí khen thưởng Ủy ban nhân dân xã, thị trấn",
        f"{SOURCE}.1.a",
        _collective_a(
            CriterionData(
                "7.1.a-1",
                "Có ban hành Kế hoạch triển khai thực hiện Phong trào thi đua sát với tình hình "
                "thực tế của địa phương với chủ đề, mục tiêu, nội dung, tiêu chí thi đua rõ ràng, "
                "nội dung thi đua bám sát các nhiệm vụ trọng tâm, cấp bách của địa phương gắn với "
                "nhiệm vụ chính trị trọng tâm của huyện.",
                RuleKey.UNIT_PLAN_ISSUED,
            )
        ),
    ),
    SetData(
        CandidateType.AGENCY,
        "Tiêu chí khen thưởng các cơ quan, đơn vị",
        f"{SOURCE}.1.a",
        _collective_a(
            CriterionData(
                "7.1.a-1",
                "Tích cực hưởng ứng, triển khai thực hiện có hiệu quả Phong trào thi đua tại cơ "
                "quan, đơn vị mình.",
            )
        ),
    ),
    SetData(
        CandidateType.ENTERPRISE,
        "Tiêu chí khen thưởng các công ty, doanh nghiệp",
        f"{SOURCE}.1.b",
        (
            LAW_ABIDING,
            CriterionData(
                "7.1.b-1",
                "Luôn chấp hành đúng các quy định của pháp luật trong hoạt động sản xuất kinh "
                "doanh.",
            ),
            CriterionData(
                "7.1.b-2",
                "Là doanh nghiệp tiêu biểu trong cộng đồng doanh nghiệp của huyện về quy mô, doanh "
                "thu, lợi nhuận, tạo việc làm, nâng cao đời sống cho người lao động, xây dựng văn "
                "hóa doanh nghiệp.",
            ),
            CriterionData(
                "7.1.b-3",
                "Hoạt động sản xuất kinh doanh hiệu quả, ổn định, đảm bảo chỉ tiêu nộp ngân sách "
                "nhà nước hằng năm.",
            ),
        ),
    ),
    SetData(
        CandidateType.VILLAGE,
        "Tiêu chí khen thưởng thôn, tổ dân phố",
        f"{SOURCE}.1.c",
        (
            LAW_ABIDING,
            CriterionData(
                "7.1.c-1",
                "Trong nhiệm kỳ 2020-2025, thực hiện hoàn thành 100% các chỉ tiêu, nhiệm vụ được "
                "giao trở lên.",
                RuleKey.TARGETS,
                {**TERM, "outcome": TargetOutcome.ACHIEVED},
            ),
            CriterionData(
                "7.1.c-2",
                "Có 05 năm đạt thôn, tổ dân phố văn hóa.",
                RuleKey.CULTURAL_VILLAGE,
                {**TERM, "years_required": 5},
            ),
            CriterionData(
                "7.1.c-3",
                "Là thôn tiêu biểu của xã về phong trào xây dựng nông thôn mới, giảm nghèo (đối với "
                "tổ dân phố là tiêu biểu về phong trào xây dựng đô thị văn minh, người Việt Nam ưu "
                "tiên dùng hàng Việt Nam,...) xây dựng nếp sống mới.",
            ),
            CriterionData(
                "7.1.c-4",
                "Không có điểm nóng về buôn bán, sử dụng ma túy, xuất cảnh trái phép, an ninh trật "
                "tự được bảo đảm.",
            ),
            CriterionData(
                "7.1.c-5",
                "Không có khiếu kiện vượt cấp.",
                RuleKey.NO_VIOLATIONS,
                {**TERM, "kinds": [FactKind.COMPLAINT]},
            ),
            CriterionData(
                "7.1.c-6",
                "Có đăng ký với Ủy ban nhân dân các xã, thị trấn và thực hiện ít nhất 01 công "
                "trình do Nhân dân ở thôn, tổ dân phố đóng góp, hoàn thành và đưa vào sử dụng (kể "
                "cả công trình, hiện vật khác do Nhân dân đóng góp giúp các hộ dân có hoàn cảnh "
                "khó khăn).",
                RuleKey.WORKS_COMPLETED_ON_TIME,
                {"people_funded": True, "on_time": False},
            ),
        ),
    ),
    SetData(
        CandidateType.CADRE,
        "Tiêu chí khen thưởng cán bộ, công chức, viên chức, lực lượng vũ trang",
        f"{SOURCE}.2.a",
        (
            LAW_ABIDING,
            CriterionData(
                "7.2.a-1",
                "Có thành tích xuất sắc tiêu biểu trong Phong trào thi đua, được cơ quan, đơn vị "
                "đánh giá là cá nhân tiêu biểu, gương điển hình, đi đầu trong thực hiện Phong trào "
                "thi đua.",
            ),
            CriterionData(
                "7.2.a-2",
                "Tích cực, gương mẫu cùng với tập thể thực hiện công trình, phần việc do cơ quan, "
                "đơn vị đăng ký thực hiện và hoàn thành đảm bảo tiến độ, khối lượng, chất lượng "
                "đưa vào hoạt động đạt hiệu quả, thiết thực.",
                RuleKey.WORKS_COMPLETED_ON_TIME,
                {"people_funded": False, "on_time": True},
            ),
            CriterionData(
                "7.2.a-3",
                "Thực hiện hoàn thành vượt mức các chỉ tiêu, nhiệm vụ được cơ quan, đơn vị giao "
                "(bao gồm cả nhiệm vụ thường xuyên, đột xuất).",
                RuleKey.TARGETS,
                {**MOVEMENT_YEARS, "outcome": TargetOutcome.EXCEEDED},
            ),
            CriterionData(
                "7.2.a-4",
                "Năng động, sáng tạo trong công việc, có sáng kiến, giải pháp hữu ích trong công "
                "tác, góp phần tích cực vào việc hoàn thành nhiệm vụ của cơ quan, đơn vị hoặc mưu "
                "trí, sáng tạo trong chiến đấu, phục vụ chiến đấu.",
                RuleKey.INITIATIVES,
                {**TERM, "min_count": 1},
            ),
            CriterionData(
                "7.2.a-5",
                "Trong nhiệm kỳ 2020-2025, hàng năm đều được đánh giá xếp loại ở Hoàn thành tốt "
                "nhiệm vụ trở lên trong đó có ít nhất 02 năm đạt Hoàn thành xuất sắc nhiệm vụ.",
                RuleKey.RATINGS,
                {**TERM, "min_level": RatingLevel.GOOD, "excellent_at_least": 2},
            ),
            CriterionData(
                "7.2.a-6",
                "Cá nhân và gia đình gương mẫu chấp hành chủ trương, đường lối của Đảng, chính "
                "sách pháp luật của Nhà nước, các quy định của cộng đồng dân cư tại thôn, tổ dân "
                "phố, được Nhân dân tín nhiệm; thường xuyên theo dõi, giúp đỡ hoặc tích cực vận "
                "động các nhà hảo tâm, Nhân dân hỗ trợ, giúp đỡ hộ nghèo, hộ có hoàn cảnh khó khăn "
                "ở thôn, tổ dân phố do cơ quan, cá nhân được giao phụ trách.",
            ),
        ),
    ),
    SetData(
        CandidateType.VILLAGE_WORKER,
        "Tiêu chí khen thưởng người hoạt động không chuyên trách ở thôn, tổ dân phố",
        f"{SOURCE}.2.b",
        (
            CriterionData(
                "7.2.b-1",
                "Lãnh chỉ đạo thôn, tổ dân phố do mình được giao phụ trách thực hiện hoàn thành "
                "vượt mức các chỉ tiêu, nhiệm vụ được giao; thôn, tổ dân phố được giao phụ trách "
                "là thôn, tổ dân phố tiêu biểu của xã, thị trấn về thực hiện các phong trào thi "
                "đua, các cuộc vận động do tỉnh, huyện, xã triển khai, phát động.",
            ),
            CriterionData(
                "7.2.b-2",
                "Cá nhân và gia đình gương mẫu chấp hành chủ trương của Đảng, chính sách pháp luật "
                "của Nhà nước, điều lệ của các tổ chức chính trị - xã hội mình là hội viên và các "
                "quy định của cộng đồng dân cư tại thôn, tổ dân phố.",
            ),
            CriterionData(
                "7.2.b-3",
                "Tích cực tham gia thực hiện các phong trào thi đua, các cuộc vận động do huyện, xã "
                "triển khai, phát động.",
            ),
            CriterionData(
                "7.2.b-4",
                "Không vi phạm Luật hôn nhân gia đình, nếp sống văn hóa mới trong việc cưới, việc "
                "tang và hương ước của thôn, tổ dân phố quy định.",
                RuleKey.NO_VIOLATIONS,
                {**TERM, "kinds": [FactKind.VIOLATION]},
            ),
        ),
    ),
    SetData(
        CandidateType.HOUSEHOLD_OR_WORKER,
        "Tiêu chí khen thưởng hộ gia đình, người lao động",
        f"{SOURCE}.2.c",
        (
            CriterionData(
                "7.2.c-1",
                "Các thành viên trong gia đình gương mẫu chấp hành chủ trương của Đảng, chính sách "
                "pháp luật của Nhà nước, Điều lệ của các tổ chức chính trị - xã hội mình là hội "
                "viên và các quy định của cộng đồng dân cư tại thôn, tổ dân phố.",
            ),
            CriterionData(
                "7.2.c-2",
                "Tích cực tham gia thực hiện các phong trào thi đua, các cuộc vận động do huyện, xã "
                "triển khai, phát động.",
            ),
            CriterionData(
                "7.2.c-3",
                "Không vi phạm Luật hôn nhân gia đình, nếp sống văn hóa mới trong việc cưới, việc "
                "tang và hương ước của thôn, tổ dân phố quy định.",
                RuleKey.NO_VIOLATIONS,
                {**TERM, "kinds": [FactKind.VIOLATION]},
            ),
            CriterionData(
                "7.2.c-4",
                "Có mô hình sản xuất kinh doanh tiêu biểu ở địa phương, tích cực sản xuất vụ đông "
                "xuân, chuyển đổi cơ cấu, cây trồng, vật nuôi mang lại hiệu quả kinh tế cao; có sự "
                "chia sẻ, giúp đỡ các hộ gia đình khác về vật chất, kinh nghiệm sản xuất kinh "
                "doanh.",
            ),
        ),
    ),
)
