import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import type { VariantFormat } from './image-types.ts';

/** A region of the original, in pixels. */
interface Region {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** How sharp decodes an input: refused on a decoding error; at most this many pixels (false: no limit). */
export interface DecodeOptions {
  failOn: 'error';
  limitInputPixels: number | false;
}

/** One variant to encode: the original, the region kept, the size, the format, the file written. */
export interface EncodeJob {
  source: string;
  target: string;
  extract: Region | null;
  width: number;
  height: number;
  format: VariantFormat;
}

/** What the image process does, each operation's job and answer (image-worker-process.js). */
interface Operations {
  encodeVariant: { job: EncodeJob; result: { bytes: number; width: number; height: number } };
  header: {
    job: { input: Uint8Array; decode: DecodeOptions };
    result: { format: string | null; compression: string | null; width: number; height: number; hasAlpha: boolean };
  };
  normalise: {
    job: { input: Uint8Array; hasAlpha: boolean; decode: DecodeOptions };
    result: { data: Uint8Array; format: 'jpeg' | 'png'; width: number; height: number };
  };
  rasterise: { job: { svg: string }; result: { data: Uint8Array } };
}
type Operation = keyof Operations;

type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; message: string };

/** sharp refused the input or failed on it (the reason is sharp's): the input's fault, not the process's. */
export class ImageOperationError extends Error {
  override name = 'ImageOperationError';
}

const WORKER_SCRIPT = path.join(import.meta.dirname, 'image-worker-process.js');

/** How long the image process stays after its last operation, in case more follow (a page's other widths). */
const IDLE_MS = 20_000;

/**
 * The server's image work (sharp, libvips) done in a process of its own
 * (image-worker-process.js), started with the first operation and ended after IDLE_MS without one.
 * libvips keeps the memory it used: in the web server, the demo's first 252 variants left it at
 * 250–280 MB instead of 120, and loading the demo at 265 MB. Ended, the process gives all of it
 * back. Buffers cross with the `advanced` serialisation. Concurrency stays the callers'
 * (EncodeSlots for variants). A process that dies fails only the operations it held.
 */
export class ImageWorker {
  #child: ChildProcess | undefined;
  #nextId = 1;
  readonly #pending = new Map<number, { child: ChildProcess; resolve: (result: unknown) => void; reject: (error: Error) => void }>();
  #idle: NodeJS.Timeout | undefined;
  readonly #idleMs: number;

  constructor(idleMs = IDLE_MS) {
    this.#idleMs = idleMs;
  }

  /** Encodes one variant into `job.target`. */
  encodeVariant(job: EncodeJob): Promise<Operations['encodeVariant']['result']> {
    return this.#call('encodeVariant', job);
  }

  /** The image's header (format, size, alpha), no pixel decoded. */
  header(input: Buffer, decode: DecodeOptions): Promise<Operations['header']['result']> {
    return this.#call('header', { input, decode });
  }

  /** The first frame, oriented, in sRGB, without metadata: PNG when really transparent, else JPEG. */
  async normalise(
    input: Buffer,
    hasAlpha: boolean,
    decode: DecodeOptions,
  ): Promise<{ data: Buffer; format: 'jpeg' | 'png'; width: number; height: number }> {
    const result = await this.#call('normalise', { input, hasAlpha, decode });
    return { ...result, data: bytes(result.data) };
  }

  /** An SVG drawing as a JPEG on white (the demo's illustrations). */
  async rasterise(svg: string): Promise<Buffer> {
    return bytes((await this.#call('rasterise', { svg })).data);
  }

  /** Whether the image process is running (for tests). */
  get running(): boolean {
    return this.#child !== undefined;
  }

  /** Ends the image process now (tests). Pending operations fail. */
  stop(): void {
    this.#child?.kill();
  }

  #call<K extends Operation>(op: K, job: Operations[K]['job']): Promise<Operations[K]['result']> {
    const child = this.#started();
    const id = this.#nextId++;
    clearTimeout(this.#idle);
    // While an operation is pending the channel holds the server open; idle, it never does.
    child.channel?.ref();
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { child, resolve: resolve as (result: unknown) => void, reject });
      child.send({ id, op, job }, (error) => {
        if (error) this.#settle(id, new Error(`processus d’images injoignable : ${error.message}`));
      });
    });
  }

  #started(): ChildProcess {
    if (this.#child) return this.#child;
    const child = fork(WORKER_SCRIPT, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced', execArgv: [] });
    child.unref();
    child.on('message', (reply: Reply) => {
      if (reply.ok) this.#settle(reply.id, undefined, reply.result);
      else this.#settle(reply.id, new ImageOperationError(reply.message));
    });
    child.on('error', () => {
      // 'exit' follows, or the send callback has failed the operation.
    });
    child.on('exit', (code, signal) => {
      if (this.#child === child) this.#child = undefined;
      const reason = new Error(`le processus d’images s’est arrêté (${signal ?? `code ${code}`})`);
      for (const [id, waiting] of [...this.#pending]) if (waiting.child === child) this.#settle(id, reason);
    });
    this.#child = child;
    return child;
  }

  #settle(id: number, error: Error | undefined, result?: unknown): void {
    const waiting = this.#pending.get(id);
    if (!waiting) return;
    this.#pending.delete(id);
    if (error) waiting.reject(error);
    else waiting.resolve(result);
    if (this.#pending.size === 0 && this.#child) {
      const child = this.#child;
      child.channel?.unref();
      clearTimeout(this.#idle);
      this.#idle = setTimeout(() => {
        if (this.#pending.size > 0 || this.#child !== child) return;
        // Let go first: an operation asked for meanwhile starts a new process.
        this.#child = undefined;
        child.disconnect();
      }, this.#idleMs);
      this.#idle.unref();
    }
  }
}

/** A Buffer over bytes that crossed the channel (they arrive as a Uint8Array). */
function bytes(data: Uint8Array): Buffer {
  return Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

/** The process's one image worker: variants, uploads and the demo's illustrations share it. */
export const imageWorker = new ImageWorker();
