"""Pages anyone may open without an account: the public notice and its comment form."""

from thidua.nominations import public_views

app_name = "notices"
urlpatterns = [*public_views.urlpatterns]
