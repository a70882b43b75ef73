import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import type { VariantFormat } from './image-types.ts';

/** What one encode reads and writes: the original, the region kept, the size, the format, the file written. */
export interface EncodeJob {
  source: string;
  target: string;
  extract: { left: number; top: number; width: number; height: number } | null;
  width: number;
  height: number;
  format: VariantFormat;
}

/** What was written. */
export interface EncodeResult {
  bytes: number;
  width: number;
  height: number;
}

type Reply = ({ ok: true } & EncodeResult & { id: number }) | { ok: false; id: number; message: string };

const ENCODER_SCRIPT = path.join(import.meta.dirname, 'variant-encoder-process.js');

/** How long the encoding process stays after its last encode, in case more follow (a page's other widths). */
const IDLE_MS = 20_000;

/**
 * Image variants encoded in a process of their own (variant-encoder-process.js), started with the
 * first encode and ended after IDLE_MS without one. libvips keeps the memory it used for decoding
 * and encoding: in the web server, the demo's first 252 variants left it at 250–280 MB instead of
 * 120. Ended, the encoder gives all of it back. Concurrency stays the caller's (EncodeSlots).
 */
export class VariantEncoder {
  #child: ChildProcess | undefined;
  #nextId = 1;
  readonly #pending = new Map<number, { child: ChildProcess; resolve: (result: EncodeResult) => void; reject: (error: Error) => void }>();
  #idle: NodeJS.Timeout | undefined;
  readonly #idleMs: number;

  constructor(idleMs = IDLE_MS) {
    this.#idleMs = idleMs;
  }

  /** Encodes one variant into `job.target`. */
  encode(job: EncodeJob): Promise<EncodeResult> {
    const child = this.#started();
    const id = this.#nextId++;
    clearTimeout(this.#idle);
    // While an encode is pending the channel holds the server open; idle, it never does.
    child.channel?.ref();
    return new Promise<EncodeResult>((resolve, reject) => {
      this.#pending.set(id, { child, resolve, reject });
      child.send({ id, ...job }, (error) => {
        if (error) this.#settle(id, new Error(`encodeur d’images injoignable : ${error.message}`));
      });
    });
  }

  /** Whether the encoding process is running (for tests). */
  get running(): boolean {
    return this.#child !== undefined;
  }

  /** Ends the encoding process now (tests; a server closing). Pending encodes fail. */
  stop(): void {
    this.#child?.kill();
  }

  #started(): ChildProcess {
    if (this.#child) return this.#child;
    const child = fork(ENCODER_SCRIPT, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'json', execArgv: [] });
    child.unref();
    child.on('message', (reply: Reply) => {
      if (reply.ok) this.#settle(reply.id, undefined, { bytes: reply.bytes, width: reply.width, height: reply.height });
      else this.#settle(reply.id, new Error(reply.message));
    });
    child.on('error', () => {
      // 'exit' follows, or the send callback has failed the encode.
    });
    child.on('exit', (code, signal) => {
      if (this.#child === child) this.#child = undefined;
      clearTimeout(this.#idle);
      const reason = new Error(`l’encodeur d’images s’est arrêté (${signal ?? `code ${code}`})`);
      for (const [id, waiting] of [...this.#pending]) if (waiting.child === child) this.#settle(id, reason);
    });
    this.#child = child;
    return child;
  }

  #settle(id: number, error: Error | undefined, result?: EncodeResult): void {
    const waiting = this.#pending.get(id);
    if (!waiting) return;
    this.#pending.delete(id);
    if (error || !result) waiting.reject(error ?? new Error('encodeur d’images : réponse vide'));
    else waiting.resolve(result);
    if (this.#pending.size === 0 && this.#child) {
      const child = this.#child;
      child.channel?.unref();
      clearTimeout(this.#idle);
      this.#idle = setTimeout(() => {
        if (this.#pending.size > 0 || this.#child !== child) return;
        // Let go first: an encode asked for meanwhile starts a new process.
        this.#child = undefined;
        child.disconnect();
      }, this.#idleMs);
      this.#idle.unref();
    }
  }
}
