from django.contrib import admin
from django.urls import include, path

from ctip.core import views as core_views
from ctip.web import views as web_views

urlpatterns = [
    path("", web_views.home, name="home"),
    path("health", core_views.health, name="health"),
    path("favicon.ico", core_views.favicon),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("ctip.accounts.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("ctip.api.urls")),
    path("", include("ctip.plan.urls")),
    path("records/", include("ctip.records.urls")),
    path("reports/", include("ctip.reports.urls")),
    path("cases/", include("ctip.cases.urls")),
    path("jobs/", include("ctip.jobs.urls")),
    path("reminders/", include("ctip.reminders.urls")),
]

handler400 = core_views.bad_request
handler403 = core_views.permission_denied
handler404 = core_views.page_not_found
handler500 = core_views.server_error
