from django.urls import path

from thidua.interchange import views

app_name = "interchange"

urlpatterns = [
    path("tep-loi/", views.annotated_download, name="annotated"),
]
