import { deflateRawSync } from 'node:zlib';
import { crc32 } from './crc32';

/**
 * A minimal zip writer for the app package (three small files at the root). Entries are deflated
 * (or stored) and carry a fixed time stamp, so the same inputs always give the same zip. No zip64, no folders,
 * no encryption: none is needed, and fewer features means fewer ways for Teams to balk.
 */
export interface ZipEntry {
  readonly name: string;
  readonly data: Buffer;
}

// 2024-01-01 00:00 in MS-DOS format: any fixed date; 1980-01-01 upsets some unzip tools.
const DOS_TIME = 0;
const DOS_DATE = ((2024 - 1980) << 9) | (1 << 5) | 1;

export function zip(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    if (!/^[\x20-\x7e]+$/.test(entry.name) || entry.name.includes('\\')) throw new Error(`zip: unsupported entry name "${entry.name}"`);
    const name = Buffer.from(entry.name, 'ascii');
    // PNGs are already deflated: store an entry when deflating it again would not make it smaller.
    const deflated = deflateRawSync(entry.data, { level: 9 });
    const method = deflated.length < entry.data.length ? 8 : 0;
    const packed = method === 8 ? deflated : entry.data;
    const crc = crc32(entry.data);

    const fields: EntryFields = { method, crc, packedSize: packed.length, size: entry.data.length, nameLength: name.length };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); // local file header signature
    local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    // 6: flags zero; 28: extra field length zero
    writeEntryFields(local, 8, fields);
    locals.push(local, name, packed);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); // central directory header signature
    central.writeUInt16LE(20, 4); // version made by: 2.0, MS-DOS attributes
    central.writeUInt16LE(20, 6); // version needed
    // 8: flags zero; 30-41: extra/comment length, disk number, internal/external attributes: all zero
    writeEntryFields(central, 10, fields);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);

    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); // end of central directory signature
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

interface EntryFields {
  readonly method: number;
  readonly crc: number;
  readonly packedSize: number;
  readonly size: number;
  readonly nameLength: number;
}

/** The run both headers share, in the same order: method, time, date, CRC, sizes, name length. */
function writeEntryFields(header: Buffer, at: number, f: EntryFields): void {
  header.writeUInt16LE(f.method, at); // 8 deflate, 0 stored
  header.writeUInt16LE(DOS_TIME, at + 2);
  header.writeUInt16LE(DOS_DATE, at + 4);
  header.writeUInt32LE(f.crc, at + 6);
  header.writeUInt32LE(f.packedSize, at + 10);
  header.writeUInt32LE(f.size, at + 14);
  header.writeUInt16LE(f.nameLength, at + 18);
}
