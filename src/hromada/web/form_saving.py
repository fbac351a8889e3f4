"""Saving a form through a service, for every app's views."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError


def saved(form: forms.BaseForm, save: Callable[[dict[str, Any]], object]) -> bool:
    """Run ``save`` on a valid form; a service's refusal lands on the form.

    Services refuse with the model's own ``ValidationError``, so a form shows
    the same words whichever door the input came through.
    """
    if not form.is_valid():
        return False
    try:
        save(dict(form.cleaned_data))
    except ValidationError as error:
        for field, errors in error.update_error_dict({}).items():
            form.add_error(field if field in form.fields else None, errors)
        return False
    return True
