"""The bilingual demo site, held as data.

``data/*.toml`` holds the text in both languages; ``content`` reads and checks
it, ``seed`` builds the site from it with ``home.builders``, ``pictures`` and
``pdf`` make its files. Used by the ``seed_demo`` command.
"""

from home.demo.content import DemoDataError
from home.demo.seed import SeedResult, seed_demo_content

__all__ = ["DemoDataError", "SeedResult", "seed_demo_content"]
