import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { type Actor, assertCan, can } from '../../accounts/policy.ts';
import { recordAudit } from '../../audit/audit-log.ts';
import type { AppContext } from '../../core/app-context.ts';
import { AppError } from '../../core/http/app-error.ts';
import { parseId } from '../../core/input/ids.ts';
import { cancelJob, enqueueJob, registerJobHandler } from '../../core/jobs/job-runner.ts';
import { listActiveNewsletters } from '../../newsletters/newsletter-repository.ts';
import { GhostExportError } from '../ghost/ghost-export.ts';
import { importGhost } from '../ghost/ghost-import.ts';
import { chosenTarget, type NewsletterMap, newsletterMapSchema } from '../ghost/ghost-members.ts';
import type { ImportRunOptions } from '../import-session.ts';
import { importWordPress } from '../wordpress/wordpress-import.ts';
import { WxrError } from '../wordpress/wxr-reader.ts';
import { addToSummary, findRun, type ImportRunRow, insertRun, readSummary, stopRun, updateRun } from './import-run-repository.ts';

// Imports from the back office. An administrator sends a file (stored under DATA_DIR/imports);
// the job runner checks it (a dry run: counts and problems, nothing written), the administrator
// reads the report and starts the import, which the job runner carries out. Both steps run in
// slices of SLICE_MS that queue the rest (other jobs, such as scheduled publication, wait at most
// a slice); each slice starts at the last post the previous one finished, so a crash or restart
// resumes there (the importers are idempotent: a post done twice is "unchanged").

export const IMPORT_RUN_JOB = 'site-import';
const SLICE_MS = 20_000;
const PROGRESS_EVERY_MS = 1000;
const CANCEL_LOOK_MS = 500;

const runOptionsSchema = z.object({
  fetchImages: z.boolean().default(false),
  siteUrl: z
    .string()
    .trim()
    .max(500)
    .default('')
    .refine((v) => v === '' || /^https?:\/\/[^\s/]+/i.test(v), 'Adresse invalide : elle commence par https:// ou http://.'),
  /** Chosen when the import is started: where each Ghost newsletter's subscribers go. */
  newsletters: newsletterMapSchema.default({}),
});

/** What the import form asks besides the file. */
export type RunOptions = z.input<typeof runOptionsSchema>;

const payloadSchema = z.object({
  runId: z.number().int().positive(),
  step: z.enum(['check', 'import']),
  startAt: z.number().int().min(0),
});

/** WordPress or Ghost from the first bytes of the file (past a byte-order mark and spaces). */
function formatOf(head: Buffer): 'wordpress' | 'ghost' | null {
  const start = head
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (start.startsWith('<')) return 'wordpress';
  if (start.startsWith('{')) return 'ghost';
  return null;
}

/** Takes an uploaded export, keeps it under DATA_DIR/imports and queues its check. Returns the run's id. */
export async function startImportRun(
  ctx: AppContext,
  actor: Actor,
  file: { path: string; bytes: number; head: Buffer; filename: string },
  input: RunOptions,
): Promise<number> {
  assertCan(actor, 'site:import');
  const parsed = runOptionsSchema.safeParse(input);
  if (!parsed.success)
    throw AppError.invalid(
      'Le formulaire contient une erreur.',
      parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    );
  const format = formatOf(file.head);
  if (!format)
    throw AppError.invalid('Fichier refusé.', [
      { path: 'file', message: 'Ce fichier n’est ni une exportation WordPress (.xml) ni une exportation Ghost (.json).' },
    ]);
  const dir = path.join(ctx.config.dataDir, 'imports');
  await fs.mkdir(dir, { recursive: true });
  const stored = path.join(dir, `${Date.now()}-${randomBytes(6).toString('hex')}.${format === 'ghost' ? 'json' : 'xml'}`);
  await fs.rename(file.path, stored);
  const id = await insertRun(ctx.db, {
    format,
    fileName: file.filename.slice(0, 200) || 'export',
    filePath: stored,
    fileBytes: file.bytes,
    options: JSON.stringify(parsed.data),
    userId: actor.userId,
  });
  await enqueueJob(ctx.db, {
    kind: IMPORT_RUN_JOB,
    payload: { runId: id, step: 'check', startAt: 0 },
    uniqueKey: `${IMPORT_RUN_JOB}:${id}`,
  });
  await recordAudit(ctx.db, actor, 'import.check', { type: 'import', id }, { format, file: file.filename, bytes: file.bytes });
  return id;
}

/** The start form's field for a Ghost newsletter: `newsletter:<its Ghost id>`. */
export const NEWSLETTER_FIELD = 'newsletter:';

