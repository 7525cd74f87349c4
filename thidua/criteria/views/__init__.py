"""Thin criteria pages, one module per page group: ``people``, ``facts`` (a unit's or person's
facts by year), ``records`` (recording, correcting, deleting facts and their files),
``imports`` (Excel), ``checks`` (a candidate against the criteria, attestations), ``ranking``
and ``criterion_sets``; ``common`` holds what they share.

Objects are fetched through ``rules.access_*`` (404 for missing and not yours); the services
check the same reach again and validate.
"""
