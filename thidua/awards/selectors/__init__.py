"""Reads of the awards app, one module per topic, narrowed to what the user may see."""
