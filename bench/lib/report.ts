import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FigureResult } from './figures';

export function formatTable(results: readonly FigureResult[]): string {
  const rows = results.map((result) => [
    result.figure,
    result.size,
    `${round(result.median)} ${result.unit}`,
    `${round(result.min)}–${round(result.max)}`,
    result.target ? `≤ ${result.target.max} ${result.unit}` : '—',
    result.pass === null ? 'info' : result.pass ? 'pass' : 'MISS',
  ]);
  const header = ['figure', 'size', 'median', 'min–max', 'target', ''];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

/** `cpuStolenPercent`: per suite, the share of CPU time the hypervisor gave elsewhere while it ran (null: unknown). */
export function writeResults(file: string, results: readonly FigureResult[], smoke: boolean, cpuStolenPercent: Record<string, number | null>): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` };
  writeFileSync(file, `${JSON.stringify({ ranAt: new Date().toISOString(), smoke, machine, cpuStolenPercent, results }, null, 2)}\n`);
}

function round(value: number): string {
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}
