// The sending thread of a web process (send-thread.ts): at a lower priority, with its own database
// connection, it sends one edition as the job runner would, then ends.
import { parentPort, workerData } from 'node:worker_threads';
import { z } from 'zod';
import type { Config } from '../core/config.ts';
import { openDatabase } from '../core/db/database.ts';
import { sendEditionForJob } from './send-job.ts';
import { lowerPriority, type SendThreadMessage } from './send-thread.ts';

const input = z
  .object({
    config: z.custom<Config>((c) => typeof c === 'object' && c !== null),
    editionId: z.number().int().positive(),
    worker: z.string(),
    nice: z.number().int(),
  })
  .parse(workerData);
lowerPriority(input.nice);
const { config } = input;
const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
try {
  const pageCache = {
    invalidate(tags: Iterable<string>) {
      parentPort?.postMessage({ invalidate: [...tags] } satisfies SendThreadMessage);
      return 0;
    },
  };
  await sendEditionForJob({ config, db: database.db, dialect: database.dialect, pageCache }, input.editionId, input.worker);
} finally {
  await database.close();
}
