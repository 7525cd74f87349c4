"""Import and export of units' accounts as .xlsx.

One row per account and role. Rules (all or nothing: if any row breaks one, nothing is saved):

* a new username creates an account for the row's unit with the row's role and a generated
  initial password that must be changed at the first login;
* a username that already exists (compared without regard to case) is accepted only if that
  account works in a unit the actor manages: the row then only ADDS its role on its unit
  when the account does not hold it yet; the other columns are ignored, so nothing about
  an existing person is overwritten;
* a username may appear only once per file; the unit must exist and be within the actor's
  area.

Initial passwords are returned once (for the result page and its download) and never
stored in plain text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.hashers import PBKDF2PasswordHasher, get_hasher, make_password
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.db.models.functions import Lower
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from simple_history.utils import bulk_create_with_history

from thidua.accounts.models import PROTECTED_ROLES, Role, RoleAssignment, User
from thidua.accounts.scope import reach
from thidua.accounts.services import generate_password
from thidua.interchange import xlsx
from thidua.interchange.xlsx import Column, ImportResult, ParsedRow, Sheet, Spec
from thidua.units.imports import manager_check
from thidua.units.models import Unit

BATCH_SIZE = 500
# Initial passwords are random (12 characters from 55, about 69 bits), so key stretching
# adds nothing against guessing them; full PBKDF2 would cost ~0.3 s per account (minutes
# for a province). Django re-hashes with the full work factor at the first login.
INITIAL_PASSWORD_ITERATIONS = 10_000

ACCOUNTS_SPEC = Spec(
    sheet_title=gettext_lazy("Accounts"),
    key="username",
    columns=(
        Column(
            "username",
            gettext_lazy("Username"),
            xlsx.text(150, [User.username_validator]),
            required=True,
            width=20,
            help_text=gettext_lazy(
                "Up to 150 characters: letters, digits and @ . + - _ only. A new username "
                "creates an account; an existing one in your area only receives the role."
            ),
            example=lambda: "VD:nguyenvana",
        ),
        Column(
            "full_name",
            pgettext_lazy("person", "Full name"),
            xlsx.text(200),
            required=True,
            width=28,
            help_text=gettext_lazy("Up to 200 characters."),
            example=lambda: "Nguyễn Văn A",
        ),
        Column(
            "unit",
            gettext_lazy("Unit code"),
            xlsx.text(32),
            required=True,
            width=16,
            help_text=gettext_lazy("Code of a unit in your area; the account works there."),
            example=lambda: "XA",
        ),
        Column(
            "role",
            gettext_lazy("Role"),
            xlsx.choice(Role),
            required=True,
            width=24,
            options=xlsx.choice_labels(Role),
            help_text=gettext_lazy(
                "Choose from the list; the role covers the unit and its subunits."
            ),
            example=lambda: str(Role.FOCAL_OFFICER.label),
        ),
        Column(
            "email",
            gettext_lazy("Email"),
            xlsx.email,
            width=28,
            help_text=gettext_lazy("Optional e-mail address."),
            example=lambda: "nguyenvana@example.org",
        ),
        Column(
            "phone",
            gettext_lazy("Phone"),
            xlsx.text(32),
            width=16,
            help_text=gettext_lazy("Optional, up to 32 characters."),
            example=lambda: "0912345678",
        ),
        Column(
            "position",
            gettext_lazy("Position"),
            xlsx.text(200),
            width=24,
            help_text=gettext_lazy("Optional, up to 200 characters."),
            example=lambda: _("Cultural officer"),
        ),
    ),
)


@dataclass
class Credential:
    """One imported row as shown on the result page; ``password`` is None for existing accounts."""

    username: str
    full_name: str
    unit_code: str
    unit_name: str
    role: str
    password: str | None


def hash_initial_password(password: str) -> str:
    hasher = get_hasher("default")
    if isinstance(hasher, PBKDF2PasswordHasher):
        return hasher.encode(password, hasher.salt(), iterations=INITIAL_PASSWORD_ITERATIONS)
    return make_password(password)


def _units_by_code(codes: Iterable[str]) -> dict[str, Unit]:
    found: dict[str, Unit] = {}
    for chunk in xlsx.chunked(sorted(set(codes))):
        for unit in Unit.objects.filter(code__in=chunk).only("id", "code", "name"):
            found[unit.code] = unit
    return found


def _users_by_username(usernames: Iterable[str]) -> dict[str, User]:
    found: dict[str, User] = {}
    for chunk in xlsx.chunked(sorted({u.lower() for u in usernames})):
        queryset = User.objects.annotate(lower_username=Lower("username"))
        for user in queryset.filter(lower_username__in=chunk):
            found[user.username.lower()] = user
    return found


def _held_roles(users: Iterable[User]) -> set[tuple[int, str, int]]:
    held: set[tuple[int, str, int]] = set()
    for chunk in xlsx.chunked(sorted(u.pk for u in users)):
        held.update(
            RoleAssignment.objects.filter(user_id__in=chunk).values_list(
                "user_id", "role", "unit_id"
            )
        )
    return held


class _Plan(xlsx.ImportPlan):
    def __init__(self, *, actor: User, sheet: Sheet, rows: list[ParsedRow]) -> None:
        self.actor = actor
        self.sheet = sheet
        self.rows = rows
        self.may_manage = manager_check(actor)
        self.errors: list[xlsx.RowError] = []
        self.units = _units_by_code(r.values["unit"] for r in rows if r.values.get("unit"))
        self.users = _users_by_username(
            r.values["username"] for r in rows if r.values.get("username")
        )
        self.held = _held_roles(self.users.values())
        self.accepted: list[ParsedRow] = []

    def error(self, row: ParsedRow, key: str, message: str, code: str) -> None:
        self.errors.append(
            xlsx.row_error(self.sheet, ACCOUNTS_SPEC, row.number, key, message, code)
        )

    def check(self) -> None:
        first_row: dict[str, int] = {}
        for row in self.rows:
            username = row.values.get("username")
            if username:
                key = username.lower()
                if key in first_row:
                    self.error(
                        row,
                        "username",
                        _(
                            "The username «%(username)s» is repeated; "
                            "it first appears on row %(row)s."
                        )
                        % {"username": username, "row": first_row[key]},
                        "duplicate",
                    )
                    continue
                first_row[key] = row.number
            ok = self._check_unit(row) & self._check_existing(row) & self._check_role(row)
            if ok and not row.failed:
                self.accepted.append(row)

    def _check_unit(self, row: ParsedRow) -> bool:
        code = row.values.get("unit")
        if not code:
            return False
        unit = self.units.get(code)
        if unit is None:
            message = _("No unit has the code «%(code)s».") % {"code": code}
            self.error(row, "unit", message, "unknown_unit")
            return False
        if not self.may_manage(unit.pk):
            message = _("The unit «%(code)s» is outside your area.") % {"code": code}
            self.error(row, "unit", message, "unit_outside_reach")
            return False
        return True

    def _check_existing(self, row: ParsedRow) -> bool:
        username = row.values.get("username")
        if not username:
            return False
        user = self.users.get(username.lower())
        if user is not None and (user.unit_id is None or not self.may_manage(user.unit_id)):
            self.error(
                row,
                "username",
                _("The username «%(username)s» is already taken by an account outside your area.")
                % {"username": username},
                "username_taken",
            )
            return False
        return True

    def _check_role(self, row: ParsedRow) -> bool:
        """No row grants the importer a role, nor a signing role (those need a second officer);
        a row for a role already held changes nothing, so an export re-imports unchanged."""
        username = row.values.get("username") or ""
        user = self.users.get(username.lower())
        unit = self.units.get(row.values.get("unit") or "")
        if user and unit and (user.pk, row.values.get("role"), unit.pk) in self.held:
            return True
        if username.lower() == self.actor.username.lower():
            message = _("You cannot grant a role to your own account: another officer must do it.")
            self.error(row, "username", message, "self_grant")
            return False
        if row.values.get("role") in PROTECTED_ROLES:
            message = _(
                "The chairman, council member and Home Affairs roles are not imported: grant them on the "
                "account's page, where a second officer approves them."
            )
            self.error(row, "role", message, "needs_approval")
            return False
        return True

    def apply(self, actor: User, result: ImportResult) -> None:
        reason = _("Imported from Excel")
        new_users: list[User] = []
        credentials: list[Credential] = []
        assignments: list[RoleAssignment] = []
        for row in self.accepted:
            values = row.values
            unit = self.units[values["unit"]]
            user = self.users.get(values["username"].lower())
            password = None
            if user is None:
                password = generate_password()
                user = self._new_user(values, unit, password)
                new_users.append(user)
            elif (user.pk, values["role"], unit.pk) in self.held:
                result.unchanged += 1
                continue
            else:
                result.updated += 1
            assignments.append(RoleAssignment(user=user, role=values["role"], unit=unit))
            credentials.append(
                Credential(
                    username=user.username,
                    full_name=user.full_name,
                    unit_code=unit.code,
                    unit_name=unit.name,
                    role=str(Role(values["role"]).label),
                    password=password,
                )
            )
        for batch in xlsx.chunked(new_users, BATCH_SIZE):
            bulk_create_with_history(
                list(batch),
                User,
                batch_size=BATCH_SIZE,
                default_user=actor,
                default_change_reason=reason,
            )
        for assignment in assignments:
            assignment.user_id = assignment.user.pk  # the pk was set by the bulk insert above
        for batch in xlsx.chunked(assignments, BATCH_SIZE):
            bulk_create_with_history(
                list(batch),
                RoleAssignment,
                batch_size=BATCH_SIZE,
                default_user=actor,
                default_change_reason=reason,
            )
        result.created = len(new_users)
        result.details = credentials

    @staticmethod
    def _new_user(values: dict, unit: Unit, password: str) -> User:
        return User(
            username=values["username"],
            full_name=values["full_name"],
            email=values.get("email", ""),
            phone=values.get("phone", ""),
            position=values.get("position", ""),
            unit=unit,
            must_change_password=True,
            password=hash_initial_password(password),
        )


def accounts_import(*, actor: User, upload: UploadedFile) -> ImportResult:
    """Check the whole file, then create the accounts and roles in one transaction.

    ``result.details`` lists a :class:`Credential` per imported row, with the initial
    password of each new account: show it once, never store it.
    """
    return xlsx.run_import(
        actor=actor,
        upload=upload,
        spec=ACCOUNTS_SPEC,
        plan_factory=_Plan,
        conflict_message=_(
            "Some accounts changed while the file was being imported; please try again."
        ),
    )


# --- export -----------------------------------------------------------------------------


def _exported_assignments(actor: User) -> QuerySet[RoleAssignment]:
    queryset = RoleAssignment.objects.select_related("user", "unit").order_by(
        "unit__sort_name", "user__username", "role"
    )
    if actor.is_active and actor.is_superuser:
        return queryset
    return queryset.filter(unit_id__in=reach(actor, (Role.HOME_AFFAIRS,)))


def accounts_export(*, actor: User) -> bytes:
    """One row per role held on a unit the actor manages; no passwords."""
    rows = (
        [
            a.user.username,
            a.user.full_name,
            a.unit.code,
            a.get_role_display(),
            a.user.email,
            a.user.phone,
            a.user.position,
        ]
        for a in _exported_assignments(actor)
    )
    return xlsx.build_workbook(ACCOUNTS_SPEC, rows)


def accounts_template() -> bytes:
    return xlsx.build_workbook(ACCOUNTS_SPEC, [], template=True)


def credentials_workbook(credentials: Iterable[Credential]) -> bytes:
    """The one-time download of the initial passwords, for handing over to each person."""
    spec = Spec(
        sheet_title=gettext_lazy("Initial passwords"),
        key="username",
        columns=(
            Column("username", gettext_lazy("Username"), xlsx.text(150), width=20),
            Column("full_name", pgettext_lazy("person", "Full name"), xlsx.text(200), width=28),
            Column("unit", gettext_lazy("Unit code"), xlsx.text(32), width=14),
            Column("unit_name", gettext_lazy("Unit"), xlsx.text(200), width=28),
            Column("role", gettext_lazy("Role"), xlsx.text(100), width=24),
            Column("password", gettext_lazy("Initial password"), xlsx.text(100), width=18),
        ),
    )
    rows = (
        [c.username, c.full_name, c.unit_code, c.unit_name, c.role, c.password or ""]
        for c in credentials
    )
    return xlsx.build_workbook(spec, rows, instructions=False)
