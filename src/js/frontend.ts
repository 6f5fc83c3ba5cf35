// JavaScript and TypeScript behind the language seam: the catalogue's prefilter, the transforms, and the
// project passes they read (the checker's type facts, remove-redundant-close's plan).
import type { Frontend } from '../core/frontend';
import { defaultCatalog } from '../catalog/js';
import { prefilterWith } from '../config/toCatalog';
import { mayAcquireFromCatalogue } from './provenance/moduleText';
import { JS_EXTENSIONS } from './syntax/extensions';
import { typeFactsPass } from './checker/pass';
import { closePlanPass } from './close/prepass';
import { projectIndexPass } from './provenance/pass';
import type { LeakTransform } from '../core/model';

let transforms: LeakTransform[] | null = null;
/** The transforms load on first use: a thread that only runs a project pass (the close plan's) needs none. */
function loadTransforms(): LeakTransform[] {
  /* eslint-disable @typescript-eslint/no-require-imports */
  return (transforms ??= [
    (require('../../transforms/lifecycles') as typeof import('../../transforms/lifecycles')).lifecycles,
    (require('../../transforms/await-using') as typeof import('../../transforms/await-using')).awaitUsing,
    (require('../../transforms/with-session') as typeof import('../../transforms/with-session')).withSession,
    (require('../../transforms/try-finally') as typeof import('../../transforms/try-finally')).tryFinally,
    (require('../../transforms/pool-lifecycle') as typeof import('../../transforms/pool-lifecycle')).poolLifecycle,
    (require('../../transforms/remove-redundant-close') as typeof import('../../transforms/remove-redundant-close')).removeRedundantClose,
  ]);
  /* eslint-enable @typescript-eslint/no-require-imports */
}

export const jsFrontend: Frontend = {
  language: 'javascript',
  extensions: JS_EXTENSIONS,
  prefilter: (extraNames) => prefilterWith(defaultCatalog.prefilterPattern(), extraNames),
  // A file that imports a library but calls nothing of it that hands out a resource (an entity's decorators,
  // a type) can hold a lifecycle only through a project module: the index brings it back. The words a
  // package's configuration adds let a file through as before.
  firstLook: (extraNames) => {
    const words = extraNames.length > 0 ? prefilterWith(/(?!)/, extraNames) : null;
    return { test: (text: string) => !!words?.test(text) || mayAcquireFromCatalogue(text, defaultCatalog) };
  },
  checkParses: (source, file) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { parseModuleOrScript, parserOptionsFor } = require('./syntax/parse') as typeof import('./syntax/parse');
    parseModuleOrScript(source, parserOptionsFor(file));
  },
  // The three style transforms are alternatives to `lifecycles`, not additions.
  get transforms() {
    return loadTransforms();
  },
  // The checker first: the index hands out each file as soon as it is done with it, so it runs last before
  // the transforms (the close plan runs beside them).
  passes: [typeFactsPass, projectIndexPass, closePlanPass],
  rootMarkers: ['package.json'],
};
