"""Administration of the gazettes (title, sponsor, print size, authoritative edition,
issues before the platform), their sections and distribution lists. Issues change only
through the actions and the workbench."""

from django.contrib import admin

from .models import Gazette, Recipient, Section


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
