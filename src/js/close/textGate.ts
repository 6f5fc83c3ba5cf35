// Before babel parses a class file for the close plan's doors (precheck.ts): can its text open one at all?
// Every door needs a close-like method with a body, and in that body what the door reads:
//   1. a dead close: an empty body (or directives only), or statements that only release or reset
//      `this` fields: no reserved word, no operator but `=`/`!=`/`!==`/`!`/`?.`, every `=` a reset to
//      `null`/`undefined` (a body with a cast or `void`, where anything may follow, is taken as one);
//   2. a disposer of its own: `[Symbol.asyncDispose]` / `[Symbol.dispose]` with a body;
//   3. an owner: a call on a field, `this.x.end()` (or through a cast, `(this.x as P).end()`).
// The text is read with a small scanner that knows strings, templates, comments and numbers; whatever it
// cannot read for certain (a `/` that is no comment, JSX, an escape in a name, an unusual return type) keeps
// the file for the parse. A file the gate lets go has no class that opens a door.
import { CLOSE_METHODS } from './names';

const ID = String.raw`[\p{ID_Continue}$\u200c\u200d]`;
const CANDIDATE = new RegExp(String.raw`(?<!${ID})(?:${CLOSE_METHODS.join('|')})(?!${ID})`, 'gu');
const DISPOSER_KEY = /Symbol\s*\.\s*(?:asyncDispose|dispose)(?![\p{ID_Continue}$\u200c\u200d])/gu;
// `close?`, then type parameters made of plain type words.
const SIMPLE_TYPE = /^[\s\p{ID_Continue}$\u200c\u200d<>,.|&[\]]*$/u;
// A door-3 call on a field: `this.x.y`, `this.#x?.y`, `this.x!.y`, or `this`/`this.x` inside a cast or parentheses.
// The field is caught in the second group; the first is a `this` inside a cast or parentheses (any field).
const FIELD_CALL = new RegExp(String.raw`(?<!${ID})this\s*(?:([)!]|as(?!${ID})|satisfies(?!${ID}))|\??\.\s*(#?${ID}+)\s*(?:!\s*)*(?:\??\.|\)|as(?!${ID})|satisfies(?!${ID})))`, 'gu');
const CASTISH = new RegExp(String.raw`<|(?<!${ID})(?:as|satisfies|void)(?!${ID})`, 'u');
const RESERVED = new RegExp(
  String.raw`(?<![.#]\s*)(?<!${ID})(?:return|throw|const|let|var|for|while|do|try|switch|else|new|function|class|typeof|delete|in|instanceof|yield|break|continue|debugger|with|import|super|case|default|catch|finally)(?!${ID})`,
  'u',
);
const OPERATOR = /[+\-*%&|^~<>:[\]@\\]|(?<![!=])==|=>|\?(?!\.)|~/;
const FIRST = new RegExp(String.raw`^(?:(?:this|await|void|if)(?!${ID})|[(<{'"\x60]|$)`, 'u');

