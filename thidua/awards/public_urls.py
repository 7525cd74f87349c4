"""The public verification page a certificate's QR code opens."""

from thidua.awards import public_views

app_name = "verify"
urlpatterns = [*public_views.urlpatterns]
