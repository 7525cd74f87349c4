from django.urls import path

from thidua.awards.views import budget, decisions, quotas, register

app_name = "awards"
urlpatterns = [
    # decisions, proposals and quotas
    path("phong-trao/<int:movement>/quyet-dinh/", decisions.decision_list, name="decision_list"),
    path(
        "phong-trao/<int:movement>/quyet-dinh/moi/",
        decisions.decision_create,
        name="decision_create",
    ),
    path("phong-trao/<int:movement>/chi-tieu/", quotas.quota_list, name="quota_list"),
    path("chi-tieu/<int:pk>/sua/", quotas.quota_edit, name="quota_edit"),
    path("quyet-dinh/<int:pk>/", decisions.decision_detail, name="decision_detail"),
    path("quyet-dinh/<int:pk>/sua/", decisions.decision_edit, name="decision_edit"),
    path("quyet-dinh/<int:pk>/xoa/", decisions.decision_delete, name="decision_delete"),
    path("quyet-dinh/<int:pk>/ky/", decisions.decision_sign, name="decision_sign"),
    path("quyet-dinh/<int:pk>/du-thao.docx", decisions.decision_preview, name="decision_preview"),
    path("quyet-dinh/<int:pk>/tao-pdf/", decisions.decision_make_pdf, name="decision_make_pdf"),
    path("quyet-dinh/<int:pk>/tai/<str:fmt>/", decisions.decision_file, name="decision_file"),
    # the award register and certificates
    path("so-khen-thuong/", register.register_list, name="register"),
    path("so-khen-thuong/xuat-excel/", register.register_export, name="register_export"),
    path("so-khen-thuong/ghi-so/", register.award_record_view, name="record"),
    path("so-khen-thuong/<int:pk>/", register.award_detail, name="award"),
    path(
        "so-khen-thuong/<int:pk>/giay-khen.pdf",
        register.certificate_download,
        name="certificate",
    ),
    path("so-khen-thuong/<int:pk>/thu-hoi/", register.award_revoke_view, name="revoke"),
    path(
        "so-khen-thuong/quyet-dinh/<int:decision>/giay-khen.pdf",
        register.decision_certificates,
        name="decision_certificates",
    ),
    # award money
    path("kinh-phi/", budget.budget_overview, name="budgets"),
    path("kinh-phi/<int:movement>/", budget.budget_detail, name="budget"),
    path(
        "kinh-phi/<int:movement>/danh-sach-chi.xlsx",
        budget.payment_list,
        name="payment_list",
    ),
]
