"""Files the works pages generate: ``reviews`` (the consolidated interim or final review as
.xlsx and .docx) and ``register`` (the consolidated register of works as .xlsx)."""
