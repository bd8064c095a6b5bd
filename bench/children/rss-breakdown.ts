import { readFileSync } from 'node:fs';

/**
 * This process's resident memory by kind, read from /proc/self/smaps (Linux only; empty
 * elsewhere), in MB: the node binary's mapped code and data, other files, WebAssembly linear
 * memory (a mapping with a reservation of gigabytes: V8's guard region), glibc's heaps (the main
 * arena `[heap]` and the 64 MB-aligned heaps of its thread arenas), thread stacks, and the rest of
 * the anonymous memory (the V8 heaps of every isolate, V8's code and zones).
 */
export function rssBreakdown(): Record<string, number> {
  let text: string;
  try {
    text = readFileSync('/proc/self/smaps', 'utf8');
  } catch {
    return {};
  }
  const kb: Record<string, number> = {};
  const add = (kind: string, value: number) => (kb[kind] = (kb[kind] ?? 0) + value);
  const mappings = parseSmaps(text);
  for (let i = 0; i < mappings.length; i++) {
    const mapping = mappings[i]!;
    if (mapping.rssKb === 0) continue;
    add(kindOf(mapping, mappings[i + 1]), mapping.rssKb);
  }
  return Object.fromEntries(Object.entries(kb).map(([kind, value]) => [kind, Math.round(value / 102.4) / 10]));
}

interface Mapping {
  start: number;
  end: number;
  perms: string;
  name: string;
  rssKb: number;
}

const GLIBC_HEAP_SIZE = 64 * 2 ** 20;
const WASM_RESERVATION = 4 * 2 ** 30;
const V8_PAGE = 256 * 2 ** 10;

function kindOf(mapping: Mapping, next: Mapping | undefined): string {
  if (mapping.name === process.execPath || mapping.name.endsWith('/node')) return 'node binary';
  if (mapping.name === '[heap]') return 'glibc heap';
  if (mapping.name === '[stack]' || mapping.name.startsWith('[stack')) return 'stacks';
  if (mapping.name.startsWith('/')) return 'other files';
  if (mapping.name.startsWith('[')) return 'other';
  // A thread arena's heap: 64 MB reserved at a 64 MB boundary, committed from its start.
  const reserved = next && next.start === mapping.end && next.perms.startsWith('---') ? next.end - mapping.start : mapping.end - mapping.start;
  if (mapping.start % GLIBC_HEAP_SIZE === 0 && reserved === GLIBC_HEAP_SIZE) return 'glibc arenas';
  if (reserved >= WASM_RESERVATION) return 'wasm memory';
  // V8 allocates its heaps in 256 KB-aligned pages (or runs of them); glibc's large blocks are not aligned.
  if (mapping.start % V8_PAGE === 0 && (mapping.end - mapping.start) % V8_PAGE === 0) return 'anonymous, V8 page-aligned (heaps)';
  return 'anonymous, other (large malloc blocks, V8 zones)';
}

function parseSmaps(text: string): Mapping[] {
  const mappings: Mapping[] = [];
  for (const line of text.split('\n')) {
    const header = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (header) {
      mappings.push({ start: parseInt(header[1]!, 16), end: parseInt(header[2]!, 16), perms: header[3]!, name: header[4]!.trim(), rssKb: 0 });
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss && mappings.length > 0) mappings.at(-1)!.rssKb = Number(rss[1]);
  }
  return mappings;
}
