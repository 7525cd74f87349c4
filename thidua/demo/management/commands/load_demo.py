"""Loads the Trạm Tấu demo: real names from the source plan, invented villages, people and
enterprises clearly marked as sample data. Idempotent: a second run changes nothing."""

from datetime import date
from io import StringIO

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from thidua.accounts.models import Role, RoleAssignment, User
from thidua.core.audit import save_attributed
from thidua.demo import movement as demo_movement
from thidua.demo.commendation import load_demo_commendation
from thidua.demo.council import load_demo_council
from thidua.demo.facts import load_demo_facts
from thidua.demo.works import load_demo_works
from thidua.movements import services as movement_services
from thidua.movements.models import Movement, UnitPlan
from thidua.units.models import Unit, UnitKind

DEMO_PASSWORD = "ThiDua@2024"

COMMUNES = [
    ("TT.TTTT", "Thị trấn Trạm Tấu", UnitKind.TOWN),
    ("TT.BANCONG", "Xã Bản Công", UnitKind.COMMUNE),
    ("TT.BANMU", "Xã Bản Mù", UnitKind.COMMUNE),
    ("TT.HATLUU", "Xã Hát Lừu", UnitKind.COMMUNE),
    ("TT.LANGNHI", "Xã Làng Nhì", UnitKind.COMMUNE),
    ("TT.PAHU", "Xã Pá Hu", UnitKind.COMMUNE),
    ("TT.PALAU", "Xã Pá Lau", UnitKind.COMMUNE),
    ("TT.PHINHHO", "Xã Phình Hồ", UnitKind.COMMUNE),
    ("TT.TASILANG", "Xã Tà Si Láng", UnitKind.COMMUNE),
    ("TT.XTRAMTAU", "Xã Trạm Tấu", UnitKind.COMMUNE),
    ("TT.TUCDAN", "Xã Túc Đán", UnitKind.COMMUNE),
    ("TT.XAHO", "Xã Xà Hồ", UnitKind.COMMUNE),
]

DISTRICT_BODIES = [
    ("TT.PNV", "Phòng Nội vụ", UnitKind.AGENCY),
    ("TT.PVHTT", "Phòng Văn hóa và Thông tin", UnitKind.AGENCY),
    ("TT.TTTTVH", "Trung tâm Truyền thông và Văn hóa", UnitKind.AGENCY),
    ("TT.PKTHT", "Phòng Kinh tế và Hạ tầng", UnitKind.AGENCY),
    ("TT.BQLDA", "Ban Quản lý Dự án Đầu tư xây dựng", UnitKind.AGENCY),
    ("TT.PTCKH", "Phòng Tài chính - Kế hoạch", UnitKind.AGENCY),
    ("TT.BTGHU", "Ban Tuyên giáo Huyện ủy", UnitKind.AGENCY),
    ("TT.MTTQ", "Ủy ban MTTQ Việt Nam huyện", UnitKind.MASS_ORGANISATION),
]

SAMPLE_OTHERS = [
    ("TT.KBNN", "Kho bạc Nhà nước Trạm Tấu (mẫu)", UnitKind.VERTICAL_AGENCY),
    ("TT.BHXH", "Bảo hiểm xã hội huyện (mẫu)", UnitKind.VERTICAL_AGENCY),
    ("TT.CTXD", "Công ty TNHH Xây dựng Sơn Cước (mẫu)", UnitKind.ENTERPRISE),
    ("TT.HTXBM", "Hợp tác xã Nông nghiệp Bản Mù (mẫu)", UnitKind.COOPERATIVE),
]

# username, full name, role, unit code, position
ACCOUNTS = [
    ("noivu", "Lò Thị Hoa (mẫu)", Role.HOME_AFFAIRS, "TT", "TT.PNV", "Chuyên viên Phòng Nội vụ"),
    ("chutich", "Vũ Lê Chung Anh", Role.CHAIRMAN, "TT", "TT", "Chủ tịch UBND huyện"),
    (
        "hoidong",
        "Giàng A Sử (mẫu)",
        Role.COUNCIL_MEMBER,
        "TT",
        "TT.PNV",
        "Thành viên Hội đồng TĐKT",
    ),
    ("xem", "Hà Văn Tú (mẫu)", Role.VIEWER, "TT", "TT.PTCKH", "Chuyên viên Phòng TC-KH"),
    ("taichinh", "Lường Thị Thu (mẫu)", Role.FINANCE, "TT", "TT.PTCKH", "Kế toán Phòng TC-KH"),
    (
        "banmu",
        "Mùa A Chớ (mẫu)",
        Role.FOCAL_OFFICER,
        "TT.BANMU",
        "TT.BANMU",
        "Công chức Văn hóa - Xã hội",
    ),
    ("chutich.banmu", "Sùng A Lử (mẫu)", Role.CHAIRMAN, "TT.BANMU", "TT.BANMU", "Chủ tịch UBND xã"),
    (
        "thon1.banmu",
        "Vàng A Dinh (mẫu)",
        Role.FOCAL_OFFICER,
        "TT.BANMU.T1",
        "TT.BANMU.T1",
        "Trưởng thôn",
    ),
    (
        "xaho",
        "Hờ A Páo (mẫu)",
        Role.FOCAL_OFFICER,
        "TT.XAHO",
        "TT.XAHO",
        "Công chức Văn hóa - Xã hội",
    ),
]

# Units whose plans are shown as already issued in the demo (the rest are still pending).
ISSUED_IN_DEMO = ["TT.BANCONG", "TT.HATLUU", "TT.TTTT", "TT.PNV", "TT.PVHTT"]


