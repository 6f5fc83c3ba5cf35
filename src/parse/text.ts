// Byte-faithful text handling: a BOM is taken off before parsing and put back after printing, and
// the file's own line terminator is used for every line recast prints anew.

const BOM = '\uFEFF';

export interface TextShape {
  bom: boolean;
  eol: '\n' | '\r\n';
  body: string;
}

export function splitText(source: string): TextShape {
  const bom = source.startsWith(BOM);
  const body = bom ? source.slice(1) : source;
  const crlf = (body.match(/\r\n/g) ?? []).length;
  const lf = (body.match(/(?<!\r)\n/g) ?? []).length;
  return { bom, eol: crlf > lf ? '\r\n' : '\n', body };
}

export function joinText(shape: TextShape, body: string): string {
  return (shape.bom ? BOM : '') + body;
}
