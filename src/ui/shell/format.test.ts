import { describe, expect, it } from 'vitest';
import { completingFiles, exeName, formatBytes, progressFraction, shortId } from './format';

const progress = (over: object) => ({
  filesDone: 0,
  filesTotal: 4,
  bytesDone: 0,
  bytesTotal: 0,
  blocksDone: 0,
  blocksSeen: 0,
  currentFile: '',
  ...over,
});

describe('shell formatting', () => {
  it('formats sizes and names', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(2048)).toBe('2.0 KiB');
    expect(formatBytes(45.3 * 1024 * 1024)).toBe('45.3 MiB');
    expect(shortId('3ed3d348-e7fe-4d86-a666-ab77bd6f0443')).toBe('3ed3d348…');
    expect(shortId('p1')).toBe('p1');
    expect(exeName('/opt/telemetry-demo/bin/telemetry-demo')).toBe('telemetry-demo');
  });

  it('counts reading and merging as halves of the progress', () => {
    expect(progressFraction(null)).toBe(0);
    expect(progressFraction(progress({ bytesDone: 50, bytesTotal: 100 }))).toBe(0.5);
    const read = progress({ bytesDone: 100, bytesTotal: 100, blocksDone: 30, blocksSeen: 180 });
    expect(progressFraction(read)).toBeCloseTo((1 + 30 / 180) / 2);
    expect(progressFraction(progress({ filesDone: 4, blocksDone: 9, blocksSeen: 9 }))).toBe(1);
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
