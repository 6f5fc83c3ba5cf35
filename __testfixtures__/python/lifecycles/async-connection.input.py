# `conn = await engine.connect()` on an async engine becomes `async with engine.connect() as conn:` (the
# await goes: the connection is its own async context manager).
# expect: fixed fixed-with
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

engine = create_async_engine("postgresql+asyncpg://metrics@db/metrics")


async def ping():
    conn = await engine.connect()
    value = (await conn.execute(text("SELECT 1"))).scalar()
    await conn.close()
    return value == 1
