"""Placeholder: filled in by its own slice."""

urlpatterns: list = []
