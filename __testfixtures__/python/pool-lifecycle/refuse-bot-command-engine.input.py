# A chat bot's command runs on every message, not once per process: an engine made in it is one per call and
# is reported. (Only a file that imports click or typer has command-line commands.)
# expect: reported engine-per-call
from discord.ext import commands
from sqlalchemy import create_engine, text

bot = commands.Bot(command_prefix="!")


@bot.command()
async def stats(ctx):
    engine = create_engine("sqlite:///bot.db")
    with engine.connect() as conn:
        count = conn.execute(text("SELECT count(*) FROM users")).scalar()
    await ctx.send(str(count))
