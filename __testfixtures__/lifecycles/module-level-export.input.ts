// expect[with-session]: reported callback-needs-async
// expect[auto,await-using,try-finally]: reported unsupported-position
// A module-level lifecycle around an export: the export cannot move into a block or a try.
import Database from 'better-sqlite3';

const db = new Database('settings.db', { readonly: true });
export const settings = db.prepare('SELECT key, value FROM settings').all();
db.close();
