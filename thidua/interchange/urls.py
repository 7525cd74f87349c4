from django.urls import path

from thidua.interchange import views

app_name = "interchange"

urlpatterns = [
    path("don-vi/mau/", views.units_template_download, name="units_template"),
    path("don-vi/nhap/", views.units_import_view, name="units_import"),
    path("don-vi/xuat/", views.units_export_download, name="units_export"),
    path("tai-khoan/mau/", views.accounts_template_download, name="accounts_template"),
    path("tai-khoan/nhap/", views.accounts_import_view, name="accounts_import"),
    path("tai-khoan/xuat/", views.accounts_export_download, name="accounts_export"),
    path("tai-khoan/mat-khau/", views.accounts_credentials, name="accounts_credentials"),
    path(
        "tai-khoan/mat-khau/tai-ve/",
        views.accounts_credentials_download,
        name="accounts_credentials_download",
    ),
    path("tep-loi/", views.annotated_download, name="annotated"),
]
