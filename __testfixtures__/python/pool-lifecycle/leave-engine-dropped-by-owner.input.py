# A dispose() where the object that holds the engine lets it go is a teardown, not a per-call one: a
# property's deleter (runs on `del obj.engine`), and a helper that disposes the engine and forgets it
# (`self._engine = None`), so the next use makes a new one. Both are left alone.
import logging

from sqlalchemy import create_engine

logger = logging.getLogger(__name__)


class Database:
    def __init__(self, url):
        self.url = url
        self._engine = None
        self.disposals = 0

    @property
    def engine(self):
        if self._engine is None:
            self._engine = create_engine(self.url)
        return self._engine

    @engine.deleter
    def engine(self):
        logger.info("Disposing database engine")
        self._engine.dispose()
        self._engine = None
        self.disposals += 1

    def forget(self):
        self._engine.dispose()
        self._engine = None

    def count(self):
        with self.engine.connect() as conn:
            return conn.exec_driver_sql("SELECT 1").scalar()
