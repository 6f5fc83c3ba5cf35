// JavaScript and TypeScript behind the language seam: the catalogue's prefilter, the transforms, and the
// project passes they read (the checker's type facts, remove-redundant-close's plan).
import type { Frontend } from '../core/frontend';
import { defaultCatalog } from '../catalog/js';
import { prefilterWith } from '../config/toCatalog';
import { DEFAULT_EXTENSIONS } from './syntax/parse';
import { typeFactsPass } from './checker/pass';
import { closePlanPass } from './close/prepass';
import { projectIndexPass } from './provenance/pass';
import { lifecycles } from '../../transforms/lifecycles';
import { awaitUsing } from '../../transforms/await-using';
import { withSession } from '../../transforms/with-session';
import { tryFinally } from '../../transforms/try-finally';
import { poolLifecycle } from '../../transforms/pool-lifecycle';
import { removeRedundantClose } from '../../transforms/remove-redundant-close';

export const jsFrontend: Frontend = {
  language: 'javascript',
  extensions: DEFAULT_EXTENSIONS,
  prefilter: (extraNames) => prefilterWith(defaultCatalog.prefilterPattern(), extraNames),
  firstLook: (extraNames) => prefilterWith(defaultCatalog.importPattern(), extraNames),
  // The three style transforms are alternatives to `lifecycles`, not additions.
  transforms: [lifecycles, awaitUsing, withSession, tryFinally, poolLifecycle, removeRedundantClose],
  // The checker first: the index hands out each file as soon as it is done with it, so it runs last before
  // the transforms (the close plan runs beside them).
  passes: [typeFactsPass, projectIndexPass, closePlanPass],
  rootMarkers: ['package.json'],
};