/**
 * Where the administrator sends each Ghost newsletter's subscribers, read from the start form:
 * an active Kiosque newsletter's id, "create" or "skip", for a newsletter the check found.
 */
async function newsletterChoices(ctx: AppContext, run: ImportRunRow, fields: Record<string, unknown>): Promise<NewsletterMap> {
  const found = new Set(readSummary(run.check_report).newsletters.map((n) => n.id));
  const active = await listActiveNewsletters(ctx.db);
  const choices: NewsletterMap = {};
  const problems: { path: string; message: string }[] = [];
  for (const [field, value] of Object.entries(fields)) {
    const ghostId = field.startsWith(NEWSLETTER_FIELD) ? field.slice(NEWSLETTER_FIELD.length) : '';
    if (!found.has(ghostId)) continue;
    const id = parseId(value);
    const choice = value === 'create' || value === 'skip' ? chosenTarget(value, active) : id === null ? null : chosenTarget({ id }, active);
    if (choice === null)
      problems.push({ path: field, message: 'Choisissez une newsletter de la liste : celle-ci n’existe plus ou est archivée.' });
    else choices[ghostId] = choice;
  }
  if (problems.length) throw AppError.invalid('Vérifiez où vont les abonnés.', problems);
  return newsletterMapSchema.parse(choices);
}

/**
 * Starts the import of a checked run (once: a second confirmation is a 409), with the
 * administrator's choice of newsletter for each Ghost newsletter's subscribers (`fields`).
 */
export async function confirmImportRun(ctx: AppContext, actor: Actor, id: number, fields: Record<string, unknown> = {}): Promise<void> {
  assertCan(actor, 'site:import');
  const run = await findRun(ctx.db, id);
  if (!run) throw AppError.notFound('Cet import n’existe pas.');
  const newsletters = await newsletterChoices(ctx, run, fields);
  const options = JSON.stringify({ ...runOptionsSchema.parse(JSON.parse(run.options)), newsletters });
  if (!(await updateRun(ctx.db, id, { status: 'importing', done: 0, options }, 'checked')))
    throw new AppError('conflict', 409, 'Cet import est déjà lancé (ou sa vérification n’est pas finie).');
  await enqueueJob(ctx.db, {
    kind: IMPORT_RUN_JOB,
    payload: { runId: id, step: 'import', startAt: 0 },
    uniqueKey: `${IMPORT_RUN_JOB}:${id}`,
  });
  await recordAudit(ctx.db, actor, 'import.start', { type: 'import', id }, { format: run.format, file: run.file_name, newsletters });
}

/**
 * Cancels a run under way: a step in progress stops after the post in hand (finished whole, or
 * left out whole), what was imported stays, and the run can be resumed ("Reprendre") from there.
 */
export async function cancelImportRun(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  assertCan(actor, 'site:import');
  const run = await findRun(ctx.db, id);
  if (!run) throw AppError.notFound('Cet import n’existe pas.');
  if (!(await stopRun(ctx.db, id, { status: 'cancelled', resumable: true })))
    throw new AppError('conflict', 409, 'Cet import n’est plus en cours : rien à annuler.');
  // The next slice, if queued, will not run; a slice running sees the cancellation after its current post.
  await cancelJob(ctx.db, `${IMPORT_RUN_JOB}:${id}`);
  await recordAudit(ctx.db, actor, 'import.cancel', { type: 'import', id }, { step: run.status, done: run.done, total: run.total });
}

/**
 * Resumes a cancelled or failed run in the step it stopped in, from the last post it finished
 * (posts done again are "unchanged": nothing is duplicated). A broken file cannot be resumed.
 */
export async function resumeImportRun(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  assertCan(actor, 'site:import');
  const run = await findRun(ctx.db, id);
  if (!run) throw AppError.notFound('Cet import n’existe pas.');
  const resume = run.resume_status;
  if ((run.status !== 'cancelled' && run.status !== 'failed') || !resume)
    throw new AppError('conflict', 409, 'Cet import ne peut pas être repris.');
  if (!(await fileExists(run.file_path)))
    throw new AppError('conflict', 409, 'Le fichier de cet import n’est plus sur le serveur : envoyez-le de nouveau.');
  if (!(await updateRun(ctx.db, id, { status: resume, resume_status: null, error: null, finished_at: null }, run.status)))
    throw new AppError('conflict', 409, 'Cet import vient de changer d’état : rechargez la page.');
  if (resume !== 'checked')
    await enqueueJob(ctx.db, {
      kind: IMPORT_RUN_JOB,
      payload: { runId: id, step: resume === 'checking' ? 'check' : 'import', startAt: run.done },
      uniqueKey: `${IMPORT_RUN_JOB}:${id}`,
    });
  await recordAudit(ctx.db, actor, 'import.resume', { type: 'import', id }, { step: resume, from: run.done });
}

