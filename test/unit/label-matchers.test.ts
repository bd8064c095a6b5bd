import { describe, expect, it } from 'vitest';
import { matchesFilter, parseFilter } from '../../shared/label-matchers';

const alert = {
  name: 'HighErrorRate',
  labels: { alertname: 'HighErrorRate', severity: 'critical', service: 'api-gateway', env: 'prod' },
  annotations: { summary: 'Checkout fails for 7% of requests' },
};

describe('label filter', () => {
  it.each([
    ['', true],
    ['severity="critical"', true],
    ['severity="warning"', false],
    ['severity!="warning"', true],
    ['service=~"api.*"', true],
    ['service=~"api"', false], // anchored, as in Alertmanager
    ['service!~"web|api-.*"', false],
    ['{severity="critical", env="prod"}', true],
    ["env='prod' checkout", true],
    ['severity=critical', true],
    ['checkout 7%', true],
    ['CHECKOUT', true],
    ['database', false],
    ['alertname="HighErrorRate"', true],
    ['team=""', true],
  ])('%j matches: %s', (text, expected) => {
    const filter = parseFilter(text);
    expect(filter.error).toBeNull();
    expect(matchesFilter(alert, filter)).toBe(expected);
  });

  it('reports an invalid regex and matches nothing', () => {
    const filter = parseFilter('service=~"api(("');
    expect(filter.error).toMatch(/invalid regular expression in service=~"api\(\("/);
    expect(matchesFilter(alert, filter)).toBe(false);
  });

  it('keeps braces inside quoted values (regex repetitions)', () => {
    expect(parseFilter('{service=~"api-[0-9]{2}"}').matchers).toEqual([{ name: 'service', operator: '=~', value: 'api-[0-9]{2}' }]);
    expect(matchesFilter({ ...alert, labels: { ...alert.labels, service: 'api-42' } }, parseFilter('service=~"api-[0-9]{2}"'))).toBe(true);
  });

  it('reads escaped quotes inside values', () => {
    expect(parseFilter('summary="say \\"hi\\""').matchers).toEqual([{ name: 'summary', operator: '=', value: 'say "hi"' }]);
  });
});
