import { describe, expect, it } from 'vitest';
import { folderEntryUrl } from './capture-url';

const FOLDER = 'https://h.example/captures/p1/';

describe('folderEntryUrl', () => {
  it('resolves paths inside the folder', () => {
    expect(folderEntryUrl('process.cbor', FOLDER)).toEqual({ url: `${FOLDER}process.cbor` });
    expect(folderEntryUrl('blocks/s/b.cbor', FOLDER)).toEqual({ url: `${FOLDER}blocks/s/b.cbor` });
    expect(folderEntryUrl('./streams/../streams/s.cbor', FOLDER)).toEqual({
      url: `${FOLDER}streams/s.cbor`,
    });
    expect(folderEntryUrl(`${FOLDER}process.cbor`, FOLDER)).toEqual({
      url: `${FOLDER}process.cbor`,
    });
  });

  it.each([
    ['../p2/process.cbor'],
    ['../../api/processes'],
    ['/captures/p2/process.cbor'],
    ['%2e%2e/p2/process.cbor'],
    ['..\\p2\\process.cbor'],
    ['blocks/..%2f..%2fp2/process.cbor'],
    ['blocks/..%5C..%5Cp2'],
    ['https://evil.example/captures/p1/process.cbor'],
    ['//evil.example/captures/p1/process.cbor'],
    ['http://h.example/captures/p1/process.cbor'],
    ['javascript:alert(1)'],
    ['data:application/cbor;base64,oA=='],
    ['file:///etc/passwd'],
    ['process.cbor?token=1'],
    ['process.cbor#x'],
    [''],
    ['.'],
  ])('refuses %j', (entry) => {
    expect(folderEntryUrl(entry, FOLDER)).toHaveProperty('refused');
  });
});
