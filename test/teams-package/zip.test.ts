import { inflateRawSync } from 'node:zlib';
import AdmZip from 'adm-zip';
import { crc32 } from '../../src/teams-package/crc32';
import { zip } from '../../src/teams-package/zip';

describe('zip writer', () => {
  test('CRC-32 matches the standard check value', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(Buffer.from('1234'), Buffer.from('56789'))).toBe(0xcbf43926);
    expect(crc32(Buffer.alloc(0))).toBe(0);
  });

  test('compressible entries are deflated, incompressible ones stored; both read back intact', () => {
    const text = Buffer.from('secrets '.repeat(500));
    const noise = Buffer.from(Array.from({ length: 256 }, (_, i) => (i * 97 + 13) % 256));
    const bytes = zip([
      { name: 'a.json', data: text },
      { name: 'b.png', data: noise },
    ]);
    const entries = new AdmZip(bytes).getEntries();
    expect(entries.map((e) => [e.entryName, e.header.method])).toEqual([
      ['a.json', 8],
      ['b.png', 0],
    ]);
    expect(entries[0]!.getData().equals(text)).toBe(true);
    expect(entries[1]!.getData().equals(noise)).toBe(true);
    // The first local header's data is raw deflate, readable without any zip library.
    const nameLength = bytes.readUInt16LE(26);
    expect(inflateRawSync(bytes.subarray(30 + nameLength, 30 + nameLength + bytes.readUInt32LE(18))).equals(text)).toBe(true);
  });

  test('backslashes and non-ASCII names are refused (unzip tools disagree on them)', () => {
    expect(() => zip([{ name: 'icons\\outline.png', data: Buffer.alloc(1) }])).toThrow(/unsupported entry name/);
    expect(() => zip([{ name: 'café.png', data: Buffer.alloc(1) }])).toThrow(/unsupported entry name/);
  });
});
