from thidua.criteria.views import urlpatterns as urlpatterns

app_name = "criteria"
