from django.urls import path

from thidua.movements import views
from thidua.movements.views import closing

app_name = "movements"
urlpatterns = [
    path("", views.movement_list, name="list"),
    path("tao-moi/", views.movement_create_view, name="create"),
    path("<int:pk>/", views.movement_detail, name="detail"),
    path("<int:pk>/sua/", views.movement_edit_view, name="edit"),
    path("<int:pk>/phat-dong/", views.movement_launch_view, name="launch"),
    path("<int:pk>/gui-lai-thu/", views.launch_mail_resend, name="launch_mail_resend"),
    path("<int:pk>/tep/", views.movement_file, name="file"),
    path("<int:pk>/ket-thuc/", closing.movement_close_view, name="close"),
    path("<int:pk>/bo-sung/", closing.movement_followup_view, name="followup"),
    path("<int:pk>/ke-hoach-don-vi/", views.plan_monitor, name="plan_monitor"),
    path("ke-hoach/", views.my_plans, name="my_plans"),
    path("ke-hoach/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("ke-hoach/<int:pk>/nop/", views.plan_submit_view, name="plan_submit"),
    path("ke-hoach/<int:pk>/tep/", views.plan_file, name="plan_file"),
]
