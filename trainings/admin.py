"""Admin screens for trainings (the staff pages in trainings/ are the everyday tool)."""

from django.contrib import admin

from trainings.models import CalendarFeed, Registration, Training


class RegistrationInline(admin.TabularInline):
    model = Registration
    extra = 0
    raw_id_fields = ["member"]


@admin.register(Training)
class TrainingAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "starts_at", "status", "capacity"]
    list_filter = ["kind", "status", "departement"]
    search_fields = ["title"]
    inlines = [RegistrationInline]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["member", "training", "status", "attendance", "created_at"]
    list_filter = ["status", "attendance"]
    raw_id_fields = ["member", "training"]


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    list_display = ["member", "created_at"]
    raw_id_fields = ["member"]
    exclude = ["token"]
