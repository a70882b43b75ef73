import path from 'node:path';
import { z } from 'zod';
import { type Actor, assertCan } from '../accounts/policy.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { createPerson } from '../curation/people-admin-operations.ts';
import type { AppContext } from '../core/app-context.ts';
import { AppError } from '../core/http/app-error.ts';
import { jsonId } from '../core/input/ids.ts';
import { fieldProblems } from '../core/http/validation.ts';
import { cancelJob } from '../core/jobs/job-runner.ts';
import { slugify } from '../core/text/slug.ts';
import { WIRE_FORMATS } from './parse-wire.ts';
import { isInside, storedFolder } from './wire-folder.ts';
import { pollJobKey, queuePoll } from './wire-poll.ts';
import { deleteAgency, findAgency, insertAgency, personNamed, updateAgency } from './wire-repository.ts';

// News agencies, configured by administrators (integration:manage): name (the byline), section and
// tags of their dépêches, the rule (publish at once, or hold for an editor), where items arrive
// (a watched folder, an HTTP pull URL, or both), how often to look, and the format.

export const WIRE_RULES = ['auto', 'hold'] as const;
export const RULE_LABELS = { auto: 'Publier automatiquement comme dépêche', hold: 'Mettre en attente pour un éditeur' } as const;

const optionalText = (max: number, what: string) =>
  z
    .string({ error: `${what} : texte attendu` })
    .trim()
    .max(max, { error: `${what} : ${max} caractères au plus` })
    .nullish()
    .transform((v) => (v ? v : null));

export const agencyInputSchema = z
  .strictObject({
    name: z
      .string({ error: 'Nom : obligatoire' })
      .trim()
      .min(1, { error: 'Nom : obligatoire' })
      .max(100, { error: 'Nom : 100 caractères au plus' }),
    sectionId: jsonId('Rubrique : choisissez une rubrique'),
    tags: z
      .array(z.string().trim().min(1).max(60, { error: 'Mot-clé : 60 caractères au plus' }))
      .max(6, { error: 'Mots-clés : 6 au plus' })
      .default([]),
    rule: z.enum(WIRE_RULES, { error: 'Règle : publier automatiquement ou mettre en attente' }),
    format: z.enum(WIRE_FORMATS, { error: 'Format : NewsML-G2, ninjs ou RSS' }),
    folderPath: optionalText(500, 'Dossier surveillé').refine((v) => v === null || path.isAbsolute(v), {
      error: 'Dossier surveillé : chemin absolu attendu (/srv/agences/apc)',
    }),
    pullUrl: optionalText(2000, 'Adresse de relevé').refine((v) => v === null || (/^https?:\/\//i.test(v) && URL.canParse(v)), {
      error: 'Adresse de relevé : une adresse http(s) complète est attendue',
    }),
    pollSeconds: z
      .number({ error: 'Intervalle : nombre de secondes attendu' })
      .int({ error: 'Intervalle : nombre entier de secondes' })
      .min(5, { error: 'Intervalle : 5 secondes au moins' })
      .max(86_400, { error: 'Intervalle : une journée au plus' })
      .default(60),
    enabled: z.boolean().default(true),
  })
  .superRefine((input, ctx) => {
    if (!input.folderPath && !input.pullUrl)
      ctx.addIssue({
        code: 'custom',
        path: ['folderPath'],
        message: 'Source : donnez un dossier surveillé, une adresse de relevé, ou les deux',
      });
  });
export type AgencyInput = z.input<typeof agencyInputSchema>;

const REFUSED = 'L’agence n’a pas été enregistrée : corrigez les champs signalés.';

async function parseAgency(ctx: AppContext, input: AgencyInput) {
  const parsed = agencyInputSchema.safeParse(input);
  if (!parsed.success) throw AppError.invalid(REFUSED, fieldProblems(parsed.error));
  const section = await ctx.db.selectFrom('sections').select('id').where('id', '=', parsed.data.sectionId).executeTakeFirst();
  if (!section) throw AppError.invalid(REFUSED, [{ path: 'sectionId', message: 'Rubrique : elle n’existe pas' }]);
  const folder = parsed.data.folderPath;
  if (folder !== null && !isInside(ctx.config.wireRoot, path.resolve(folder)))
    throw AppError.invalid(REFUSED, [
      { path: 'folderPath', message: `Dossier surveillé : il doit se trouver dans ${ctx.config.wireRoot} (réglage WIRE_ROOT)` },
    ]);
  return { ...parsed.data, folderPath: folder === null ? null : storedFolder(ctx.config.wireRoot, folder) };
}

