/**
 * Autosave bookkeeping, without the DOM so it can be tested in Node: one save at a time, each
 * save sends the latest state (read when the save starts, so no keystroke is left behind), and
 * changes made while a save is in flight trigger another save. A conflict stops saving until the
 * person chooses a version; a refused state (422) is not re-sent until something changes.
 */

export type SaveOutcome =
  | { kind: 'saved'; revision: number }
  | { kind: 'conflict'; details: unknown }
  | { kind: 'invalid'; message: string }
  | { kind: 'failed'; message: string };

export type SaveStatus =
  | { kind: 'clean' }
  | { kind: 'dirty' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'conflict'; details: unknown }
  | { kind: 'invalid'; message: string }
  | { kind: 'failed'; message: string };

export interface SaveQueueOptions {
  /** Sends the current state; resolves with what the server said. Never rejects (network errors are 'failed'). */
  save(): Promise<SaveOutcome>;
  onStatus(status: SaveStatus): void;
  now?: () => Date;
}

export class SaveQueue {
  private version = 0;
  private savedVersion = 0;
  private refusedVersion = -1;
  private inFlight: Promise<void> | null = null;
  private conflict = false;
  private readonly options: SaveQueueOptions;

  constructor(options: SaveQueueOptions) {
    this.options = options;
  }

  /** Something was typed or chosen: the state differs from the last saved one. */
  markChanged(): void {
    this.version += 1;
    if (!this.inFlight && !this.conflict) this.options.onStatus({ kind: 'dirty' });
  }

  /** True while there are changes the server has not stored. */
  get hasUnsavedChanges(): boolean {
    return this.version !== this.savedVersion;
  }

  /** True while a conflict waits for the person's decision. */
  get inConflict(): boolean {
    return this.conflict;
  }

  /** The person chose a version after a conflict: saving resumes (with the state then current). */
  resolveConflict(): void {
    this.conflict = false;
    this.refusedVersion = -1;
    this.version += 1;
  }

  /** Saves now if there is something to save; waits for a save in flight first. Resolves when idle. */
  async flush(): Promise<void> {
    while (this.inFlight) await this.inFlight;
    if (this.conflict || this.version === this.savedVersion || this.version === this.refusedVersion) return;
    const sending = this.version;
    this.options.onStatus({ kind: 'saving' });
    let again = false;
    this.inFlight = this.options.save().then((result) => {
      again = this.settle(sending, result);
    });
    try {
      await this.inFlight;
    } finally {
      this.inFlight = null;
    }
    // Typed during the save: send again at once, with the newer state.
    if (again) await this.flush();
  }

  /** Records the server's answer; true when newer changes should be sent right away. */
  private settle(sending: number, result: SaveOutcome): boolean {
    switch (result.kind) {
      case 'saved': {
        this.savedVersion = sending;
        const newer = this.version !== sending;
        this.options.onStatus(newer ? { kind: 'dirty' } : { kind: 'saved', at: (this.options.now ?? (() => new Date()))() });
        return newer;
      }
      case 'conflict':
        this.conflict = true;
        this.options.onStatus({ kind: 'conflict', details: result.details });
        return false;
      case 'invalid':
        this.refusedVersion = sending;
        this.options.onStatus(result);
        // A change typed meanwhile may be the fix.
        return this.version !== sending;
      case 'failed':
        // Stays unsaved: the next tick tries again (no tight retry loop while offline).
        this.options.onStatus(result);
        return false;
    }
  }
}
