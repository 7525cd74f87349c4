"""Excel imports of criteria facts, all or nothing: ``ratings`` (annual ratings), ``facts``
(targets, initiatives, contributions, violations, complaints) and ``people``; ``unit_rows`` holds
what the imports whose rows name a unit share."""
