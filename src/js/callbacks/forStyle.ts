// Which callback sites a style rewrites, and how: the library's callback or a try/catch in place.
import type { Path } from '../analysis/ast';
import { findCallbackSites, type CallbackContext, type CallbackSite } from './find';

/**
 * The sites a style rewrites: in place for `using` and try-finally; the library callback otherwise, except
 * that auto takes the in-place try/catch where the callback could change what the work does (sequelize
 * with CLS, @sequelize/core): auto's order is `using`, else the callback, else try/finally.
 */
export function findSitesFor(root: Path, ctx: Omit<CallbackContext, 'mode'>, style: 'auto' | 'using' | 'with-session' | 'try-finally'): CallbackSite[] {
  if (style === 'using' || style === 'try-finally') return findCallbackSites(root, { ...ctx, mode: 'try-catch' });
  const sites = findCallbackSites(root, { ...ctx, mode: 'callback' });
  const changes = (s: CallbackSite) => !s.verdict.fix && s.verdict.reasonId === 'callback-changes-meaning';
  if (style !== 'auto' || !sites.some(changes)) return sites;
  const inPlace = new Map(findCallbackSites(root, { ...ctx, mode: 'try-catch' }).map((s) => [s.acquire, s]));
  return sites.map((s) => (changes(s) && inPlace.get(s.acquire)?.verdict.fix ? inPlace.get(s.acquire)! : s));
}
