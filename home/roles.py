"""The SOP's roles as Django groups, each with exactly the rights its people need.

Everything here is idempotent: ``ensure_roles()`` runs after every ``migrate``
(a ``post_migrate`` receiver) and after the demo seed, and adds what is
missing without removing anything an officer granted by hand. A subdivision
(section page, contributor group, collection, permissions) is added by
``add_subdivision()``: the command ``home_add_subdivision`` or the admin's
"Add subdivision" screen, never a code change.

Group names are data in Indonesian (what the admin shows); ``ROLE_LABELS``
gives each role's translatable label for screens and mail.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
)

from audit.trail import record

OFFICERS = "Petugas Pengelola Website"
SUPERVISOR = "Atasan Langsung"
OPERATOR = "Operator"
CONTRIBUTOR_PREFIX = "Kontributor"

ROLE_LABELS = {
    OFFICERS: _("Website officers"),
    SUPERVISOR: _("Direct supervisor"),
    OPERATOR: _("Operator"),
}


@dataclass(frozen=True)
class SubdivisionSpec:
    name: str
    name_en: str
    slug: str


# The agency's subdivisions; their slugs are the demo's section slugs.
SUBDIVISIONS = (
    SubdivisionSpec("Tata Usaha", "Administration", "tata-usaha"),
    SubdivisionSpec(
        "Pelayanan Kesehatan Penerbangan", "Aviation Health Services", "pelayanan"
    ),
    SubdivisionSpec("Humas", "Public Relations", "humas"),
)

# Apps whose records the officers and the supervisor may read (those installed).
READ_APPS = ("audit", "backups", "monitoring", "security", "problems", "reports")

PAGE_EDIT = ("add_page", "change_page")
PAGE_OFFICER = (
    *PAGE_EDIT,
    "publish_page",
    "bulk_delete_page",
    "lock_page",
    "unlock_page",
)
MEDIA_CONTRIBUTOR = (
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
)
MEDIA_OFFICER = (
    *MEDIA_CONTRIBUTOR,
    "wagtailimages.delete_image",
    "wagtaildocs.delete_document",
    "wagtailcore.add_collection",
    "wagtailcore.change_collection",
    "wagtailcore.delete_collection",
)


def contributor_group_name(name: str) -> str:
    return f"{CONTRIBUTOR_PREFIX} {name}"


def _permissions(*names: str) -> list[Permission]:
    """Permission rows for ``app_label.codename`` names; unknown ones are skipped
    (an app not installed yet simply grants nothing)."""
    wanted = [name.split(".", 1) for name in names]
    found = Permission.objects.filter(
        content_type__app_label__in={app for app, _codename in wanted},
        codename__in={codename for _app, codename in wanted},
    ).select_related("content_type")
    by_name = {f"{p.content_type.app_label}.{p.codename}": p for p in found}
    return [by_name[name] for name in names if name in by_name]


def _read_permissions(*, change_apps: tuple[str, ...] = ()) -> list[Permission]:
    perms = Permission.objects.filter(
        content_type__app_label__in=READ_APPS, codename__startswith="view_"
    )
    if change_apps:
        perms = perms | Permission.objects.filter(
            content_type__app_label__in=change_apps, codename__startswith="change_"
        )
    return list(perms)


def _grant(group: Group, permissions) -> None:
    """Add model permissions to ``group`` without m2m signals.

    The roles are provisioning, run at every ``migrate``: like Wagtail's own
    default groups (made in its migrations), they are not audit events. What a
    person changes later in the admin is recorded as usual.
    """
    through = Group.permissions.through
    through.objects.bulk_create(
        [through(group_id=group.pk, permission_id=p.pk) for p in permissions],
        ignore_conflicts=True,
    )


def _grant_pages(group: Group, page: Page, codenames) -> None:
    for permission in _permissions(*(f"wagtailcore.{c}" for c in codenames)):
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=permission
        )


def _grant_collection(group: Group, collection: Collection, names) -> None:
    for permission in _permissions(*names):
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=permission
        )


def _root_page() -> Page | None:
    return Page.objects.filter(depth=1).first()


@transaction.atomic
def ensure_roles() -> None:
    """Create the fixed roles and the known subdivisions, with their rights."""
    admin = _permissions("wagtailadmin.access_admin")
    monitoring = _permissions("scheduler.view_jobschedule")

    officers, _created = Group.objects.get_or_create(name=OFFICERS)
    _grant(
        officers,
        [
            *admin,
            *monitoring,
            *_read_permissions(),
            *_permissions(
                "home.change_sitesettings",
                "home.view_subdivision",
                "home.add_subdivision",
                "home.change_subdivision",
                # The feedback inbox: read and handle every submission.
                "home.view_feedbackitem",
                "home.change_feedbackitem",
                # "Cadangkan sekarang" (back up now).
                "backups.add_backup",
                # The SOP (duties 1 and 3 "sudah diperiksa", revising the SOP,
                # building a report on demand).
                "reports.add_dutycheck",
                "reports.add_sopversion",
                "reports.add_report",
                "wagtailredirects.add_redirect",
                "wagtailredirects.change_redirect",
                "wagtailredirects.delete_redirect",
            ),
        ],
    )
    root = _root_page()
    if root is not None:
        _grant_pages(officers, root, PAGE_OFFICER)
    root_collection = Collection.get_first_root_node()
    if root_collection is not None:
        _grant_collection(officers, root_collection, MEDIA_OFFICER)

    supervisor, _created = Group.objects.get_or_create(name=SUPERVISOR)
    _grant(
        supervisor,
        [
            *admin,
            *monitoring,
            *_read_permissions(change_apps=("problems",)),
            *_permissions(
                "home.view_subdivision",
                "home.view_feedbackitem",
                # Duty 5's report: built on demand and acknowledged.
                "reports.add_report",
                "reports.acknowledge_report",
            ),
        ],
    )
    if root is not None:
        # The last step's approval publishes as its approver (Wagtail checks the
        # approver's publish permission). Without "change" the supervisor opens
        # a page's editor only while it waits at their step.
        _grant_pages(supervisor, root, ("publish_page",))

    operator, _created = Group.objects.get_or_create(name=OPERATOR)
    _grant(
        operator,
        [
            *admin,
            *Permission.objects.filter(
                content_type__app_label="problems",
                codename__regex=r"^(view|change)_",
            ),
        ],
    )

    if root_collection is not None:
        for spec in SUBDIVISIONS:
            add_subdivision(
                spec.name,
                name_en=spec.name_en,
                slug=spec.slug,
                create_section=False,
                record_event=False,
            )


def _find_section(slug: str) -> Page | None:
    """The section page of that slug directly under the site's home page."""
    from home.models import HomePage, SectionPage

    home = HomePage.objects.filter(locale__language_code="id").first()
    if home is None:
        home = HomePage.objects.first()
    if home is None:
        return None
    return SectionPage.objects.child_of(home).filter(slug=slug).first()


