from django.urls import path

from thidua.desk import views

urlpatterns = [
    path("", views.home, name="home"),
]
