"""Generated files: the decision and proposal .docx, certificates .pdf, the payment list
and the register as .xlsx."""
