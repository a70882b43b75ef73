import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../core/http/app-error.ts';
import { SNIFF_BYTES } from './media-file-types.ts';

/** The file of an upload, already on disk in a temporary place. */
export interface ReceivedFile {
  /** Temporary path; the caller moves the file or calls `discard()`. */
  path: string;
  bytes: number;
  /** Hex SHA-256 of the content (names stored sounds and videos). */
  sha256: string;
  /** The first bytes, for type detection. */
  head: Buffer;
  /** Name given by the browser: shown to people only, never trusted for the type. */
  filename: string;
}

/** A parsed multipart form: its text fields and its one file, if any. */
export interface ReceivedForm {
  fields: Record<string, string>;
  file: ReceivedFile | null;
  /** Removes the temporary file (safe to call twice, or when there is none). */
  discard(): Promise<void>;
}

export interface ReceiveOptions {
  /** Where temporary files go: on the same disk as their final place, so a rename moves them. */
  tempDir: string;
  /** Hard cap on the file, checked while it streams. */
  maxBytes: number;
  /** French message when the file is over `maxBytes`. */
  tooLargeMessage: string;
  /**
   * Called once with the first bytes (SNIFF_BYTES or the whole file if smaller): throws to refuse
   * the type before the rest arrives, or returns a lower limit for the detected kind.
   */
  inspectHead?: (head: Buffer) => Promise<{ maxBytes: number; tooLargeMessage: string } | undefined>;
  /**
   * Where text fields are collected; pass one to keep the fields read before a refusal (the
   * form is then shown again with them).
   */
  fields?: Record<string, string>;
}

const FIELD_LIMITS = { files: 1, fields: 12, parts: 14, fieldSize: 20_000 } as const;

/**
 * Reads a multipart/form-data request: text fields into memory, the single file streamed to disk
 * (never buffered whole) while its size is counted and its hash computed. Over the limit, the
 * upload stops at once with a 413; a wrong type seen in the first bytes stops it with a 415.
 */
export async function receiveMultipart(request: FastifyRequest, options: ReceiveOptions): Promise<ReceivedForm> {
  if (!request.isMultipart()) {
    throw new AppError('unsupported_media_type', 415, 'Le formulaire doit être envoyé en multipart/form-data.');
  }
  const fields: Record<string, string> = options.fields ?? {};
  let file: ReceivedFile | null = null;
  const discard = async () => {
    if (file) await fs.promises.rm(file.path, { force: true });
  };
  try {
    for await (const part of request.parts({ limits: { ...FIELD_LIMITS, fileSize: options.maxBytes } })) {
      if (part.type === 'field') {
        if (typeof part.value === 'string' && part.fieldname !== '_csrf') fields[part.fieldname] = part.value;
        continue;
      }
      if (file || part.fieldname !== 'file') {
        part.file.resume(); // drain: only one file, named "file", is expected
        continue;
      }
      // An empty file input still sends a part, with no name and no bytes.
      file = await saveStream(part.file, part.filename ?? '', options);
      if (file.bytes === 0 && !part.filename) {
        await discard();
        file = null;
      }
    }
  } catch (error) {
    await discard();
    // Read and drop the rest of the body: a response sent while the browser is still uploading
    // would otherwise reach it as a connection reset instead of the French error.
    request.raw.unpipe();
    request.raw.resume();
    throw translateMultipartError(error, options.tooLargeMessage);
  }
  return { fields, file, discard };
}

async function saveStream(
  source: NodeJS.ReadableStream & { truncated?: boolean },
  filename: string,
  options: ReceiveOptions,
): Promise<ReceivedFile> {
  await fs.promises.mkdir(options.tempDir, { recursive: true });
  const target = path.join(options.tempDir, `${Date.now()}-${randomBytes(8).toString('hex')}.upload`);
  const sink = new UploadSink(options);
  try {
    await pipeline(source, sink, fs.createWriteStream(target, { flags: 'wx' }));
    // Busboy stops at its own limit without an error of its own: the file is then cut short.
    if (source.truncated) throw new AppError('payload_too_large', 413, sink.tooLargeMessage);
  } catch (error) {
    await fs.promises.rm(target, { force: true });
    throw error;
  }
  return { path: target, bytes: sink.bytes, sha256: sink.hash.digest('hex'), head: sink.head(), filename };
}

/** Counts, hashes and keeps the head of the bytes flowing to disk; refuses them past the limit. */
class UploadSink extends Transform {
  bytes = 0;
  readonly hash = createHash('sha256');
  maxBytes: number;
  tooLargeMessage: string;
  private readonly headChunks: Buffer[] = [];
  private headLength = 0;
  private inspected = false;
  private readonly inspect: ReceiveOptions['inspectHead'];

  constructor(options: ReceiveOptions) {
    super();
    this.maxBytes = options.maxBytes;
    this.tooLargeMessage = options.tooLargeMessage;
    this.inspect = options.inspectHead;
  }

  head(): Buffer {
    return Buffer.concat(this.headChunks).subarray(0, SNIFF_BYTES);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    this.hash.update(chunk);
    if (this.headLength < SNIFF_BYTES) {
      this.headChunks.push(chunk);
      this.headLength += chunk.length;
    }
    const pass = () =>
      this.bytes > this.maxBytes ? callback(new AppError('payload_too_large', 413, this.tooLargeMessage)) : callback(null, chunk);
    if (!this.inspected && this.headLength >= SNIFF_BYTES) this.runInspection().then(pass, callback);
    else pass();
  }

  override _flush(callback: TransformCallback): void {
    if (this.inspected) return callback();
    this.runInspection().then(() => callback(), callback);
  }

  private async runInspection(): Promise<void> {
    this.inspected = true;
    const narrowed = await this.inspect?.(this.head());
    if (narrowed) {
      this.maxBytes = Math.min(this.maxBytes, narrowed.maxBytes);
      this.tooLargeMessage = narrowed.tooLargeMessage;
    }
  }
}

/** @fastify/multipart's own errors, as French AppErrors (shared by every upload route). */
export function translateMultipartError(error: unknown, tooLargeMessage: string): unknown {
  if (error instanceof AppError) return error;
  switch ((error as { code?: string }).code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return new AppError('payload_too_large', 413, tooLargeMessage);
    case 'FST_FILES_LIMIT':
      return new AppError('payload_too_large', 413, 'Un seul fichier à la fois.');
    case 'FST_FIELDS_LIMIT':
    case 'FST_PARTS_LIMIT':
      return new AppError('payload_too_large', 413, 'Le formulaire contient trop de champs.');
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new AppError('unsupported_media_type', 415, 'Le formulaire doit être envoyé en multipart/form-data.');
    default: {
      const e = error as { code?: string; errno?: number; syscall?: string; message?: string };
      // Disk and system errors (ENOSPC, EACCES…) are ours: a 500. Anything else the parser throws
      // comes from the bytes the client sent (a 300-character boundary, no boundary, a part cut
      // short, a connection closed mid-upload): a 400 with the stable code, never a 500.
      if (typeof e.errno === 'number' || e.syscall || error instanceof TypeError || error instanceof ReferenceError) return error;
      const cutShort = /unexpected end|terminated early|premature close|aborted/i.test(e.message ?? '');
      return AppError.badRequest(cutShort ? 'Le fichier n’a pas été reçu en entier : réessayez.' : 'Le formulaire envoyé est mal formé.');
    }
  }
}