function fileExists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

/** The account that started the run, as it is now (it must still be allowed to import). */
async function actorOfRun(ctx: AppContext, run: ImportRunRow): Promise<Actor | null> {
  if (run.created_by_user_id === null) return null;
  const user = await ctx.db
    .selectFrom('users')
    .select(['id', 'name', 'role', 'status', 'person_id'])
    .where('id', '=', run.created_by_user_id)
    .executeTakeFirst();
  if (user?.status !== 'active') return null;
  const actor: Actor = { userId: user.id, name: user.name, role: user.role, personId: user.person_id };
  return can(actor, 'site:import') ? actor : null;
}

function runImporter(ctx: AppContext, actor: Actor, run: ImportRunRow, options: ImportRunOptions) {
  const extra = runOptionsSchema.parse(JSON.parse(run.options));
  const common = { ...options, file: run.file_path, fetchImages: extra.fetchImages };
  return run.format === 'ghost'
    ? importGhost(ctx, actor, { ...common, newsletterMap: extra.newsletters, ...(extra.siteUrl ? { siteUrl: extra.siteUrl } : {}) })
    : importWordPress(ctx, actor, common);
}

/** Registers the job that checks and imports a run, one slice at a time. */
export function registerImportRunJob(): void {
  registerJobHandler(IMPORT_RUN_JOB, payloadSchema, async ({ runId, step, startAt }, { ctx, job }) => {
    const run = await findRun(ctx.db, runId);
    const expected = step === 'check' ? 'checking' : 'importing';
    if (!run || run.status !== expected) return; // gone, cancelled, or already past this step
    // A broken file will not get better: it is removed and the run cannot be resumed.
    const fail = async (message: string, resumable: boolean) => {
      await stopRun(ctx.db, runId, { status: 'failed', error: message, resumable });
      if (!resumable) await fs.rm(run.file_path, { force: true });
    };
    const actor = await actorOfRun(ctx, run);
    if (!actor) return fail('Le compte qui a lancé cet import ne peut plus importer : import arrêté.', true);
    let reached = startAt;
    let total = run.total;
    let lastWrite = 0;
    let lastLook = Date.now();
    try {
      const report = await runImporter(ctx, actor, run, {
        dryRun: step === 'check',
        startAt,
        deadline: Date.now() + SLICE_MS,
        onProgress: async (done, of) => {
          reached = done;
          total = of;
          if (Date.now() - lastWrite < PROGRESS_EVERY_MS) return;
          lastWrite = Date.now();
          await updateRun(ctx.db, runId, { done, total: of });
        },
        // Cancelled from the back office? Looked up at most every CANCEL_LOOK_MS, not after every post.
        cancelled: async () => {
          if (Date.now() - lastLook < CANCEL_LOOK_MS) return false;
          lastLook = Date.now();
          return (await findRun(ctx.db, runId))?.status !== expected;
        },
      });
      const column = step === 'check' ? 'check_report' : 'report';
      const summary = JSON.stringify(addToSummary(readSummary(run[column]), report));
      if (!report.complete) {
        await updateRun(ctx.db, runId, { [column]: summary, done: reached, total });
        // Cancelled meanwhile: what this slice did is in the report; no next slice.
        if ((await findRun(ctx.db, runId))?.status !== expected) return;
        await enqueueJob(ctx.db, {
          kind: IMPORT_RUN_JOB,
          payload: { runId, step, startAt: reached },
          uniqueKey: `${IMPORT_RUN_JOB}:${runId}`,
        });
        return;
      }
      if (step === 'check') await updateRun(ctx.db, runId, { status: 'checked', check_report: summary, done: reached, total });
      else {
        await updateRun(ctx.db, runId, { status: 'done', report: summary, done: reached, total, finished_at: new Date().toISOString() });
        await fs.rm(run.file_path, { force: true });
      }
    } catch (error) {
      // A broken file will not get better: the run stops with the reader's French message.
      if (error instanceof WxrError || error instanceof GhostExportError) return fail(error.message, false);
      if (error instanceof AppError && error.expose) return fail(error.message, false);
      // Anything else is retried by the job runner; after its last attempt the run stops, resumable.
      if (job.attempts >= job.max_attempts)
        await fail(`erreur inattendue (${error instanceof Error ? error.message : String(error)}) ; vous pouvez reprendre l’import.`, true);
      throw error;
    }
  });
}
