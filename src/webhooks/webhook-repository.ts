import type { Selectable } from 'kysely';
import type { Db } from '../core/db/database.ts';
import type { WebhookDeliveryTable, WebhookEndpointTable } from '../core/db/schema.ts';

// All the SQL of the webhooks feature.

export type EndpointRow = Selectable<WebhookEndpointTable>;
export type DeliveryRow = Selectable<WebhookDeliveryTable>;

/** The deliveries shown on an endpoint's page, newest first. */
export const DELIVERY_LOG_LENGTH = 50;

export interface EndpointSummary extends EndpointRow {
  lastStatus: DeliveryRow['status'] | null;
  lastAttemptAt: string | null;
}

export async function listEndpoints(db: Db): Promise<EndpointSummary[]> {
  const endpoints = await db.selectFrom('webhook_endpoints').selectAll().orderBy('id').execute();
  return Promise.all(
    endpoints.map(async (endpoint) => {
      const last = await db
        .selectFrom('webhook_deliveries')
        .select(['status', 'last_attempt_at', 'created_at'])
        .where('endpoint_id', '=', endpoint.id)
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      return { ...endpoint, lastStatus: last?.status ?? null, lastAttemptAt: last?.last_attempt_at ?? null };
    }),
  );
}

export function findEndpoint(db: Db, id: number): Promise<EndpointRow | undefined> {
  return db.selectFrom('webhook_endpoints').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listDeliveries(db: Db, endpointId: number): Promise<DeliveryRow[]> {
  return db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('endpoint_id', '=', endpointId)
    .orderBy('id', 'desc')
    .limit(DELIVERY_LOG_LENGTH)
    .execute();
}

export function findDelivery(db: Db, id: number): Promise<(DeliveryRow & { endpoint: EndpointRow }) | undefined> {
  return db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst()
    .then(async (delivery) => {
      if (!delivery) return undefined;
      const endpoint = await findEndpoint(db, delivery.endpoint_id);
      return endpoint ? { ...delivery, endpoint } : undefined;
    });
}

/** The enabled endpoints that asked for an event type. */
export async function endpointsFor(db: Db, eventType: string): Promise<EndpointRow[]> {
  const enabled = await db.selectFrom('webhook_endpoints').selectAll().where('enabled', '=', 1).execute();
  return enabled.filter((endpoint) => (JSON.parse(endpoint.events) as string[]).includes(eventType));
}

export async function insertEndpoint(
  db: Db,
  values: { url: string; description: string; events: string[]; secret: string; createdBy: number | null },
): Promise<number> {
  const now = new Date().toISOString();
  const row = await db
    .insertInto('webhook_endpoints')
    .values({
      url: values.url,
      description: values.description,
      events: JSON.stringify(values.events),
      secret: values.secret,
      created_by: values.createdBy,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function updateEndpoint(
  db: Db,
  id: number,
  values: Partial<{ url: string; description: string; events: string[]; secret: string; enabled: boolean; disabledReason: string | null }>,
): Promise<boolean> {
  const result = await db
    .updateTable('webhook_endpoints')
    .set({
      ...(values.url === undefined ? {} : { url: values.url }),
      ...(values.description === undefined ? {} : { description: values.description }),
      ...(values.events === undefined ? {} : { events: JSON.stringify(values.events) }),
      ...(values.secret === undefined ? {} : { secret: values.secret }),
      ...(values.enabled === undefined ? {} : { enabled: values.enabled ? 1 : 0 }),
      ...(values.enabled ? { consecutive_failures: 0 } : {}),
      ...(values.disabledReason === undefined ? {} : { disabled_reason: values.disabledReason }),
      updated_at: new Date().toISOString(),
    })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteEndpoint(db: Db, id: number): Promise<boolean> {
  const result = await db.deleteFrom('webhook_endpoints').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export async function insertDelivery(
  db: Db,
  values: { endpointId: number; eventId: string; eventType: string; body: string },
): Promise<number> {
  const row = await db
    .insertInto('webhook_deliveries')
    .values({
      endpoint_id: values.endpointId,
      event_id: values.eventId,
      event_type: values.eventType,
      body: values.body,
      created_at: new Date().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** Records one attempt's outcome on the delivery. */
export async function recordAttempt(
  db: Db,
  id: number,
  attempt: {
    status: DeliveryRow['status'];
    responseStatus: number | null;
    excerpt: string | null;
    durationMs: number;
    error: string | null;
  },
): Promise<void> {
  await db
    .updateTable('webhook_deliveries')
    .set((eb) => ({
      status: attempt.status,
      attempts: eb('attempts', '+', 1),
      response_status: attempt.responseStatus,
      response_excerpt: attempt.excerpt,
      duration_ms: attempt.durationMs,
      error: attempt.error,
      last_attempt_at: new Date().toISOString(),
    }))
    .where('id', '=', id)
    .execute();
}

export async function markDeliveryPending(db: Db, id: number): Promise<void> {
  await db.updateTable('webhook_deliveries').set({ status: 'pending', error: null }).where('id', '=', id).execute();
}

/** A success clears the endpoint's run of failures. */
export async function resetFailures(db: Db, endpointId: number): Promise<void> {
  await db.updateTable('webhook_endpoints').set({ consecutive_failures: 0 }).where('id', '=', endpointId).execute();
}

/** Counts one more given-up delivery; returns the endpoint's run of failures after it. */
export async function addFailure(db: Db, endpointId: number): Promise<number> {
  const row = await db
    .updateTable('webhook_endpoints')
    .set((eb) => ({ consecutive_failures: eb('consecutive_failures', '+', 1) }))
    .where('id', '=', endpointId)
    .returning('consecutive_failures')
    .executeTakeFirst();
  return row?.consecutive_failures ?? 0;
}

/** The addresses of the active administrators, told when an endpoint is disabled. */
export async function administratorEmails(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('users').select('email').where('role', '=', 'administrateur').where('status', '=', 'active').execute();
  return rows.map((r) => r.email);
}
