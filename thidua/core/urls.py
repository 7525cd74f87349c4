from django.urls import path

from thidua.core import views

urlpatterns = [
    path("healthz", views.health, name="health"),
    path("favicon.ico", views.favicon, name="favicon"),
]
