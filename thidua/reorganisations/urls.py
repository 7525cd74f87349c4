from django.urls import path

from thidua.reorganisations import views

app_name = "reorganisations"
urlpatterns = [
    path("", views.reorganisation_list, name="list"),
    path("tao-moi/", views.reorganisation_new, name="new"),
    path("tao-moi/<str:kind>/", views.reorganisation_new_units, name="new_units"),
    path("<int:pk>/", views.reorganisation_detail, name="detail"),
    path("<int:pk>/can-cu/", views.reorganisation_basis, name="basis"),
    path("<int:pk>/ap-dung/", views.reorganisation_apply, name="apply"),
    path("<int:pk>/quyen/", views.reorganisation_roles, name="roles"),
    path("<int:pk>/hoan-tac/", views.reorganisation_undo, name="undo"),
]
