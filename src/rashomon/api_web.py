"""The web's data functions, kept importable under their old name: lists and queries
live in ``rashomon.web.queries``, the story/article/entity views in ``rashomon.web.views``.
"""

from rashomon.web.queries import *  # noqa: F403
from rashomon.web.views import *  # noqa: F403
