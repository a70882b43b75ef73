import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectMediaFileType } from './media-file-types.ts';
import { makeMp3, makeWav, mp4Header, oggOpusHeader, webmHeader } from './test-media-fixtures.ts';

describe('detectMediaFileType', () => {
  it('recognises sounds from their bytes', async () => {
    assert.deepEqual(await detectMediaFileType(makeMp3(20)), { kind: 'audio', ext: 'mp3', mime: 'audio/mpeg' });
    assert.deepEqual(await detectMediaFileType(makeMp3(20, { id3: true })), { kind: 'audio', ext: 'mp3', mime: 'audio/mpeg' });
    assert.deepEqual(await detectMediaFileType(makeWav(0.1)), { kind: 'audio', ext: 'wav', mime: 'audio/wav' });
    assert.deepEqual(await detectMediaFileType(oggOpusHeader()), { kind: 'audio', ext: 'opus', mime: 'audio/ogg' });
    assert.deepEqual(await detectMediaFileType(mp4Header('M4A ')), { kind: 'audio', ext: 'm4a', mime: 'audio/mp4' });
  });

  it('recognises videos from their bytes', async () => {
    assert.deepEqual(await detectMediaFileType(mp4Header('isom')), { kind: 'video', ext: 'mp4', mime: 'video/mp4' });
    assert.deepEqual(await detectMediaFileType(webmHeader()), { kind: 'video', ext: 'webm', mime: 'video/webm' });
  });

  it('refuses anything else, whatever it would be named', async () => {
    assert.equal(await detectMediaFileType(Buffer.from('#!/bin/sh\nrm -rf /\n')), undefined);
    assert.equal(await detectMediaFileType(Buffer.from('<script>alert(1)</script>')), undefined);
    assert.equal(await detectMediaFileType(Buffer.from('%PDF-1.7\n%âãÏÓ\n')), undefined);
    assert.equal(await detectMediaFileType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0])), undefined); // a JPEG
    assert.equal(await detectMediaFileType(Buffer.alloc(0)), undefined);
  });
});
