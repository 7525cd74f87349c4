"""Pages of the nominations area, one module per page group:

* ``dossiers`` — the list, the candidate picker and dossier form, the dossier page and its
  workflow steps (send, accept, return, withdraw);
* ``files`` — the dossier's files: evidence uploads and downloads, the report as .docx;
* ``notice`` — the Home Affairs Office's pages for the public notice and its comments;
* ``public`` — the pages anyone may open without an account.

``urls.py`` and ``public_urls.py`` point at them.
"""
