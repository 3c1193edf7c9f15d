"""Generic pages that change state: every such page declares what it acts on, who may, its form,
its service call and its messages — and nothing of the walk around them.

NetBox's `ObjectEditView` and `BulkImportView` are the model; our services take the place of
`form.save()`. The walk, written once:

    GET   → the page (the form, or the confirmation)
    POST  → the form is bound and validated → `perform(form)` calls the service
          → a `DomainError` becomes the form's error (the page again, with the values typed)
            or, on a page without a form, an error message on the page it came from
          → else the success message and a redirect

A page declares, for example:

    class GoalEdit(ActionView):
        action = "jaarplan.edit"                    # the rule; 404 when out of reach
        model = JaarplanGoal
        select_related = ("jaarplan",)
        check_on = "jaarplan"                       # … checked on the goal's jaarplan
        form_class = GoalForm
        title = _("Doel bewerken")
        success_message = _("Het doel is opgeslagen.")

        def perform(self, form):
            return services.save_goal(self.request.access, self.object, **form.cleaned_data)

Permission: the object is fetched through `samen.access.get_for` (`action` on that row), or —
with `check_on` — fetched and then checked on the object it names (an item on its
Gesprekskader, a form on its placement); a page without an object asks `access.can(action)`.
Whatever is out of reach answers 404, never 403, exactly as the hand-written views did. The
service re-checks the write itself (samen/permissions.py: writes are checked in the service).

`ConfirmView` puts a confirmation page before an irreversible step (with or without a form:
form → confirmation → the step, with a way back to the form); `ImportView` is the one
upload → preview → confirm walk of every import, with one preview template.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.db import OperationalError
from django.forms.models import BaseModelForm
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, resolve_url
from django.template.response import TemplateResponse
from django.utils.functional import Promise
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views import View

from . import imports, jobs, pickers, uploads
from .access import get_for
from .errors import LOST_RACE_MESSAGE, DomainError, is_lost_race


def posted_next(request):
    """The page a form posted from a list says to return to (`next`: the list with its
    filters and page), if it is on this site; else ""."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


