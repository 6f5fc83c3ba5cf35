// Release method names: the one list every part of the JavaScript frontend uses when it must guess what lets
// go of something it has no catalogue entry for (a project class's close-like method, a type's disposer, a
// release statement standing before a `return`). In the order a class's methods are preferred as its close.
export const RELEASE_NAMES = ['close', 'dispose', 'disconnect', 'end', 'destroy', 'shutdown', 'quit', 'release', 'terminate', 'teardown', 'endSession'];

/** A call of one of them: `x.release(`, `db.end (`. */
export const RELEASE_CALL = new RegExp(`\\.\\s*(?:${RELEASE_NAMES.join('|')})\\s*\\(`);
