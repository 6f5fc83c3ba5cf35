# An async repository whose `async def close()` awaits its session's close: it gets __aenter__/__aexit__
# and its caller uses `async with`.
# expect: fixed fixed-caller-with
# expect: fixed fixed-context-manager
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

engine = create_async_engine("postgresql+asyncpg://svc@db/svc")


class Repository:
    def __init__(self):
        self.session = AsyncSession(engine)

    async def count(self, model):
        return await self.session.scalar(model.count_query())

    async def close(self):
        await self.session.close()

    async def __aenter__(self):
        return self

    async def __aexit__(self, exc_type, exc_value, traceback):
        await self.close()


async def report(model):
    async with Repository() as repo:
        total = await repo.count(model)
    print(total)
