# An AsyncSession closed with `await session.close()` becomes `async with`; the awaited commit at the end
# becomes `session.begin()` as for the synchronous session.
# expect: fixed fixed-with
# expect: fixed fixed-with-begin
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

from notes.models import Note

engine = create_async_engine("postgresql+asyncpg://notes@db/notes")


async def add_note(text):
    async with AsyncSession(engine) as session, session.begin():
        session.add(Note(text=text))


async def count_notes():
    async with AsyncSession(engine, expire_on_commit=False) as session:
        total = await session.scalar(Note.count_query())
    return total
