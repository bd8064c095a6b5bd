import type { SourceConfig } from '../config/config-schema';
import { AlertmanagerSource } from './alertmanager';
import { DemoSource } from './demo-source';
import { HttpCheckSource } from './http-check/http-check-source';
import { PrometheusSource } from './prometheus';
import type { AlertSource } from './source';
import { StatusPageSource } from './status-page/status-page-source';

export function createSource(config: SourceConfig): AlertSource {
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
  }
}
