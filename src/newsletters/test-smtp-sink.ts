import { SMTPServer } from 'smtp-server';

/** One message as the server took it: envelope and raw bytes. */
export interface SunkMessage {
  from: string;
  to: string[];
  raw: Buffer;
  /** When the server took it (Date.now()). */
  at: number;
}

/** How the server answers a recipient: accept, refuse for good (5xx), refuse for now (4xx), or hang up. */
export type SinkAnswer = 'accept' | 'reject-hard' | 'reject-soft' | 'close';

export interface SmtpSink {
  url: string;
  port: number;
  messages: SunkMessage[];
  /** Counts messages only (no bytes kept), for benchmarks. */
  count: number;
  close(): Promise<void>;
}

/**
 * A real SMTP server on 127.0.0.1 (smtp-server) for tests and the bench: it keeps what it accepts
 * (or only counts it), and answers each recipient as `answer` decides. Test and bench use only.
 */
export async function startSmtpSink(options: { answer?: (to: string) => SinkAnswer; keep?: boolean } = {}): Promise<SmtpSink> {
  const keep = options.keep ?? true;
  const sink: SmtpSink = { url: '', port: 0, messages: [], count: 0, close: async () => {} };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 5 * 1024 * 1024,
    maxClients: 200,
    onRcptTo(address, session, callback) {
      const answer = options.answer?.(address.address) ?? 'accept';
      if (answer === 'reject-hard') return callback(Object.assign(new Error('5.1.1 Boîte inconnue'), { responseCode: 550 }));
      if (answer === 'reject-soft') return callback(Object.assign(new Error('4.2.1 Réessayez plus tard'), { responseCode: 451 }));
      if (answer === 'close') {
        (session as unknown as { _kiosqueClose?: boolean })._kiosqueClose = true;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => {
        if (keep) chunks.push(chunk);
      });
      stream.on('end', () => {
        if ((session as unknown as { _kiosqueClose?: boolean })._kiosqueClose) {
          // Hang up instead of answering: the client cannot know whether the message was taken.
          const connections = (server as unknown as { connections: Set<{ session?: { id: string }; _socket: { destroy(): void } }> })
            .connections;
          for (const c of connections) if (c.session?.id === session.id) c._socket.destroy();
          return;
        }
        sink.count++;
        if (keep)
          sink.messages.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks),
            at: Date.now(),
          });
        callback();
      });
    },
  });
  // A client killed mid-session resets its connection: not an error of the server.
  server.on('error', () => {});
  // Small replies at once (no Nagle delay waiting on the client's delayed ACK).
  server.server.on('connection', (socket: import('node:net').Socket) => socket.setNoDelay(true));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  sink.port = typeof address === 'object' && address ? address.port : 0;
  sink.url = `smtp://127.0.0.1:${sink.port}`;
  sink.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return sink;
}
