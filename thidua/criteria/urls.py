from thidua.criteria import assessment_views, views

app_name = "criteria"
urlpatterns = [*views.urlpatterns, *assessment_views.urlpatterns]
