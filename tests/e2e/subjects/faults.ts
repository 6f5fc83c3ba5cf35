// Injected failures. A subject function takes a `fault` string naming at most one point where it fails:
//   'none'            no failure
//   'throw:<point>'   failAt(fault, '<point>') throws a plain Error (a bug between acquire and release)
//   'error:<point>'   sqlAt(fault, '<point>', text) turns the statement into one the server rejects;
//                     keyAt(fault, '<point>', key) points a Redis command at a key of the wrong type
import { run } from './run';

export class InjectedFault extends Error {
  constructor(point: string) {
    super(`injected fault at ${point}`);
    this.name = 'InjectedFault';
  }
}

export function failAt(fault: string, point: string): void {
  if (fault === `throw:${point}`) throw new InjectedFault(point);
}

/**
 * The statement, or (when the fault names this point) the same statement with a trailing word the server
 * rejects. Trailing, so that the server's message quotes that word and not the (varying) values before it.
 */
export function sqlAt(fault: string, point: string, text: string): string {
  return fault === `error:${point}` ? `${text} LEAKPROOF_FAULT` : text;
}

/** Key holding a hash: string commands on it fail with WRONGTYPE. The harness creates it. */
export const wrongTypeKey = `${run.prefix}:wrongtype`;

export function keyAt(fault: string, point: string, key: string): string {
  return fault === `error:${point}` ? wrongTypeKey : key;
}
