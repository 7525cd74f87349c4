from django.urls import path

from thidua.units import views

app_name = "units"
urlpatterns = [
    path("", views.unit_list, name="list"),
    path("tao-moi/", views.unit_create_view, name="create"),
    path("<int:pk>/", views.unit_detail, name="detail"),
    path("<int:pk>/sua/", views.unit_edit_view, name="edit"),
]
