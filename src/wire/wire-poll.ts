import { z } from 'zod';
import type { AppContext } from '../core/app-context.ts';
import { outboundGet } from '../core/http/outbound-fetch.ts';
import { enqueueJob, registerJobHandler } from '../core/jobs/job-runner.ts';
import { parseWireDocument } from './parse-wire.ts';
import { folderOnDisk, passFolder } from './wire-folder.ts';
import { applyWireItem } from './wire-ingest.ts';
import { deliveredPhotoPath, WIRE_MAX_BYTES, WireFileError } from './wire-item.ts';
import { type AgencyRow, findAgency, recordPoll, updateAgency } from './wire-repository.ts';

// Each enabled agency has one durable job, `wire-poll`, that reads its folder and its HTTP pull
// URL, then queues its own next run. The job runner gives a job to one worker at a time (across
// processes), takes it back from a dead worker, and the reading itself can be run again safely
// (files move once, items apply once by GUID and version): a crash mid-way resumes where it stopped.

export const WIRE_POLL_JOB = 'wire-poll';
const payloadSchema = z.strictObject({ agencyId: z.number().int().positive() });

export function pollJobKey(agencyId: number): string {
  return `wire:poll:${agencyId}`;
}

/** Polls the agency soon (after a change of its settings, or "Relever maintenant"); a poll in progress is left to finish. */
export async function queuePoll(ctx: Pick<AppContext, 'db'>, agencyId: number, at: Date = new Date()): Promise<void> {
  await enqueueJob(ctx.db, {
    kind: WIRE_POLL_JOB,
    payload: { agencyId },
    runAt: at,
    uniqueKey: pollJobKey(agencyId),
    unlessRunning: true,
    maxAttempts: 20,
  });
}

/** The HTTP pull: a conditional GET (ETag, Last-Modified); returns how many items it read. */
async function pull(ctx: AppContext, agency: AgencyRow): Promise<number> {
  const headers: Record<string, string> = { accept: 'application/xml, application/json, application/rss+xml;q=0.9, */*;q=0.5' };
  if (agency.etag) headers['if-none-match'] = agency.etag;
  if (agency.last_modified) headers['if-modified-since'] = agency.last_modified;
  const answer = await outboundGet(agency.pull_url!, {
    allowPrivate: ctx.config.wireAllowPrivate,
    maxBytes: WIRE_MAX_BYTES,
    timeoutMs: 15_000,
    headers,
  });
  if (!answer.ok) throw new WireFileError(`relevé HTTP de ${agency.pull_url} : ${answer.reason}`);
  if (answer.notModified) return 0;
  const items = parseWireDocument(answer.body, agency.format);
  for (const item of items) {
    // A relative photo reference of a pulled document is on the agency's server, not in its folder.
    for (const photo of item.photos) if (deliveredPhotoPath(photo.href) !== null) photo.href = new URL(photo.href, answer.url).href;
    await applyWireItem(ctx, agency, item);
  }
  // Validators saved only once every item is applied: a failure makes the next GET read it all again.
  await updateAgency(ctx.db, agency.id, { etag: answer.etag ?? null, last_modified: answer.lastModified ?? null });
  return items.length;
}

/** One poll of an agency: its folder, then its pull URL; the health says how it went. */
export async function pollAgency(ctx: AppContext, agencyId: number): Promise<void> {
  const agency = await findAgency(ctx.db, agencyId);
  if (!agency?.enabled) return;
  const errors: string[] = [];
  let items = 0;
  let failedFiles = 0;
  if (agency.folder_path) {
    try {
      const folder = folderOnDisk(ctx.config.wireRoot, agency.folder_path);
      const pass = await passFolder(ctx.config.wireRoot, folder, agency.format, (item) => applyWireItem(ctx, agency, item));
      items += pass.items;
      failedFiles += pass.failed.length;
      errors.push(...pass.failed.map((f) => `fichier ${f.file} : ${f.reason}`));
    } catch (error) {
      if (!(error instanceof WireFileError)) throw error;
      errors.push(error.message);
    }
  }
  if (agency.pull_url) {
    try {
      items += await pull(ctx, agency);
    } catch (error) {
      if (!(error instanceof WireFileError)) throw error;
      errors.push(error.message);
    }
  }
  await recordPoll(ctx.db, agency.id, { error: errors.length ? errors.join(' ; ') : null, items, failedFiles }, new Date().toISOString());
}

/** Registers the poll job: read the agency, then queue the next poll after its interval. */
export function registerWireJobs(): void {
  registerJobHandler(WIRE_POLL_JOB, payloadSchema, async ({ agencyId }, { ctx }) => {
    try {
      await pollAgency(ctx, agencyId);
    } finally {
      const agency = await findAgency(ctx.db, agencyId);
      if (agency?.enabled) {
        await enqueueJob(ctx.db, {
          kind: WIRE_POLL_JOB,
          payload: { agencyId },
          runAt: new Date(Date.now() + agency.poll_seconds * 1000),
          uniqueKey: pollJobKey(agencyId),
          maxAttempts: 20,
        });
      }
    }
  });
}