class ActionView(View):
    """A page that changes state through one service call (see the module's docstring)."""

    #: The permission rule (samen/permissions.py) the person needs: on the object, or —
    #: without one — anywhere in the partnership.
    action: str = ""
    #: The model of the object, looked up by `pk_url_kwarg` (None: a page without object),
    #: with these relations read along. The queryset is made per request (get_queryset):
    #: a tenant model's manager answers only inside the request's partnership scope.
    model = None
    select_related: tuple[str, ...] = ()
    pk_url_kwarg = "pk"
    #: Check the rule on this attribute path of the object instead of on the object itself
    #: (an item on its "kader", an activity on "goal.jaarplan", a form on "placement").
    check_on: str = ""
    form_class = None
    #: The form takes `access=` (the acting person's samen.permissions.Access) to narrow its
    #: choices to what the person reaches; the service checks the same reach again.
    form_gets_access = False
    template_name = "generic/form.html"
    #: Shown after the service call succeeded (may use %(object)s: what perform() returned).
    success_message: str | Promise = ""
    #: Texts of the generic templates.
    title: str | Promise = ""
    intro: str | Promise = ""
    submit_label: str | Promise = _("Opslaan")
    #: False for a step whose form is posted from another page (a status button): an invalid
    #: form or a refusal goes back there as a message instead of showing a form page.
    has_form_page = True
    #: On a page without a form page: name the field in each error message ("Datum: …"), for
    #: a form of several fields posted from another page.
    label_errors = False
    #: The field a refusal (DomainError) is shown at; None: above the form.
    refusal_field: str | None = None
    http_method_names = ["get", "post"]

    # --- What the page acts on ----------------------------------------------------------

    def get_queryset(self):
        if self.model is None:
            return None
        return self.model.objects.select_related(*self.select_related)

    def get_lookup(self):
        """How the URL names the object: its pk (`pk_url_kwarg`) unless a page says otherwise
        (a placement's form is named by its placement and its kind)."""
        return {"pk": self.kwargs[self.pk_url_kwarg]}

    def get_object(self):
        queryset = self.get_queryset()
        if queryset is None:
            if not self.request.access.can(self.action):
                raise Http404
            return None
        lookup = self.get_lookup()
        if not self.check_on:
            return get_for(self.request, self.action, queryset, **lookup)
        obj = get_object_or_404(queryset, **lookup)
        target = obj
        for part in self.check_on.split("."):
            target = getattr(target, part)
        if not self.request.access.can(self.action, target):
            raise Http404
        return obj

    # --- The form -------------------------------------------------------------------------

    def get_initial(self):
        return {}

    def get_form_kwargs(self):
        kwargs = {"initial": self.get_initial()}
        if self.request.method == "POST":
            kwargs.update(data=self.request.POST, files=self.request.FILES)
        if self.form_gets_access:
            kwargs["access"] = self.request.access
        if issubclass(self.form_class, BaseModelForm):
            kwargs["instance"] = self.get_instance()
        return kwargs

    def get_instance(self):
        """The row a model form edits: the object by default (a page that creates one says
        which new row, or None)."""
        return self.object

    def get_form(self):
        if self.form_class is None:
            return None
        form = self.form_class(**self.get_form_kwargs())
        pickers.bind(form, self.request.access)
        return form

    # --- The step ---------------------------------------------------------------------------

    def perform(self, form):
        """Calls the service with the cleaned form; returns what the page goes on to (the
        saved object, a count…). Raises DomainError to refuse."""
        raise NotImplementedError

    def get_success_message(self, result):
        if not self.success_message:
            return ""
        return str(self.success_message) % {"object": result}

    def get_success_level(self, result):
        """The level of the success message: info for a step that found nothing to do."""
        return messages.SUCCESS

    def get_warnings(self, result):
        """Shown after the success message: what the step left undone (people who had the
        role already, a profile that is not public yet)."""
        return []

    def get_success_url(self, result):
        """Where to go after the step: what it returned (its page), else the object's page."""
        for candidate in (result, self.object):
            if hasattr(candidate, "get_absolute_url"):
                return candidate.get_absolute_url()
        return self.get_back_url()

    def get_back_url(self):
        """The page this one came from, for "← back", "Annuleren" and a refusal without a
        form: the object's own page by default."""
        if self.object is not None and hasattr(self.object, "get_absolute_url"):
            return self.object.get_absolute_url()
        return resolve_url("dashboard", partnership_slug=self.request.partnership.slug)

    def get_back_label(self):
        return str(self.object) if self.object is not None else _("Terug")

    def get_title(self):
        return self.title

    def get_intro(self):
        return self.intro

    # --- The walk -------------------------------------------------------------------------

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = None

    def dispatch(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        form = self.get_form()
        if form is None or not self.has_form_page:  # a button on the object's page
            return HttpResponseRedirect(self.get_back_url())
        return self.render(form)

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form is not None and not form.is_valid():
            return self.form_invalid(form)
        return self.run(form)

    def form_invalid(self, form):
        if self.has_form_page:
            return self.render(form)
        for name, errors in form.errors.items():
            label = form.fields[name].label if self.label_errors and name in form.fields else ""
            for error in errors:
                messages.error(self.request, f"{label}: {error}" if label else error)
        return HttpResponseRedirect(self.get_back_url())

    def run(self, form):
        """The service call; a refusal is shown where the person can act on it."""
        try:
            result = self.perform(form)
        except DomainError as exc:
            return self.refused(form, exc)
        except OperationalError as exc:  # another's write held the database: rolled back
            if not is_lost_race(exc):
                raise
            return self.refused(form, DomainError(LOST_RACE_MESSAGE))
        if message := self.get_success_message(result):
            messages.add_message(self.request, self.get_success_level(result), message)
        for warning in self.get_warnings(result):
            messages.warning(self.request, warning)
        return HttpResponseRedirect(self.get_success_url(result))

    def refused(self, form, exc):
        if form is None or not self.has_form_page:
            messages.error(self.request, exc.message)
            return HttpResponseRedirect(self.get_back_url())
        form.add_error(self.refusal_field, exc.message)
        return self.render(form)

    def get_context_data(self, **kwargs):
        context = {
            "view": self,
            "object": self.object,
            "title": self.get_title(),
            "intro": self.get_intro(),
            "submit_label": self.submit_label,
            "back_url": self.get_back_url(),
            "back_label": self.get_back_label(),
        }
        context.update(kwargs)
        return context

    def render(self, form, template_name=None, **context):
        return TemplateResponse(
            self.request,
            template_name or self.template_name,
            self.get_context_data(form=form, **context),
        )


class ConfirmView(ActionView):
    """An irreversible step, asked for first: "Jaarplan vaststellen?" — Ja / Annuleren.

    Without a form, GET shows the confirmation and a POST with `confirm=1` takes the step.
    With a form (a reason, a new date), the form comes first; a valid POST shows the
    confirmation with the form's values carried along; "Terug naar het formulier" (`edit`)
    goes back to it; `confirm=1` takes the step. A refusal (DomainError) is shown on the
    confirmation page without a form, on the form with one — before anything changed. A form
    asked wholly on the confirmation (`confirm_fields`: only a reason) starts there instead.
    """

    template_name = "generic/form.html"
    confirm_template_name = "generic/confirm.html"
    #: The confirmation's texts; `confirm_rows` are (label, value) pairs of what will happen.
    confirm_title: str | Promise = ""
    confirm_intro: str | Promise = ""
    confirm_button: str | Promise = _("Ja, doorgaan")
    #: A step that destroys (deletes, breaks off): the button says so in red.
    danger = False
    #: Irreversible steps say so beside their button.
    irreversible = True
    #: Form fields asked on the confirmation itself (a reason to give there), not carried along.
    confirm_fields: tuple[str, ...] = ()

    def needs_confirmation(self, form):
        """Does this step ask first? (A status button asks only for a final status.)"""
        return True

    def asks_on_confirmation(self, form):
        """Is the whole form asked on the confirmation itself (a reason, nothing else)? Then
        the step starts there, and the form's errors are shown there too."""
        return form is not None and set(form.fields) <= set(self.confirm_fields)

    def get_confirm_title(self, form):
        return self.confirm_title

    def get_confirm_intro(self, form):
        return self.confirm_intro

    def get_confirm_rows(self, form):
        return []

    def get_confirm_context(self, form):
        return {
            "title": self.get_confirm_title(form),
            "intro": self.get_confirm_intro(form),
            "confirm_fields": self.confirm_fields,
            "rows": self.get_confirm_rows(form),
            "button": self.confirm_button,
            "danger": self.danger,
            "irreversible": self.irreversible,
        }

    def confirm(self, form, error=None):
        return self.render(
            form, self.confirm_template_name, **self.get_confirm_context(form), error=error
        )

    def get(self, request, *args, **kwargs):
        form = self.get_form()
        if form is None or self.asks_on_confirmation(form):
            return self.confirm(form)
        return self.render(form) if self.has_form_page else super().get(request)

    def form_invalid(self, form):
        if self.asks_on_confirmation(form):
            return self.confirm(form)
        return super().form_invalid(form)

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form is not None and not form.is_valid():
            return self.form_invalid(form)
        if form is not None and "edit" in request.POST:
            return self.render(form)
        if request.POST.get("confirm") != "1" and self.needs_confirmation(form):
            return self.confirm(form)
        return self.run(form)

    def refused(self, form, exc):
        if form is None or (self.confirm_fields and self.needs_confirmation(form)):
            return self.confirm(form, error=exc.message)
        return super().refused(form, exc)


@dataclass(frozen=True)
class ImportColumn:
    """A column of an import's preview: its header and the value shown from a row (a key of
    the row as read, or a callable of it)."""

    label: Any
    value: str | Callable[[dict], Any]

    def read(self, row):
        return self.value(row) if callable(self.value) else row.get(self.value, "")


class ImportView(View):
    """Upload → preview of every row with its errors (nothing saved) → confirm: all rows or
    none. The same walk and the same page (generic/import.html) for every import.

    The upload is read by samen.uploads (type judged by content, sizes checked after
    decompression); between preview and confirmation it waits in temporary storage and the
    session holds only a token. The two steps are two URLs of one view:

        path("importeren/", SchoolImport.as_view(), name="school_import"),
        path("importeren/bevestigen/", SchoolImport.as_view(step="confirm"), name=...),

    A page declares `action` (or `actions`), `form_class` (the upload form), `upload` (the
    keyword arguments of `uploads.read_upload`), `session_key`, `columns`, `preview(access,
    upload)` → `samen.imports.ImportPreview`, `perform(access, upload)` → the number of rows made,
    and its texts and URLs.
    """

    actions: tuple[str, ...] = ()
    form_class = None
    upload: dict = {}
    session_key = ""
    columns: list[ImportColumn] = []
    template_name = "generic/import.html"
    title: str | Promise = ""
    intro: str | Promise = ""
    step = "upload"
    #: The URL names of this import's two steps and of the list it fills.
    url_name = ""
    confirm_url_name = ""
    list_url_name = ""
    back_label: str | Promise = ""

    def preview(self, access, upload):
        raise NotImplementedError

    def perform(self, access, upload):
        raise NotImplementedError

    def success_message(self, count):
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        if not all(request.access.can(action) for action in self.actions):
            raise Http404
        if self.step == "confirm" and request.method != "POST":
            return HttpResponseRedirect(self._url(self.url_name))
        return super().dispatch(request, *args, **kwargs)

    def _url(self, name):
        return resolve_url(name, partnership_slug=self.request.partnership.slug)

    def get(self, request, *args, **kwargs):
        return self.render(self.form_class())

    def post(self, request, *args, **kwargs):
        if self.step == "confirm":
            return self.confirm()
        form = self.form_class(request.POST, request.FILES)
        preview = None
        if form.is_valid():
            imports.discard(request, self.session_key)
            try:
                upload = uploads.read_upload(form.cleaned_data["file"], **self.upload)
            except uploads.UploadError as exc:
                form.add_error("file", exc.message)
            else:
                preview = self.preview(request.access, upload)
                if preview.is_valid:
                    imports.stash(request, self.session_key, upload, request.partnership.pk)
        return self.render(form, preview)

    def confirm(self):
        """Hands the import to a Celery worker (samen.jobs): it runs the whole file in one
        transaction, as this person, while the job's page shows how far it is and then the
        result (the rows imported, or each row's errors and nothing saved)."""
        request = self.request
        token = imports.take(request, self.session_key)
        if not isinstance(token, dict) or token.get("partnership") != request.partnership.pk:
            imports.discard_token(token)
            messages.error(request, _("Er is geen gecontroleerd bestand; upload het opnieuw."))
            return HttpResponseRedirect(self._url(self.url_name))
        job = jobs.start_import(request, self, token)
        return HttpResponseRedirect(job.get_absolute_url())

    def render(self, form, preview=None):
        rows = None
        if preview is not None:
            rows = [
                (number, [(c.label, c.read(row)) for c in self.columns], errors)
                for number, row, errors in preview.rows
            ]
        return TemplateResponse(
            self.request,
            self.template_name,
            {
                "view": self,
                "form": form,
                "preview": preview,
                "rows": rows,
                "headers": [column.label for column in self.columns],
                "title": self.title,
                "intro": self.intro,
                "back_url": self._url(self.list_url_name),
                "back_label": self.back_label,
                "confirm_url": self._url(self.confirm_url_name),
            },
        )
