// Makes a class that holds a session or connection and releases it in close() a context manager:
// `__enter__` returns the object, `__exit__` calls close() (the async pair for an async close), appended at
// the end of the class body in the class's own indentation. `__exit__` returns None, so exceptions pass.
import type { PyNode } from '../parse/tree';
import type { PySource, TextEdit } from '../parse/text';
import { statements } from '../parse/syntax';
import { insertAfterLine, linesAt } from '../emit/edits';
import type { ClassFacts } from '../analysis/classFacts';

export function emitContextManager(src: PySource, cls: PyNode, facts: ClassFacts): TextEdit | null {
  const body = cls.field('body');
  if (!body) return null;
  const step = src.stepOf(cls, body);
  if (!step) return null;
  const indent = src.indentAt(cls) + step;
  const last = statements(body).pop()!;
  const a = facts.closeAsync;
  const lines = [
    '',
    `${a ? 'async ' : ''}def ${a ? '__aenter__' : '__enter__'}(self):`,
    `${step}return self`,
    '',
    `${a ? 'async ' : ''}def ${a ? '__aexit__' : '__exit__'}(self, exc_type, exc_value, traceback):`,
    `${step}${a ? 'await ' : ''}self.${facts.close}()`,
  ];
  return insertAfterLine(src, src.lineOf(last.end), linesAt(src, indent, lines));
}
