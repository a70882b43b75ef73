import crypto from 'node:crypto';
import { z } from 'zod';
import { type Actor, assertCan, SYSTEM_ACTOR } from '../accounts/policy.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { AppContext } from '../core/app-context.ts';
import type { Db } from '../core/db/database.ts';
import { CONTENT_EVENT_TYPES, type ContentEvent, onContentEvent } from '../core/events/content-events.ts';
import { html } from '../core/html/html.ts';
import { AppError } from '../core/http/app-error.ts';
import { enqueueJob, type JobContext, registerJobHandler } from '../core/jobs/job-runner.ts';
import { mailerFor } from '../core/mail/mailer.ts';
import {
  addFailure,
  administratorEmails,
  deleteEndpoint,
  findDelivery,
  findEndpoint,
  insertDelivery,
  insertEndpoint,
  markDeliveryPending,
  recordAttempt,
  resetFailures,
  updateEndpoint,
  endpointsFor,
} from './webhook-repository.ts';
import { postWebhook } from './webhook-sender.ts';
import { newWebhookSecret, webhookHeaders } from './webhook-signature.ts';
import { webhookUrlSchema } from './webhook-target.ts';

/** Event types an endpoint can ask for; `ping` is sent by "Envoyer un test" to any endpoint. */
export const WEBHOOK_EVENT_TYPES = CONTENT_EVENT_TYPES;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const WEBHOOK_DELIVERY_JOB = 'webhook-delivery';
/** Attempts per delivery: at once, then after 10 s, 40 s, 2 min 40, 10 min 40 and 42 min 40 (job runner backoff). */
export const DELIVERY_ATTEMPTS = 6;
/** Deliveries given up in a row before the endpoint is disabled and the administrators are told. */
export const FAILURES_BEFORE_DISABLE = 5;

export const endpointInputSchema = z.object({
  url: webhookUrlSchema,
  description: z.string().trim().max(200, 'Description trop longue (200 caractères au plus).').default(''),
  events: z
    .array(z.enum(WEBHOOK_EVENT_TYPES, { error: 'Événement inconnu.' }))
    .min(1, 'Choisissez au moins un événement.')
    .transform((events) => [...new Set(events)]),
});
export type EndpointInput = z.input<typeof endpointInputSchema>;

function parseInput(input: EndpointInput): z.infer<typeof endpointInputSchema> {
  const parsed = endpointInputSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError('validation_failed', 422, 'Le webhook n’a pas été enregistré : corrigez les champs signalés.', {
      details: { issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) },
    });
  }
  return parsed.data;
}

async function endpointOrNotFound(db: Db, id: number) {
  const endpoint = await findEndpoint(db, id);
  if (!endpoint) throw AppError.notFound('Ce webhook n’existe pas.');
  return endpoint;
}

/** Registers an endpoint with a new signing secret; returns its id. */
export async function createEndpoint(ctx: AppContext, actor: Actor, input: EndpointInput): Promise<number> {
  assertCan(actor, 'integration:manage');
  const data = parseInput(input);
  return ctx.db.transaction().execute(async (trx) => {
    const id = await insertEndpoint(trx, { ...data, secret: newWebhookSecret(), createdBy: actor.userId });
    await recordAudit(trx, actor, 'webhook.create', { type: 'webhook', id }, { url: data.url, events: data.events });
    return id;
  });
}

/** Changes an endpoint's address, description, events, and whether it is enabled. */
export async function editEndpoint(ctx: AppContext, actor: Actor, id: number, input: EndpointInput & { enabled: boolean }): Promise<void> {
  assertCan(actor, 'integration:manage');
  const data = parseInput(input);
  await ctx.db.transaction().execute(async (trx) => {
    await endpointOrNotFound(trx, id);
    await updateEndpoint(trx, id, { ...data, enabled: input.enabled, ...(input.enabled ? { disabledReason: null } : {}) });
    await recordAudit(
      trx,
      actor,
      'webhook.update',
      { type: 'webhook', id },
      { url: data.url, events: data.events, enabled: input.enabled },
    );
  });
}

