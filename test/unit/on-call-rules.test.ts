import { describe, expect, it } from 'vitest';
import { notificationRulesFor } from '../../electron/notifications/on-call-rules';
import type { NotificationConfig } from '../../electron/config/config-schema';

const config = (overrides: Partial<NotificationConfig> = {}): NotificationConfig => ({ minSeverity: 'warning', onResolve: false, summaryThreshold: 3, offCall: 'critical', rules: [], ...overrides });

describe('on-call-aware notification rules', () => {
  it.each([
    ['on call: as configured', config(), 'on-call', { minSeverity: 'warning', muted: false }],
    ['on call, info and up configured', config({ minSeverity: 'info' }), 'on-call', { minSeverity: 'info', muted: false }],
    ['unknown (no on-call service, no toggle): as configured', config(), 'unknown', { minSeverity: 'warning', muted: false }],
    ['off call, default: critical only', config(), 'off-call', { minSeverity: 'critical', muted: false }],
    ['off call, critical only, already critical only', config({ minSeverity: 'critical' }), 'off-call', { minSeverity: 'critical', muted: false }],
    ['off call, everything', config({ offCall: 'all' }), 'off-call', { minSeverity: 'warning', muted: false }],
    ['off call, nothing', config({ offCall: 'none' }), 'off-call', { minSeverity: 'warning', muted: true }],
    ['on call with offCall none: still loud', config({ offCall: 'none' }), 'on-call', { minSeverity: 'warning', muted: false }],
  ] as const)('%s', (_case, notifications, state, expected) => {
    expect(notificationRulesFor(notifications, state)).toEqual(expected);
  });
});
