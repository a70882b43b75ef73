import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { type Actor, assertCan } from '../accounts/policy.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { AppContext } from '../core/app-context.ts';
import type { Db } from '../core/db/database.ts';
import { AppError } from '../core/http/app-error.ts';

// Keys of the public Content API. A key reads published content only, which anyone can read on
// the site: it identifies a front end (and the origins it may be called from), it does not
// protect a secret. It is still stored hashed and shown once, and revoked with one click.

const KEY_PREFIX = 'ksc_';
const KEY_PATTERN = /^ksc_[A-Za-z0-9_-]{32}$/;

const hashKey = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

/** An origin as browsers send it: scheme, host and port, nothing else; or "*" for any. */
const originSchema = z
  .string()
  .trim()
  .refine(
    (value) => value === '*' || (URL.canParse(value) && new URL(value).origin === value && /^https?:$/.test(new URL(value).protocol)),
    {
      error: 'Origine invalide : « https://app.exemple.fr » (schéma, nom et port seulement), ou * pour toutes.',
    },
  );

export const contentKeyInputSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Donnez un nom à la clé (le site ou l’application qui l’utilise).')
    .max(100, 'Nom trop long (100 caractères au plus).'),
  origins: z.array(originSchema).max(20, 'Vingt origines au plus.'),
});

export interface ContentKey {
  id: number;
  name: string;
  origins: string[];
  createdAt: string;
  revokedAt: string | null;
}

function fieldIssues(error: z.ZodError): AppError {
  return new AppError('validation_failed', 422, 'La clé n’a pas été créée : corrigez les champs signalés.', {
    details: error.issues.map((i) => ({ path: String(i.path[0] ?? ''), message: i.message })),
  });
}

/** Creates a key; returns it (shown once) and its id. */
export async function createContentKey(
  ctx: AppContext,
  actor: Actor,
  input: z.input<typeof contentKeyInputSchema>,
): Promise<{ id: number; key: string }> {
  assertCan(actor, 'integration:manage');
  const parsed = contentKeyInputSchema.safeParse(input);
  if (!parsed.success) throw fieldIssues(parsed.error);
  const key = KEY_PREFIX + randomBytes(24).toString('base64url');
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('content_api_keys')
      .values({
        name: parsed.data.name,
        key_hash: hashKey(key),
        allowed_origins: JSON.stringify([...new Set(parsed.data.origins)]),
        created_by: actor.userId,
        created_at: new Date().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, 'content-key.create', { type: 'content-key', id: row.id }, { name: parsed.data.name });
    return { id: Number(row.id), key };
  });
}

/** Revokes a key: every call with it is refused from now on, cached answers included. */
export async function revokeContentKey(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  assertCan(actor, 'integration:manage');
  await ctx.db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('content_api_keys')
      .set({ revoked_at: new Date().toISOString() })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw AppError.notFound('Cette clé n’existe pas ou est déjà révoquée.');
    await recordAudit(trx, actor, 'content-key.revoke', { type: 'content-key', id });
  });
}

export async function listContentKeys(db: Db): Promise<ContentKey[]> {
  const rows = await db.selectFrom('content_api_keys').selectAll().orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    origins: JSON.parse(r.allowed_origins) as string[],
    createdAt: r.created_at,
    revokedAt: r.revoked_at,
  }));
}

/** The live key a request carries, or null (absent, malformed, unknown or revoked). */
export async function findLiveKey(db: Db, key: string | undefined): Promise<{ id: number; origins: string[] } | null> {
  if (!key || !KEY_PATTERN.test(key)) return null;
  const row = await db
    .selectFrom('content_api_keys')
    .select(['id', 'allowed_origins'])
    .where('key_hash', '=', hashKey(key))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row ? { id: row.id, origins: JSON.parse(row.allowed_origins) as string[] } : null;
}
