import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { describe, test } from 'node:test';
import { newWebhookSecret, signWebhook, verifyWebhookSignature, webhookHeaders } from './webhook-signature.ts';
import { isPublicAddress } from '../core/http/outbound-guard.ts';
import { webhookUrlSchema } from './webhook-target.ts';

describe('webhook signatures (Standard Webhooks)', () => {
  test('the documented recipe verifies what Kiosque signs, and nothing else', () => {
    const secret = newWebhookSecret();
    assert.match(secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
    const body = JSON.stringify({ id: 'evt_1', type: 'article.published', data: { article: { headline: 'Été « chaud »' } } });
    const now = new Date('2026-12-03T10:00:00Z');
    const headers = webhookHeaders(secret, 'evt_1', body, now);
    assert.equal(headers['webhook-timestamp'], String(now.getTime() / 1000));
    assert.ok(verifyWebhookSignature(secret, headers, body, now));

    // The recipe of docs/webhooks.md, written out independently.
    const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
    const expected = crypto.createHmac('sha256', key).update(`evt_1.${headers['webhook-timestamp']}.${body}`).digest('base64');
    assert.equal(headers['webhook-signature'], `v1,${expected}`);

    assert.equal(verifyWebhookSignature(secret, headers, `${body} `, now), false, 'a changed body');
    assert.equal(verifyWebhookSignature(newWebhookSecret(), headers, body, now), false, 'another secret');
    assert.equal(verifyWebhookSignature(secret, { ...headers, 'webhook-id': 'evt_2' }, body, now), false, 'another id');
    assert.equal(verifyWebhookSignature(secret, headers, body, new Date(now.getTime() + 301_000)), false, 'a replay after 5 min');
    assert.equal(verifyWebhookSignature(secret, { ...headers, 'webhook-signature': undefined }, body, now), false);
    const rotated = `v1,${signWebhook(newWebhookSecret(), 'evt_1', now.getTime() / 1000, body).slice(3)} ${headers['webhook-signature']}`;
    assert.ok(verifyWebhookSignature(secret, { ...headers, 'webhook-signature': rotated }, body, now), 'any of several signatures');
  });
});

describe('webhook targets', () => {
  test('private, loopback, link-local and reserved addresses are not public', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '::1',
      '::',
      'fe80::1',
      'fd00::1',
      '::ffff:10.0.0.1',
      '::ffff:127.0.0.1',
      'pas une adresse',
    ])
      assert.equal(isPublicAddress(address), false, address);
    for (const address of ['93.184.215.14', '172.32.0.1', '8.8.8.8', '2a00:1450:4007:80e::200e', '::ffff:8.8.8.8'])
      assert.equal(isPublicAddress(address), true, address);
  });

  test('only http(s) URLs without credentials are accepted, with French reasons', () => {
    assert.equal(webhookUrlSchema.parse('  https://outil.exemple.fr/kiosque  '), 'https://outil.exemple.fr/kiosque');
    for (const [url, reason] of [
      ['', /Indiquez/],
      ['ftp://exemple.fr/', /http/],
      ['javascript:alert(1)', /http/],
      ['pas une adresse', /invalide/],
      ['https://moi:secret@exemple.fr/', /identifiant/],
      [`https://exemple.fr/${'a'.repeat(2001)}`, /trop longue/],
    ] as const) {
      const parsed = webhookUrlSchema.safeParse(url);
      assert.equal(parsed.success, false, url);
      assert.match(parsed.error!.issues[0]!.message, reason);
    }
  });
});
