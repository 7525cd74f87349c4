"""The commendation process of the Trạm Tấu demo, built only through the real services, so a
visitor finds every stage in the seed movement:

* dossiers of Xã Bản Mù and Xã Xà Hồ for the demo people and units of ``demo_facts``: one
  draft, one returned with a reason, one checked and waiting for the next notice (December
  2025), and seven that went through the public notice published on 02/06/2025 (one of them
  returned once and sent again), with one public comment and the office's answer;
* the district council's session of 20/06/2025, closed: six passed, and one «Chiến sĩ thi
  đua cơ sở» failed the 80 % threshold with 3 yes of 4 members; «xem» was absent and voted
  in writing;
* the province's quota of 2 «Bằng khen» and the signed proposal (tờ trình) that uses 1;
* the decision of 25/06/2025 signed by the district chairman (the district's authority
  ended on 30/06/2025), recording five awards with their money; one of them revoked on
  15/10/2025;
* an earlier paper award (2023) recorded in the register.

Everything invented is marked «(mẫu)» (people and villages are ``is_sample`` in
``demo_facts``). Idempotent: the story is keyed by its public notice and the paper award by
its decision number; a second run creates nothing.

Dates. The services stamp rows with the moment they run (``created_at``, the dossier trail,
comments, votes, signatures and every history row). The story happened in 2025, so each step
runs inside ``_Clock.at(when)``, which afterwards re-dates the rows that step wrote. The
achievement reports likewise cite only what was known in 2025 (ratings and facts up to 2024).

PDF. ``decisions.decision_sign`` signs in one transaction and then converts the .docx with
LibreOffice (seconds per document, up to two minutes before it gives up, and a logged
warning when soffice is missing). The demo signs with ``make_pdf=False``: the signing
transaction itself (number, awards, quota, nominations moved, .docx stored), leaving the PDF
to the decision page's «Tạo PDF» button.

The package: ``script`` (the story's facts), ``clock`` (re-dating each step), ``papers``
(minutes and reports) and ``story`` (the steps, and ``load_demo_commendation``).
"""

from thidua.demo.commendation.story import load_demo_commendation

__all__ = ["load_demo_commendation"]
