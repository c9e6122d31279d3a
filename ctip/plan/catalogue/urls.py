"""Routes of the plan's catalogue pages (added to ctip.plan.urls, namespace "plan")."""

from django.urls import path

from . import views

urlpatterns = [
    path("plan/plans/load/", views.plan_load, name="plan_load"),
    path("plan/plans/load/<str:token>/", views.plan_load_preview, name="plan_load_preview"),
    path("plan/plans/load/<str:token>/confirm/", views.plan_load_confirm, name="plan_load_confirm"),
    path("plan/plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("plan/plans/<int:pk>/versions/<int:number>/", views.version_detail, name="version"),
    path("plan/plans/<int:pk>/settings/", views.plan_settings, name="plan_settings"),
    path("plan/plans/<int:pk>/obligations/", views.obligations_page, name="obligations"),
    path("plan/plans/<int:pk>/obligations/waive/", views.obligation_waive, name="waive"),
    path("plan/plans/<int:pk>/obligations/restore/", views.obligation_restore, name="restore"),
    path("plan/plans/<int:pk>/crosswalk/", views.crosswalk_page, name="crosswalk"),
    path("plan/items/<int:pk>/edit/", views.item_edit, name="item_edit"),
    path("plan/items/<int:pk>/history/", views.item_history, name="item_history"),
    path("plan/items/<int:item_pk>/indicators/new/", views.indicator_edit, name="indicator_new"),
    path(
        "plan/items/<int:item_pk>/indicators/<int:pk>/edit/",
        views.indicator_edit,
        name="indicator_edit",
    ),
    path("plan/indicators/<int:pk>/", views.indicator_detail, name="indicator"),
    path("plan/indicators/<int:pk>/delete/", views.indicator_delete, name="indicator_delete"),
]
