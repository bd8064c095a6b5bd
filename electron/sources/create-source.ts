import type { SourceConfig } from '../config/config-schema';
import type { SecretStore } from '../secrets/secret-store';
import { AlertmanagerSource } from './alertmanager';
import { DemoSource } from './demo-source';
import { HttpCheckSource } from './http-check/http-check-source';
import { OpsgenieSource } from './oncall/opsgenie-source';
import { PagerDutySource } from './oncall/pagerduty-source';
import { PrometheusSource } from './prometheus';
import type { AlertSource } from './source';
import { StatusPageSource } from './status-page/status-page-source';

export interface SourceDeps {
  /** Where token references (`{ secret: name }`) are looked up; sources without tokens need none. */
  secrets?: SecretStore;
}

export function createSource(config: SourceConfig, deps: SourceDeps = {}): AlertSource {
  switch (config.type) {
    case 'alertmanager':
      return new AlertmanagerSource({ name: config.name, url: config.url, silenced: config.silenced, inhibited: config.inhibited });
    case 'prometheus':
      return new PrometheusSource({ name: config.name, url: config.url });
    case 'demo':
      return new DemoSource(config.name);
    case 'http':
      return new HttpCheckSource(config);
    case 'statuspage':
      return new StatusPageSource(config);
    case 'pagerduty':
      return new PagerDutySource(config, deps.secrets);
    case 'opsgenie':
      return new OpsgenieSource(config, deps.secrets);
  }
}
