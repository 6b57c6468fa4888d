// The body checker's process (started by check-pool.ts): decodes one ingestion body's envelope per
// message with ingest-body.ts and answers where it goes and the facts the process list needs, so
// decoding a large or hostile body never blocks the server's event loop. Node only.
import type { CaptureFileKind } from './ids';
import { checkBody } from './ingest-body';
import { factsOf } from './process-index';
import type { CheckReply } from './check-pool';

interface CheckRequest {
  id: number;
  kind: CaptureFileKind;
  bytes: Uint8Array;
  source: string;
}

process.on('message', ({ id, kind, bytes, source }: CheckRequest) => {
  const checked = checkBody(kind, bytes, source);
  const reply: CheckReply = checked.ok
    ? {
        ok: true,
        processId: checked.body.processId,
        path: checked.body.path,
        facts: factsOf(checked.body.envelope),
      }
    : { ok: false, reason: checked.reason };
  process.send!({ id, reply });
});
