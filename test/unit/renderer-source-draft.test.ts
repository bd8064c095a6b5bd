import { describe, expect, it } from 'vitest';
import { SourceConfigSchema } from '../../electron/config/config-schema';
import { draftFromFields, emptyDraft, fieldsFromDraft, problemsByField } from '../../renderer/src/views/settings/source-draft';

describe('the settings form model', () => {
  it('round-trips a source as written, keeping keys the form does not show', () => {
    const fields = {
      type: 'http',
      name: 'shop',
      url: 'https://shop.example.com/health',
      headers: { Authorization: '••••••••' },
      labels: { service: 'shop' },
      expectStatus: [200, 204],
      slo: { availability: 99.9, latency: { thresholdMs: 300, target: 99 }, window: '7d' },
    };
    const draft = draftFromFields(fields);
    expect(draft.text).toMatchObject({ name: 'shop', expectStatus: '200, 204', 'slo.availability': '99.9', 'slo.latency.thresholdMs': '300', 'slo.window': '7d' });
    expect(fieldsFromDraft(draft)).toEqual(fields);
  });

  it('leaves emptied boxes out, so the config default applies, and drops an emptied SLO', () => {
    const draft = draftFromFields({ type: 'http', name: 'shop', url: 'http://127.0.0.1:1', interval: '5s', slo: { availability: 99 } });
    draft.text.interval = '';
    draft.text['slo.availability'] = ' ';
    expect(fieldsFromDraft(draft)).toEqual({ type: 'http', name: 'shop', url: 'http://127.0.0.1:1' });
  });

  it('builds a valid config for each type from typed text, tokens as references only', () => {
    const http = emptyDraft('http');
    Object.assign(http.text, { name: 'api', url: 'http://127.0.0.1:8080/health', 'slo.latency.thresholdMs': '250', 'slo.latency.target': '99.5' });
    const pagerduty = { ...emptyDraft('pagerduty'), tokenValue: 'typed-token' };
    pagerduty.text.name = 'pd';
    const statuspage = emptyDraft('statuspage');
    Object.assign(statuspage.text, { name: 'github', url: 'https://www.githubstatus.com', services: 'ci, deploys' });
    for (const draft of [http, pagerduty, statuspage]) expect(SourceConfigSchema.safeParse(fieldsFromDraft(draft)).error).toBeUndefined();
    expect(fieldsFromDraft(pagerduty)).toEqual({ type: 'pagerduty', name: 'pd', token: { secret: 'pd' } });
    expect(fieldsFromDraft(statuspage).services).toEqual(['ci', 'deploys']);
  });

  it('puts the engine\'s problems next to their boxes and keeps the rest for the form', () => {
    const message = 'saveSource: sources[2].url: expected an http:// or https:// URL, got "x"; sources[2].slo.latency.target: missing, expected number; headers.Cookie: no saved value to keep; type the value';
    expect(problemsByField(message)).toEqual({
      byField: { url: 'expected an http:// or https:// URL, got "x"', 'slo.latency.target': 'missing, expected number' },
      other: ['headers.Cookie: no saved value to keep', 'type the value'],
    });
    expect(problemsByField('token: name: expected a secret name').byField).toEqual({ token: 'name: expected a secret name' });
  });
});
