import { describe, expect, it } from 'vitest';
import { completingFiles, exeName, formatBytes, shortId } from './format';

describe('shell formatting', () => {
  it('formats sizes and names', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(2048)).toBe('2.0 KiB');
    expect(formatBytes(45.3 * 1024 * 1024)).toBe('45.3 MiB');
    expect(shortId('3ed3d348-e7fe-4d86-a666-ab77bd6f0443')).toBe('3ed3d348…');
    expect(shortId('p1')).toBe('p1');
    expect(exeName('/opt/telemetry-demo/bin/telemetry-demo')).toBe('telemetry-demo');
  });

  it('names the files that complete waiting blocks', () => {
    expect(
      completingFiles([
        '12 blocks of stream 35c7a1b2-0000-4000-8000-000000000001 wait for its stream file',
        'blocks of process 3ed3d348-e7fe-4d86-a666-ab77bd6f0443 wait for its process file',
        'something else',
      ]),
    ).toEqual([
      'streams/35c7a1b2-0000-4000-8000-000000000001.cbor',
      'process.cbor (process 3ed3d348-e7fe-4d86-a666-ab77bd6f0443)',
    ]);
  });
});
