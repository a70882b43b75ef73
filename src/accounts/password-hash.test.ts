import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { hashPassword, parsePasswordHash, passwordNeedsRehash, verifyPassword } from './password-hash.ts';

describe('password hashing', () => {
  test('stores an argon2id PHC string with at least m=19456, t=2, p=1 and a random salt', async () => {
    const a = await hashPassword('cheval-agrafe-batterie');
    const b = await hashPassword('cheval-agrafe-batterie');
    assert.match(a, /^\$argon2id\$v=19\$m=\d+,t=\d+,p=1\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/);
    const parsed = parsePasswordHash(a)!;
    assert.ok(parsed.memory >= 19456 && parsed.passes >= 2 && parsed.parallelism === 1);
    assert.equal(parsed.salt.length, 16);
    assert.equal(parsed.hash.length, 32);
    assert.notEqual(a, b, 'two hashes of one password differ (salt)');
  });

  test('verifies the right password only', async () => {
    const phc = await hashPassword('Mot de passe très long');
    assert.equal(await verifyPassword('Mot de passe très long', phc), true);
    assert.equal(await verifyPassword('Mot de passe tres long', phc), false);
    assert.equal(await verifyPassword('x', 'pas un hachage'), false);
  });

  test('asks for a rehash when the stored parameters are weaker than today’s', async () => {
    const current = await hashPassword('secret secret');
    assert.equal(passwordNeedsRehash(current), false);
    const weaker = current.replace(/m=\d+,t=\d+/, 'm=8192,t=1');
    assert.equal(passwordNeedsRehash(weaker), true);
    assert.equal(passwordNeedsRehash('$2b$10$bcrypt'), true);
  });
});
