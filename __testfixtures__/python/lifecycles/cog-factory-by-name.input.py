# discord.py: bot.get_cog("Ledger") is the one instance of the cog registered under that name: the class
# Ledger(commands.Cog) here, whose cog name is its class name, and "Audit Log" is the cog that names itself
# so in its class statement. Their methods make a new session (from a scoped_session registry made on each
# call) and a new connection, so a cog that keeps them in fields owns what it takes and closes it on every path.
# expect: fixed fixed-never-closed
# expect: fixed fixed-never-closed
from discord.ext import commands
from sqlalchemy import create_engine, text
from sqlalchemy.orm import scoped_session, sessionmaker


class Ledger(commands.Cog):
    def __init__(self, bot):
        self.engine = create_engine(bot.db_url)

    def open_session(self):
        return scoped_session(sessionmaker(bind=self.engine))()


class AuditTrail(commands.Cog, name="Audit Log"):
    def __init__(self, bot):
        self.engine = create_engine(bot.audit_url)

    def connect(self):
        return self.engine.connect()


class Points(commands.Cog):
    def __init__(self, bot):
        self.bot = bot
        self.ledger = bot.get_cog("Ledger")

    def award(self, member_id, amount):
        session = self.ledger.open_session()
        session.execute(text("UPDATE points SET total = total + :n WHERE member = :m"), {"n": amount, "m": member_id})
        session.commit()

    def log(self, line):
        conn = self.bot.get_cog("Audit Log").connect()
        conn.exec_driver_sql("INSERT INTO audit (line) VALUES (?)", (line,))
