import type pg from 'pg';

export interface PgListener {
  /** True while the LISTEN connection is up. */
  readonly connected: boolean;
  close(): Promise<void>;
}

/**
 * Keeps one dedicated PostgreSQL connection LISTENing on a channel (a pooled connection cannot:
 * it is handed to other queries). When the connection drops it reconnects with a growing delay
 * and calls `onConnect` again, so the caller can catch up on what it may have missed meanwhile.
 */
export function listenToPostgres(
  url: string,
  channel: string,
  handlers: { onNotify(payload: string): void; onConnect(): void; onError(error: Error): void },
): PgListener {
  let client: pg.Client | undefined;
  let connected = false;
  let closed = false;
  let retryMs = 100;
  let timer: NodeJS.Timeout | undefined;

  const connect = async () => {
    if (closed) return;
    // The driver is loaded with the first connection: a server on SQLite never loads it.
    const { default: driver } = await import('pg');
    if (closed) return;
    const candidate = new driver.Client({ connectionString: url });
    client = candidate;
    // Every failure ends the same way: drop this client and try again later.
    let failed = false;
    const fail = (error: Error) => {
      if (failed) return;
      failed = true;
      connected = false;
      candidate.end().catch(() => {});
      if (closed) return;
      handlers.onError(error);
      timer = setTimeout(connect, retryMs);
      timer.unref();
      retryMs = Math.min(retryMs * 2, 5000);
    };
    candidate.on('error', fail);
    candidate.on('end', () => fail(new Error('connexion LISTEN fermée')));
    candidate.on('notification', (message) => {
      if (message.channel === channel) handlers.onNotify(message.payload ?? '');
    });
    try {
      await candidate.connect();
      await candidate.query(`LISTEN ${driver.escapeIdentifier(channel)}`);
      if (closed) {
        await candidate.end();
        return;
      }
      connected = true;
      retryMs = 100;
      handlers.onConnect();
    } catch (error) {
      fail(error as Error);
    }
  };
  void connect();

  return {
    get connected() {
      return connected;
    },
    async close() {
      closed = true;
      clearTimeout(timer);
      connected = false;
      await client?.end().catch(() => {});
    },
  };
}
