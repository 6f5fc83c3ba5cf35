# Two sessions opened together and closed together in the same order cannot nest (the first closes
# first): they share one `async with` statement, which closes both on every path.
# expect: fixed fixed-with
# expect: fixed fixed-with
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

source = async_sessionmaker(bind=create_async_engine("sqlite+aiosqlite:///old.db"), class_=AsyncSession)
target = async_sessionmaker(bind=create_async_engine("postgresql+asyncpg://new@db/new"), class_=AsyncSession)


async def copy(table):
    src = source()
    dst = target()
    rows = (await src.execute(select(table))).fetchall()
    async with dst.begin():
        await dst.execute(table.insert(), [r._mapping for r in rows])
    await src.close()
    await dst.close()
