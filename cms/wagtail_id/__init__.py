"""Indonesian for the Wagtail admin strings Wagtail's own id_ID catalogue lacks.

An app only for its ``locale/``: Django gives app catalogues listed earlier in
INSTALLED_APPS priority over later ones, so this one sits after our own apps
(whose wording wins where a string is shared) and before Wagtail's. A
LOCALE_PATHS catalogue would instead override our apps' translations.
The admin's JavaScript strings stay in the project's ``locale/`` because
Wagtail's JavaScript catalogue reads only its own packages and LOCALE_PATHS.
"""
