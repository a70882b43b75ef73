import type { Db } from '../core/db/database.ts';

let counter = 0;

/** A newsletter for tests (its own slug), active unless told otherwise. */
export async function createNewsletter(
  db: Db,
  over: { name?: string; needsApproval?: boolean; publicArchive?: boolean; recipe?: Record<string, unknown> } = {},
): Promise<{ id: number; name: string; slug: string }> {
  counter += 1;
  const now = new Date().toISOString();
  const name = over.name ?? `Lettre ${counter}`;
  const slug = `lettre-${process.pid}-${counter}`;
  const row = await db
    .insertInto('newsletters')
    .values({
      slug,
      name,
      description: 'Une lettre de test.',
      cadence: 'Chaque matin',
      sender_name: 'La Rédaction',
      sender_email: 'lettre@exemple.fr',
      reply_to: 'redaction@exemple.fr',
      recipe: JSON.stringify(over.recipe ?? {}),
      send_hour: null,
      needs_approval: over.needsApproval ? 1 : 0,
      public_archive: over.publicArchive === false ? 0 : 1,
      position: counter,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, name, slug };
}

/** Active subscribers made straight in the tables (readers + subscriptions), returning their ids. */
export async function addSubscribers(db: Db, newsletterId: number, count: number, prefix = 'abonne'): Promise<number[]> {
  const now = new Date().toISOString();
  const ids: number[] = [];
  for (let start = 0; start < count; start += 500) {
    const batch = Array.from({ length: Math.min(500, count - start) }, (_, i) => ({
      email: `${prefix}-${start + i}@exemple.fr`,
      name_key: null,
      suspended_until: null,
      created_at: now,
      updated_at: now,
    }));
    const rows = await db.insertInto('readers').values(batch).returning('id').execute();
    ids.push(...rows.map((r) => r.id));
    await db
      .insertInto('newsletter_subscriptions')
      .values(
        rows.map((r) => ({
          newsletter_id: newsletterId,
          reader_id: r.id,
          status: 'active' as const,
          consent_at: now,
          consent_source: 'test',
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
  }
  return ids;
}
