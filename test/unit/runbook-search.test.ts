import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readRunbookEntry } from '../../electron/runbooks/runbook-entry';
import { createRunbookIndex, tokenize } from '../../electron/runbooks/runbook-search';

const ROOT = path.resolve(import.meta.dirname, '../..');

const runbook = (id: string, front: string, body: string) => readRunbookEntry(`---\n${front}\n---\n${body}`, id, `runbooks/${id}`);

const entries = [
  runbook('db.md', 'title: Database failover\nservices: [postgres]\ntags: [database, replication]\nalerts: alertname="PostgresDown"', '## Promote the replica\n\nRun `patronictl failover`.\n'),
  runbook('web.md', 'title: High error rate\nservices: [checkout]\ntags: [http]', '## Roll back the deploy\n\nUse kubectl rollout undo. The database is rarely the cause.\n'),
  runbook('cert.md', 'title: Certificate expiring\nservices: [web]\ntags: [tls]', '## Renew\n\nRun cmctl renew for the ingress.\n'),
  runbook('disk.md', 'title: Disk filling up\ntags: [storage, database]', '## Free space\n\nCheck the WAL folder.\n'),
];

const ids = (results: Array<{ id: string }>) => results.map((result) => result.id);

describe('createRunbookIndex', () => {
  const index = createRunbookIndex(entries);

  it('returns nothing for an empty query', () => {
    expect(index.search('')).toEqual([]);
    expect(index.search('   ')).toEqual([]);
  });

  it('finds titles, tags, services, alerts and bodies', () => {
    expect(ids(index.search('failover'))[0]).toBe('db.md');
    expect(ids(index.search('tls'))).toEqual(['cert.md']);
    expect(ids(index.search('checkout'))).toEqual(['web.md']);
    expect(ids(index.search('PostgresDown'))).toEqual(['db.md']);
    expect(ids(index.search('kubectl'))).toEqual(['web.md']);
    expect(ids(index.search('WAL folder'))).toEqual(['disk.md']);
  });

  it('ranks a title or tag hit above a body hit', () => {
    const results = index.search('database');
    // db.md has it in the title and a tag, disk.md in a tag, web.md only in its body.
    expect(ids(results)).toEqual(['db.md', 'disk.md', 'web.md']);
    expect(results[0]!.score).toBeGreaterThan(results[2]!.score);
  });

  it('matches prefixes, for results as you type', () => {
    expect(ids(index.search('certif'))).toEqual(['cert.md']);
    expect(ids(index.search('roll'))).toEqual(['web.md']);
    expect(ids(index.search('data'))).toContain('db.md');
    expect(ids(index.search('disk fil'))).toEqual(['disk.md']);
  });

  it('forgives a typo in longer words', () => {
    expect(ids(index.search('certifcate'))).toEqual(['cert.md']);
    expect(ids(index.search('replca'))).toEqual(['db.md']);
  });

  it('prefers runbooks with every word, and falls back to any word', () => {
    expect(ids(index.search('database replica'))).toEqual(['db.md']);
    expect(ids(index.search('tls storage')).sort()).toEqual(['cert.md', 'disk.md']);
  });

  it('honours the limit and tolerates odd input', () => {
    expect(index.search('database', 1)).toHaveLength(1);
    expect(index.search('database', 0)).toEqual([]);
    expect(index.search('"(*)[]{}\\')).toEqual([]);
    expect(index.search('x'.repeat(100_000))).toEqual([]);
  });

  it('indexes repeated ids once and an empty catalog', () => {
    expect(createRunbookIndex([]).search('anything')).toEqual([]);
    expect(ids(createRunbookIndex([entries[0]!, entries[0]!]).search('failover'))).toEqual(['db.md']);
  });

  it('finds the shipped demo runbooks by what an on-call engineer types', () => {
    const folder = path.join(ROOT, 'resources/demo/runbooks');
    const demo = createRunbookIndex(readdirSync(folder).map((name) => readRunbookEntry(readFileSync(path.join(folder, name), 'utf8'), name, name)));
    expect(ids(demo.search('5xx'))[0]).toBe('high-error-rate.md');
    expect(ids(demo.search('oom'))[0]).toBe('pod-crash-looping.md');
    expect(ids(demo.search('certificate'))[0]).toBe('certificate-expiring.md');
    expect(ids(demo.search('disk'))[0]).toBe('disk-filling-up.md');
    expect(ids(demo.search('latency'))[0]).toBe('latency-slo-burn.md');
    expect(ids(demo.search('payment gateway'))[0]).toBe('dependency-outage.md');
    expect(ids(demo.search('kubectl rollout undo'))).toContain('high-error-rate.md');
    expect(ids(demo.search('roll back the deploy'))[0]).toBe('high-error-rate.md');
  });

  it('finds words inside Markdown and template syntax', () => {
    const index = createRunbookIndex([runbook('tpl.md', 'title: Templated', '## Step\n\n```promql\nrate(errors{job=~"ingest"}[5m])\n```\n\nSet replicas=three for {{ $labels.deployment }}.\n')]);
    for (const word of ['promql', 'ingest', 'three', 'deployment', 'rate']) expect(ids(index.search(word)), word).toEqual(['tpl.md']);
  });

  it('ignores the commonest words, in runbooks and in queries', () => {
    expect(ids(index.search('the database'))).toEqual(ids(index.search('database')));
    expect(index.search('the')).toEqual([]);
  });
});

describe('tokenize', () => {
  it('splits ASCII text as the Unicode rule does', () => {
    const unicode = (text: string) => text.split(/[\s\p{P}\p{S}]+/u);
    fc.assert(fc.property(fc.string({ unit: 'binary-ascii', maxLength: 60 }), (text) => {
        expect(tokenize(text)).toEqual(unicode(text));
      }),
    );
    expect(tokenize('Größe über `kubectl`')).toEqual(['Größe', 'über', 'kubectl', '']);
  });
});
