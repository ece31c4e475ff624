import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Emulator state that survives a restart (issue #20): an emulator hands the kit its state as plain JSON
 * (`snapshot`) and takes it back (`restore`); the kit loads it from `stateFile` at start and writes it back
 * after requests, coalesced (a burst of writes is one rewrite), atomically (temp file + rename), and on stop.
 */

/** An emulator's own serialisable state. */
export interface PersistentState<S> {
  snapshot(): S;
  restore(state: S): void;
}

/** The file's envelope: which emulator wrote it, so one emulator never loads another's state. */
interface StateEnvelope<S> {
  emulator: string;
  version: 1;
  state: S;
}

/** Map ⇄ entries, for emulators whose state is kept in Maps. */
export const entriesOf = <K, V>(map: ReadonlyMap<K, V>): Array<[K, V]> => [...map.entries()];
export function refill<K, V>(map: Map<K, V>, entries: ReadonlyArray<[K, V]>): void {
  map.clear();
  for (const [k, v] of entries) map.set(k, v);
}

/** How long a save scheduled by a read waits (a write's save waits `delayMs`). */
const READ_SAVE_DELAY_MS = 1000;

export class StateFile<S> {
  private timer: NodeJS.Timeout | undefined;
  /** When the pending save runs (epoch ms). */
  private due = 0;
  private lastWritten: string | undefined;
  /** Writes so far (tests check that bursts coalesce). */
  writes = 0;

  constructor(
    readonly path: string,
    private readonly emulator: string,
    private readonly state: PersistentState<S>,
    /** How long a save waits for more changes to join it. */
    private readonly delayMs = 25,
  ) {}

  /** Restores the saved state when the file exists (true), else leaves the seeded state and saves it (false). */
  load(): boolean {
    if (existsSync(this.path)) {
      const envelope = JSON.parse(readFileSync(this.path, 'utf8')) as StateEnvelope<S>;
      if (envelope.emulator !== this.emulator || envelope.version !== 1) {
        throw new Error(
          `${this.path} holds state of ${String(envelope.emulator)} (v${String(envelope.version)}), not of ${this.emulator}`,
        );
      }
      this.state.restore(envelope.state);
      this.lastWritten = this.serialise();
      return true;
    }
    this.flush();
    return false;
  }

  /**
   * A request may have changed the state: save soon (one save for every change until then). A read rarely changes
   * anything (WLVPN closing an account whose close_date passed) and saving means serialising the whole state to
   * compare it with the file, so a read waits `READ_SAVE_DELAY_MS`: a burst of reads costs one comparison, not one
   * every `delayMs`. A write brings a pending save forward.
   */
  schedule(read = false): void {
    const due = Date.now() + (read ? READ_SAVE_DELAY_MS : this.delayMs);
    if (this.timer && this.due <= due) return;
    clearTimeout(this.timer);
    this.due = due;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, due - Date.now());
    this.timer.unref();
  }

  /** Saves now when the state differs from what the file holds: temp file + rename, so a crash never leaves half a file. */
  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const text = this.serialise();
    if (text === this.lastWritten) return;
    mkdirSync(dirname(this.path), { recursive: true });
    const temp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temp, text);
    renameSync(temp, this.path);
    this.lastWritten = text;
    this.writes += 1;
  }

  private serialise(): string {
    return JSON.stringify({
      emulator: this.emulator,
      version: 1,
      state: this.state.snapshot(),
    } satisfies StateEnvelope<S>);
  }
}
