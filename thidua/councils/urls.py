from django.urls import path

from thidua.councils.views import ballot, councils, sessions

app_name = "councils"
urlpatterns = [
    path("", councils.council_list, name="list"),
    path("moi/", councils.council_create, name="create"),
    path("cua-toi/", sessions.my_sessions, name="my_sessions"),
    path("<int:pk>/", councils.council_detail, name="detail"),
    path("<int:pk>/sua/", councils.council_edit, name="edit"),
    path("<int:pk>/thanh-vien/them/", councils.member_create, name="member_create"),
    path("thanh-vien/<int:pk>/sua/", councils.member_edit, name="member_edit"),
    path("<int:pk>/nguong/them/", councils.threshold_create, name="threshold_create"),
    path("nguong/<int:pk>/sua/", councils.threshold_edit, name="threshold_edit"),
    path("nguong/<int:pk>/xoa/", councils.threshold_delete, name="threshold_delete"),
    path("<int:pk>/phien-hop/", sessions.session_list, name="sessions"),
    path("<int:pk>/phien-hop/moi/", sessions.session_create, name="session_create"),
    path("phien/<int:pk>/", sessions.session_detail, name="session"),
    path("phien/<int:pk>/sua/", sessions.session_edit, name="session_edit"),
    path("phien/<int:pk>/chuong-trinh/them/", sessions.agenda_add, name="agenda_add"),
    path("phien/muc/<int:pk>/go/", sessions.agenda_remove, name="agenda_remove"),
    path("phien/<int:pk>/diem-danh/", sessions.attendance, name="attendance"),
    path("phien/<int:pk>/mo-bieu-quyet/", sessions.voting_open, name="open"),
    path("phien/<int:pk>/ket-thuc/", sessions.session_close, name="close"),
    path("phien/<int:pk>/phieu/", ballot.ballot, name="ballot"),
    path("phien/<int:pk>/phieu-van-ban/<int:member>/", ballot.written_vote, name="written_vote"),
    path("phien/<int:pk>/bien-ban.docx", sessions.minutes_docx, name="minutes"),
]
