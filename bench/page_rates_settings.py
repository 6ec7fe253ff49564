"""Settings for bench/page_rates.py: production settings with the search limits raised.

The load comes from one address, so the per-address limits of search and suggestions are raised; everything else
(SQLite, two sync gunicorn workers, whitenoise, the anonymous page cache on files under the run's folder) is as
`make run` serves.
"""

from portal.settings import *  # noqa: F403

RATE_LIMITS = {"search": "10000000/m", "suggest": "10000000/m"}
