import { spawn, type ChildProcess } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACK_COMMENT_PREFIX } from '../../shared/actions';
import { alertmanagerConfig } from '../helpers/engine-host';
import { postAlerts, startAlertmanager, waitFor, type RunningAlertmanager } from '../helpers/servers';
import { useTempFolder } from '../helpers/temp-folder';

const KILLS = 50;
const CHILD = path.resolve(import.meta.dirname, '../helpers/crash-loop-child.ts');
const REPO = path.resolve(import.meta.dirname, '../..');

interface ChildRun {
  child: ChildProcess;
  lines: string[];
  stderr: string[];
  exited: Promise<number | null>;
}

function startChild(dir: string, run: number, mode: 'queue' | 'drain', config: string): ChildRun {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, String(run), mode], {
    cwd: REPO,
    env: { ...process.env, CRASH_LOOP_CONFIG: config },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const stderr: string[] = [];
  let partial = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    const text = partial + chunk.toString('utf8');
    const parts = text.split('\n');
    partial = parts.pop()!;
    lines.push(...parts);
  });
  child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, lines, stderr, exited };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The engine killed at random moments while it polls Alertmanager, queues actions, delivers them
 * and writes its stores: every start loads, no queued action is lost, none reaches Alertmanager twice.
 */
describe('crash loop: SIGKILL at random moments', () => {
  const folder = useTempFolder('occ-crash-loop-');
  let am: RunningAlertmanager;

  beforeAll(async () => {
    am = await startAlertmanager();
    await postAlerts(am.url, [{ labels: { alertname: 'CrashLoopTarget', severity: 'critical', instance: 'x' } }]);
  });

  afterAll(async () => {
    await am?.stop();
  });

  it(`loses no queued action and creates no silence twice over ${KILLS} kills`, { timeout: 400_000 }, async () => {
    const started = Date.now();
    const config = alertmanagerConfig([{ name: 'am', url: am.url }]);
    const queued = new Set<string>();
    let restartsWithProblems = 0;
    let startsFromCache = 0;
    for (let run = 1; run <= KILLS; run++) {
      const child = startChild(folder.dir, run, 'queue', config);
      await waitFor(async () => (child.lines.some((line) => line.startsWith('READY')) ? true : undefined), {
        description: `child run ${run} ready (stderr: ${child.stderr.join('').slice(-2000)})`,
        timeoutMs: 30_000,
      });
      if (Number(child.lines.find((line) => line.startsWith('READY'))!.split(' ')[2]) > 0) startsFromCache++;
      await sleep(50 + Math.random() * 700);
      child.child.kill('SIGKILL');
      await child.exited;
      for (const line of child.lines) if (line.startsWith('QUEUED ')) queued.add(line.slice('QUEUED '.length));
      if (/kept it (as|in) /.test(child.stderr.join(''))) restartsWithProblems++;
    }

    const killing = Date.now() - started;
    const drain = startChild(folder.dir, KILLS + 1, 'drain', config);
    const code = await drain.exited;
    expect(code, drain.stderr.join('')).toBe(0);
    expect(drain.lines).toContain('DRAINED');

    const response = await fetch(`${am.url}/api/v2/silences`);
    const silences = (await response.json()) as Array<{ comment: string; createdBy: string }>;
    const counts = new Map<string, number>();
    for (const silence of silences) {
      const comment = silence.comment.startsWith(ACK_COMMENT_PREFIX) ? silence.comment.slice(ACK_COMMENT_PREFIX.length).trim() : silence.comment;
      if (comment.startsWith('crash loop')) counts.set(comment, (counts.get(comment) ?? 0) + 1);
    }
    const lost = [...queued].filter((comment) => !counts.has(comment));
    const twice = [...counts].filter(([, count]) => count > 1);
    const aside = (await readdir(folder.dir, { recursive: true })).filter((name) => String(name).includes('.corrupt-'));
    console.log(
      `crash loop: ${KILLS} kills, ${queued.size} actions reported queued, ${counts.size} distinct silences upstream, ` +
        `${lost.length} lost, ${twice.length} created twice, ${startsFromCache} starts showed the cached alerts, ` +
        `${restartsWithProblems} starts set damaged data aside, ${aside.length} files moved aside ` +
        `(${Math.round(killing / 1000)} s of kills, ${Math.round((Date.now() - started - killing) / 1000)} s to drain)`,
    );
    expect(lost).toEqual([]);
    expect(twice).toEqual([]);
    expect(aside).toEqual([]);
    expect(restartsWithProblems).toBe(0);
    // The cache is written within 50 ms of a change: after the first run, starts find it.
    expect(startsFromCache).toBeGreaterThan(KILLS / 2);
  });
});
