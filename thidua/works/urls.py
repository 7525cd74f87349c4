from thidua.works import dashboard_views, import_views, review_views, views

app_name = "works"
# Movement-scoped pages live under phong-trao/<movement>/, a single work under <pk>/.
urlpatterns = [
    *views.urlpatterns,
    *import_views.urlpatterns,
    *review_views.urlpatterns,
    *dashboard_views.urlpatterns,
]
