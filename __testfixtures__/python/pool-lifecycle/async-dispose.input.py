# An async engine disposed after every request handler: `await engine.dispose()` goes; the lifespan
# shutdown keeps its own.
# expect: fixed fixed-dispose-removed
from contextlib import asynccontextmanager

from fastapi import FastAPI
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

engine = create_async_engine("postgresql+asyncpg://api@db/api")


@asynccontextmanager
async def lifespan(app):
    yield
    await engine.dispose()


app = FastAPI(lifespan=lifespan)


@app.get("/ping")
async def ping():
    async with engine.connect() as conn:
        value = (await conn.execute(text("SELECT 1"))).scalar()
    await engine.dispose()
    return {"ok": value == 1}
