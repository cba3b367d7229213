from django.contrib import admin

from .models import ScheduleRun

# django-tasks-db registers its own read-only admin for task results
# (DBTaskResult, "Task Results"): failed jobs are listed there with their
# tracebacks, filterable by status.


@admin.register(ScheduleRun)
class ScheduleRunAdmin(admin.ModelAdmin):
    list_display = ["name", "slot", "enqueued_at", "task_result_id"]
    list_filter = ["name"]
    search_fields = ["name", "task_result_id"]
    date_hierarchy = "slot"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
