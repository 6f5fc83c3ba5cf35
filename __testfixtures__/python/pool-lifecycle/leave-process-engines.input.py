# Engines made once per process are not per-call engines: one a setup function keeps in a global (declared
# over several lines), which another function disposes, and one an app's lifespan makes and disposes after
# its yield. An engine a request handler makes on every call is still reported.
# expect: reported engine-per-call
from contextlib import asynccontextmanager

from fastapi import FastAPI
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

_engine = None
_read_engine = None


def start_worker_engines(pool_name=None):
    global \
        _engine, \
        _read_engine
    _engine = create_async_engine("postgresql+asyncpg://app@db/app", pool_logging_name=pool_name)


async def stop_worker_engines():
    if _engine is not None:
        await _engine.dispose()


@asynccontextmanager
async def serve(app):
    engine = create_async_engine("postgresql+asyncpg://app@db/app")
    yield {"engine": engine}
    await engine.dispose()


app = FastAPI(lifespan=serve)


@app.get("/count")
async def count():
    engine = create_async_engine("postgresql+asyncpg://app@db/app")
    async with engine.connect() as conn:
        return (await conn.execute(text("select count(*) from users"))).scalar()
