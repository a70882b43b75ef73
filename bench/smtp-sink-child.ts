// The bench's SMTP sink in its own process (so the sender's CPU is measured alone): accepts and
// counts every message, prints its port, and prints the count when asked on stdin.
import { startSmtpSink } from '../src/newsletters/test-smtp-sink.ts';

const sink = await startSmtpSink({ keep: false });
process.stdout.write(`${JSON.stringify({ port: sink.port })}\n`);
process.stdin.on('data', () => process.stdout.write(`${JSON.stringify({ count: sink.count })}\n`));
