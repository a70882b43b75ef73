import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { Db } from '../../core/db/database.ts';
import type { ImportRunStatus, ImportRunTable } from '../../core/db/schema.ts';
import type { ImportReport, ItemReport } from '../import-session.ts';

// All the SQL of the back office's imports (table import_runs), and the summary kept of a report:
// the counts of every slice added up, and the posts with something to say (failed, dropped,
// warnings), at most MAX_NOTED of them.

export type ImportRunRow = Selectable<ImportRunTable>;

const MAX_NOTED = 300;
const COUNTS = [
  'created',
  'updated',
  'unchanged',
  'failed',
  'sectionsCreated',
  'peopleCreated',
  'imagesStored',
  'imagesMissing',
  'comments',
  'redirects',
  'subscribersAdded',
  'subscribersAlready',
  'subscribersSuppressed',
  'subscribersLeft',
  'subscribersInvalid',
  'subscribersUnmapped',
] as const;

const notedSchema = z.object({
  title: z.string(),
  kind: z.enum(['article', 'page']),
  action: z.string(),
  url: z.string().nullable(),
  dropped: z.array(z.string()),
  warnings: z.array(z.string()),
  error: z.string().optional(),
});

export const runSummarySchema = z.object({
  // A count a summary written before it existed lacks is 0.
  counts: z.object(
    Object.fromEntries(COUNTS.map((k) => [k, z.number().default(0)])) as Record<(typeof COUNTS)[number], z.ZodDefault<z.ZodNumber>>,
  ),
  skipped: z.number(),
  noted: z.array(notedSchema),
  /** Posts with something to say beyond those kept in `noted` (and posts past the report's own limit). */
  moreNoted: z.number(),
  /** The source's newsletters (Ghost) and where the check would send their subscribers. */
  newsletters: z
    .array(
      z.object({
        id: z.string(),
        name: z.string(),
        archived: z.boolean(),
        subscribers: z.number(),
        target: z.union([z.number(), z.enum(['create', 'skip'])]),
      }),
    )
    .default([]),
});

/** What the screens show of a report. */
export type RunSummary = z.infer<typeof runSummarySchema>;

export const EMPTY_SUMMARY: RunSummary = {
  counts: Object.fromEntries(COUNTS.map((k) => [k, 0])) as RunSummary['counts'],
  skipped: 0,
  noted: [],
  moreNoted: 0,
  newsletters: [],
};

/** A summary read back from its column (an unreadable one counts as empty). */
export function readSummary(json: string | null): RunSummary {
  if (!json) return EMPTY_SUMMARY;
  const parsed = runSummarySchema.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : EMPTY_SUMMARY;
}

const worthNoting = (item: ItemReport) => item.action === 'failed' || item.dropped.length > 0 || item.warnings.length > 0;

/** The summary so far plus one more slice's report. */
export function addToSummary(summary: RunSummary, report: ImportReport): RunSummary {
  const counts = { ...summary.counts };
  for (const key of COUNTS) counts[key] += report[key];
  const noted = [...summary.noted];
  let moreNoted = summary.moreNoted + report.itemsLeftOut;
  for (const item of report.items.filter(worthNoting)) {
    if (noted.length < MAX_NOTED)
      noted.push({
        title: item.title,
        kind: item.kind,
        action: item.action,
        url: item.url,
        dropped: item.dropped,
        warnings: item.warnings.slice(0, 10),
        ...(item.error ? { error: item.error } : {}),
      });
    else moreNoted++;
  }
  // Members come in the last slice only: its list of newsletters is the one kept.
  const newsletters = report.newsletters.length ? report.newsletters : summary.newsletters;
  return { counts, skipped: Math.max(summary.skipped, report.skipped), noted, moreNoted, newsletters };
}

export async function insertRun(
  db: Db,
  run: { format: ImportRunTable['format']; fileName: string; filePath: string; fileBytes: number; options: string; userId: number | null },
): Promise<number> {
  const now = new Date().toISOString();
  const row = await db
    .insertInto('import_runs')
    .values({
      format: run.format,
      file_name: run.fileName,
      file_path: run.filePath,
      file_bytes: run.fileBytes,
      options: run.options,
      status: 'checking',
      created_by_user_id: run.userId,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function findRun(db: Db, id: number): Promise<ImportRunRow | undefined> {
  const row = await db.selectFrom('import_runs').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? { ...row, file_bytes: Number(row.file_bytes) } : undefined;
}

/** The latest runs, newest first. */
export async function listRuns(db: Db, limit = 20): Promise<ImportRunRow[]> {
  const rows = await db.selectFrom('import_runs').selectAll().orderBy('id', 'desc').limit(limit).execute();
  return rows.map((row) => ({ ...row, file_bytes: Number(row.file_bytes) }));
}

/** Changes a run's state (only from `from` when given: a run is confirmed once). Returns whether it changed. */
export async function updateRun(
  db: Db,
  id: number,
  set: Partial<
    Pick<ImportRunRow, 'status' | 'done' | 'total' | 'check_report' | 'report' | 'error' | 'finished_at' | 'resume_status' | 'options'>
  >,
  from?: ImportRunStatus,
): Promise<boolean> {
  let query = db
    .updateTable('import_runs')
    .set({ ...set, updated_at: new Date().toISOString() })
    .where('id', '=', id);
  if (from) query = query.where('status', '=', from);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

const UNDER_WAY: ImportRunStatus[] = ['checking', 'checked', 'importing'];

/**
 * Stops a run that is under way (cancelled, or failed): it remembers the step it was in, where
 * "Reprendre" brings it back (unless `resumable` is false). Returns whether it was under way.
 */
export async function stopRun(
  db: Db,
  id: number,
  stop: { status: 'cancelled' | 'failed'; error?: string; resumable: boolean },
): Promise<boolean> {
  const now = new Date().toISOString();
  const result = await db
    .updateTable('import_runs')
    // The SET reads the row as it was: resume_status takes the status being left.
    .set((eb) => ({
      resume_status: stop.resumable ? eb.ref('status').$castTo<NonNullable<ImportRunRow['resume_status']>>() : null,
      status: stop.status,
      error: stop.error ?? null,
      finished_at: now,
      updated_at: now,
    }))
    .where('id', '=', id)
    .where('status', 'in', UNDER_WAY)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
