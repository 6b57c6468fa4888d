// Small integer keys for what every event row would otherwise repeat as text: its process, its
// block (which names the stream) and its scope (span name, file, target, line). DuckDB stores
// a text column at about ten times the cost of an integer one, so the event rows carry keys and
// the tables weft_process_keys, weft_blocks and weft_scopes name them once (the async_events view
// joins them back). Keys are given in merge order; the views never show them, so the tables read
// the same whatever the order. Pure bookkeeping: no DOM, no Node APIs, no DuckDB.
import type { Scope } from '../decode/event-columns';

export interface ScopeRow extends Scope {
  key: number;
}

export interface ProcessKeyRow {
  key: number;
  processId: string;
}

/** The scope's identity: two scopes may share a hash, never all five fields. */
function scopeIdentity(s: Scope): string {
  return `${s.hash}\u0000${s.line}\u0000${s.name}\u0000${s.filename}\u0000${s.target}`;
}

export class KeyTable {
  private readonly processes = new Map<string, number>();
  private readonly scopes = new Map<string, number>();
  /** Every scope keyed so far, by key. */
  readonly scopeList: Scope[] = [];
  private blocks = 0;
  /** Rows of keys given since the last `takeNew`. */
  private newProcesses: ProcessKeyRow[] = [];
  private newScopes: ScopeRow[] = [];

  processKey(processId: string): number {
    let key = this.processes.get(processId);
    if (key === undefined) {
      key = this.processes.size;
      this.processes.set(processId, key);
      this.newProcesses.push({ key, processId });
    }
    return key;
  }

  /** The key of a process seen before, else undefined. */
  knownProcess(processId: string): number | undefined {
    return this.processes.get(processId);
  }

  nextBlockKey(): number {
    return this.blocks++;
  }

  /** The key of each of a block's scopes (index = the block's own scope index). */
  scopeKeys(scopes: Scope[]): Uint32Array {
    const keys = new Uint32Array(scopes.length);
    scopes.forEach((scope, i) => {
      const identity = scopeIdentity(scope);
      let key = this.scopes.get(identity);
      if (key === undefined) {
        key = this.scopes.size;
        this.scopes.set(identity, key);
        const { name, filename, target, line, hash } = scope;
        this.newScopes.push({ key, name, filename, target, line, hash });
        this.scopeList.push(scope);
      }
      keys[i] = key;
    });
    return keys;
  }

  /** Processes and scopes keyed since the last call (their rows are not in the tables yet). */
  takeNew(): { processes: ProcessKeyRow[]; scopes: ScopeRow[] } {
    const taken = { processes: this.newProcesses, scopes: this.newScopes };
    this.newProcesses = [];
    this.newScopes = [];
    return taken;
  }
}
