// Test builders for the app store: a fake CaptureBackend whose loads and answers are scripted.
import type { SpanTable } from '../model/span-table';
import { makeSpanTable } from '../model/testing';
import type {
  CaptureBackend,
  CaptureCounts,
  ExampleQuery,
  LoadCallbacks,
  LoadInput,
  ProcessSummary,
  SqlResult,
} from './backend';

export class FakeBackend implements CaptureBackend {
  loaded: LoadInput[] = [];
  resets = 0;
  processList: ProcessSummary[] = [];
  /** How many span tables were asked for (the view is built once per load). */
  spanTableCalls = 0;
  tables = new Map<string, SpanTable>();
  /** Preview tables asked for, by process (previewTable answers with `previewTables`' table). */
  previewCalls: string[] = [];
  previewTables = new Map<string, SpanTable>();
  /** Whether loads call onMergedSome after each input (off: no preview can be taken). */
  reportMerges = false;
  /** Called for every input; may report issues or throw. */
  onInput: (input: LoadInput, callbacks: LoadCallbacks) => void = () => {};
  sqlAnswer: (sql: string) => SqlResult = (sql) => ({
    columns: ['sql'],
    rowCount: 1,
    keptRows: 1,
    rowAt: (i) => (i === 0 ? [sql] : []),
    elapsedMs: 1,
  });

  async load(inputs: LoadInput[], callbacks: LoadCallbacks, signal: AbortSignal): Promise<void> {
    let bytesDone = 0;
    for (const [i, input] of inputs.entries()) {
      if (signal.aborted) return;
      this.onInput(input, callbacks);
      this.loaded.push(input);
      bytesDone += 10;
      const progress = {
        filesDone: i + 1,
        filesTotal: inputs.length,
        bytesRead: bytesDone,
        bytesDone,
        bytesTotal: inputs.length * 10,
        blocksDone: i,
        blocksSeen: i + 1,
        currentFile: input.path,
      };
      callbacks.onProgress(progress);
      if (this.reportMerges) callbacks.onMergedSome?.(progress);
      await Promise.resolve();
    }
    if (!signal.aborted) callbacks.onMerged?.();
    await Promise.resolve();
  }

  async reset(): Promise<void> {
    this.resets++;
    this.loaded = [];
  }

  async counts(): Promise<CaptureCounts> {
    const sum = (key: 'threads' | 'spans' | 'events') =>
      this.processList.reduce((n, p) => n + p[key], 0);
    const processes = this.processList.length;
    return { processes, threads: sum('threads'), spans: sum('spans'), events: sum('events') };
  }

  async processes(): Promise<ProcessSummary[]> {
    return [...this.processList];
  }

  mergedProcesses(): ProcessSummary[] {
    return this.processList;
  }

  indexedFraction(): number {
    return 1;
  }

  /** Holds taken and not released yet. */
  holds = 0;

  holdIndexing(): () => void {
    this.holds++;
    let released = false;
    return () => {
      if (!released) this.holds--;
      released = true;
    };
  }

  /** Rows holds (holdRows) taken, and taken and not released yet. */
  rowHoldsTaken = 0;
  rowHolds = 0;

  holdRows(): () => void {
    this.rowHoldsTaken++;
    this.rowHolds++;
    let released = false;
    return () => {
      if (!released) this.rowHolds--;
      released = true;
    };
  }

  async spanTable(processId: string): Promise<SpanTable> {
    this.spanTableCalls++;
    const table = this.tables.get(processId);
    if (!table) throw new Error(`unknown process ${processId}`);
    return table;
  }

  /** The signal of the last preview asked for. */
  previewSignal: AbortSignal | undefined;

  async previewTable(processId: string, signal?: AbortSignal): Promise<SpanTable> {
    this.previewCalls.push(processId);
    this.previewSignal = signal;
    const table = this.previewTables.get(processId);
    if (!table) throw new Error(`no preview of ${processId}`);
    return table;
  }

  async runSql(sql: string): Promise<SqlResult> {
    return this.sqlAnswer(sql);
  }

  async spanRowsFile(): Promise<(string | Uint8Array)[]> {
    return ['span_id\n'];
  }

  async sqlParquet(sql: string): Promise<Uint8Array> {
    return new TextEncoder().encode(`parquet of ${sql}`);
  }

  exampleQueries(_processId: string | null): ExampleQuery[] {
    return [{ title: 'all spans', sql: 'SELECT * FROM async_spans' }];
  }

  /** Declares a loaded process with `count` spans (ids 1…count, 100 ns apart). */
  addProcess(processId: string, count: number): SpanTable {
    const specs = Array.from({ length: count }, (_, i) => ({
      spanId: i + 1,
      parentSpanId: 0,
      beginNs: i * 100,
      endNs: i * 100 + 50,
    }));
    const table = makeSpanTable(specs);
    this.processList.push(summaryOf(processId, count));
    this.tables.set(processId, table);
    return table;
  }
}

/** A process summary with `spans` spans on one thread, two events each. */
export function summaryOf(processId: string, spans: number): ProcessSummary {
  return { processId, exe: `/bin/${processId}`, spans, threads: 1, events: spans * 2 };
}

/** A fetch that answers from a map of URL → body (JSON or bytes); anything else is a 404. */
export function fakeFetch(routes: Record<string, unknown>) {
  return async (url: string): Promise<Response> => {
    if (!(url in routes)) return new Response('not found', { status: 404 });
    const body = routes[url];
    if (body instanceof Error) throw body;
    const json = JSON.stringify(body);
    return new Response(json, { status: 200, headers: { 'content-type': 'application/json' } });
  };
}
