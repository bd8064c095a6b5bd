import { describe, expect, it } from 'vitest';
import { addSource, readSources, removeSource, replaceSource } from '../../electron/source-settings/config-editor';

const CONFIG = `# On-call config for the shop team.
# Edited by hand and by the app.

sources:
  # The production Alertmanager (HA pair behind the VIP).
  - type: alertmanager
    name: prod-am   # do not rename: silences refer to it
    url: "http://127.0.0.1:9093"
    interval: 15s

  - type: http
    name: shop
    url: 'https://shop.example.com/health'
    headers: {Authorization: "Bearer abc", Accept: text/plain}
    expectStatus: [200, 204]
    labels:
      service: shop   # the service label
    slo:
      availability: 99.9

notifications:
  minSeverity: warning # page me for warnings too
  onResolve: false
`;

describe('the config editor keeps the file as written', () => {
  it('lists the sources as written, without defaults', () => {
    expect(readSources(CONFIG).map((source) => [source.name, source.type, Object.keys(source.fields)])).toEqual([
      ['prod-am', 'alertmanager', ['type', 'name', 'url', 'interval']],
      ['shop', 'http', ['type', 'name', 'url', 'headers', 'expectStatus', 'labels', 'slo']],
    ]);
  });

  it('adds a source after the last one, with the same blank-line rhythm, and changes nothing else', () => {
    const after = addSource(CONFIG, { type: 'prometheus', name: 'prom', url: 'http://127.0.0.1:9090', interval: '30s' });
    expect(after).toBe(
      CONFIG.replace(
        '      availability: 99.9\n',
        '      availability: 99.9\n\n  - type: prometheus\n    name: prom\n    url: http://127.0.0.1:9090\n    interval: 30s\n',
      ),
    );
  });

  it('edits only the changed keys of a source; comments and quoting of the others stay', () => {
    const fields = { ...readSources(CONFIG)[0]!.fields, url: 'http://127.0.0.1:9094', timeout: '5s' };
    const after = replaceSource(CONFIG, 'prod-am', fields);
    expect(after).toBe(CONFIG.replace('url: "http://127.0.0.1:9093"\n    interval: 15s\n', 'url: "http://127.0.0.1:9094"\n    interval: 15s\n    timeout: 5s\n'));
  });

  it('renames a source in place, keeping its line comment', () => {
    const fields = { ...readSources(CONFIG)[0]!.fields, name: 'prod-am-1' };
    expect(replaceSource(CONFIG, 'prod-am', fields)).toBe(CONFIG.replace('name: prod-am   #', 'name: prod-am-1   #'));
  });

  it('changes nested and flow values in their own style and drops removed keys', () => {
    const { slo: _slo, ...fields } = readSources(CONFIG)[1]!.fields;
    const after = replaceSource(CONFIG, 'shop', { ...fields, expectStatus: [200], labels: { service: 'shop', team: 'web' } });
    expect(after).toBe(
      CONFIG.replace('expectStatus: [200, 204]', 'expectStatus: [200]')
        .replace('      service: shop   # the service label\n', '      service: shop\n      team: web\n')
        .replace('    slo:\n      availability: 99.9\n', ''),
    );
  });

  it('removes a source with the comment above it, and nothing else', () => {
    expect(removeSource(CONFIG, 'prod-am')).toBe(
      CONFIG.replace('  # The production Alertmanager (HA pair behind the VIP).\n  - type: alertmanager\n    name: prod-am   # do not rename: silences refer to it\n    url: "http://127.0.0.1:9093"\n    interval: 15s\n\n', ''),
    );
    expect(removeSource(CONFIG, 'shop')).toBe(CONFIG.replace(/\n {2}- type: http[\s\S]*availability: 99.9\n/, ''));
  });

  it('leaves an empty list when the last source goes', () => {
    const one = 'sources:\n  - type: demo # the demo\nnotifications:\n  onResolve: true\n';
    expect(removeSource(one, 'demo')).toBe('sources: []\nnotifications:\n  onResolve: true\n');
  });

  it('adds the first source to a file without a sources list, or with an empty one', () => {
    expect(addSource('# mine\nnotifications:\n  onResolve: true', { type: 'demo' })).toBe('# mine\nnotifications:\n  onResolve: true\nsources:\n  - type: demo\n');
    expect(addSource('sources: [] # none yet\n', { type: 'demo' })).toBe('sources: # none yet\n  - type: demo\n');
    expect(removeSource('sources: # none yet\n  - type: demo\n', 'demo')).toBe('sources: [] # none yet\n');
    expect(addSource('', { type: 'demo' })).toBe('sources:\n  - type: demo\n');
  });

  it('follows unindented lists', () => {
    const text = 'sources:\n- type: demo\n  interval: 5s\n';
    expect(addSource(text, { type: 'prometheus', name: 'p', url: 'http://127.0.0.1:9090' })).toBe(`${text}- type: prometheus\n  name: p\n  url: http://127.0.0.1:9090\n`);
    expect(replaceSource(text, 'demo', { type: 'demo', interval: '10s' })).toBe('sources:\n- type: demo\n  interval: 10s\n');
  });

  it('rewrites an item whose first key goes away', () => {
    const text = 'sources:\n  - name: p # first\n    type: prometheus\n    url: http://127.0.0.1:9090\nx: 1\n';
    expect(replaceSource(text, 'p', { type: 'demo' })).toBe('sources:\n  - type: demo\nx: 1\n');
  });

  it('says which source it cannot find', () => {
    expect(() => replaceSource(CONFIG, 'nope', { type: 'demo' })).toThrow('there is no source named "nope" in the config file');
    expect(() => removeSource(CONFIG, 'nope')).toThrow('"nope"');
  });
});

describe('a list item whose dash has a comment of its own (with a dash in it)', () => {
  const COMMENTED = `sources:
  - # see runbook-42
    type: http
    name: shop
    url: http://127.0.0.1:1/
  - type: http
    name: other
    url: http://127.0.0.1:2/
`;

  it('adds a source at the column of the list, not of the dash in the comment', () => {
    expect(addSource(COMMENTED, { type: 'http', name: 'new', url: 'http://127.0.0.1:3/' })).toBe(`${COMMENTED}  - type: http
    name: new
    url: http://127.0.0.1:3/
`);
  });

  it('rewrites the item from its first key when the first key goes, keeping the comment line', () => {
    expect(replaceSource(COMMENTED, 'shop', { name: 'shop', url: 'http://127.0.0.1:1/' })).toBe(`sources:
  - # see runbook-42
    name: shop
    url: http://127.0.0.1:1/
  - type: http
    name: other
    url: http://127.0.0.1:2/
`);
  });

  it('removes the item with its comment line', () => {
    expect(removeSource(COMMENTED, 'shop')).toBe(`sources:
  - type: http
    name: other
    url: http://127.0.0.1:2/
`);
  });
});
