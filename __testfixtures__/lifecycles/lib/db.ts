// Shared pool module imported by the local-module fixture.
import { Pool } from 'pg';

export const pool = new Pool({ max: 10 });
