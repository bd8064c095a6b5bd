/**
 * Every app icon from one drawing, resources/icon.svg: PNGs for Linux (16 to 1024), icon.icns for
 * macOS and icon.ico for Windows in `build/icons` (what electron-builder.yml points at), and the
 * run-time icon resources/icon.png (window and notifications).
 * Run: `npx tsx scripts/generate-icons.ts [outDir]`; `npm run dist` runs it.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import png2icons from 'png2icons';

export const LINUX_ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const;
export const APP_ICON_SIZE = 256;

export interface GeneratedIcons {
  pngs: string[];
  icns: string;
  ico: string;
}

let wasmReady: Promise<void> | undefined;

/** Renders the SVG at `size`×`size` pixels as a PNG. */
export async function renderPng(svg: string, size: number): Promise<Buffer> {
  wasmReady ??= initWasm(readFileSync(createRequire(import.meta.url).resolve('@resvg/resvg-wasm/index_bg.wasm')));
  await wasmReady;
  const resvg = new Resvg(svg, { fitTo: { mode: 'width', value: size }, background: 'rgba(0,0,0,0)' });
  const png = Buffer.from(resvg.render().asPng());
  resvg.free();
  return png;
}

export async function generateIcons(svgFile: string, outDir: string): Promise<GeneratedIcons> {
  const svg = readFileSync(svgFile, 'utf8');
  const pngDir = path.join(outDir, 'png');
  mkdirSync(pngDir, { recursive: true });
  const pngs: string[] = [];
  for (const size of LINUX_ICON_SIZES) {
    // electron-builder reads the size from the file name.
    const file = path.join(pngDir, `${size}x${size}.png`);
    writeFileSync(file, await renderPng(svg, size));
    pngs.push(file);
  }
  const largest = await renderPng(svg, 1024);
  const icns = png2icons.createICNS(largest, png2icons.BICUBIC2, 0);
  // PNG-compressed entries, with the BMP-only sizes the Windows executable resource needs.
  const ico = png2icons.createICO(largest, png2icons.BICUBIC2, 0, true, true);
  if (!icns || !ico) throw new Error(`png2icons could not convert the icon rendered from ${svgFile}`);
  const icnsFile = path.join(outDir, 'icon.icns');
  const icoFile = path.join(outDir, 'icon.ico');
  writeFileSync(icnsFile, icns);
  writeFileSync(icoFile, ico);
  return { pngs, icns: icnsFile, ico: icoFile };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const root = path.resolve(import.meta.dirname, '..');
  const svgFile = path.join(root, 'resources', 'icon.svg');
  const outDir = path.resolve(process.argv[2] ?? path.join(root, 'build', 'icons'));
  const icons = await generateIcons(svgFile, outDir);
  writeFileSync(path.join(root, 'resources', 'icon.png'), await renderPng(readFileSync(svgFile, 'utf8'), APP_ICON_SIZE));
  console.log(`icons: ${icons.pngs.length} PNGs, ${path.relative(root, icons.icns)}, ${path.relative(root, icons.ico)}, resources/icon.png`);
}
