/**
 * The phases of one request's work, timed on the server and sent back in a Server-Timing header
 * (W3C Server Timing: `name;dur=ms`, comma-separated). The client sees where its wait went (the
 * comments bench sets each post's server time beside its client time): what the server spent
 * on the request itself, and, by difference, what it waited for before being read (a busy event
 * loop, a process waiting for a core). Durations only: nothing about other requests or data.
 */
export class PhaseTimer {
  #last = performance.now();
  readonly #cpuAtStart = process.threadCpuUsage();
  readonly #phases: { name: string; ms: number }[] = [];

  /** A phase timed elsewhere (what ran before the timer was made, say). */
  add(name: string, ms: number): void {
    this.#phases.push({ name, ms });
  }

  /** Ends the phase that ran since the previous lap (or since the timer was made) under `name`. */
  lap(name: string): void {
    const now = performance.now();
    this.#phases.push({ name, ms: now - this.#last });
    this.#last = now;
  }

  /**
   * The header's value: each phase, then `total`, the request's time since the server began reading
   * it, and `cpu`, the processor time its thread got since the timer was made (whatever it ran):
   * phases much longer than that were spent waiting, for a core or for the disk.
   */
  header(totalMs: number): string {
    const cpu = process.threadCpuUsage(this.#cpuAtStart);
    return [...this.#phases, { name: 'total', ms: totalMs }, { name: 'cpu', ms: (cpu.user + cpu.system) / 1000 }]
      .map((p) => `${p.name};dur=${p.ms.toFixed(1)}`)
      .join(', ');
  }
}

/** The durations of a Server-Timing header by name (what `PhaseTimer.header` wrote), in ms. */
export function parseServerTiming(value: string | null | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of (value ?? '').split(',')) {
    const [name, ...params] = part.trim().split(';');
    const dur = params.map((p) => p.trim()).find((p) => p.startsWith('dur='));
    if (name && dur) out[name] = Number(dur.slice(4));
  }
  return out;
}
