import { SourceConfigSchema, type HttpCheckConfig } from '../../../electron/config/config-schema';

/** An http check's config as the YAML loader would produce it from these fields. */
export function checkConfig(fields: Record<string, unknown> & { url: string }): HttpCheckConfig {
  const config = SourceConfigSchema.parse({ type: 'http', name: 'shop-health', ...fields });
  if (config.type !== 'http') throw new Error(`expected an http check config, got type ${config.type}`);
  return config;
}
