// The package entry point (package.json `main`: dist/index.js, built from this file).
export { Cache } from './cache';
export { openSessions } from './sessions';
