"""The works pages, one module per page group; ``thidua.works.urls`` points at them."""
