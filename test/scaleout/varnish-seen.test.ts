// The shipped VCL (deploy/varnish/kiosque.vcl) against a stand-in backend: a response rendered
// before the last purge (its x-kiosque-seen below the purge's x-kiosque-invalidation) is delivered
// but never kept, so an instance's page made old by another instance's change while it was on its
// way to Varnish cannot be served after that change's purge; a response as recent is kept.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, it } from 'node:test';
import { startVarnish, type VarnishProcess, varnishMissing } from '../../scripts/support/varnish-process.ts';

if (varnishMissing) process.stdout.write(`# test Varnish ignoré : ${varnishMissing}\n`);

let varnish: VarnishProcess | undefined;
let backend: http.Server;
let fetches = 0;
/** The last change the backend's page says it shows. */
let seen = '0';

before(async () => {
  if (varnishMissing) return;
  backend = http.createServer((request, response) => {
    if (request.url === '/page') {
      fetches++;
      response.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'public, max-age=0, s-maxage=60',
        xkey: 'site article:1',
        'x-kiosque-seen': seen,
      });
      response.end(`<p>version ${fetches}</p>`);
      return;
    }
    response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
  });
  await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
  varnish = await startVarnish({ backendPorts: [(backend.address() as AddressInfo).port] });
});

after(async () => {
  await varnish?.stop();
  if (backend) await new Promise((resolve) => backend.close(resolve));
});

const get = async () => {
  const response = await fetch(`${varnish!.origin}/page`);
  return { body: await response.text(), cache: response.headers.get('x-cache'), seen: response.headers.get('x-kiosque-seen') };
};
const purge = async (headers: Record<string, string>) => {
  const response = await fetch(`${varnish!.origin}/`, { method: 'PURGE', headers: { 'xkey-purge': 'article:1', ...headers } });
  assert.equal(response.status, 200);
};

it('keeps a page as recent as the last purge, and delivers without keeping one older', { skip: varnishMissing }, async () => {
  seen = '0';
  assert.equal((await get()).cache, 'MISS');
  assert.equal((await get()).cache, 'HIT', 'no purge yet: kept');
  assert.equal((await get()).seen, null, 'the header stays between Kiosque and Varnish');

  // Another instance's change 12 is purged; this backend's next answers were rendered before it.
  await purge({ 'x-kiosque-invalidation': '12' });
  seen = '11';
  const old = await get();
  assert.equal(old.cache, 'MISS');
  assert.equal(old.body, '<p>version 2</p>');
  const again = await get();
  assert.equal(again.cache, 'MISS', 'an answer older than the purge is not kept');
  assert.equal(again.body, '<p>version 3</p>');

  // Rendered after the change: kept again.
  seen = '12';
  assert.equal((await get()).cache, 'MISS');
  assert.equal((await get()).cache, 'HIT');

  // A purge naming an older change (retried late) does not lower the mark; one without a number keeps it.
  await purge({ 'x-kiosque-invalidation': '5' });
  await purge({});
  seen = '11';
  assert.equal((await get()).cache, 'MISS');
  assert.equal((await get()).cache, 'MISS');
  assert.equal(fetches, 6);
});
