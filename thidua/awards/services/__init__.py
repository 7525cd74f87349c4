"""Writes of the awards app, one module per topic: callers import the topic module."""
