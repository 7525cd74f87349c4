from django.urls import path

from thidua.criteria.views import checks, criterion_sets, facts, imports, people, ranking, records

app_name = "criteria"
urlpatterns = [
    # Facts of units and people, and their Excel imports.
    path("nguoi/", people.people_list, name="people"),
    path("nguoi/them/", people.person_create, name="person_create"),
    path("nguoi/<int:pk>/", facts.person_facts, name="person"),
    path("nguoi/<int:pk>/sua/", people.person_update, name="person_update"),
    path("nguoi/<int:pk>/xep-loai/", records.person_rating_record, name="person_rating"),
    path("don-vi/<int:pk>/", facts.unit_facts, name="unit"),
    path("don-vi/<int:pk>/xep-loai/", records.unit_rating_record, name="unit_rating"),
    path("don-vi/<int:pk>/thon-van-hoa/", records.recognition_record, name="recognition"),
    path("xep-loai/<int:pk>/minh-chung/", records.rating_evidence, name="rating_evidence"),
    path(
        "thon-van-hoa/<int:pk>/minh-chung/",
        records.recognition_evidence,
        name="recognition_evidence",
    ),
    path("xep-loai/mau-nhap/", imports.ratings_template_download, name="ratings_template"),
    path("xep-loai/nhap-excel/", imports.ratings_import_view, name="ratings_import"),
    path("xep-loai/<int:pk>/xoa/", records.rating_delete, name="rating_delete"),
    path("thon-van-hoa/<int:pk>/xoa/", records.recognition_delete, name="recognition_delete"),
    path("don-vi/<int:pk>/du-kien/them/", records.unit_fact_create, name="unit_fact_create"),
    path("don-vi/<int:pk>/lich-su/", facts.unit_history, name="unit_history"),
    path("nguoi/<int:pk>/du-kien/them/", records.person_fact_create, name="person_fact_create"),
    path("du-kien/<int:pk>/sua/", records.fact_update, name="fact_update"),
    path("du-kien/<int:pk>/xoa/", records.fact_delete, name="fact_delete"),
    path("du-kien/<int:pk>/minh-chung/", records.fact_evidence, name="fact_evidence"),
    path("du-kien/mau-nhap/", imports.facts_template_download, name="facts_template"),
    path("du-kien/nhap-excel/", imports.facts_import_view, name="facts_import"),
    path("nguoi/mau-nhap/", imports.people_template_download, name="people_template"),
    path("nguoi/nhap-excel/", imports.people_import_view, name="people_import"),
    # Criterion sets, candidate checks and the ranking.
    path("phong-trao/<int:movement>/don-vi/<int:pk>/", checks.check_unit, name="check_unit"),
    path("phong-trao/<int:movement>/nguoi/<int:pk>/", checks.check_person, name="check_person"),
    path("phong-trao/<int:movement>/ung-vien/", ranking.ranking_view, name="ranking"),
    path(
        "phong-trao/<int:movement>/ung-vien/xuat-excel/",
        ranking.ranking_export_view,
        name="ranking_export",
    ),
    path("phong-trao/<int:movement>/bo-tieu-chi/", criterion_sets.sets_view, name="sets"),
    path(
        "phong-trao/<int:movement>/bo-tieu-chi/tao/",
        criterion_sets.sets_create,
        name="sets_create",
    ),
    path("bo-tieu-chi/<int:pk>/", criterion_sets.set_detail, name="set_detail"),
    path(
        "bo-tieu-chi/<int:pk>/phien-ban-moi/",
        criterion_sets.set_new_version,
        name="set_new_version",
    ),
    path("bo-tieu-chi/<int:pk>/them-tieu-chi/", criterion_sets.criterion_add, name="criterion_add"),
    path("tieu-chi/<int:pk>/sua/", criterion_sets.criterion_edit, name="criterion_edit"),
    path("tieu-chi/<int:pk>/xoa/", criterion_sets.criterion_delete, name="criterion_delete"),
    path("tieu-chi/<int:pk>/di-chuyen/", criterion_sets.criterion_move, name="criterion_move"),
    path(
        "xac-nhan/<int:pk>/minh-chung/",
        checks.attestation_evidence,
        name="attestation_evidence",
    ),
]
