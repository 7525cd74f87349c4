from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from thidua.accounts.forms import LoginForm
from thidua.accounts.views import PasswordChange, PasswordResetConfirm

urlpatterns = [
    path("admin/", admin.site.urls),
    path(
        "dang-nhap/",
        auth_views.LoginView.as_view(
            redirect_authenticated_user=True, authentication_form=LoginForm
        ),
        name="login",
    ),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("doi-mat-khau/", PasswordChange.as_view(), name="password_change"),
    path(
        "dat-lai-mat-khau/<uidb64>/<token>/",
        PasswordResetConfirm.as_view(),
        name="password_reset_confirm",
    ),
    path("", include("thidua.desk.urls")),
    path("", include("thidua.core.urls")),
    path("tai-khoan/", include("thidua.accounts.urls")),
    path("don-vi/", include("thidua.units.urls")),
    path("to-chuc-lai/", include("thidua.reorganisations.urls")),
    path("phong-trao/", include("thidua.movements.urls")),
    path("trao-doi/", include("thidua.interchange.urls")),
    path("cong-trinh/", include("thidua.works.urls")),
    path("tieu-chi/", include("thidua.criteria.urls")),
    path("de-nghi/", include("thidua.nominations.urls")),
    path("hoi-dong/", include("thidua.councils.urls")),
    path("khen-thuong/", include("thidua.awards.urls")),
    # Public pages (no login): the notice of candidates and certificate verification.
    path("cong-khai/", include("thidua.nominations.public_urls")),
    path("xac-minh/", include("thidua.awards.public_urls")),
]
