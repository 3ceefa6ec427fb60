/**
 * Fixed timestamps in a zip file. docx 9.15 zips its package with fflate, which stamps every entry
 * with the current time (`Date.now()`) and offers no option to change that. Rather than unzip and
 * compress everything a second time, this writes one date into the DOS time and date fields of
 * every entry, in its local file header and in the central directory. Nothing else in the file
 * depends on those fields (the CRC covers only the data), so the result is the same zip file with
 * a fixed date. Layout: APPNOTE.TXT (PKWARE) 4.3.7, 4.3.12, 4.3.16.
 */
const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
/** The extended-timestamp extra field ("UT"), which would carry a second, exact time. */
const EXTENDED_TIMESTAMP = 0x5455;

/** MS-DOS date and time (2-second resolution). Taken in UTC, as JSZip writes and reads them, so the bytes do not depend on the server's time zone. */
export function dosDateTime(date: Date): { time: number; date: number } {
  const year = date.getUTCFullYear();
  if (year < 1980 || year > 2107) throw new RangeError(`A zip file cannot carry the date ${date.toISOString()} (1980–2107 only).`);
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1),
    date: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}

function endOfCentralDirectory(zip: Buffer): number {
  const lowest = Math.max(0, zip.length - 22 - 0xffff);
  for (let p = zip.length - 22; p >= lowest; p--) if (zip.readUInt32LE(p) === END_OF_CENTRAL_DIRECTORY) return p;
  throw new Error('Not a zip file: no end of central directory record.');
}

/** Sets the modification date of every entry of `zip` to `when`, in place. Throws on a zip it does not understand (zip64, extended timestamps). */
export function setZipEntryDates(zip: Buffer, when: Date): void {
  const { time, date } = dosDateTime(when);
  const eocd = endOfCentralDirectory(zip);
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  if (count === 0xffff || p === 0xffffffff) throw new Error('zip64 files are not supported.');
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(p) !== CENTRAL_HEADER) throw new Error(`Corrupt zip: no central directory header at ${p}.`);
    const nameLength = zip.readUInt16LE(p + 28);
    const extraLength = zip.readUInt16LE(p + 30);
    const commentLength = zip.readUInt16LE(p + 32);
    for (let e = p + 46 + nameLength; e + 4 <= p + 46 + nameLength + extraLength; e += 4 + zip.readUInt16LE(e + 2)) {
      if (zip.readUInt16LE(e) === EXTENDED_TIMESTAMP) throw new Error('The zip file carries extended timestamps, which this does not fix.');
    }
    const local = zip.readUInt32LE(p + 42);
    if (zip.readUInt32LE(local) !== LOCAL_HEADER) throw new Error(`Corrupt zip: no local file header at ${local}.`);
    zip.writeUInt16LE(time, p + 12);
    zip.writeUInt16LE(date, p + 14);
    zip.writeUInt16LE(time, local + 10);
    zip.writeUInt16LE(date, local + 12);
    p += 46 + nameLength + extraLength + commentLength;
  }
}
