// GET /health: 200 "ok" only while the server can store what it is sent. Two signals: a probe
// (create, write and remove a small file in the data directory, which fails when the process is
// out of file descriptors (EMFILE), the folder is gone or read-only) and the outcome of the most
// recent capture write (ENOSPC and friends only show up on real writes). Node only.
import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';

const PROBE_FILE = '.health-probe'; // never a capture file: listings skip dot files

export class StoreHealth {
  /** The reason the last capture write failed, until a later write succeeds. */
  private lastWriteError: string | undefined;

  constructor(private readonly dataDir: string) {}

  /** Records the outcome of one capture write. */
  wrote(error?: unknown): void {
    this.lastWriteError = error === undefined ? undefined : describe(error);
  }

  /** undefined when the store can write, else why not. */
  async problem(): Promise<string | undefined> {
    const probe = join(this.dataDir, PROBE_FILE);
    try {
      const handle = await open(probe, 'w');
      try {
        await handle.writeFile('ok');
      } finally {
        await handle.close();
      }
      await rm(probe, { force: true });
    } catch (error) {
      return `cannot write to the data directory ${this.dataDir}: ${describe(error)}`;
    }
    return this.lastWriteError && `the last capture write failed: ${this.lastWriteError}`;
  }
}

function describe(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  return code ? `${code} (${message})` : String(message ?? error);
}
