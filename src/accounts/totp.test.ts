import assert from 'node:assert/strict';
import { it } from 'node:test';
import { forEachDatabase } from '../../test/support/databases.ts';
import { createUser } from '../../test/support/sign-in.ts';
import { consumeTotpCode, currentTotpCode, newTotpSecret, totpStepOf } from './totp.ts';

it('knows the time step of a code, with one step of drift either side', () => {
  const secret = newTotpSecret();
  const t = Date.UTC(2026, 10, 27, 8, 0, 10);
  const step = Math.floor(t / 30_000);
  assert.equal(totpStepOf(secret, currentTotpCode(secret, t), t), step);
  assert.equal(totpStepOf(secret, currentTotpCode(secret, t - 30_000), t), step - 1);
  assert.equal(totpStepOf(secret, currentTotpCode(secret, t + 30_000), t), step + 1);
  assert.equal(totpStepOf(secret, currentTotpCode(secret, t - 90_000), t), null);
  assert.equal(totpStepOf(secret, 'abcdef', t), null);
});

forEachDatabase('TOTP codes', (engine) => {
  it('accepts a code once, and never an older one after a newer', async () => {
    const database = await engine.open();
    try {
      const { userId } = await createUser(database.db, { role: 'editeur' });
      const secret = newTotpSecret();
      const user = { id: userId, totp_secret: secret };
      const t = Date.now();
      assert.equal(await consumeTotpCode(database.db, user, currentTotpCode(secret, t), t), true);
      assert.equal(await consumeTotpCode(database.db, user, currentTotpCode(secret, t), t), false, 'replay refused');
      assert.equal(await consumeTotpCode(database.db, user, currentTotpCode(secret, t - 30_000), t), false, 'older step refused');
      assert.equal(await consumeTotpCode(database.db, user, currentTotpCode(secret, t + 30_000), t), true, 'next step accepted');
      assert.equal(await consumeTotpCode(database.db, { id: userId, totp_secret: null }, '123456', t), false);
    } finally {
      await database.close();
    }
  });
});
