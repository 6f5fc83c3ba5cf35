// The rewritten styles the e2e tests prove, as data: a new style is one more entry.
import { awaitUsing } from '../../transforms/await-using';
import { tryFinally } from '../../transforms/try-finally';
import { withSession } from '../../transforms/with-session';
import type { LeakTransform } from '../../src/core/model';
import type { StyleEntry } from './harness/workspace';

const STYLE_TABLE: readonly (readonly [string, LeakTransform])[] = [
  ['using', awaitUsing],
  ['with-session', withSession],
  ['try-finally', tryFinally],
];

export const STYLES: readonly StyleEntry[] = STYLE_TABLE.map(([name, transform]) => ({ name, transform }));
