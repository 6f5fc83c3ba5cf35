// Where a function runs: once per request (a Flask teardown hook), once per process (shutdown, atexit,
// a script's main), or in tests and scripts, where tearing a pool down is the point.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PyNode } from '../parse/tree';
import { callParts, decoratorsOf, functionName } from '../parse/syntax';
import type { FileModel } from '../analysis/values';
import { FLASK_TEARDOWN_DECORATORS } from '../../catalog/python/flask';

const TEST_OR_SCRIPT = /(^|[\\/])(tests?|testing|scripts?|bin|migrations|alembic)[\\/]|(^|[\\/])(test_[^\\/]*|[^\\/]*_test|conftest|manage|setup)\.py$/;

/** Marks of a Python project's root: folders above it (a checkout under `tests/`) say nothing of the file. */
const ROOT_MARKERS = ['pyproject.toml', 'setup.py', 'setup.cfg', 'requirements.txt', '.git'];

/** The file's path from its project's root (the nearest folder above it with a root marker), else as given. */
function fromProjectRoot(file: string): string {
  const abs = path.resolve(file);
  for (let d = path.dirname(abs); d !== path.dirname(d); d = path.dirname(d)) {
    if (ROOT_MARKERS.some((m) => fs.existsSync(path.join(d, m)))) return path.relative(d, abs);
  }
  return file;
}

export function isTestOrScript(file: string): boolean {
  return TEST_OR_SCRIPT.test(fromProjectRoot(file));
}

/** Names the file passes to `<x>.<method>(name)` calls whose method matches. */
function registeredNames(model: FileModel, method: RegExp): Set<string> {
  const out = new Set<string>();
  for (const call of model.tree.root.findAll(['call'])) {
    const parts = callParts(call);
    const f = parts?.callee;
    if (f?.kind !== 'attribute' || !method.test(f.field('attribute')?.text ?? '')) continue;
    for (const a of parts!.positional) if (a.kind === 'identifier') out.add(a.text);
  }
  return out;
}

const TEARDOWN = new RegExp(`^(${FLASK_TEARDOWN_DECORATORS.join('|')}|after_request)$`);

/** A Flask teardown or after-request function: it runs at the end of every request. */
export function isTeardownHook(model: FileModel, fn: PyNode): boolean {
  if (decoratorsOf(fn).some((d) => TEARDOWN.test((d.kind === 'call' ? d.field('function') : d)?.field('attribute')?.text ?? ''))) return true;
  return registeredNames(model, TEARDOWN).has(functionName(fn));
}

/**
 * Runs once, when the process or an object is done: atexit, a shutdown event, __exit__/__del__/close, a fixture,
 * a property's deleter (`del obj.engine`: its owner lets it go).
 */
export function isShutdownFunction(model: FileModel, fn: PyNode): boolean {
  const name = functionName(fn);
  if (/^(__exit__|__aexit__|__del__|close|aclose|shutdown|dispose)$/.test(name)) return true;
  for (const d of decoratorsOf(fn)) {
    const t = d.text;
    if (t === `${name}.deleter`) return true;
    if (/\batexit\.register\b|\bfixture\b|on_event\(\s*["']shutdown["']|\blifespan\b|on_shutdown|teardown_module|teardown_class/.test(t)) return true;
  }
  return registeredNames(model, /^(register|add_event_handler|on_shutdown|on_cleanup)$/).has(name);
}

/**
 * An application's lifespan (FastAPI, Starlette, Quart): a generator handed to the app as `lifespan=`, or
 * one named so, that runs once per process around the app's life.
 */
export function isLifespan(model: FileModel, fn: PyNode): boolean {
  const name = functionName(fn);
  if (!name || !fn.findAll(['yield']).length) return false;
  return /lifespan/i.test(name) || new RegExp(`\\blifespan\\s*=\\s*${name}\\b`).test(model.tree.root.text);
}

/**
 * A command of a command-line tool (click, typer, Flask's `app.cli`): it runs once per process. A chat bot's
 * `@bot.command()` runs per message, so a `command` decorator counts only in a file that imports click or typer.
 */
export function isCliCommand(model: FileModel, fn: PyNode): boolean {
  const cliFile = /^[ \t]*(?:import|from)[ \t]+(?:click|asyncclick|typer|flask\.cli)\b/m.test(model.tree.root.text);
  return decoratorsOf(fn).some((d) => {
    const f = d.kind === 'call' ? (d.field('function')?.text ?? '') : d.text;
    return /\.cli\.command$/.test(f) || (cliFile && /(^|\.)command$/.test(f));
  });
}
