"""The Wagtail admin in Indonesian, under the site's own language code ``id``.

Wagtail ships its Indonesian as ``id_ID``, which gettext never loads for
``id``, and covers only part of the admin. This app holds the merge of our own
translations (``po/``, which win) with Wagtail's ``id_ID`` catalogues, built by
``manage.py wagtail_id_merge``. It is an app only for its ``locale/``: Django
gives app catalogues listed earlier in INSTALLED_APPS priority over later ones,
so this one sits after our own apps (whose wording wins where a string is
shared) and before Wagtail's. A LOCALE_PATHS catalogue would instead override
our apps' translations. The admin's JavaScript strings go to the project's
``locale/`` because Wagtail's JavaScript catalogue reads only its own package
and LOCALE_PATHS.
"""
