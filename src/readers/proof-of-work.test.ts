import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { createChallenge, solveChallenge, verifySolution } from 'altcha-lib/v1';
import { forEachDatabase, type TestDatabaseHandle } from '../../test/support/databases.ts';
import { checkProofOfWork, newChallenge } from './proof-of-work.ts';

const KEY = 'clé de test du banc';

async function solved(challenge: { algorithm: string; challenge: string; salt: string; signature: string; maxnumber?: number }) {
  const solution = await solveChallenge(challenge.challenge, challenge.salt, challenge.algorithm, challenge.maxnumber).promise;
  assert.ok(solution, 'altcha-lib solves the challenge');
  return { ...challenge, number: solution.number, maxnumber: undefined };
}
const encode = (payload: object) => Buffer.from(JSON.stringify(payload)).toString('base64');

forEachDatabase('proof of work (ALTCHA v1 format, checked against altcha-lib)', (database) => {
  let handle: TestDatabaseHandle;
  before(async () => {
    handle = await database.open();
  });
  after(async () => handle?.close());

  it('our challenges are solved and verified by altcha-lib; altcha-lib’s own challenges pass our check once', async () => {
    const ours = await solved(newChallenge(KEY, 50));
    assert.equal(await verifySolution(encode(ours), KEY), true);
    assert.equal(await checkProofOfWork(handle.db, KEY, encode(ours)), 'valid');
    assert.equal(await checkProofOfWork(handle.db, KEY, encode(ours)), 'invalid', 'a solution is used once');

    const theirs = await solved(await createChallenge({ hmacKey: KEY, maxNumber: 50, expires: new Date(Date.now() + 60_000) }));
    assert.equal(await checkProofOfWork(handle.db, KEY, encode(theirs)), 'valid');
  });

  it('refuses a wrong number, another key, a forged signature, an expired or malformed payload; an empty field is "missing"', async () => {
    const good = await solved(newChallenge(KEY, 50));
    const cases = {
      'wrong number': { ...good, number: good.number + 1 },
      'other key': await solved(newChallenge('une autre clé', 50)),
      'forged signature': { ...good, signature: 'a'.repeat(64) },
      expired: await solved(newChallenge(KEY, 50, new Date(Date.now() - 3600_000))),
      'number as text': { ...good, number: String(good.number) },
      'other algorithm': { ...good, algorithm: 'SHA-1' },
    };
    for (const [name, payload] of Object.entries(cases))
      assert.equal(await checkProofOfWork(handle.db, KEY, encode(payload)), 'invalid', name);
    assert.equal(await checkProofOfWork(handle.db, KEY, 'pas du base64 {'), 'invalid');
    assert.equal(await checkProofOfWork(handle.db, KEY, encode({ ...good, salt: 'x'.repeat(2000) })), 'invalid');
    assert.equal(await checkProofOfWork(handle.db, KEY, ''), 'missing');
    assert.equal(await checkProofOfWork(handle.db, KEY, undefined), 'missing');
    assert.equal(await checkProofOfWork(handle.db, KEY, encode(good)), 'valid', 'the untouched solution still passes');
  });
});
