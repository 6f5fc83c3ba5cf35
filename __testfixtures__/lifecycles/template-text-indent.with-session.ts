// expect[auto,await-using]: fixed fixed-adapter
// expect[try-finally]: fixed fixed-try-finally
// expect[with-session]: fixed fixed-with-session
// A file indented by 4 whose SQL template text is indented by 3: the rewritten lines are indented by 4,
// as the code around them is (vendure's migrate.ts came out at 3 and 6).
import { Pool } from 'pg';
import { withSession } from './lib/with-session';

const pool = new Pool();

export async function migrate(name: string): Promise<string> {
    return await withSession(() => pool.connect(), (client) => client.release(), async (client) => {
        await client.query(createTable(name));
        await client.query(createIndex(name));
        return name;
    });
}

function createTable(name: string): string {
    return `
   CREATE TABLE ${name} (
      id serial PRIMARY KEY
   );
`;
}

function createIndex(name: string): string {
    return `
   CREATE INDEX ${name}_id
      ON ${name} (id);
`;
}
