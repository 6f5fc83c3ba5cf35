// Directory listings as the run's discovery read them. Files do not change during a run, so a pass that looks
// for files (the index resolving imports, the close plan looking for classes outside the run) takes a listing
// from here instead of reading the directory again; a thread gets them as plain data.
import type { Dirent } from 'node:fs';

/** What the passes ask of a directory entry. */
export type ListedEntry = Pick<Dirent, 'name' | 'isFile' | 'isDirectory' | 'isSymbolicLink'>;

export type Listings = ReadonlyMap<string, readonly ListedEntry[]>;

/** Listings a thread can be sent: per directory, its entries' names and one letter each (file, dir, link, other). */
export type SentListings = [dir: string, names: string[], kinds: string][];

const kindOf = (e: ListedEntry): string => (e.isFile() ? 'f' : e.isDirectory() ? 'd' : e.isSymbolicLink() ? 'l' : 'o');

export function sendListings(listings: Listings): SentListings {
  return [...listings].map(([dir, entries]) => [dir, entries.map((e) => e.name), entries.map(kindOf).join('')]);
}

export function receiveListings(sent: SentListings): Map<string, ListedEntry[]> {
  return new Map(sent.map(([dir, names, kinds]) => [dir, names.map((name, i) => entry(name, kinds[i]))]));
}

function entry(name: string, kind: string): ListedEntry {
  return { name, isFile: () => kind === 'f', isDirectory: () => kind === 'd', isSymbolicLink: () => kind === 'l' };
}
