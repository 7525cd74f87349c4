from thidua.councils import views

app_name = "councils"
urlpatterns = [*views.urlpatterns]
