import { z } from 'zod';
import type { Severity } from '../../../shared/severity';
import {
  DEPENDENCY_DEGRADED,
  DEPENDENCY_INCIDENT,
  DESCRIPTION_MAX,
  NAME_MAX,
  dependencyAlert,
  distinctNames,
  notAfter,
  type DependencyIndicator,
  type DependencyReport,
} from './dependency-alerts';
import { httpUrl, isoTime } from './feed-parser';
import { htmlToText, singleLine } from './plain-text';

/**
 * Atlassian Statuspage's public `GET /api/v2/summary.json`. Only what is read is declared;
 * other fields are allowed (the API adds some over time). Status words are plain strings so a
 * new one Atlassian adds shows up as a warning instead of taking the whole source down.
 */
const Component = z.object({
  id: z.string(),
  name: z.string(),
  status: z.string(),
  /** true for a group container, whose status only summarises its children. */
  group: z.boolean().nullish(),
  group_id: z.string().nullish(),
  updated_at: z.string().nullish(),
});

const IncidentUpdate = z.object({
  body: z.string().nullish(),
  status: z.string().nullish(),
  created_at: z.string().nullish(),
  display_at: z.string().nullish(),
});

const Incident = z.object({
  id: z.string(),
  name: z.string(),
  status: z.string(),
  impact: z.string().nullish(),
  shortlink: z.string().nullish(),
  started_at: z.string().nullish(),
  created_at: z.string().nullish(),
  updated_at: z.string().nullish(),
  incident_updates: z.array(IncidentUpdate).nullish(),
});

export const SummarySchema = z.object({
  page: z.object({ name: z.string().nullish(), url: z.string().nullish(), updated_at: z.string().nullish() }).nullish(),
  status: z.object({ indicator: z.string(), description: z.string() }),
  components: z.array(Component).nullish(),
  incidents: z.array(Incident).nullish(),
});
export type Summary = z.output<typeof SummarySchema>;
type SummaryIncident = z.output<typeof Incident>;

const INDICATORS = new Set<DependencyIndicator>(['none', 'minor', 'major', 'critical', 'maintenance']);

const COMPONENT_SEVERITY: Record<string, { severity: Severity; words: string }> = {
  degraded_performance: { severity: 'warning', words: 'degraded performance' },
  partial_outage: { severity: 'warning', words: 'partial outage' },
  major_outage: { severity: 'critical', words: 'major outage' },
  under_maintenance: { severity: 'info', words: 'under maintenance' },
};

const IMPACT_SEVERITY: Record<string, Severity> = { none: 'warning', minor: 'warning', major: 'critical', critical: 'critical', maintenance: 'info' };

/** Incident states that mean it is over (summary.json lists unresolved ones, but says so in each). */
const CLOSED_INCIDENT = new Set(['resolved', 'postmortem', 'completed']);

export interface SummaryContext {
  dependency: string;
  /** The configured page URL: the link when the page does not name its own. */
  pageUrl: string;
  nowMs: number;
}

/** Turns one summary into alerts (non-operational components, unresolved incidents) and the overall status. */
export function readSummary(summary: Summary, context: SummaryContext): DependencyReport {
  const warnings: string[] = [];
  const pageUrl = httpUrl(summary.page?.url ?? '') ?? context.pageUrl;
  const components = summary.components ?? [];
  const groupNames = new Map(components.filter((each) => each.group).map((each) => [each.id, singleLine(each.name, NAME_MAX)]));
  const alerts = components
    .filter((component) => !component.group && component.status !== 'operational')
    .map((component) => {
      const known = COMPONENT_SEVERITY[component.status];
      if (!known) warnings.push(`component "${singleLine(component.name, NAME_MAX)}" has a status this app does not know: "${singleLine(component.status, 50)}"`);
      const { severity, words } = known ?? { severity: 'warning' as const, words: singleLine(component.status, 50) };
      const name = singleLine(component.name, NAME_MAX);
      const group = component.group_id ? groupNames.get(component.group_id) : undefined;
      return dependencyAlert({
        labels: { alertname: DEPENDENCY_DEGRADED, dependency: context.dependency, component: name, ...(group ? { component_group: group } : {}) },
        annotations: { summary: `${context.dependency}: ${name} — ${words}`, description: singleLine(summary.status.description, DESCRIPTION_MAX) },
        severity,
        // A component's updated_at moves when its status changes: the best start time there is.
        startsAt: notAfter(isoTime(component.updated_at), context.nowMs),
        generatorURL: pageUrl,
      });
    });

  const open = (summary.incidents ?? []).filter((incident) => !CLOSED_INCIDENT.has(incident.status.toLowerCase()));
  const names = distinctNames(open, (incident) => singleLine(incident.name, NAME_MAX), (incident) => incident.id);
  for (const incident of open) alerts.push(incidentAlert(incident, names.get(incident)!, pageUrl, context));

  const indicator = INDICATORS.has(summary.status.indicator as DependencyIndicator) ? (summary.status.indicator as DependencyIndicator) : 'unknown';
  if (indicator === 'unknown') warnings.push(`the page's status indicator "${singleLine(summary.status.indicator, 50)}" is not one this app knows`);
  const status = {
    dependency: context.dependency,
    indicator,
    description: singleLine(summary.status.description, NAME_MAX),
    url: pageUrl,
    updatedAt: isoTime(summary.page?.updated_at),
  };
  return { alerts, status, warnings };
}

function incidentAlert(incident: SummaryIncident, name: string, pageUrl: string, context: SummaryContext) {
  const latest = latestUpdate(incident);
  const shortlink = httpUrl(incident.shortlink ?? '');
  const impact = (incident.impact ?? 'none').toLowerCase();
  return dependencyAlert({
    labels: { alertname: DEPENDENCY_INCIDENT, dependency: context.dependency, incident: name },
    annotations: {
      summary: singleLine(incident.name, NAME_MAX),
      description: htmlToText(latest?.body ?? '', DESCRIPTION_MAX),
      incident_status: singleLine(incident.status, 50),
      ...(shortlink ? { runbook_url: shortlink } : {}),
    },
    severity: IMPACT_SEVERITY[impact] ?? 'warning',
    startsAt: notAfter(isoTime(incident.started_at) ?? isoTime(incident.created_at), context.nowMs),
    generatorURL: shortlink ?? pageUrl,
  });
}

/** The newest update: Statuspage lists them newest first, but the times decide when they are given. */
function latestUpdate(incident: SummaryIncident) {
  const updates = incident.incident_updates ?? [];
  const time = (update: (typeof updates)[number]) => Date.parse(update.display_at ?? update.created_at ?? '') || 0;
  return updates.reduce<(typeof updates)[number] | undefined>((newest, update) => (newest === undefined || time(update) > time(newest) ? update : newest), undefined);
}