/** The byline of an agency's dépêches: the person of that name, made (as an outside contributor) if missing. */
async function bylineFor(ctx: AppContext, actor: Actor, name: string): Promise<number> {
  const existing = await personNamed(ctx.db, name);
  if (existing !== null) return existing;
  const base = slugify(name, 50) || 'agence';
  const taken = await ctx.db.selectFrom('people').select('id').where('slug', '=', base).executeTakeFirst();
  return createPerson(ctx, actor, {
    name,
    slug: taken ? `${base}-agence` : base,
    kind: 'contributor',
    roleLine: 'Agence de presse',
  });
}

function columns(data: z.infer<typeof agencyInputSchema>) {
  return {
    name: data.name,
    section_id: data.sectionId,
    tags: JSON.stringify(data.tags),
    rule: data.rule,
    format: data.format,
    folder_path: data.folderPath,
    pull_url: data.pullUrl,
    poll_seconds: data.pollSeconds,
    enabled: data.enabled ? 1 : 0,
  };
}

/** Adds an agency and polls it at once; returns its id. */
export async function createAgency(ctx: AppContext, actor: Actor, input: AgencyInput): Promise<number> {
  assertCan(actor, 'integration:manage');
  const data = await parseAgency(ctx, input);
  const personId = await bylineFor(ctx, actor, data.name);
  const now = new Date().toISOString();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const id = await insertAgency(trx, { ...columns(data), person_id: personId, created_at: now, updated_at: now });
    await recordAudit(trx, actor, 'wire.agency-create', { type: 'wire-agency', id }, { name: data.name, rule: data.rule });
    return id;
  });
  if (data.enabled) await queuePoll(ctx, id);
  return id;
}

/** Changes an agency's settings; a new pull URL starts without the old one's validators. */
export async function editAgency(ctx: AppContext, actor: Actor, id: number, input: AgencyInput): Promise<void> {
  assertCan(actor, 'integration:manage');
  const before = await findAgency(ctx.db, id);
  if (!before) throw AppError.notFound('Cette agence n’existe pas.');
  const data = await parseAgency(ctx, input);
  const personId = data.name === before.name ? before.person_id : await bylineFor(ctx, actor, data.name);
  await ctx.db.transaction().execute(async (trx) => {
    await updateAgency(trx, id, {
      ...columns(data),
      person_id: personId,
      updated_at: new Date().toISOString(),
      ...(data.pullUrl !== before.pull_url ? { etag: null, last_modified: null } : {}),
    });
    await recordAudit(
      trx,
      actor,
      'wire.agency-update',
      { type: 'wire-agency', id },
      { name: data.name, rule: data.rule, enabled: data.enabled },
    );
  });
  if (data.enabled) await queuePoll(ctx, id);
  else await cancelJob(ctx.db, pollJobKey(id));
}

/** "Relever maintenant": polls the agency as soon as a worker is free. */
export async function pollNow(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  assertCan(actor, 'integration:manage');
  const agency = await findAgency(ctx.db, id);
  if (!agency) throw AppError.notFound('Cette agence n’existe pas.');
  if (!agency.enabled) throw new AppError('conflict', 409, 'Cette agence est désactivée : activez-la avant de relever ses dépêches.');
  await queuePoll(ctx, id);
}

/** Removes an agency and its item log; the dépêches already published stay, signed by the agency. */
export async function removeAgency(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  assertCan(actor, 'integration:manage');
  const agency = await findAgency(ctx.db, id);
  if (!agency) throw AppError.notFound('Cette agence n’existe pas.');
  await ctx.db.transaction().execute(async (trx) => {
    await cancelJob(trx, pollJobKey(id));
    await deleteAgency(trx, id);
    await recordAudit(trx, actor, 'wire.agency-delete', { type: 'wire-agency', id }, { name: agency.name });
  });
}
