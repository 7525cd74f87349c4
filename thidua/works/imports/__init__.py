"""Excel import of registered works (issue 4, 2): ``spec`` (the table and its template) and
``checking`` (reading a file, checking its rows, registering its works). The names callers
use are re-exported here; the register export is in ``documents.register``."""

from thidua.works.imports.checking import works_import
from thidua.works.imports.spec import WORKS_SPEC, amount, works_template

__all__ = ["WORKS_SPEC", "amount", "works_import", "works_template"]
