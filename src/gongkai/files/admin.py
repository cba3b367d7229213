from django.contrib import admin

from .models import StoredFile


@admin.register(StoredFile)
class StoredFileAdmin(admin.ModelAdmin):
    list_display = [
        "original_name",
        "kind",
        "size_display",
        "sha256",
        "uploaded_by",
        "created_at",
        "text_extracted_at",
        "text_problem",
    ]
    list_filter = ["kind", "text_problem", "created_at"]
    search_fields = ["original_name", "sha256"]
    date_hierarchy = "created_at"
    list_select_related = ["uploaded_by"]
    fields = readonly_fields = [
        "storage_name",
        "original_name",
        "kind",
        "mime_type",
        "size",
        "sha256",
        "created_at",
        "uploaded_by",
        "text_extracted_at",
        "text_problem",
        "extracted_text",
    ]

    # The storage name as text, not a link: files are served only through views
    # that decide access (``downloads.file_response``).
    @admin.display(description="存储位置")
    def storage_name(self, obj):
        return obj.blob.name

    @admin.display(description="大小", ordering="size")
    def size_display(self, obj):
        return obj.size_display

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
