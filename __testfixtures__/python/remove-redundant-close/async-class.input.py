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


async def report(model):
    repo = Repository()
    total = await repo.count(model)
    await repo.close()
    print(total)
