import type { SourceConfig } from '../config/config-schema';
import { AlertmanagerSource } from './alertmanager';
import { DemoSource } from './demo-source';
import { PrometheusSource } from './prometheus';
import type { AlertSource } from './source';

export function createSource(config: SourceConfig): AlertSource {
  switch (config.type) {
    case 'alertmanager':
      return new AlertmanagerSource({ name: config.name, url: config.url, silenced: config.silenced, inhibited: config.inhibited });
    case 'prometheus':
      return new PrometheusSource({ name: config.name, url: config.url });
    case 'demo':
      return new DemoSource(config.name);
  }
}
