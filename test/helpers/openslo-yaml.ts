/** OpenSLO v1 text for tests: the same shapes the parser, the catalog and the e2e tests feed the app. */

const WEB_GOOD = 'http_requests_total{service="web",code!~"5.."}';
const WEB_TOTAL = 'http_requests_total{service="web"}';

/** An inline `ratioMetric` indicator named `name`, indented as a field of an SLO's spec. */
export function ratioIndicatorYaml(name: string, good = WEB_GOOD, total = WEB_TOTAL): string {
  const source = (query: string) => `          metricSource:\n            type: Prometheus\n            spec:\n              query: ${query}\n`;
  return `  indicator:
    metadata:
      name: ${name}
    spec:
      ratioMetric:
        counter: true
        good:
${source(good)}        total:
${source(total)}`;
}

/** A complete rolling-window ratio SLO; `indicator` replaces the inline indicator (e.g. with an indicatorRef). */
export function ratioSloYaml(options: {
  name: string;
  displayName?: string;
  service?: string;
  indicator?: string;
  duration?: string;
  target?: number;
}): string {
  const { name, service = 'web', duration = '30d', target = 0.99 } = options;
  return `apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${name}
${options.displayName ? `  displayName: ${options.displayName}\n` : ''}spec:
  service: ${service}
${options.indicator ?? ratioIndicatorYaml(`${name}-sli`)}  timeWindow:
    - duration: ${duration}
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - target: ${target}
`;
}
