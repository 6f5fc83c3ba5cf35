# A pytest fixture that never closes its session: the `async with` ends after `yield session`, so the session
# closes before the teardown that follows rolls back, closes the connection and disposes the engine it is
# bound to. A statement after the last use that reads what the work made stays inside the block. A session
# bound to a connection it did not open holds no pooled connection of its own: never closed, it is left alone.
# expect: fixed fixed-with
# expect: fixed fixed-never-closed
# expect: fixed fixed-never-closed
import pytest_asyncio
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine


@pytest_asyncio.fixture
async def session():
    engine = create_async_engine("postgresql+asyncpg://app@db/test")
    connection = await engine.connect()
    transaction = await connection.begin()

    borrowed = AsyncSession(bind=connection)
    await borrowed.execute(text("select 1"))
    session = AsyncSession(bind=engine, expire_on_commit=False)

    yield session

    await transaction.rollback()
    await connection.close()
    await engine.dispose()


async def totals(engine, report):
    session = AsyncSession(engine)
    rows = (await session.execute(report.query())).all()
    report.close(rows)
    await engine.dispose()
