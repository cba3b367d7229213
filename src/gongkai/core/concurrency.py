"""Optimistic concurrency: two staff editing the same record cannot silently
overwrite each other.

A ``Versioned`` model carries a ``version`` number. An edit form carries the
version the editor started from; saving checks it and bumps it in one
conditional UPDATE. If someone saved in between, the save is refused with
``StaleEdit`` and a message saying what to do, and nothing is written.
"""

from __future__ import annotations

from django import forms
from django.db import models
from django.db.models import F

from .errors import DomainError

STALE_MESSAGE = "此记录在您打开之后已被他人修改并保存。为避免覆盖他人的修改，本次保存未生效：请重新打开页面，核对后再修改。"


class StaleEdit(DomainError):
    def __init__(self, message: str = STALE_MESSAGE):
        super().__init__(message, code="stale_edit")


class Versioned(models.Model):
    version = models.PositiveIntegerField("版本", default=1, editable=False)

    class Meta:
        abstract = True


def claim_version(obj: Versioned, expected_version: int) -> None:
    """Bump the stored version from ``expected_version``, or raise ``StaleEdit``.

    Call inside the transaction that then saves the object's new values.
    """
    bumped = (
        type(obj)
        ._default_manager.filter(pk=obj.pk, version=expected_version)
        .update(version=F("version") + 1)
    )
    if bumped != 1:
        raise StaleEdit()
    obj.version = expected_version + 1


class VersionedFormMixin(forms.ModelForm):
    """A model form that remembers the version it was opened at."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["expected_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is not None:
            expected = cleaned.get("expected_version")
            current = (
                type(self.instance)
                ._default_manager.filter(pk=self.instance.pk)
                .values_list("version", flat=True)
                .first()
            )
            if expected is None or expected != current:
                raise forms.ValidationError(STALE_MESSAGE, code="stale_edit")
        return cleaned


class VersionedAdminMixin:
    """Django admin support: the form checks the version, the save claims it."""

    form = VersionedFormMixin

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        return [*fieldsets, (None, {"fields": ["expected_version"], "classes": ["hidden"]})]

    def save_model(self, request, obj, form, change):
        if change:
            # The admin wraps this in a transaction: the claim and the save stand or fall together.
            claim_version(obj, form.cleaned_data["expected_version"])
        super().save_model(request, obj, form, change)