def _make_section(name: str, slug: str) -> Page | None:
    from home.models import HomePage, SectionPage

    home = HomePage.objects.filter(locale__language_code="id").first()
    if home is None:
        return None
    section = SectionPage(title=name, slug=slug)
    home.add_child(instance=section)
    section.save_revision().publish()
    return section


@transaction.atomic
def add_subdivision(
    name: str,
    *,
    name_en: str = "",
    slug: str = "",
    create_section: bool = True,
    actor=None,
    record_event: bool = True,
):
    """Add (or complete) a subdivision: its group, collection, section and rights.

    Idempotent: running it again grants only what is missing. With
    ``create_section`` a section page is created under the home page when none
    of that slug exists; without it the section is linked once it exists.
    """
    from home.models import Subdivision

    name = " ".join(name.split())
    if not name:
        raise ValueError("A subdivision needs a name.")
    slug = slug or slugify(name)
    subdivision = Subdivision.objects.filter(slug=slug).first()
    if subdivision is None:
        group, _created = Group.objects.get_or_create(name=contributor_group_name(name))
        root_collection = Collection.get_first_root_node()
        collection = root_collection.get_children().filter(
            name=name
        ).first() or root_collection.add_child(name=name)
        subdivision = Subdivision.objects.create(
            name=name,
            name_en=name_en,
            slug=slug,
            group=group,
            collection=collection,
        )
        if record_event:
            record(
                "home.subdivision_added",
                actor=actor or "system:home.roles",
                obj=subdivision,
                details={"group": group.name, "collection": collection.name},
            )
    if subdivision.section_id is None:
        section = _find_section(slug)
        if section is None and create_section:
            section = _make_section(name, slug)
        if section is not None:
            subdivision.section = section
            subdivision.save(update_fields=["section"])

    group = subdivision.group
    _grant(group, _permissions("wagtailadmin.access_admin"))
    _grant_collection(group, subdivision.collection, MEDIA_CONTRIBUTOR)
    if subdivision.section is not None:
        # The section and its translations (the English tree): add and edit,
        # never publish; publishing happens only through the workflow.
        for page in [subdivision.section, *subdivision.section.get_translations()]:
            _grant_pages(group, page, PAGE_EDIT)
    return subdivision
