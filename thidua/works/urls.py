from django.urls import path

from thidua.works.views import (
    dashboard,
    flagship,
    imports,
    progress,
    registration,
    reminders,
    reviews,
)

app_name = "works"
# Movement-scoped pages live under phong-trao/<movement>/, a single work under <pk>/.
urlpatterns = [
    path("phong-trao/<int:movement>/", registration.work_list, name="list"),
    path("phong-trao/<int:movement>/dang-ky/", registration.work_create, name="create"),
    path("phong-trao/<int:movement>/tuan-thu/", reminders.compliance, name="compliance"),
    path("phong-trao/<int:movement>/don-doc/", reminders.reminder_send, name="remind"),
    path("phong-trao/<int:movement>/da-don-doc/", reminders.reminders_sent, name="reminders_sent"),
    path(
        "phong-trao/<int:movement>/da-don-doc/<int:pk>/gui-lai/",
        reminders.reminder_mail_resend,
        name="reminder_mail_resend",
    ),
    path("phong-trao/<int:movement>/tieu-bieu/", flagship.flagship_select, name="flagship"),
    path("<int:pk>/", registration.work_detail, name="detail"),
    path("<int:pk>/sua/", registration.work_edit, name="edit"),
    path("<int:pk>/huy/", registration.work_cancel, name="cancel"),
    path("<int:pk>/tiep-nhan/", registration.work_accept, name="accept"),
    path("<int:pk>/tra-lai/", registration.work_return, name="return"),
    path("<int:pk>/tien-do/", progress.progress_create, name="progress"),
    path("minh-chung/<int:pk>/", progress.evidence_file, name="evidence"),
    path("minh-chung/<int:pk>/anh-nho/", progress.evidence_thumbnail, name="evidence_thumbnail"),
    path("don-doc/", reminders.my_reminders, name="my_reminders"),
    path("don-doc/<int:pk>/da-xem/", reminders.reminder_acknowledge, name="acknowledge"),
    # Excel import and the consolidated register.
    path(
        "phong-trao/<int:movement>/mau-nhap/",
        imports.works_template_download,
        name="import_template",
    ),
    path("phong-trao/<int:movement>/nhap-excel/", imports.works_import_view, name="import"),
    path("phong-trao/<int:movement>/xuat-excel/", imports.works_export_download, name="export"),
    # Interim and final reviews.
    path("phong-trao/<int:movement>/so-ket-tong-ket/", reviews.review_list, name="reviews"),
    path(
        "phong-trao/<int:movement>/so-ket-tong-ket/<str:kind>/don-vi/<int:unit>/",
        reviews.review_edit,
        name="review_edit",
    ),
    path(
        "phong-trao/<int:movement>/so-ket-tong-ket/<str:kind>/don-doc/",
        reminders.review_reminder_send,
        name="review_remind",
    ),
    path(
        "phong-trao/<int:movement>/so-ket-tong-ket/<str:kind>/tong-hop.xlsx",
        reviews.review_xlsx,
        name="review_xlsx",
    ),
    path(
        "phong-trao/<int:movement>/so-ket-tong-ket/<str:kind>/bao-cao.docx",
        reviews.review_docx,
        name="review_docx",
    ),
    path("phong-trao/<int:movement>/tong-quan/", dashboard.dashboard_view, name="dashboard"),
]