/** False when no class of the text can open a door of the close plan (the parse can be skipped). */
export function mayOpenDoor(file: string, text: string): boolean {
  // A name spelled with an escape (`\u0063lose`) is not found by its letters.
  if (/\\u(?:\{|00[4-7])/.test(text)) return true;
  const jsx = !/\.[cm]?ts$/i.test(file);
  for (const m of text.matchAll(DISPOSER_KEY)) {
    let i = skip(text, m.index! + m[0].length);
    if (text[i] !== ']') continue;
    i = skip(text, i + 1);
    if (text[i] === '?') i = skip(text, i + 1);
    if (method(text, i, jsx) !== null) return true;
  }
  for (const m of text.matchAll(CANDIDATE)) {
    if (/[.#]\s*$/.test(text.slice(Math.max(0, m.index! - 40), m.index!))) continue;
    let i = skip(text, m.index! + m[0].length);
    if (text[i] === '?') i = skip(text, i + 1);
    const body = method(text, i, jsx);
    if (body === null) continue;
    if (body === true || mayOpen(body, (field) => mayBeCreated(text, field))) return true;
  }
  return false;
}

/** Can this code-only body (comments gone, strings emptied, numbers `0`) open door 1 or door 3? */
function mayOpen(code: string, created: (field: string) => boolean): boolean {
  // Door 3 also needs the field filled with `new …` or a call somewhere in the class.
  for (const m of code.matchAll(FIELD_CALL)) if (m[1] !== undefined || created(m[2])) return true;
  const body = code.trim();
  if (!FIRST.test(body)) return false;
  if (CASTISH.test(body)) return true;
  if (RESERVED.test(body) || OPERATOR.test(body)) return false;
  for (const m of body.matchAll(/(?<![!=<>])=(?!=)/g)) {
    if (!/^[\s(]*(?:null|undefined)(?![\p{ID_Continue}$\u200c\u200d])/u.test(body.slice(m.index! + 1))) return false;
  }
  return true;
}

/**
 * At `i` (after a method's name): the code of its body when it is a method with one; null when it is
 * certainly not (a call, a property, a declaration without a body); true when unsure.
 */
function method(text: string, i: number, jsx: boolean): string | null | true {
  if (text[i] === '<') {
    // Type parameters open with a name (`<T`, `<const T`): `end <= 0`, `end < 1` compare.
    if (!/[\p{ID_Start}$_]/u.test(text[skip(text, i + 1)] ?? '')) return null;
    const close = text.indexOf('>', i);
    if (close < 0 || !SIMPLE_TYPE.test(text.slice(i + 1, close)) || text.slice(i + 1, close).includes('<')) return true;
    i = skip(text, close + 1);
  }
  if (text[i] !== '(') return null;
  const params = scan(text, i, jsx);
  if (!params) return true;
  i = skip(text, params.end);
  if (text[i] === ':') {
    // A return type of plain words ends where the body starts; one that may itself hold a `{` is unsure.
    let j = i + 1;
    while (j < text.length && !'{;}=()'.includes(text[j])) j++;
    const type = text.slice(i + 1, j).trim();
    if (!SIMPLE_TYPE.test(type)) return true;
    if (text[j] !== '{') return text[j] === ';' || text[j] === '}' || j >= text.length ? null : true;
    if (!/[\p{ID_Continue}$\u200c\u200d>\]]$/u.test(type) || /(?:^|[^\p{ID_Continue}$])(?:keyof|typeof|readonly|unique|infer|is|asserts|new|extends)$/u.test(type)) return true;
    i = j;
  }
  if (text[i] !== '{') return null;
  const body = scan(text, i, jsx);
  return body ? body.code.slice(1, -1) : true;
}

/** Past whitespace and comments. */
function skip(text: string, i: number): number {
  for (;;) {
    while (i < text.length && /\s/.test(text[i])) i++;
    if (text.startsWith('//', i)) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) return text.length;
      i = end + 2;
    } else return i;
  }
}

const NUMBER = /(?:0[xXbBoO][\da-fA-F_]+|(?:\d[\d_]*)?\.?\d[\d_]*(?:[eE][+-]?\d[\d_]*)?)n?/y;

/**
 * From the bracket at `start` to its match: the end (past it) and the code between, comments as spaces,
 * strings and template text emptied, numbers as `0`, and `~` where a template has an expression. Null
 * when unsure (a `/` that may start a regular expression, a `<` that may start JSX, an unclosed string).
 */
function scan(text: string, start: number, jsx: boolean): { end: number; code: string } | null {
  const stack: string[] = [];
  let code = '';
  let i = start;
  while (i < text.length) {
    const c = text[i];
    if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) {
      const j = skip(text, i);
      code += ' ';
      i = j;
      continue;
    }
    if (c === '/' || (jsx && c === '<')) return null;
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== c) {
        if (text[j] === '\n') return null;
        j += text[j] === '\\' ? 2 : 1;
      }
      if (j >= text.length) return null;
      code += c + c;
      i = j + 1;
      continue;
    }
    if (c === '`' || (c === '}' && stack[stack.length - 1] === '${')) {
      if (c === '}') stack.pop();
      let j = i + 1;
      while (j < text.length && text[j] !== '`' && !(text[j] === '$' && text[j + 1] === '{')) j += text[j] === '\\' ? 2 : 1;
      if (j >= text.length) return null;
      if (text[j] === '`') {
        code += c === '`' ? '``' : '}`';
        i = j + 1;
      } else {
        code += c === '`' ? '`~${' : '}~${';
        stack.push('${');
        i = j + 2;
      }
      continue;
    }
    if (/\d/.test(c) && !/[\p{ID_Continue}$\u200c\u200d]/u.test(text[i - 1] ?? '')) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      if (!m || m[0].length === 0) return null;
      code += '0';
      i += m[0].length;
      continue;
    }
    if (c === '(' || c === '{' || c === '[') stack.push(c);
    else if (c === ')' || c === '}' || c === ']') {
      const open = stack.pop();
      if (open !== { ')': '(', '}': '{', ']': '[' }[c]) return null;
    }
    code += c;
    i++;
    if (stack.length === 0) return { end: i, code };
  }
  return null;
}

