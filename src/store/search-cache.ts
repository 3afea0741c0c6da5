/**
 * Searchable text of every record (folded fields and body), kept in `.dossier/cache/search.json` and keyed by
 * each file's content hash, so a search need not read every body again. Like the record cache: safe to delete,
 * rebuilt when damaged or when dossier changes, never written outside `.dossier/`.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { StoreRecord } from '../core/record.js';
import { CACHE_DIR, cacheKey } from './cache.js';
import { writeFileAtomic } from './write.js';

const FILE = 'cache/search.json';

interface SearchCacheFile {
  key: string;
  /** file -> [content hash, searchable text] */
  entries: Record<string, [string, string]>;
}

export class SearchTextCache {
  private readonly next: Record<string, [string, string]> = {};
  private changed = false;

  private constructor(
    private readonly root: string,
    private readonly old: Record<string, [string, string]>,
  ) {}

  static open(root: string): SearchTextCache {
    try {
      const data = JSON.parse(readFileSync(path.join(root, CACHE_DIR, FILE), 'utf8')) as SearchCacheFile;
      if (data && data.key === cacheKey() && data.entries && typeof data.entries === 'object') return new SearchTextCache(root, data.entries);
    } catch {
      // Missing or damaged: rebuild.
    }
    return new SearchTextCache(root, {});
  }

  /** The text of `record`, from the cache when its content is unchanged, else made by `make` and remembered. */
  text(record: StoreRecord, make: () => string): string {
    const hash = record.contentHash;
    const entry = this.old[record.file];
    if (hash && Array.isArray(entry) && entry[0] === hash && typeof entry[1] === 'string') {
      this.next[record.file] = entry;
      return entry[1];
    }
    const text = make();
    if (hash) {
      this.next[record.file] = [hash, text];
      this.changed = true;
    }
    return text;
  }

  save(): void {
    if (!this.changed && Object.keys(this.next).length === Object.keys(this.old).length) return;
    try {
      mkdirSync(path.join(this.root, CACHE_DIR, 'cache'), { recursive: true });
      writeFileAtomic(path.join(this.root, CACHE_DIR, FILE), JSON.stringify({ key: cacheKey(), entries: this.next } satisfies SearchCacheFile));
    } catch {
      // Read-only store: stays cold.
    }
  }
}
