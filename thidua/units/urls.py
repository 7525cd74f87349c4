from django.urls import path

from thidua.units import views

app_name = "units"
urlpatterns = [
    path("", views.unit_list, name="list"),
    path("tao-moi/", views.unit_create_view, name="create"),
    path("<int:pk>/", views.unit_detail, name="detail"),
    path("<int:pk>/sua/", views.unit_edit_view, name="edit"),
    path("excel/mau/", views.units_template_download, name="import_template"),
    path("excel/nhap/", views.units_import_view, name="import"),
    path("excel/xuat/", views.units_export_download, name="export"),
]
