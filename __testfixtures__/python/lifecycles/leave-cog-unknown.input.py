# What get_cog returns stays unknown, and nothing here changes, when the name could be two cogs' (the class
# Ledger, and the cog another class registers as "Ledger" by its name keyword), when the field is also
# assigned something else, when the name is not a plain string, and for a class of this file that a local
# name shadows.
from discord.ext import commands
from sqlalchemy import create_engine
from sqlalchemy.orm import Session


class Ledger(commands.Cog):
    def __init__(self, bot):
        self.engine = create_engine(bot.db_url)

    def open_session(self):
        return Session(self.engine)


class OldLedger(commands.Cog, name="Ledger"):
    def open_session(self):
        return Session(create_engine("sqlite://"))


class Vault(commands.Cog):
    def __init__(self, bot):
        self.engine = create_engine(bot.vault_url)

    def open_session(self):
        return Session(self.engine)


class Points(commands.Cog):
    def __init__(self, bot):
        self.bot = bot
        self.ledger = bot.get_cog("Ledger")
        self.vault = bot.get_cog("Vault")

    def use_backup(self, backup):
        self.vault = backup

    def award(self, member_id):
        session = self.ledger.open_session()
        session.commit()

    def secure(self):
        session = self.vault.open_session()
        session.commit()

    def by_name(self, name):
        session = self.bot.get_cog(f"{name}").open_session()
        session.commit()

    def shadowed(self, Vault):
        session = Vault(self.bot).open_session()
        session.commit()
