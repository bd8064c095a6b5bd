import { describe, expect, it } from 'vitest';
import { judgeAnswer, jsonAt, type CheckAnswer, type CheckExpectations } from '../../electron/sources/http-check/check-verdict';

const answer = (status: number, body = '', extra: Partial<CheckAnswer> = {}): CheckAnswer => ({ status, statusText: '', body, ...extra });

describe('judgeAnswer', () => {
  const cases: Array<[string, CheckExpectations, CheckAnswer, string | null]> = [
    ['any 2xx by default', {}, answer(204), null],
    ['a 5xx fails the default', {}, answer(503, 'down', { statusText: 'Service Unavailable' }), 'answered 503 Service Unavailable, expected 2xx'],
    ['a 3xx fails the default', {}, answer(301, '', { statusText: 'Moved Permanently', location: '/new' }), 'answered 301 Moved Permanently, expected 2xx'],
    ['an expected 503', { expectStatus: [503] }, answer(503), null],
    ['a 200 that was not in the list', { expectStatus: [204, 301, 302] }, answer(200), 'answered 200, expected 204, 301 or 302'],
    ['body contains the text', { bodyContains: 'ok' }, answer(200, 'all ok'), null],
    ['body lacks the text (case matters)', { bodyContains: 'OK' }, answer(200, 'all ok'), 'answered 200 but the body does not contain "OK"'],
    ['status is judged before the body', { bodyContains: 'ok' }, answer(500, 'ok'), 'answered 500, expected 2xx'],
    ['JSON value equal', { json: { path: 'status', equals: 'up' } }, answer(200, '{"status":"up"}'), null],
    ['JSON number is not a string', { json: { path: 'count', equals: '1' } }, answer(200, '{"count":1}'), 'answered 200 but its JSON has 1 at count, expected "1"'],
    ['JSON null', { json: { path: 'error', equals: null } }, answer(200, '{"error":null}'), null],
    ['JSON boolean', { json: { path: 'ready', equals: true } }, answer(200, '{"ready":false}'), 'answered 200 but its JSON has false at ready, expected true'],
    ['JSON object where a value is expected', { json: { path: 'db', equals: 'up' } }, answer(200, '{"db":{"state":"up"}}'), 'answered 200 but its JSON has an object at db, expected "up"'],
    ['JSON missing path', { json: { path: 'checks.db.state', equals: 'up' } }, answer(200, '{"checks":{}}'), 'answered 200 but its JSON has nothing at checks.db'],
    ['not JSON', { json: { path: 'status', equals: 'up' } }, answer(200, 'OK'), 'answered 200 but the body is not JSON'],
    [
      'JSON cut at the limit',
      { json: { path: 'status', equals: 'up' } },
      answer(200, '{"status":"up","pad":"xx', { truncatedAt: 1024 * 1024 }),
      'answered 200 but the body is not JSON (longer than the 1 MB read)',
    ],
  ];
  it.each(cases)('%s', (_name, expect_, given, summary) => {
    const verdict = judgeAnswer(expect_, given);
    if (summary === null) expect(verdict).toEqual({ ok: true });
    else expect(verdict).toMatchObject({ ok: false, summary });
  });

  it('tells where a redirect goes and shows the start of the body on one line', () => {
    const verdict = judgeAnswer({}, answer(302, '<p>\n  Found\n</p>', { location: 'https://sso.example/login' }));
    expect(verdict).toMatchObject({ ok: false, detail: 'redirects to https://sso.example/login (redirects are not followed); body: <p> Found </p>' });
  });

  it('cuts a long body in the detail', () => {
    const verdict = judgeAnswer({ bodyContains: 'ok' }, answer(200, 'x'.repeat(5000)));
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.detail).toBe(`body: ${'x'.repeat(200)}…`);
  });
});

describe('jsonAt', () => {
  const document = { status: 'up', checks: [{ name: 'db', state: 'up' }, { name: 'queue', state: 'down' }], 'odd-key': { '0': 'zero' } };
  it.each([
    ['status', { found: true, value: 'up' }],
    ['checks.1.state', { found: true, value: 'down' }],
    ['checks.0', { found: true, value: { name: 'db', state: 'up' } }],
    ['odd-key.0', { found: true, value: 'zero' }],
    ['checks.2.state', { found: false, missing: 'checks.2' }],
    ['checks.name', { found: false, missing: 'checks.name' }],
    ['status.length', { found: false, missing: 'status.length' }],
    ['toString', { found: false, missing: 'toString' }],
    ['checks.-1', { found: false, missing: 'checks.-1' }],
  ])('%s', (path, expected) => {
    expect(jsonAt(document, path)).toEqual(expected);
  });

  it('reads into a top-level array and stops at null', () => {
    expect(jsonAt([{ ok: true }], '0.ok')).toEqual({ found: true, value: true });
    expect(jsonAt({ a: null }, 'a.b')).toEqual({ found: false, missing: 'a.b' });
  });
});
