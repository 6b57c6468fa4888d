// The store's side of a micromegas analytics server (src/remote): a process read in raw mode
// becomes in-memory load inputs for the same ingest path as dropped files, with progress in
// blocks; and the look-ups the Connect dialog and the process browser call (data sources,
// processes, a process's block overview). No React.
import {
  blockOverview,
  fetchDataSources,
  listRemoteProcesses,
  remoteProcessInputs,
  type BlockOverview,
  type DataSource,
  type ProcessFilter,
  type RawProgress,
  type RemoteAuth,
  type RemoteConnection,
  type RemoteProcess,
  type RemoteRange,
} from '../remote';
import type { LoadInput, LoadProgress } from './backend';

export type {
  BlockOverview,
  DataSource,
  ProcessFilter,
  RawProgress,
  RemoteAuth,
  RemoteConnection,
  RemoteProcess,
  RemoteRange,
};
export { RemoteError, defaultDataSource, loginUrlOf, objectsInRange } from '../remote';

/** Every body of a remote process (ProcessInfo, StreamInfo, Blocks) as bytes inputs. */
export async function remoteLoadInputs(
  conn: RemoteConnection,
  processId: string,
  range: RemoteRange | undefined,
  signal: AbortSignal | undefined,
  onProgress: (progress: RawProgress) => void,
): Promise<LoadInput[]> {
  const inputs: LoadInput[] = [];
  for await (const batch of remoteProcessInputs(conn, processId, range, signal, onProgress))
    for (const input of batch) inputs.push({ kind: 'bytes', bytes: input.bytes, path: input.path });
  return inputs;
}

/** Payloads fetched so far, shown as files until the blocks are handed to ingest. */
export function fetchProgress(p: RawProgress, conn: RemoteConnection): LoadProgress {
  return {
    filesDone: p.blocksDone,
    filesTotal: p.blocksTotal,
    bytesRead: 0,
    bytesDone: 0,
    bytesTotal: 0,
    blocksDone: 0,
    blocksSeen: 0,
    currentFile: `block payloads from ${conn.baseUrl}`,
  };
}

/** What the Connect dialog and the process browser ask a server (plain pass-throughs). */
export const remoteDirectory = {
  dataSources: (baseUrl: string, auth: RemoteAuth, signal?: AbortSignal): Promise<DataSource[]> =>
    fetchDataSources(baseUrl, auth, signal),
  processes: (
    conn: RemoteConnection,
    filter: ProcessFilter = {},
    signal?: AbortSignal,
  ): Promise<RemoteProcess[]> => listRemoteProcesses(conn, filter, signal),
  overview: (
    conn: RemoteConnection,
    processId: string,
    options: { bucketCount: number; beginIso?: string; endIso?: string },
    signal?: AbortSignal,
  ): Promise<BlockOverview> => blockOverview(conn, processId, options, signal),
};

/** The default event budget of a load (objects of cpu streams); the viewer makes it a setting. */
export const DEFAULT_EVENT_BUDGET = 5_000_000;
