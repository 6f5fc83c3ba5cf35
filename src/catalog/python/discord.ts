// discord.py's cog registry: `bot.get_cog('Name')` hands back the one Cog instance the bot holds under that
// name, so a cog that keeps another cog in a field (`self.storage = bot.get_cog('Storage')`) holds an
// instance of a class the project defines, whose methods are then known.
import type { Source } from './types';

export const DISCORD_GET_COG: Source = {
  url: 'https://discordpy.readthedocs.io/en/stable/ext/commands/api.html#discord.ext.commands.Bot.get_cog',
  says: 'Bot.get_cog(name) gets the cog instance requested, or None when it is not found; name is the name passed via keyword argument in class creation or the class name if unspecified (discord/ext/commands/bot.py returns self.__cogs.get(name), filled by add_cog under cog.__cog_name__).',
};

export const DISCORD_COG_NAME: Source = {
  url: 'https://discordpy.readthedocs.io/en/stable/ext/commands/cogs.html#meta-options',
  says: "CogMeta's name option: the cog name; by default, the name of the class with no modification (`class MyCog(commands.Cog, name='My Cog')`). CogMeta.__new__ sets __cog_name__ from that keyword or the class name.",
};

/** The classes a cog derives from (directly), by qualified name. */
export const DISCORD_COG_BASES = ['discord.ext.commands.Cog', 'discord.ext.commands.cog.Cog', 'discord.ext.commands.GroupCog', 'discord.ext.commands.cog.GroupCog'];

/** The registry's lookup method on a Bot (`bot.get_cog`, `self.bot.get_cog`, `ctx.bot.get_cog`). */
export const DISCORD_GET_COG_METHOD = 'get_cog';
