from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.report_page, name="index"),
    path("suggestions/<int:item_report_id>/", views.suggestions, name="suggestions"),
]
