"""Pages of the councils area: thin views over services, selectors and rules, one module per
page group:

* ``councils`` — the list, a council's setup: members and thresholds;
* ``sessions`` — a council's sessions, the agenda page, roll call, opening and closing the
  vote, the minutes, and a member's own sessions;
* ``ballot`` — a present member's ballot and the written vote of an absent one.

Councils live under hoi-dong/<pk>/, one session under hoi-dong/phien/<pk>/. A member's own
sessions are at hoi-dong/cua-toi/.
"""
