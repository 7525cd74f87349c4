"""Pages for registering, following and urging works."""

urlpatterns: list = []
