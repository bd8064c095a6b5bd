import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ICON_SIZE, generateIcons, LINUX_ICON_SIZES } from '../../scripts/generate-icons';
import { useTempFolder } from '../helpers/temp-folder';

const root = path.resolve(import.meta.dirname, '../..');
const temp = useTempFolder('oncall-icons-');

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(bytes.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The sizes in an ICO directory (a 0 byte means 256). */
function icoSizes(bytes: Buffer): number[] {
  expect(bytes.readUInt16LE(0)).toBe(0);
  expect(bytes.readUInt16LE(2)).toBe(1);
  const count = bytes.readUInt16LE(4);
  return Array.from({ length: count }, (_, i) => {
    const entry = 6 + i * 16;
    const size = bytes[entry] || 256;
    expect(bytes[entry + 1] || 256).toBe(size);
    const offset = bytes.readUInt32LE(entry + 12);
    const length = bytes.readUInt32LE(entry + 8);
    expect(offset + length).toBeLessThanOrEqual(bytes.length);
    return size;
  });
}

/** The entry types of an ICNS file, each checked to fit in the file. */
function icnsTypes(bytes: Buffer): string[] {
  expect(bytes.toString('latin1', 0, 4)).toBe('icns');
  expect(bytes.readUInt32BE(4)).toBe(bytes.length);
  const types: string[] = [];
  for (let at = 8; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at + 4);
    expect(length).toBeGreaterThan(8);
    types.push(bytes.toString('latin1', at, at + 4));
    at += length;
    expect(at).toBeLessThanOrEqual(bytes.length);
  }
  return types;
}

describe('icon generator', () => {
  it('renders every Linux PNG at its size, an ICO and an ICNS with the sizes each OS needs', async () => {
    const icons = await generateIcons(path.join(root, 'resources', 'icon.svg'), temp.dir);

    expect(icons.pngs.map((file) => path.basename(file))).toEqual(LINUX_ICON_SIZES.map((size) => `${size}x${size}.png`));
    for (const [i, file] of icons.pngs.entries()) {
      const size = LINUX_ICON_SIZES[i]!;
      expect(pngSize(readFileSync(file)), file).toEqual({ width: size, height: size });
    }

    expect(icoSizes(readFileSync(icons.ico))).toEqual(expect.arrayContaining([16, 24, 32, 48, 64, 128, 256]));
    // 16 and 32 pixels as classic RGB + mask, 32 to 1024 as PNG entries, plain and @2x: what macOS picks from.
    expect(icnsTypes(readFileSync(icons.icns)).sort()).toEqual(['ic07', 'ic08', 'ic09', 'ic10', 'ic11', 'ic12', 'ic13', 'ic14', 'il32', 'is32', 'l8mk', 's8mk']);
  });

  it('left the run-time icon in resources/ at its size', () => {
    expect(pngSize(readFileSync(path.join(root, 'resources', 'icon.png')))).toEqual({ width: APP_ICON_SIZE, height: APP_ICON_SIZE });
  });
});
