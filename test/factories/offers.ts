import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { deflateRawSync, crc32 } from 'node:zlib';
export { fillDocx, fillXlsx, type Filling } from '../../bench/offers/fill.js';

/** The tender the offers tests answer: three MK (one local) and two EK (one local), weights 20 and 5. */
export const TENDER_ITEMS = [
  { requirementKey: 'SIK-001', obligation: 'minimum' },
  { requirementKey: 'RAM-001', obligation: 'minimum' },
  { requirementKey: 'ARK-001', obligation: 'evaluated', weight: 20 },
  {
    local: { title: 'Integration til vagtplan', statement: 'Leverandøren skal integrere til kommunens vagtplansystem.' },
    obligation: 'evaluated',
    weight: 5,
  },
  { local: { title: 'Dansk brugerflade', statement: 'Løsningens brugerflade skal være på dansk.' }, obligation: 'minimum' },
];

/** Opens a workbook in LibreOffice Calc (headless) and saves it again as XLSX: a file written by a real office program. */
export async function resaveInLibreOffice(body: Buffer): Promise<Buffer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kravbank-lo-'));
  try {
    const input = path.join(dir, 'in', 'besvarelse.xlsx');
    const out = path.join(dir, 'out');
    mkdirSync(path.dirname(input), { recursive: true });
    mkdirSync(out, { recursive: true });
    writeFileSync(input, body);
    await promisify(execFile)(
      'soffice',
      [
        `-env:UserInstallation=file://${dir}/profile`,
        '--headless',
        '--norestore',
        '--convert-to',
        'xlsx:Calc MS Excel 2007 XML',
        '--outdir',
        out,
        input,
      ],
      { timeout: 120_000 },
    );
    return readFileSync(path.join(out, 'besvarelse.xlsx'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A zip archive written by hand, so a test can declare sizes that lie. */
export function handZip(entries: Array<{ name: string; data: Buffer; declaredSize?: number }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const compressed = deflateRawSync(e.data);
    const size = e.declaredSize ?? e.data.length;
    const crc = crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    centrals.push(central, name);
    offset += local.length + name.length + compressed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
