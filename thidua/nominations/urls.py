from thidua.nominations import notice_views, views

app_name = "nominations"
urlpatterns = [*views.urlpatterns, *notice_views.urlpatterns]
