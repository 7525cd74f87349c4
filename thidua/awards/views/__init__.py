"""Pages of the awards app, one module per page group; ``urls`` and ``public_urls`` route them."""