/** Replaces the signing secret: receivers must take the new one (the old one stops working at once). */
export async function regenerateSecret(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  assertCan(actor, 'integration:manage');
  await ctx.db.transaction().execute(async (trx) => {
    await endpointOrNotFound(trx, id);
    await updateEndpoint(trx, id, { secret: newWebhookSecret() });
    await recordAudit(trx, actor, 'webhook.secret', { type: 'webhook', id });
  });
}

/** Deletes an endpoint and its delivery log. */
export async function removeEndpoint(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  assertCan(actor, 'integration:manage');
  await ctx.db.transaction().execute(async (trx) => {
    const endpoint = await endpointOrNotFound(trx, id);
    await deleteEndpoint(trx, id);
    await recordAudit(trx, actor, 'webhook.delete', { type: 'webhook', id }, { url: endpoint.url });
  });
}

/** The JSON body of a delivery: the same bytes on every attempt. */
function deliveryBody(eventId: string, type: string, occurredAt: string, data: Record<string, unknown>): string {
  return JSON.stringify({ id: eventId, type, created_at: occurredAt, data });
}

async function queueDelivery(db: Db, endpointId: number, type: string, body: string, eventId: string): Promise<number> {
  const deliveryId = await insertDelivery(db, { endpointId, eventId, eventType: type, body });
  await enqueueJob(db, {
    kind: WEBHOOK_DELIVERY_JOB,
    payload: { deliveryId },
    uniqueKey: `webhook:delivery:${deliveryId}`,
    maxAttempts: DELIVERY_ATTEMPTS,
  });
  return deliveryId;
}

/** Sends a `ping` event to one endpoint (enabled or not), to check the receiver and its signature check. */
export async function sendTestEvent(ctx: AppContext, actor: Actor, id: number): Promise<number> {
  assertCan(actor, 'integration:manage');
  return ctx.db.transaction().execute(async (trx) => {
    await endpointOrNotFound(trx, id);
    const eventId = `evt_${crypto.randomUUID()}`;
    const now = new Date().toISOString();
    return queueDelivery(
      trx,
      id,
      'ping',
      deliveryBody(eventId, 'ping', now, { message: 'Test envoyé depuis l’administration de Kiosque.' }),
      eventId,
    );
  });
}

/** Sends a delivery again, with the same event id and body (receivers drop duplicates by webhook-id). */
export async function redeliver(ctx: AppContext, actor: Actor, endpointId: number, deliveryId: number): Promise<void> {
  assertCan(actor, 'integration:manage');
  await ctx.db.transaction().execute(async (trx) => {
    const delivery = await findDelivery(trx, deliveryId);
    if (!delivery || delivery.endpoint_id !== endpointId) throw AppError.notFound('Cet envoi n’existe pas.');
    await markDeliveryPending(trx, deliveryId);
    await enqueueJob(trx, {
      kind: WEBHOOK_DELIVERY_JOB,
      payload: { deliveryId, manual: true },
      uniqueKey: `webhook:delivery:${deliveryId}`,
      maxAttempts: DELIVERY_ATTEMPTS,
    });
  });
}

/** Queues one delivery per endpoint that asked for the event, in the transaction of the change itself. */
async function queueEventDeliveries(db: Db, event: ContentEvent): Promise<void> {
  const endpoints = await endpointsFor(db, event.type);
  if (endpoints.length === 0) return;
  const eventId = `evt_${crypto.randomUUID()}`;
  const body = deliveryBody(eventId, event.type, event.occurredAt, { [event.subject.type]: event.data });
  for (const endpoint of endpoints) await queueDelivery(db, endpoint.id, event.type, body, eventId);
}

async function tellAdministrators(ctx: AppContext, endpoint: { id: number; url: string }, reason: string): Promise<void> {
  const recipients = await administratorEmails(ctx.db);
  const url = `${ctx.config.publicUrl}/admin/webhooks/${endpoint.id}`;
  const text = [
    'Bonjour,',
    '',
    `Le webhook ${endpoint.url} a été désactivé : ${FAILURES_BEFORE_DISABLE} envois de suite ont échoué.`,
    `Dernière erreur : ${reason}`,
    '',
    `Corrigez le destinataire, puis réactivez-le et renvoyez les événements manqués : ${url}`,
  ].join('\n');
  const mailer = mailerFor(ctx.config);
  for (const to of recipients) {
    await mailer.send({
      to,
      subject: 'Un webhook a été désactivé',
      text,
      html: text
        .split('\n')
        .filter(Boolean)
        .map((line) => html`<p>${line}</p>`)
        .join(''),
    });
  }
}

