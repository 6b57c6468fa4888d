// The micromegas analytics protocol client (see src/remote/README.md): connect, list processes,
// read a process's block overview, read a process in raw mode. No DOM beyond fetch, no Node.
export {
  defaultDataSource,
  fetchDataSources,
  normalizeBaseUrl,
  queryBatches,
  queryStream,
  setRemoteFetch,
  type DataSource,
  type QueryRequest,
  type QueryResult,
  type RemoteAuth,
  type RemoteConnection,
  type RemoteFetch,
} from './client';
export { RemoteError, loginUrlOf, type RemoteErrorKind } from './errors';
export {
  blockOverview,
  listRemoteProcesses,
  objectsInRange,
  type BlockOverview,
  type BlockSpan,
  type OverviewThread,
  type ProcessFilter,
  type RemoteProcess,
} from './processes';
export {
  PAYLOAD_CHUNK_BLOCKS,
  collectRemoteInputs,
  remoteProcessInputs,
  type RawProgress,
  type RemoteInput,
  type RemoteRange,
} from './raw-mode';
