from django.urls import path

from . import views

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("search/", views.search, name="search"),
    path("stats/", views.stats, name="stats"),
    path("audit/", views.audit_log, name="audit"),
    path("permissions/", views.permission_matrix, name="permissions"),
    path("intake/new/", views.intake_create, name="intake_new"),
    path("intake/<int:pk>/", views.intake_detail, name="intake"),
    path("<str:code>/", views.case_detail, name="detail"),
    path("<str:code>/purpose/", views.purpose, name="purpose"),
    path("<str:code>/persons/new/", views.person_new, name="person_new"),
    path("<str:code>/persons/<uuid:uid>/", views.person_detail, name="person"),
    path("<str:code>/persons/<uuid:uid>/edit/", views.person_edit, name="person_edit"),
    path("<str:code>/persons/<uuid:uid>/screen/", views.screen, name="screen"),
    path("<str:code>/details/", views.details, name="details"),
    path("<str:code>/refer/", views.refer, name="refer"),
    path("<str:code>/referrals/<int:pk>/decision/", views.decision, name="decision"),
    path("<str:code>/services/new/", views.service_new, name="service_new"),
    path("<str:code>/services/<uuid:uid>/", views.service_edit, name="service_edit"),
    path("<str:code>/transfer/", views.transfer, name="transfer"),
    path("<str:code>/close/", views.close, name="close"),
]