def sample_pdf(title: str) -> bytes:
    """A one-page PDF (real, valid) standing for a signed plan in the demo."""
    text = title.encode("ascii", "replace").decode()
    stream = f"BT /F1 14 Tf 72 760 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


class Command(BaseCommand):
    help = "Load the Trạm Tấu demo data (idempotent) and print the demo logins."

    def handle(self, *args, **options) -> None:
        with transaction.atomic():
            created = self._load()
        # Public holidays of the demo's years, for counting working days (public notices).
        call_command("load_holidays", "--from", "2024", "--to", "2027", stdout=StringIO())
        # Award forms, authorities, base salary and money multiples (reference data).
        call_command("load_award_reference", stdout=StringIO())
        call_command("load_criterion_sets", "--all-movements", stdout=StringIO())
        load_demo_council()
        created = load_demo_commendation() or created
        self.stdout.write(
            self.style.SUCCESS(
                "Demo data ready" + (" (created)." if created else " (already there).")
            )
        )
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for username, name, role, unit_code, _work, _position in ACCOUNTS:
            self.stdout.write(f"  {username:<15} {Role(role).label!s:<34} {unit_code:<12} {name}")

    def _unit(
        self,
        code: str,
        name: str,
        kind: str,
        parent: Unit | None,
        *,
        full_name: str = "",
        sample: bool = False,
        actor: User | None = None,
    ) -> tuple[Unit, bool]:
        existing = Unit.objects.filter(code=code).first()
        if existing:
            return existing, False
        unit = Unit(
            code=code,
            name=name,
            full_name=full_name or name,
            kind=kind,
            parent=parent,
            is_sample=sample,
            valid_from=None,
        )
        save_attributed(unit, actor=actor, reason="Dữ liệu mẫu")
        return unit, True

    def _load(self) -> bool:
        province, created = self._unit(
            "YB", "Tỉnh Yên Bái", UnitKind.PROVINCE, None, full_name="Ủy ban nhân dân tỉnh Yên Bái"
        )
        district, _ = self._unit(
            "TT",
            "Huyện Trạm Tấu",
            UnitKind.DISTRICT,
            province,
            full_name="Ủy ban nhân dân huyện Trạm Tấu",
        )
        for code, name, kind in DISTRICT_BODIES:
            self._unit(
                code,
                name,
                kind,
                district,
                full_name=f"{name} huyện Trạm Tấu"
                if kind == UnitKind.AGENCY and not name.endswith("Huyện ủy")
                else name,
            )
        for code, name, kind in SAMPLE_OTHERS:
            self._unit(code, name, kind, district, sample=True)
        for code, name, kind in COMMUNES:
            full = "Ủy ban nhân dân " + name[0].lower() + name[1:]
            commune, _ = self._unit(code, name, kind, district, full_name=full)
            child_kind = UnitKind.RESIDENTIAL_GROUP if kind == UnitKind.TOWN else UnitKind.VILLAGE
            label = "Tổ dân phố" if kind == UnitKind.TOWN else "Thôn"
            for number in range(1, 4):
                self._unit(
                    f"{code}.T{number}",
                    f"{label} {number}",
                    child_kind,
                    commune,
                    full_name=f"{label} {number}, {name} (dữ liệu mẫu)",
                    sample=True,
                )
        users: dict[str, User] = {}
        for username, name, role, unit_code, work_code, position in ACCOUNTS:
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User(
                    username=username,
                    full_name=name,
                    position=position,
                    unit=Unit.objects.get(code=work_code),
                    email=f"{username}@tramtau.example",
                )
                user.set_password(DEMO_PASSWORD)
                save_attributed(user, actor=None, reason="Dữ liệu mẫu")
            unit = Unit.objects.get(code=unit_code)
            if not RoleAssignment.objects.filter(user=user, role=role, unit=unit).exists():
                save_attributed(RoleAssignment(user=user, role=role, unit=unit), actor=None)
            users[username] = user
        if not Movement.objects.filter(title=demo_movement.TITLE, issuing_unit=district).exists():
            movement = movement_services.movement_create(
                actor=users["noivu"],
                data={
                    **demo_movement.FIELDS,
                    "issuing_unit": district,
                    "nomination_deadline": demo_movement.nomination_deadline(),
                },
                content_areas=[
                    movement_services.ContentAreaData(label=label, content=content, target=target)
                    for label, content, target in demo_movement.CONTENT_AREAS
                ],
                work_minimums=demo_movement.WORK_MINIMUMS,
            )
            movement_services.movement_launch(actor=users["chutich"], movement=movement)
            for code in ISSUED_IN_DEMO:
                plan = UnitPlan.objects.get(movement=movement, unit__code=code)
                movement_services.plan_submit(
                    actor=users["chutich"],
                    plan=plan,
                    data={
                        "document_number": f"{plan.pk:02d}/KH-{code.split('.')[-1]}",
                        "issued_date": date(2024, 10, 15),
                        "theme": "Hưởng ứng phong trào thi đua đặc biệt (nội dung mẫu)",
                        "goals": "Hoàn thành vượt mức các chỉ tiêu năm 2024-2025 (nội dung mẫu)",
                        "content": "Đăng ký công trình, phần việc chào mừng Đại hội (nội dung mẫu)",
                        "criteria": "Theo tiêu chí mục II.7 Kế hoạch của huyện (nội dung mẫu)",
                    },
                    signed_file=ContentFile(
                        sample_pdf(f"Ke hoach mau {code}"), name=f"ke-hoach-{code}.pdf"
                    ),
                )
            created = True
        movement = Movement.objects.get(title=demo_movement.TITLE, issuing_unit=district)
        if not movement.works.exists():
            load_demo_works(movement, users)
            created = True
        if load_demo_facts(users["noivu"]):
            created = True
        return created
