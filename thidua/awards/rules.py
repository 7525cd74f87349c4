"""Who may do what with decisions, quotas, the award register and the budget.

Home Affairs over the issuing unit drafts decisions and proposals and sets quotas; the
chairman of the issuing unit itself signs; a unit sees the signed documents that award
someone in its part of the tree. An award is seen by anyone holding a role over the recipient
(the unit, or the person's managing unit) or over the People's Committee that issued the
decision; the Home Affairs Office over that committee or over the recipient records earlier
awards and revokes. Finance and Home Affairs over a movement's issuer see its whole budget.
An award's money (``awards.view_award_money``, ``money_scope``) is seen only by the recipient's
own units (the collective or the person's managing unit and the units above it) and by the
chairman, Home Affairs and Finance over the deciding unit: never by a sibling unit.

The ``access_*`` helpers return the object or raise the same 404 for missing and not yours.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import rules
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from thidua.accounts.models import Role, User
from thidua.accounts.scope import ALL_ROLES, grant_roots, reach
from thidua.awards.models import Award, Decision, DecisionItem, DecisionKind, DecisionStatus, Quota
from thidua.movements.models import Movement
from thidua.units.selectors import subtree_ids

# Who drafts decisions and proposals and records the province's quotas: Home Affairs.
DRAFTER_ROLES: tuple[str, ...] = (Role.HOME_AFFAIRS,)
# Who signs: the chairman, on the issuing unit itself (``grant_roots``, not the reach).
SIGNER_ROLES: tuple[str, ...] = (Role.CHAIRMAN,)
# The issuing unit's own staff: they see its drafts, quotas and the documents' history.
ISSUER_STAFF_ROLES: tuple[str, ...] = (Role.HOME_AFFAIRS, Role.CHAIRMAN)
# Who records earlier awards and revokes: the standing body of the council.
REGISTRAR_ROLES: tuple[str, ...] = (Role.HOME_AFFAIRS,)
# Who sees a movement's whole award budget: the Finance and Planning Office funds it, the
# Home Affairs Office prepares the lists.
BUDGET_ROLES: tuple[str, ...] = (Role.FINANCE, Role.HOME_AFFAIRS)
# Who sees the money of every award a unit decides: its chairman, Home Affairs and Finance.
MONEY_ROLES: tuple[str, ...] = (Role.CHAIRMAN, Role.HOME_AFFAIRS, Role.FINANCE)

# What an award's page and a register row show, fetched with it (no query per row).
AWARD_RELATED = (
    "award_form",
    "unit",
    "unit__parent",
    "person",
    "person__unit",
    "movement",
    "decision",
    "decision__issuing_unit",
)


def movement_area(movement: Movement) -> set[int]:
    """Ids of the units under the movement's issuing unit (one query, kept on the object):
    decisions are issued and quotas allocated only within it."""
    area = movement.__dict__.get("_thidua_area")
    if area is None:
        area = subtree_ids([movement.issuing_unit_id])
        movement.__dict__["_thidua_area"] = area
    return area


# --- decisions and proposals ------------------------------------------------------------


def may_draft(user: User, unit_id: int) -> bool:
    return unit_id in reach(user, DRAFTER_ROLES)


def may_edit(user: User, decision: Decision) -> bool:
    return decision.status == DecisionStatus.DRAFT and may_draft(user, decision.issuing_unit_id)


def is_chairman_of(user: User, unit_id: int) -> bool:
    """A chairman's grant on the unit itself: a chairman of the district does not sign for a
    commune's People's Committee."""
    return unit_id in grant_roots(user, SIGNER_ROLES)


def may_sign(user: User, decision: Decision) -> bool:
    """The chairman of the issuing unit itself, while the document is a draft."""
    return decision.status == DecisionStatus.DRAFT and is_chairman_of(
        user, decision.issuing_unit_id
    )


def is_issuer_staff(user: User, decision: Decision) -> bool:
    """Home Affairs or chairman over the issuing unit: history, preview and the PDF."""
    return decision.issuing_unit_id in reach(user, ISSUER_STAFF_ROLES)


def visible_decisions(user: User) -> QuerySet[Decision]:
    """Drafts and signed documents of the units the user drafts or signs for; signed ones
    that award someone in the user's part of the tree."""
    mine = reach(user, ALL_ROLES)
    awards_mine = DecisionItem.objects.filter(decision=OuterRef("pk")).filter(
        Q(nomination__candidate_unit_id__in=mine)
        | Q(nomination__candidate_person__unit_id__in=mine)
    )
    return Decision.objects.filter(
        Q(issuing_unit_id__in=reach(user, ISSUER_STAFF_ROLES))
        | (Q(status=DecisionStatus.SIGNED) & Exists(awards_mine))
    )


def access_decision(user: User, pk: int) -> Decision:
    """The decision if the user may see it (``visible_decisions``); the same 404 for missing
    and not yours."""
    decision = (
        visible_decisions(user)
        .select_related(
            "movement",
            "movement__issuing_unit",
            "issuing_unit",
            "issuing_unit__parent",
            "council_session",
            "council_session__council",
            "signed_by",
            "created_by",
        )
        .filter(pk=pk)
        .first()
    )
    if decision is None:
        raise Http404
    return decision


def access_decision_to_edit(user: User, pk: int) -> Decision:
    """A decision the user may see and drafts for (signed ones too: the page says why it
    cannot change); 404 otherwise."""
    decision = access_decision(user, pk)
    if not may_draft(user, decision.issuing_unit_id):
        raise Http404
    return decision


