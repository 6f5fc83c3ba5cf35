// The calls made on every subject: each lifecycle on its success path, on its early return, and with each
// injected failure (see subjects/faults.ts). `originalLeaks` says which of them the ORIGINAL subject is
// written to leak on: the harness must measure exactly that, or it is not seeing what it claims to see.
export interface Case {
  /** Exported function of the subject. */
  fn: 'linear' | 'catchAndAfter' | 'transaction' | 'earlyReturn';
  /** Argument; transaction cases get a fresh id per call instead. */
  arg: number;
  fault: string;
  transaction: boolean;
  originalLeaks: boolean;
}

export const caseLabel = (c: Case): string => `${c.fn}(${c.transaction ? 'id' : c.arg}, ${c.fault})`;

const linear: Case[] = [
  { fn: 'linear', arg: 3, fault: 'none', transaction: false, originalLeaks: false },
  { fn: 'linear', arg: 3, fault: 'throw:after-acquire', transaction: false, originalLeaks: true },
  { fn: 'linear', arg: 3, fault: 'error:query', transaction: false, originalLeaks: true },
];

const catchAndAfter: Case[] = [
  { fn: 'catchAndAfter', arg: 4, fault: 'none', transaction: false, originalLeaks: false },
  { fn: 'catchAndAfter', arg: 4, fault: 'error:query', transaction: false, originalLeaks: false },
  { fn: 'catchAndAfter', arg: 4, fault: 'throw:after-try', transaction: false, originalLeaks: true },
];

const earlyReturn: Case[] = [
  { fn: 'earlyReturn', arg: -1, fault: 'none', transaction: false, originalLeaks: false },
  { fn: 'earlyReturn', arg: 5, fault: 'none', transaction: false, originalLeaks: false },
  { fn: 'earlyReturn', arg: 5, fault: 'error:first', transaction: false, originalLeaks: true },
  { fn: 'earlyReturn', arg: 5, fault: 'throw:before-second', transaction: false, originalLeaks: true },
  { fn: 'earlyReturn', arg: 5, fault: 'error:second', transaction: false, originalLeaks: true },
];

const tx = (fault: string, originalLeaks: boolean): Case => ({ fn: 'transaction', arg: 0, fault, transaction: true, originalLeaks });

/** pg, mysql2, mariadb: BEGIN … COMMIT, ROLLBACK in the catch. */
export const SQL_CASES: readonly Case[] = [
  ...linear,
  ...catchAndAfter,
  tx('none', false),
  tx('throw:in-transaction', false),
  tx('error:in-transaction', false),
  tx('error:after-commit', true),
  ...earlyReturn,
];

/** ioredis, redis: MULTI … EXEC (nothing applied unless EXEC runs). */
export const REDIS_CASES: readonly Case[] = [
  ...linear,
  ...catchAndAfter,
  tx('none', false),
  tx('throw:in-transaction', false),
  tx('error:after-commit', true),
  ...earlyReturn,
];
