// Helpers for the media tests: small but real sound files, and the headers of the other formats.

/** A mono 16-bit PCM WAV of `seconds` seconds at 8 kHz: a 440 Hz tone, so the bytes are not all zero. */
export function makeWav(seconds: number, sampleRate = 8000): Buffer {
  const samples = Math.round(seconds * sampleRate);
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) data.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / sampleRate)), i * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'latin1');
  header.write('fmt ', 12, 'latin1');
  header.writeUInt32LE(16, 16); // fmt chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28); // byte rate
  header.writeUInt16LE(2, 32); // block align
  header.writeUInt16LE(16, 34); // bits per sample
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/**
 * An MP3 of `frames` silent MPEG-1 Layer III frames (128 kbit/s, 44.1 kHz, 417 bytes and 1,152
 * samples each: 100 frames last 2.61 s), optionally behind an empty ID3v2 tag.
 */
export function makeMp3(frames: number, options: { id3?: boolean } = {}): Buffer {
  const frame = Buffer.alloc(417);
  frame.set([0xff, 0xfb, 0x90, 0xc4]); // sync, MPEG-1 L3 no CRC; 128 kbit/s, 44.1 kHz, no padding; mono
  const body = Buffer.concat(Array.from({ length: frames }, () => frame));
  if (!options.id3) return body;
  const id3 = Buffer.from([0x49, 0x44, 0x33, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]); // "ID3" v2.4, size 0
  return Buffer.concat([id3, body]);
}

/** The start of an MP4 file: an `ftyp` box with the given major brand ('isom' video, 'M4A ' audio). */
export function mp4Header(brand = 'isom'): Buffer {
  const ftyp = Buffer.alloc(24);
  ftyp.writeUInt32BE(24, 0);
  ftyp.write('ftyp', 4, 'latin1');
  ftyp.write(brand, 8, 'latin1');
  ftyp.writeUInt32BE(0x200, 12);
  ftyp.write(`${brand}mp41`, 16, 'latin1');
  const free = Buffer.alloc(64);
  free.writeUInt32BE(64, 0);
  free.write('free', 4, 'latin1');
  return Buffer.concat([ftyp, free]);
}

/** The start of a WebM file: an EBML header whose DocType is "webm". */
export function webmHeader(): Buffer {
  const docType = Buffer.from([0x42, 0x82, 0x84, ...Buffer.from('webm', 'latin1')]);
  const header = Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x80 | docType.length]), docType]);
  return Buffer.concat([header, Buffer.alloc(64)]);
}

/** The first Ogg page of an Opus stream ("OggS" then "OpusHead"). */
export function oggOpusHeader(): Buffer {
  const page = Buffer.alloc(28);
  page.write('OggS', 0, 'latin1');
  page[5] = 0x02; // beginning of stream
  page[26] = 1; // one segment
  page[27] = 19; // of 19 bytes
  const opusHead = Buffer.alloc(19);
  opusHead.write('OpusHead', 0, 'latin1');
  opusHead[8] = 1; // version
  opusHead[9] = 1; // channels
  opusHead.writeUInt32LE(48000, 12);
  return Buffer.concat([page, opusHead, Buffer.alloc(64)]);
}

/** A multipart/form-data body as a browser sends it (fields in order, then the file), for app.inject. */
export async function multipartBody(
  fields: Record<string, string>,
  file?: { name: string; type: string; bytes: Buffer },
): Promise<{ payload: Buffer; headers: Record<string, string> }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  if (file) form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  return { payload: Buffer.from(await request.arrayBuffer()), headers: { 'content-type': request.headers.get('content-type') ?? '' } };
}
