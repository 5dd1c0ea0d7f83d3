from django.urls import path

from registrations import views

app_name = "registrations"
urlpatterns = [
    path("", views.registration_list, name="list"),
    path("export.csv", views.export, name="export"),
    path("nieuw/<int:allocation_id>/", views.create, name="create"),
    path("voorbeeld/<int:allocation_id>/", views.preview, name="preview"),
    path("reeks/<int:allocation_id>/", views.series, name="series"),
    path("<int:pk>/", views.edit, name="edit"),
    path("<int:pk>/opnieuw/", views.again, name="again"),
    path("<int:pk>/verwijderen/", views.delete, name="delete"),
]
