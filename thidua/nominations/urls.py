from django.urls import path

from thidua.nominations.views import dossiers, files, notice

app_name = "nominations"
urlpatterns = [
    path("phong-trao/<int:movement>/", dossiers.nomination_list, name="list"),
    path("phong-trao/<int:movement>/tao/", dossiers.nomination_create, name="create"),
    path("<int:pk>/", dossiers.nomination_detail, name="detail"),
    path("<int:pk>/sua/", dossiers.nomination_edit, name="edit"),
    path("<int:pk>/gui/", dossiers.nomination_submit, name="submit"),
    path("<int:pk>/tiep-nhan/", dossiers.nomination_accept, name="accept"),
    path("<int:pk>/tra-lai/", dossiers.nomination_return, name="return"),
    path("<int:pk>/rut/", dossiers.nomination_withdraw, name="withdraw"),
    path("<int:pk>/minh-chung/", files.evidence_add, name="evidence_add"),
    path("<int:pk>/bao-cao-thanh-tich.docx", files.achievement_docx, name="achievement_docx"),
    path("<int:pk>/tep/<slug:kind>/", files.dossier_file, name="dossier_file"),
    path("minh-chung/<int:pk>/", files.evidence_file, name="evidence"),
    path("minh-chung/<int:pk>/xoa/", files.evidence_delete, name="evidence_delete"),
    path("phong-trao/<int:movement>/cong-khai/", notice.notice_list, name="notices"),
    path("phong-trao/<int:movement>/cong-khai/tao/", notice.notice_create, name="notice_create"),
    path("cong-khai/<int:pk>/", notice.notice_detail, name="notice_detail"),
    path("cong-khai/<int:pk>/sua/", notice.notice_edit, name="notice_edit"),
    path("cong-khai/<int:pk>/cong-bo/", notice.notice_publish, name="notice_publish"),
    path("y-kien/<int:pk>/tra-loi/", notice.comment_answer, name="comment_answer"),
    path("y-kien/<int:pk>/kiem-duyet/", notice.comment_moderate, name="comment_moderate"),
]
