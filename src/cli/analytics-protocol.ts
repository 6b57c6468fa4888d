// Messages between weft serve's main thread (analytics-engine.ts) and its analytics thread
// (analytics-thread.ts). Bytes travel in transfer lists. Node only.

/** A capture file the thread has not read yet (absolute path, relative path for errors). */
export interface NewFile {
  absPath: string;
  path: string;
}

export interface QueryMessage {
  type: 'query';
  id: number;
  files: NewFile[];
  sql: string;
  beginNs?: bigint;
  endNs?: bigint;
  maxRows: number;
  maxBytes: number;
}

export type ToAnalytics = QueryMessage | { type: 'cancel'; id: number };

export type FromAnalytics =
  | { type: 'chunk'; id: number; bytes: Uint8Array }
  | { type: 'end'; id: number }
  /** A file could not be read as micromegas data: logged, skipped. */
  | { type: 'skipped'; path: string; reason: string };
