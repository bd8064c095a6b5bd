import { DeliveryNotSentError, DeliveryRefusedError } from '../actions/outbox';
import type { OpsgenieClient } from './opsgenie-client';
import type { PagerDutyIncidentStatus } from './pagerduty-model';
import type { PagerDutyClient } from './pagerduty-client';
import { certainlyNotApplied, RequestRefusedError } from './saas-errors';

/**
 * Delivery of on-call actions for the outbox, exactly once: when an earlier try may have
 * arrived (`uncertain`), the incident or alert is read first and nothing is sent if it already
 * has the wanted state. Errors come out as the outbox reads them: `DeliveryRefusedError` (refused
 * for good, the action ends failed), `DeliveryNotSentError` (certainly changed nothing upstream:
 * never sent, token rejected, rate limited), anything else uncertain.
 */

export interface OnCallDeliveryContext {
  /** True when an earlier try may have reached the service. */
  uncertain: boolean;
  signal: AbortSignal;
}

export interface PagerDutyIncidentAction {
  kind: 'acknowledge' | 'resolve';
  incidentId: string;
  /** The acting PagerDuty user's email, sent as the `From` header. */
  fromEmail: string;
}

export interface OpsgenieAcknowledgeAction {
  /** close is Opsgenie's resolve; default acknowledge. */
  kind?: 'acknowledge' | 'close';
  alertId: string;
  user: string;
  note?: string;
}

/** `sent` false: an earlier try had already got there, so this one sent nothing. */
export interface OnCallDelivery {
  sent: boolean;
  /** Opsgenie's id for tracking its asynchronous processing of the request this try sent. */
  requestId?: string;
}

export async function deliverPagerDutyAction(client: PagerDutyClient, action: PagerDutyIncidentAction, context: OnCallDeliveryContext): Promise<OnCallDelivery> {
  const options = { signal: context.signal };
  try {
    if (context.uncertain) {
      const incident = await client.getIncident(action.incidentId, options);
      if (alreadyThere(incident.status, action.kind)) return { sent: false };
    }
    if (action.kind === 'acknowledge') await client.acknowledge(action.incidentId, action.fromEmail, options);
    else await client.resolve(action.incidentId, action.fromEmail, options);
    return { sent: true };
  } catch (error) {
    throw forOutbox(error);
  }
}

export async function deliverOpsgenieAcknowledge(client: OpsgenieClient, action: OpsgenieAcknowledgeAction, context: OnCallDeliveryContext): Promise<OnCallDelivery> {
  const options = { signal: context.signal };
  try {
    if (context.uncertain) {
      const alert = await client.getAlert(action.alertId, options);
      // A closed alert needs no acknowledging either.
      if (alert.status === 'closed' || (action.kind !== 'close' && alert.acknowledged)) return { sent: false };
    }
    const request = { user: action.user, ...(action.note ? { note: action.note } : {}) };
    const { requestId } = action.kind === 'close' ? await client.close(action.alertId, request, options) : await client.acknowledge(action.alertId, request, options);
    return { sent: true, requestId };
  } catch (error) {
    throw forOutbox(error);
  }
}

/** Acknowledging a resolved incident is moot: resolving goes further than acknowledging. */
function alreadyThere(status: PagerDutyIncidentStatus, kind: PagerDutyIncidentAction['kind']): boolean {
  return status === 'resolved' || (kind === 'acknowledge' && status === 'acknowledged');
}

function forOutbox(error: unknown): unknown {
  if (error instanceof RequestRefusedError) return new DeliveryRefusedError(error.message);
  if (certainlyNotApplied(error)) return new DeliveryNotSentError((error as Error).message);
  return error;
}
