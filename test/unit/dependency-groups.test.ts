import { describe, expect, it } from 'vitest';
import { dependencyGroups, dependencyGroupTitle } from '../../shared/dependency-groups';
import type { DependencyStatus } from '../../shared/model';
import { makeAlert } from '../helpers/alerts';

function dependency(name: string, indicator: DependencyStatus['indicator'], services: string[] = []): DependencyStatus {
  return { dependency: name, source: `${name.toLowerCase()}-status`, indicator, description: `${name} says ${indicator}`, url: `https://status.${name.toLowerCase()}.test/`, updatedAt: null, services };
}

const checkout = makeAlert({ fingerprint: 'checkout', labels: { alertname: 'HighErrorRate', service: 'checkout' } });
const deploys = makeAlert({ fingerprint: 'deploys', labels: { alertname: 'DeployStuck', service: 'deployer' } });
const ci = makeAlert({ fingerprint: 'ci', labels: { alertname: 'CiQueueLong', dependency: 'GitHub' } });
const db = makeAlert({ fingerprint: 'db', labels: { alertname: 'DiskFull', service: 'db' } });
const githubOwn = makeAlert({ fingerprint: 'gh-own', labels: { alertname: 'DependencyDegraded', dependency: 'GitHub', service: 'deployer' }, sources: ['github-status'] });
const alerts = [checkout, deploys, ci, db, githubOwn];

describe('dependencyGroups', () => {
  it.each<[string, DependencyStatus[], Array<[string, string[]]>]>([
    ['a degraded dependency with a mapped service and a dependency label', [dependency('GitHub', 'minor', ['deployer'])], [['GitHub', ['deploys', 'ci']]]],
    ['operational: no group', [dependency('GitHub', 'none', ['deployer'])], []],
    ['maintenance: no group', [dependency('GitHub', 'maintenance', ['deployer'])], []],
    ['unknown: no group', [dependency('GitHub', 'unknown', ['deployer'])], []],
    ['degraded but nothing points at it', [dependency('Stripe', 'major', ['payments'])], []],
    [
      'worst first',
      [dependency('GitHub', 'minor', ['deployer']), dependency('Stripe', 'critical', ['checkout'])],
      [
        ['Stripe', ['checkout']],
        ['GitHub', ['deploys', 'ci']],
      ],
    ],
    [
      'an alert under two dependencies appears under both',
      [dependency('AWS', 'major', ['checkout', 'db']), dependency('Stripe', 'major', ['checkout'])],
      [
        ['AWS', ['checkout', 'db']],
        ['Stripe', ['checkout']],
      ],
    ],
    ['no services configured: only dependency labels', [{ ...dependency('GitHub', 'major'), services: undefined }], [['GitHub', ['ci']]]],
  ])('%s', (_, dependencies, expected) => {
    expect(dependencyGroups(alerts, dependencies).map((group) => [group.dependency, group.fingerprints])).toEqual(expected);
  });

  it.each([
    ['minor', 1, 'GitHub is degraded — 1 alert may be theirs'],
    ['major', 3, 'GitHub is partly down — 3 alerts may be theirs'],
    ['critical', 2, 'GitHub is down — 2 alerts may be theirs'],
  ] as const)('title for %s with %i alerts', (indicator, count, title) => {
    const group = { ...dependency('GitHub', indicator), fingerprints: Array.from({ length: count }, (_, i) => `fp${i}`) };
    expect(dependencyGroupTitle(group)).toBe(title);
  });
});
