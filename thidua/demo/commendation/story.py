"""The commendation story told through the real services, step by step: the dossiers up to the
notice, the public notice, the province's quota, the council session, the decision and the
proposal, a revocation, and the dossiers still on their way in December 2025."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from django.db import transaction

from thidua.accounts.models import User
from thidua.award_catalogue.models import AwardForm, DecidingOffice
from thidua.awards.models import Award, DecisionKind
from thidua.awards.services import decisions, quotas, register
from thidua.councils import services as council_services
from thidua.councils.models import Council, CouncilMember
from thidua.criteria.models import Person
from thidua.demo import movement as demo_movement
from thidua.demo.commendation.clock import Clock, at
from thidua.demo.commendation.papers import minutes, report
from thidua.demo.commendation.script import (
    ALL_DOSSIERS,
    ANSWER,
    CHECKED,
    COMMENT,
    DECIDED,
    DISTRICT,
    DRAFT,
    FIRST_RETURN_REASON,
    HELD_ON,
    NOTICE_INTRODUCTION,
    NOTICE_TITLE,
    NOTICED,
    PAPER_DAY,
    PAPER_NUMBER,
    PAPER_PERSON,
    PRESENT,
    PROPOSED,
    QUOTA,
    QUOTA_REFERENCE,
    RETURN_REASON,
    RETURNED,
    REVOCATION_DECISION,
    REVOCATION_REASON,
    REVOKED,
    REVOKED_ON,
    SIGNED_ON,
    USERNAMES,
    VOTERS,
    VOTES,
    WRITTEN,
    Dossier,
)
from thidua.movements.models import Movement
from thidua.nominations import services as nomination_services
from thidua.nominations.models import Nomination, PublicNotice
from thidua.units.models import Unit


class Story:
    """The commendation process told step by step through the real services."""

    def __init__(self, movement: Movement, users: dict[str, User]) -> None:
        self.movement = movement
        self.users = users
        self.clock = Clock()
        codes = {d.proposing_unit for d in ALL_DOSSIERS} | {d.unit for d in ALL_DOSSIERS}
        codes |= {d.person[0] for d in ALL_DOSSIERS} | {DISTRICT}
        self.units = {u.code: u for u in Unit.objects.filter(code__in=codes - {""})}
        self.forms = {f.code: f for f in AwardForm.objects.all()}
        self.nominations: dict[str, Nomination] = {}

    def person(self, dossier: Dossier) -> Person | None:
        code, name = dossier.person
        if not name:
            return None
        return Person.objects.get(unit__code=code, full_name=name, is_sample=True)

    def missing(self) -> bool:
        """Whether something the story needs is not as ``load_demo`` made it: the units,
        award forms and people, and the district council of exactly the four demo members
        (the votes and the 80 % outcome are written for them)."""
        council = Council.objects.filter(unit__code=DISTRICT).order_by("pk").first()
        active = CouncilMember.objects.filter(council=council, active=True)
        if set(active.values_list("user__username", flat=True)) != set(VOTERS):
            return True
        wanted_units = {d.unit or d.person[0] for d in ALL_DOSSIERS} | {DISTRICT}
        if not wanted_units <= set(self.units):
            return True
        if not {d.form for d in ALL_DOSSIERS} <= set(self.forms):
            return True
        names = [d.person for d in ALL_DOSSIERS if d.person[1]]
        found = Person.objects.filter(
            is_sample=True, full_name__in=[n for _c, n in names]
        ).values_list("unit__code", "full_name")
        return not set(names) <= set(found)

    def taken(self) -> bool:
        """Whether a candidate of the story already has a live nomination in the movement
        (someone used the demo): the story would clash with it, so it is not told."""
        for dossier in ALL_DOSSIERS:
            unit = self.units.get(dossier.unit) if dossier.unit else None
            person = self.person(dossier) if dossier.person[1] else None
            if nomination_services.live_nomination(self.movement, unit=unit, person=person):
                return True
        return False

    # --- dossiers ---------------------------------------------------------------------

    def create(self, dossier: Dossier, day: date) -> Nomination:
        unit = self.units[dossier.unit] if dossier.unit else None
        person = self.person(dossier)
        form = self.forms[dossier.form]
        proposing = self.units[dossier.proposing_unit]
        candidate = unit.name if unit is not None else person.full_name if person else ""
        nomination = nomination_services.nomination_create(
            actor=self.users[dossier.proposer],
            movement=self.movement,
            proposing_unit=proposing,
            candidate_unit=unit,
            candidate_person=person,
            data=nomination_services.DossierData(
                award_form=form,
                achievement=report(dossier, unit, person),
                review_minutes=minutes(proposing, candidate, form, day),
            ),
        )
        self.nominations[dossier.key] = nomination
        return nomination

    def refresh(self) -> None:
        """Read the dossiers again: services change their own copies (notice, status)."""
        fresh = Nomination.objects.in_bulk([n.pk for n in self.nominations.values()])
        self.nominations = {key: fresh[n.pk] for key, n in self.nominations.items()}

    def submit(self, dossier: Dossier) -> None:
        nomination_services.nomination_submit(
            actor=self.users[dossier.proposer], nomination=self.nominations[dossier.key]
        )

    def accept(self, dossier: Dossier) -> None:
        nomination_services.nomination_accept(
            actor=self.users["noivu"], nomination=self.nominations[dossier.key]
        )

    # --- the story --------------------------------------------------------------------

    def tell(self) -> None:
        district = self.units[DISTRICT]
        self.dossiers_to_notice()
        self.public_notice()
        self.quota(district)
        self.council_session(district)
        self.decide(district)
        self.revocation()
        self.december()

    def dossiers_to_notice(self) -> None:
        """May 2025: the seven dossiers created, submitted (one returned once and sent again)
        and accepted by the office."""
        on = self.clock.at
        noivu = self.users["noivu"]
        for minute, dossier in enumerate(NOTICED):
            with on(at(date(2025, 5, 12), 8, minute * 5)):
                self.create(dossier, date(2025, 5, 12))
        for minute, dossier in enumerate(NOTICED):
            with on(at(date(2025, 5, 14), 14, minute * 5)):
                self.submit(dossier)
        my = next(d for d in NOTICED if d.key == "my")
        with on(at(date(2025, 5, 20), 10)):
            nomination_services.nomination_return(
                actor=noivu, nomination=self.nominations["my"], reason=FIRST_RETURN_REASON
            )
        with on(at(date(2025, 5, 22), 15)):
            nomination = self.nominations["my"]
            proposing = self.units[my.proposing_unit]
            self.nominations["my"] = nomination_services.nomination_update(
                actor=self.users[my.proposer],
                nomination=nomination,
                data=nomination_services.DossierData(
                    award_form=nomination.award_form,
                    achievement=nomination.achievement,
                    review_minutes=minutes(
                        proposing,
                        nomination.candidate_name,
                        nomination.award_form,
                        date(2025, 5, 21),
                    ),
                ),
            )
            self.submit(my)
        for minute, dossier in enumerate(NOTICED):
            with on(at(date(2025, 5, 26), 9, minute * 5)):
                self.accept(dossier)

    def public_notice(self) -> None:
        """Published on 02/06/2025, open for 10 working days: one comment and its answer."""
        on = self.clock.at
        noivu = self.users["noivu"]
        with on(at(date(2025, 5, 30), 10)):
            notice = nomination_services.notice_create(
                actor=noivu,
                movement=self.movement,
                data=nomination_services.NoticeData(
                    title=NOTICE_TITLE, introduction=NOTICE_INTRODUCTION, working_days=10
                ),
                nominations=[self.nominations[d.key] for d in NOTICED],
            )
        with on(at(date(2025, 6, 2), 8)):
            nomination_services.notice_publish(actor=noivu, notice=notice, today=date(2025, 6, 2))
        self.refresh()
        with on(at(date(2025, 6, 5), 20, 15)):
            comment = nomination_services.comment_post(
                notice=notice,
                data=replace(COMMENT, nomination=self.nominations["banmu"]),
                today=date(2025, 6, 5),
            )
        with on(at(date(2025, 6, 9), 10)):
            nomination_services.comment_answer(actor=noivu, comment=comment, answer=ANSWER)

    def quota(self, district: Unit) -> None:
        """The province's quota of upward proposals."""
        noivu = self.users["noivu"]
        with self.clock.at(at(date(2025, 6, 11), 9)):
            quotas.quota_set(
                actor=noivu,
                movement=self.movement,
                unit=district,
                award_form=self.forms["bang_khen_tinh"],
                allocated=QUOTA,
                document_reference=QUOTA_REFERENCE,
            )

    def decide(self, district: Unit) -> None:
        """The decision and the proposal, drafted by the office, signed by the chairman."""
        on = self.clock.at
        noivu, chutich = self.users["noivu"], self.users["chutich"]
        drafts = []
        for kind, keys in ((DecisionKind.DECISION, DECIDED), (DecisionKind.PROPOSAL, PROPOSED)):
            with on(at(date(2025, 6, 23), 9 if kind == DecisionKind.DECISION else 10)):
                drafts.append(
                    decisions.decision_create(
                        actor=noivu,
                        movement=self.movement,
                        issuing_unit=district,
                        kind=kind,
                        data=decisions.DraftData(
                            signed_on=SIGNED_ON,
                            summary=decisions.default_summary(self.movement, kind) + " (mẫu)",
                            signer_name=chutich.full_name,
                            distribution_list=decisions.default_distribution(kind),
                        ),
                        nomination_ids=[self.nominations[key].pk for key in keys],
                    )
                )
        for hour, draft in enumerate(drafts, start=15):
            with on(at(SIGNED_ON, hour)):
                # The signing transaction without the PDF (see the module's docstring).
                decisions.decision_sign(
                    actor=chutich, decision=draft, today=SIGNED_ON, make_pdf=False
                )

    def revocation(self) -> None:
        """15/10/2025: one of the awards is revoked."""
        with self.clock.at(at(REVOKED_ON, 14)):
            register.award_revoke(
                actor=self.users["noivu"],
                award=Award.objects.get(nomination=self.nominations[REVOKED]),
                reason=REVOCATION_REASON,
                revocation_decision=REVOCATION_DECISION,
                revoked_on=REVOKED_ON,
            )

    def december(self) -> None:
        """December 2025: dossiers still on their way when the movement ends."""
        on = self.clock.at
        noivu = self.users["noivu"]
        with on(at(date(2025, 12, 2), 9)):
            self.create(RETURNED, date(2025, 12, 2))
            self.create(CHECKED, date(2025, 12, 2))
        with on(at(date(2025, 12, 3), 16)):
            self.submit(RETURNED)
            self.submit(CHECKED)
        with on(at(date(2025, 12, 4), 10)):
            self.create(DRAFT, date(2025, 12, 4))
        with on(at(date(2025, 12, 8), 9)):
            nomination_services.nomination_return(
                actor=noivu, nomination=self.nominations[RETURNED.key], reason=RETURN_REASON
            )
            self.accept(CHECKED)

    def council_session(self, district: Unit) -> None:
        """The district council's session of 20/06/2025, one member voting in writing."""
        on = self.clock.at
        noivu = self.users["noivu"]
        council = Council.objects.filter(unit=district).earliest("pk")  # ``missing`` checked it
        members = {
            m.user.username: m
            for m in CouncilMember.objects.filter(council=council).select_related("user")
        }
        with on(at(date(2025, 6, 18), 9)):
            session = council_services.session_create(
                actor=noivu,
                council=council,
                movement=self.movement,
                held_on=HELD_ON,
                place="Hội trường Ủy ban nhân dân huyện Trạm Tấu",
                notes="Phiên họp xét khen thưởng đợt tháng 6/2025 (mẫu).",
                nominations=[self.nominations[d.key] for d in NOTICED],
                today=date(2025, 6, 18),
            )
        with on(at(HELD_ON, 8)):
            council_services.attendance_record(
                actor=noivu, session=session, present=[members[name] for name in PRESENT]
            )
            council_services.voting_open(actor=noivu, session=session)
        item_of = {item.nomination_id: item.pk for item in session.items.all()}

        def ballot(username: str) -> dict[int, bool]:
            column = VOTERS.index(username)
            return {
                item_of[self.nominations[key].pk]: votes[column] for key, votes in VOTES.items()
            }

        with on(at(HELD_ON, 8, 10)):
            council_services.ballot_record_written(
                actor=noivu, session=session, member=members[WRITTEN], votes=ballot(WRITTEN)
            )
        for minute, username in enumerate(PRESENT, start=1):
            with on(at(HELD_ON, 8, 30 + minute)):
                council_services.ballot_cast(
                    actor=self.users[username], session=session, votes=ballot(username)
                )
        with on(at(HELD_ON, 10)):
            council_services.session_close(actor=noivu, session=session)


