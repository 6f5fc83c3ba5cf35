import pg from 'pg';

// The process's one pool.
export const pool = new pg.Pool({ max: 10 });
