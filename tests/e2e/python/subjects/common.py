"""Where the subjects connect: the harness sets LP_PG_URL, LP_PG_DSN and LP_APP (the application_name
that pg_stat_activity counts) before it imports a subject."""
import os

PG_URL = os.environ["LP_PG_URL"]
PG_DSN = os.environ["LP_PG_DSN"]
APP = os.environ["LP_APP"]
TABLE = os.environ["LP_TABLE"]
POOL = dict(pool_size=2, max_overflow=0, pool_timeout=1, connect_args={"application_name": APP})


class Injected(Exception):
    """The failure the harness injects in the middle of the work."""
