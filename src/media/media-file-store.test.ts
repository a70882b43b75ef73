import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { readDurationSeconds, removeStaleUploads, uploadTempDirectory } from './media-file-store.ts';
import { makeMp3, makeWav } from './test-media-fixtures.ts';

describe('media file store', () => {
  it('reads durations from WAV headers and MP3 frames, and null when there is none', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosque-media-'));
    try {
      fs.writeFileSync(path.join(dir, 'a.wav'), makeWav(2));
      fs.writeFileSync(path.join(dir, 'b.mp3'), makeMp3(200));
      fs.writeFileSync(path.join(dir, 'c.mp3'), Buffer.from('rien'));
      assert.equal(await readDurationSeconds(path.join(dir, 'a.wav')), 2);
      assert.equal(await readDurationSeconds(path.join(dir, 'b.mp3')), 5.224);
      assert.equal(await readDurationSeconds(path.join(dir, 'c.mp3')), null);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('removes only old temporary uploads', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosque-media-'));
    try {
      const tmp = uploadTempDirectory(dataDir);
      fs.mkdirSync(tmp, { recursive: true });
      fs.writeFileSync(path.join(tmp, 'old.upload'), 'x');
      fs.writeFileSync(path.join(tmp, 'new.upload'), 'x');
      const dayAgo = new Date(Date.now() - 2 * 86_400_000);
      fs.utimesSync(path.join(tmp, 'old.upload'), dayAgo, dayAgo);
      assert.equal(await removeStaleUploads(dataDir), 1);
      assert.deepEqual(fs.readdirSync(tmp), ['new.upload']);
      assert.equal(await removeStaleUploads(path.join(dataDir, 'absent')), 0);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
