"""Ids and years printed in templates must not be localized: with USE_THOUSAND_SEPARATOR, {{ obj.pk }}
renders 2494 as "2.494", which breaks form values, element ids and links once ids pass 999."""

import re
from pathlib import Path

from django.conf import settings

RAW_ID = re.compile(r"\{\{\s*[\w.]*(?:\.pk|\.id|_id|year)\s*\}\}")


def test_no_template_prints_a_raw_id():
    offenders = []
    for template in Path(settings.BASE_DIR, "templates").rglob("*.html"):
        for number, line in enumerate(template.read_text().splitlines(), start=1):
            if RAW_ID.search(line):
                offenders.append(f"{template.relative_to(settings.BASE_DIR)}:{number}")
    assert not offenders, "use |stringformat:'d' (or {% url %}) for ids: " + ", ".join(offenders)
