import knex from 'knex';

export const db = knex({ client: 'pg', connection: 'postgres://postgres@127.0.0.1/test' });
