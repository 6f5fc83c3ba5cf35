# A resource left open where a comment says so on purpose (a test that leaks a connection to see the pool's
# warning) is reported, not closed: closing it would defeat the code. Without such a comment it is fixed.
# expect: reported open-on-purpose
# expect: reported open-on-purpose
# expect: fixed fixed-never-closed
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession


async def test_leaking_connection_via_engine(database_engine: AsyncEngine):
    connection = await database_engine.connect()
    await connection.execute(sa.text("SELECT 1"))
    # don't close the connection


async def test_leaking_connection_via_session(database_engine: AsyncEngine):
    session = AsyncSession(database_engine)
    await session.execute(sa.text("SELECT 1"))  # the session is left open: the warning is the point


async def test_session_used(database_engine: AsyncEngine):
    session = AsyncSession(database_engine)
    await session.execute(sa.text("SELECT 1"))
    # avoid leaking it into the next test
