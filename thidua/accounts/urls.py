from django.urls import path

from thidua.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.account_list, name="list"),
    path("tao-moi/", views.account_create_view, name="create"),
    path("<int:pk>/", views.account_detail, name="detail"),
    path("<int:pk>/cap-quyen/", views.role_grant_view, name="grant"),
    path("quyen/<int:pk>/thu-hoi/", views.role_revoke_view, name="revoke"),
    path("<int:pk>/dat-lai-mat-khau/", views.password_reset_view, name="reset_password"),
    path("phe-duyet/", views.approval_list, name="approvals"),
    path("phe-duyet/quyen/<int:pk>/", views.role_request_decide, name="decide_role"),
    path("phe-duyet/mat-khau/<int:pk>/", views.reset_request_decide, name="decide_reset"),
    path("<int:pk>/trang-thai/", views.set_active_view, name="set_active"),
    path("excel/mau/", views.accounts_template_download, name="import_template"),
    path("excel/nhap/", views.accounts_import_view, name="import"),
    path("excel/xuat/", views.accounts_export_download, name="export"),
    path("excel/mat-khau/", views.accounts_credentials, name="credentials"),
    path(
        "excel/mat-khau/tai-ve/",
        views.accounts_credentials_download,
        name="credentials_download",
    ),
]
