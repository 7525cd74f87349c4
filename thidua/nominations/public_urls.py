"""Pages anyone may open without an account: the public notice and its comment form."""

from django.urls import path

from thidua.nominations.views import public

app_name = "notices"
urlpatterns = [
    path("", public.notice_index, name="index"),
    path("<int:pk>/", public.notice_detail, name="detail"),
]
