"""Administration of the gazettes (title, sponsor, print size, authoritative edition,
issues before the platform), their sections and distribution lists. Issues change only
through the actions and the workbench."""

from django.contrib import admin

from .models import Board, BulletinIssue, Gazette, Recipient, Section


class RecipientInline(admin.TabularInline):
    model = Recipient
    extra = 0
    fields = ["name", "kind", "copies", "active", "sort_order"]


@admin.register(Gazette)
class GazetteAdmin(admin.ModelAdmin):
    list_display = ["title", "government", "sponsor", "print_size", "authoritative"]
    list_select_related = ["government"]
    inlines = [RecipientInline]


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "sort_order", "holds_text"]


@admin.register(Board)
class BoardAdmin(admin.ModelAdmin):
    list_display = ["name", "government", "location", "width_mm", "height_mm", "active"]
    list_select_related = ["government"]


@admin.register(BulletinIssue)
class BulletinIssueAdmin(admin.ModelAdmin):
    list_display = ["year", "number", "theme", "government", "posted_on", "removed_on"]
    list_filter = ["year"]
    list_select_related = ["government"]
    filter_horizontal = ["boards"]
