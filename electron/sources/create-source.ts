import type { SourceConfig } from '../config/config-schema';
import type { SecretStore } from '../secrets/secret-store';
import { AlertmanagerSource } from './alertmanager';
import { bearerHeaders } from './bearer-token';
import { DemoSource } from './demo-source';
import { HttpCheckSource } from './http-check/http-check-source';
import type { ProbeArchive } from './http-check/probe-archive';
import { OpsgenieSource } from './oncall/opsgenie-source';
import { PagerDutySource } from './oncall/pagerduty-source';
import { PrometheusSource } from './prometheus';
import type { AlertSource } from './source';
import { StatusPageSource } from './status-page/status-page-source';

export interface SourceDeps {
  /** Where token references (`{ secret: name }`) are looked up; sources without tokens need none. */
  secrets?: SecretStore;
  /** Where http checks keep their probes for their SLOs; without it, only in memory. */
  probes?: ProbeArchive;
}

export function createSource(config: SourceConfig, deps: SourceDeps = {}): AlertSource {
  switch (config.type) {
    case 'alertmanager':
      return new AlertmanagerSource({ name: config.name, url: config.url, silenced: config.silenced, inhibited: config.inhibited, headers: bearerHeaders(config.name, config.token, deps.secrets) });
    case 'prometheus':
      return new PrometheusSource({ name: config.name, url: config.url, headers: bearerHeaders(config.name, config.token, deps.secrets) });
    case 'demo':
      return new DemoSource(config.name);
    case 'http':
      return new HttpCheckSource(config, deps.probes ? { probeLog: deps.probes.forCheck(config) } : {});
    case 'statuspage':
      return new StatusPageSource(config);
    case 'pagerduty':
      return new PagerDutySource(config, deps.secrets);
    case 'opsgenie':
      return new OpsgenieSource(config, deps.secrets);
  }
}
