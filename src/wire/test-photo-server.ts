import http from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';

// An agency's photo server for the wire's tests (used by tests only), on 127.0.0.1: a real small
// JPEG (quai.jpg) and another one (phare.jpg), an oversized body without a declared length (enorme.jpg), an HTML page
// (page.jpg), text announced as a JPEG (fausse.jpg), a server that never answers (muette.jpg),
// and 404 for anything else.

const OVERSIZED_BYTES = 11 * 1024 * 1024;

export interface PhotoServer {
  url: (name: string) => string;
  hits: Map<string, number>;
  close: () => Promise<void>;
}

/** Starts the photo server on 127.0.0.1 (a random port); `hits` counts the requests by path. */
export async function startPhotoServer(): Promise<PhotoServer> {
  const jpeg = await sharp({ create: { width: 640, height: 400, channels: 3, background: '#2a6f97' } })
    .jpeg({ quality: 80 })
    .toBuffer();
  const other = await sharp({ create: { width: 480, height: 320, channels: 3, background: '#e0a458' } })
    .jpeg({ quality: 80 })
    .toBuffer();
  const hits = new Map<string, number>();
  const server = http.createServer((request, response) => {
    const name = request.url ?? '/';
    hits.set(name, (hits.get(name) ?? 0) + 1);
    response.on('error', () => {});
    if (name === '/quai.jpg') return response.writeHead(200, { 'content-type': 'image/jpeg' }).end(jpeg);
    if (name === '/phare.jpg') return response.writeHead(200, { 'content-type': 'image/jpeg' }).end(other);
    if (name === '/enorme.jpg') {
      // No length announced: the limit must stop the reading itself.
      response.writeHead(200, { 'content-type': 'image/jpeg' });
      const chunk = Buffer.alloc(256 * 1024, 0xff);
      let sent = 0;
      const pump = () => {
        while (sent < OVERSIZED_BYTES && !response.destroyed) {
          sent += chunk.length;
          if (!response.write(chunk)) return response.once('drain', pump);
        }
        response.end();
      };
      return pump();
    }
    if (name === '/page.jpg') return response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<p>Pas une photo</p>');
    if (name === '/fausse.jpg') return response.writeHead(200, { 'content-type': 'image/jpeg' }).end('ceci n’est pas un JPEG');
    if (name === '/muette.jpg') return; // never answers
    response.writeHead(404, { 'content-type': 'text/plain' }).end('introuvable');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (name) => `http://127.0.0.1:${port}/${name}`,
    hits,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