/**
 * May the class fill `field` with `new …` or a call (precheck's door 3)? Only where the name is followed by an
 * assignment or an initializer (`this.f = make()`, `f = new P()`, `(this.f as P) ??= …`) whose value may be
 * one; a typed declaration (`f: P = …`) or a cast is taken as one. A local `const f = …` is not the field.
 */
function mayBeCreated(text: string, field: string): boolean {
  const name = new RegExp(String.raw`(?<!${ID})${field.replace(/\$/g, '\\$')}(?!${ID})`, 'gu');
  for (const m of text.matchAll(name)) {
    if (/(?:^|[^\p{ID_Continue}$])(?:const|let|var)\s+$/u.test(text.slice(Math.max(0, m.index! - 12), m.index!))) continue;
    let i = skip(text, m.index! + m[0].length);
    while (text[i] === '!' && text[i + 1] !== '=') i = skip(text, i + 1);
    while (text[i] === ')') i = skip(text, i + 1);
    if (text[i] === ':' || (text[i] === '?' && text[skip(text, i + 1)] === ':')) return true;
    if (new RegExp(String.raw`^(?:as|satisfies)(?!${ID})`, 'u').test(text.slice(i, i + 12))) return true;
    if (text.startsWith('??=', i) || text.startsWith('||=', i)) i += 3;
    else if (text[i] === '=' && text[i + 1] !== '=' && text[i + 1] !== '>') i += 1;
    else continue;
    if (mayBeCall(text, skip(text, i))) return true;
  }
  return false;
}

/** At `i`, a value: false only for a plain name or member chain that is not called (`connection`, `this.a.b!`, `null`). */
function mayBeCall(text: string, i: number): boolean {
  const word = new RegExp(String.raw`#?[\p{ID_Start}$_]${ID}*`, 'uy');
  word.lastIndex = i;
  const first = word.exec(text);
  if (!first || /^(?:new|await|yield|import|super|function|class|async|typeof|void|delete)$/.test(first[0])) return true;
  i = first.index + first[0].length;
  for (;;) {
    const k = skip(text, i);
    let next = k;
    if (text[k] === '!' && text[k + 1] !== '=') next = skip(text, k + 1);
    if (text[next] === '.' || (text[next] === '?' && text[next + 1] === '.')) {
      const at = skip(text, next + (text[next] === '.' ? 1 : 2));
      word.lastIndex = at;
      const m = word.exec(text);
      if (!m) return true;
      i = at + m[0].length;
      continue;
    }
    if (next !== k) i = next;
    // A call, a tagged template, an element, type arguments: maybe; anything else ends the chain.
    return ['(', '`', '[', '<'].includes(text[next]);
  }
}