def paper_award(users: dict[str, User], clock: Clock) -> bool:
    """An earlier paper «Lao động tiên tiến» (2023) entered in the register."""
    code, name = PAPER_PERSON
    person = Person.objects.filter(unit__code=code, full_name=name, is_sample=True).first()
    form = AwardForm.objects.filter(code="lao_dong_tien_tien").first()
    if person is None or form is None:
        return False
    if Award.objects.filter(person=person, decision_number=PAPER_NUMBER).exists():
        return False
    with clock.at(at(date(2025, 5, 8), 10)):
        register.award_record(
            actor=users["noivu"],
            award_form=form,
            deciding_office=DecidingOffice.DISTRICT_CHAIRMAN,
            decision_number=PAPER_NUMBER,
            decided_on=PAPER_DAY,
            person=person,
        )
    return True


def load_demo_commendation(users: dict[str, User] | None = None) -> bool:
    """Tell the commendation story in the demo movement; True when something was created.

    ``users``: the demo accounts by username; those not given are read from the database.
    Needs the rest of the demo (units, accounts, facts, award reference data, holidays,
    criterion sets, the district council with its four members), so ``load_demo`` calls it
    last; without them it creates nothing. Prints nothing.
    """
    movement = Movement.objects.filter(
        title=demo_movement.TITLE, issuing_unit__code=DISTRICT
    ).first()
    if movement is None:
        return False
    users = dict(users or {})
    for user in User.objects.filter(username__in=[n for n in USERNAMES if n not in users]):
        users[user.username] = user
    if not set(USERNAMES) <= set(users):
        return False
    created = False
    with transaction.atomic():
        if paper_award(users, Clock()):
            created = True
        if PublicNotice.objects.filter(movement=movement, title=NOTICE_TITLE).exists():
            return created
        story = Story(movement, users)
        if story.missing() or story.taken():
            return created
        story.tell()
    return True
