// Settings of one e2e run, shared by the subjects' pool/client modules. The harness replaces this module
// at load time with unique names (application name, table, key prefix) so runs never see each other;
// the defaults below only make the subjects loadable by hand.
export const run = {
  /** pg application_name, redis client name. */
  tag: process.env.LEAKPROOF_E2E_TAG ?? 'leakproof-e2e',
  /** Table written by the transaction lifecycles: (id int, step varchar). */
  table: process.env.LEAKPROOF_E2E_TABLE ?? 'leakproof_e2e',
  /** Redis key prefix. */
  prefix: process.env.LEAKPROOF_E2E_PREFIX ?? 'leakproof:e2e',
  /** How long an exhausted pool may make a caller wait before the acquire fails. */
  acquireTimeoutMs: 500,
};
