from django.urls import path

from . import views
from .catalogue import urls as catalogue_urls

app_name = "plan"
urlpatterns = [
    path("plan/", views.overview, name="overview"),
    path("plan/plans/<int:pk>/current/", views.make_current, name="make_current"),
    path("plan/items/<int:pk>/", views.item_detail, name="item"),
    path("plan/reports/<int:pk>/", views.report_detail, name="report"),
    path("plan/reports/<int:pk>/edit/", views.report_edit, name="report_edit"),
    path("plan/reports/<int:pk>/<str:action>/", views.report_action, name="report_action"),
    path("plan/import/", views.import_upload, name="import_upload"),
    path("plan/import/bulk/", views.import_bulk, name="import_bulk"),
    path("plan/import/<str:token>/", views.import_preview, name="import_preview"),
    path("plan/import/<str:token>/correct/", views.import_correct, name="import_correct"),
    path("plan/import/<str:token>/confirm/", views.import_confirm, name="import_confirm"),
    path("search/", views.search, name="search"),
]
urlpatterns += catalogue_urls.urlpatterns  # the plan itself (issue 15)
