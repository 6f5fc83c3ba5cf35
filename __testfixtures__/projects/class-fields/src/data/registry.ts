// Handles the process keeps, in static fields of a class.
import { Pool } from 'pg';

export class Registry {
  static pool = new Pool({ max: 2 });
  static label = 'main';
}