def access_decision_to_print(user: User, pk: int) -> Decision:
    """A decision whose certificates the user may print: any role over its issuer.

    Not ``access_decision``: that one also lets in the recipients' units (they see the signed
    document) but only Home Affairs and the chairman over the issuer; printing the
    certificates is for every office of the issuing unit, and only for it."""
    decision = Decision.objects.select_related("issuing_unit", "movement").filter(pk=pk).first()
    if decision is None:
        raise Http404
    if decision.issuing_unit_id not in reach(user, ALL_ROLES):
        raise Http404
    return decision


# --- quotas -----------------------------------------------------------------------------


def may_manage_quota(user: User, unit_id: int) -> bool:
    return unit_id in reach(user, DRAFTER_ROLES)


def access_quota(user: User, pk: int) -> Quota:
    """A quota the user manages (Home Affairs over its unit); the same 404 otherwise."""
    quota = Quota.objects.select_related("movement", "unit", "award_form").filter(pk=pk).first()
    if quota is None or not may_manage_quota(user, quota.unit_id):
        raise Http404
    return quota


def sees_quotas(user: User, movement: Movement) -> bool:
    """Home Affairs or a chairman somewhere in the movement's area."""
    return bool(reach(user, ISSUER_STAFF_ROLES) & movement_area(movement))


# --- the award register -----------------------------------------------------------------


def recipient_unit_id(award: Award) -> int | None:
    """The unit the award belongs to: the collective itself or the person's managing unit."""
    if award.unit_id:
        return award.unit_id
    if award.person is not None:
        return award.person.unit_id
    return None


def may_view_award(user: User, award: Award) -> bool:
    ids = reach(user, ALL_ROLES)
    if recipient_unit_id(award) in ids:
        return True
    return award.decision is not None and award.decision.issuing_unit_id in ids


def may_revoke(user: User, award: Award) -> bool:
    """Home Affairs over the deciding committee or over the recipient; not already revoked."""
    if award.is_revoked:
        return False
    ids = reach(user, REGISTRAR_ROLES)
    if award.decision is not None and award.decision.issuing_unit_id in ids:
        return True
    return recipient_unit_id(award) in ids


def may_record(user: User) -> bool:
    return bool(reach(user, REGISTRAR_ROLES))


def access_award(user: User, pk: int) -> Award:
    """The award with what its page shows; the same 404 for missing and not yours."""
    award = (
        Award.objects.select_related(*AWARD_RELATED, "revoked_by", "recorded_by")
        .filter(pk=pk)
        .first()
    )
    if award is None:
        raise Http404
    if not may_view_award(user, award):
        raise Http404
    return award


# --- budget -----------------------------------------------------------------------------


def sees_whole_movement(user: User, movement: Movement) -> bool:
    return movement.issuing_unit_id in reach(user, BUDGET_ROLES)


# --- award money ------------------------------------------------------------------------


@dataclass(frozen=True)
class MoneyScope:
    """Whose award money a user sees, computed once (two cached reaches; no query per row).

    ``deciders``: units whose decisions' money the user sees in full (chairman, Home Affairs
    or Finance over them). ``recipients``: the user's reach; an award to a unit in it, or to a
    person managed in it, shows its money (the recipient's unit and the units above it)."""

    deciders: frozenset[int]
    recipients: frozenset[int]

    def sees(self, *, issuing_unit_id: int | None, recipient_unit_id: int | None) -> bool:
        if recipient_unit_id is not None and recipient_unit_id in self.recipients:
            return True
        return issuing_unit_id is not None and issuing_unit_id in self.deciders

    @classmethod
    def whole_of(cls, decision: Decision) -> MoneyScope:
        """Every award of the decision: for the document itself (who may download it is
        ``may_download_decision``)."""
        return cls(deciders=frozenset({decision.issuing_unit_id}), recipients=frozenset())

    def sees_award(self, award: Award) -> bool:
        issuing_unit_id = award.decision.issuing_unit_id if award.decision is not None else None
        return self.sees(
            issuing_unit_id=issuing_unit_id, recipient_unit_id=recipient_unit_id(award)
        )

    def sees_whole(self, decision: Decision) -> bool:
        """Every award of the decision: the deciding unit's chairman, Home Affairs, Finance."""
        return decision.issuing_unit_id in self.deciders

    def q(self, prefix: str = "") -> Q:
        """The same rule as a filter on awards (``prefix`` for a related award)."""
        recipients, deciders = list(self.recipients), list(self.deciders)
        return (
            Q(**{f"{prefix}unit_id__in": recipients})
            | Q(**{f"{prefix}person__unit_id__in": recipients})
            | Q(**{f"{prefix}decision__issuing_unit_id__in": deciders})
        )


def money_scope(user: User) -> MoneyScope:
    return MoneyScope(deciders=reach(user, MONEY_ROLES), recipients=reach(user, ALL_ROLES))


@rules.predicate
def may_view_award_money(user: User, award: Award) -> bool:
    return money_scope(user).sees_award(award)


rules.add_perm("awards.view_award_money", may_view_award_money)


def mark_money(user: User, awards: Iterable[Award]) -> list[Award]:
    """The awards, each with ``money_shown`` for the templates and exports (the scope is
    computed once; the awards need ``decision`` and ``person`` fetched with them)."""
    scope = money_scope(user)
    marked = list(awards)
    for award in marked:
        award.__dict__["money_shown"] = scope.sees_award(award)
    return marked


def may_download_decision(user: User, decision: Decision) -> bool:
    """The signed document lists every award's money: for a decision, only those who see it
    all (a proposal carries no money: anyone who sees it)."""
    return decision.kind != DecisionKind.DECISION or money_scope(user).sees_whole(decision)