const deliveryPayload = z.object({ deliveryId: z.number().int().positive(), manual: z.boolean().optional() });

/**
 * One attempt of a delivery, run by the durable job runner. A failure is thrown back to the runner,
 * which retries with growing delays; the last failure marks the delivery failed, counts against
 * the endpoint, and past FAILURES_BEFORE_DISABLE in a row disables it and tells the administrators.
 */
async function attemptDelivery({ deliveryId }: z.infer<typeof deliveryPayload>, { ctx, job }: JobContext): Promise<void> {
  const delivery = await findDelivery(ctx.db, deliveryId);
  if (!delivery || delivery.status === 'succeeded') return;
  const { endpoint } = delivery;
  if (!endpoint.enabled && delivery.event_type !== 'ping') {
    await recordAttempt(ctx.db, deliveryId, {
      status: 'failed',
      responseStatus: null,
      excerpt: null,
      durationMs: 0,
      error: 'Webhook désactivé : rien n’a été envoyé.',
    });
    return;
  }
  const result = await postWebhook(endpoint.url, webhookHeaders(endpoint.secret, delivery.event_id, delivery.body), delivery.body, {
    allowPrivate: ctx.config.webhooksAllowPrivate,
  });
  const lastAttempt = job.attempts >= job.max_attempts;
  const status = result.ok ? 'succeeded' : lastAttempt ? 'failed' : 'pending';
  await recordAttempt(ctx.db, deliveryId, {
    status,
    responseStatus: result.status,
    excerpt: result.excerpt,
    durationMs: result.durationMs,
    error: result.error,
  });
  if (result.ok) {
    await resetFailures(ctx.db, endpoint.id);
    return;
  }
  if (!lastAttempt) throw new Error(result.error ?? 'Échec de l’envoi.');
  const failures = await addFailure(ctx.db, endpoint.id);
  if (failures >= FAILURES_BEFORE_DISABLE && endpoint.enabled) {
    const reason = (result.error ?? 'échec').slice(0, 1000);
    await ctx.db.transaction().execute(async (trx) => {
      await updateEndpoint(trx, endpoint.id, {
        enabled: false,
        disabledReason: `${failures} envois de suite ont échoué. Dernière erreur : ${reason}`,
      });
      await recordAudit(trx, SYSTEM_ACTOR, 'webhook.disable', { type: 'webhook', id: endpoint.id }, { reason });
      // The notice is its own job, queued with the change: a mail server that is down delays it, never loses it.
      await enqueueJob(trx, { kind: WEBHOOK_NOTICE_JOB, payload: { endpointId: endpoint.id, reason }, maxAttempts: NOTICE_ATTEMPTS });
    });
  }
}

/** The job that tells the administrators an endpoint was disabled. */
export const WEBHOOK_NOTICE_JOB = 'webhook-disabled-notice';
/** Attempts of that notice before it is given up (the runner's delays grow between them). */
const NOTICE_ATTEMPTS = 10;
const noticePayload = z.object({ endpointId: z.number().int().positive(), reason: z.string().max(1000) });

/** Registers the delivery and notice jobs and the content event listener (at boot, once). */
export function registerWebhooks(): void {
  registerJobHandler(WEBHOOK_NOTICE_JOB, noticePayload, async ({ endpointId, reason }, { ctx }) => {
    const endpoint = await findEndpoint(ctx.db, endpointId);
    // Deleted or enabled again since: nobody needs telling any more.
    if (endpoint && !endpoint.enabled) await tellAdministrators(ctx, endpoint, reason);
  });
  registerJobHandler(WEBHOOK_DELIVERY_JOB, deliveryPayload, attemptDelivery);
  onContentEvent('webhooks', queueEventDeliveries);
}
