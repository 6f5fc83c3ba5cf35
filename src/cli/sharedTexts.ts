// The bytes of the files the prefilter dropped, kept as the runner reads them in memory a pass's thread can
// read too (SharedArrayBuffer): the thread then decodes them instead of reading thousands of files again
// (typeorm: 0.31 s of the close plan's thread, on its critical path), and the runner copies bytes instead of
// cloning strings into a message (38 ms of its own time for typeorm's 10 MB).

const CHUNK = 4 << 20;

/** Where a file's bytes are: chunk, offset, length. */
export type SharedAt = [number, number, number];

/** What a thread is sent: the chunks (shared, not copied) and, per file, where its bytes are. */
export interface SentTexts {
  chunks: SharedArrayBuffer[];
  at: Record<string, SharedAt>;
}

export class SharedTexts {
  private readonly chunks: SharedArrayBuffer[] = [];
  private readonly at: Record<string, SharedAt> = {};
  /** The chunk being filled, and how much of it is. */
  private open = -1;
  private used = CHUNK;

  /** Keep a copy of the file's bytes as read (BOM and all). */
  keep(abs: string, raw: Uint8Array): void {
    // (A file larger than a chunk gets one of its own; the open chunk stays open for the next.)
    if (raw.length > CHUNK) {
      this.chunks.push(new SharedArrayBuffer(raw.length));
      new Uint8Array(this.chunks[this.chunks.length - 1]).set(raw);
      this.at[abs] = [this.chunks.length - 1, 0, raw.length];
      return;
    }
    if (this.used + raw.length > CHUNK) {
      this.chunks.push(new SharedArrayBuffer(CHUNK));
      this.open = this.chunks.length - 1;
      this.used = 0;
    }
    new Uint8Array(this.chunks[this.open], this.used, raw.length).set(raw);
    this.at[abs] = [this.open, this.used, raw.length];
    this.used += raw.length;
  }

  sent(): SentTexts {
    return { chunks: this.chunks, at: this.at };
  }
}

// As the runner decodes: UTF-8, fatal, the BOM kept.
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The text of a file the runner kept, or null when it kept none. */
export function sharedText(sent: SentTexts | undefined, abs: string): string | null {
  const at = sent && Object.hasOwn(sent.at, abs) ? sent.at[abs] : undefined;
  if (!at) return null;
  // (TextDecoder copies out of the shared memory: the text does not change when the buffer would.)
  return decoder.decode(new Uint8Array(sent!.chunks[at[0]], at[1], at[2]));
}
