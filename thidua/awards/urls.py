from thidua.awards import decision_views, register_views

app_name = "awards"
urlpatterns = [*decision_views.urlpatterns, *register_views.urlpatterns]
