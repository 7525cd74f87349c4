"""The public verification page a certificate's QR code opens."""

from django.urls import path

from thidua.awards.views import public

app_name = "verify"
urlpatterns = [
    path("", public.verify_lookup, name="lookup"),
    path("quyet-dinh/", public.decision_index, name="decisions"),
    path("quyet-dinh/<int:pk>/", public.decision_public, name="decision"),
    path("<uuid:token>/", public.verify_award, name="award"),
]
