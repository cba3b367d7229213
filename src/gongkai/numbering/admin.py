from django.contrib import admin

from .models import Sequence


@admin.register(Sequence)
class SequenceAdmin(admin.ModelAdmin):
    list_display = ["scope", "period", "last_value", "updated_at"]
    search_fields = ["scope"]
    readonly_fields = ["scope", "period", "last_value", "updated_at"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        # Deleting a sequence would hand out its numbers again.
        return False
