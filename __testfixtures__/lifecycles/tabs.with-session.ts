// A tab-indented file stays tab-indented, new lines included.
// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
import { Pool } from 'pg';
import { withSession } from './lib/with-session';

const pool = new Pool();

export async function names(): Promise<string[]> {
	return await withSession(() => pool.connect(), (client) => client.release(), async (client) => {
		const res = await client.query<{ name: string }>('SELECT name FROM people');
		if (res.rowCount === 0) {
			return [];
		}
		return res.rows.map((r) => r.name);
	});
}
