// The benchmark's yardstick: a bare node:http server that answers every request with the bytes
// and headers the app sent for the cached article. Run as its own process so that it, like the
// app, has a core to itself while autocannon loads it.
//
//   node bench/baseline-server.ts <response.json>   → prints {"port": N} once listening

import fs from 'node:fs';
import http from 'node:http';

interface RecordedResponse {
  headers: Record<string, string | string[]>;
  bodyBase64: string;
}

const recorded = JSON.parse(fs.readFileSync(process.argv[2], 'utf8')) as RecordedResponse;
const body = Buffer.from(recorded.bodyBase64, 'base64');
// Headers node:http manages itself (or that describe the connection, not the response) are left to it.
const managed = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);
const headers = Object.entries(recorded.headers).filter(([name]) => !managed.has(name.toLowerCase()));

const server = http.createServer((_request, response) => {
  for (const [name, value] of headers) response.setHeader(name, value);
  response.setHeader('content-length', body.length);
  response.end(body);
});
server.keepAliveTimeout = 72_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
