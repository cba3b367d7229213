from django.contrib import admin

from .models import SearchSynonym


@admin.register(SearchSynonym)
class SearchSynonymAdmin(admin.ModelAdmin):
    list_display = ("words", "note")
    search_fields = ("words", "note")
