import type { DataSource } from 'typeorm';
import type { EventStore } from '@jetjobs/event-store';
import {
  applyEventBatch,
  dropShadowSchema,
  openShadowDatabase,
  projectionDependents,
  ProjectionVerifier,
  readCheckpoint,
  swapProjectionTables,
  tryRebuildLock,
  type VerifiedTable,
} from '@jetjobs/persistence';
import type { Progress } from '../operator/progress';
import { eventChunks, InterruptedError } from './event-chunks';
import { requireSameMigrations } from './schema-parity';

/** The checkpoint job-registry's projector writes (its JOBS_PROJECTION). */
export const JOBS_PROJECTION = 'jobs';
const VERIFY_CHUNK = 1_000;
const SWAP_ATTEMPTS = 3;

export interface RebuildOptions {
  readonly databaseUrl: string;
  readonly batchSize: number;
  /** Events per second at most, to spare a busy database; null for as fast as it goes. */
  readonly maxRate: number | null;
  /** Throw away an unfinished rebuild instead of resuming it. */
  readonly restart: boolean;
  /** Rebuild even though the stream no longer holds its first events (they would be lost). */
  readonly allowTrimmed: boolean;
  readonly signal: AbortSignal;
  readonly progress: Progress;
  readonly note: (line: string) => void;
}

export interface RebuildResult {
  readonly resumedAt: number;
  readonly built: number;
  readonly buildRate: number;
  readonly verifyRate: number;
  readonly tables: { readonly jobs: VerifiedTable; readonly events: VerifiedTable };
  readonly checkpoint: number;
  readonly liveCheckpoint: number;
  /** Events the live projector committed during the rebuild, applied while its checkpoint was locked. */
  readonly underLock: number;
}

/**
 * Rebuilds the jobs projection from stream sequence 1 into the rebuild schema while the live
 * tables keep serving, verifies it against a fold of the stream, then swaps it in atomically.
 * Every batch commits with its checkpoint, so an interrupted run resumes where it stopped.
 */
export async function rebuildProjection(store: EventStore, live: DataSource, options: RebuildOptions): Promise<RebuildResult> {
  const release = await tryRebuildLock(live);
  if (release === null) throw new Error('Another projections rebuild is running on this database');
  try {
    await preflight(store, live, options);
    if (options.restart) await dropShadowSchema(live);
    const { ds: shadow, checkpoint: resumedAt } = await openShadowDatabase(options.databaseUrl, JOBS_PROJECTION);
    try {
      await requireSameMigrations(live, shadow);
      return await new Rebuild(store, live, shadow, options).run(resumedAt);
    } finally {
      await shadow.destroy();
    }
  } finally {
    await release();
  }
}

async function preflight(store: EventStore, live: DataSource, options: RebuildOptions): Promise<void> {
  const dependents = await projectionDependents(live);
  if (dependents.length > 0) throw new Error(`Cannot rebuild: ${dependents.join(', ')} depend on the jobs tables (views or foreign keys)`);
  const { state } = await store.jsm.streams.info(store.names.jobsStream);
  if (state.messages > 0 && state.first_seq > 1 && !options.allowTrimmed) {
    throw new Error(
      `The stream starts at sequence ${state.first_seq}: events 1-${state.first_seq - 1} aged out and a rebuild would lose their history (--allow-trimmed to accept)`,
    );
  }
}

class Rebuild {
  private readonly verifier = new ProjectionVerifier();
  private readonly onInvalid = (seq: number, error: unknown) =>
    this.options.note(`skipping sequence ${seq}: not a valid event (${String(error).split('\n')[0]})`);

  constructor(
    private readonly store: EventStore,
    private readonly live: DataSource,
    private readonly shadow: DataSource,
    private readonly options: RebuildOptions,
  ) {}

  async run(resumedAt: number): Promise<RebuildResult> {
    const { progress, signal } = this.options;
    if (resumedAt > 0) this.options.note(`resuming the unfinished rebuild after sequence ${resumedAt}`);
    const target = await this.streamEnd();
    progress.begin('rebuild', Math.max(0, target - resumedAt));
    const built = await this.build(resumedAt + 1, target);
    const buildRate = progress.finish();
    const builtTo = await readCheckpoint(this.shadow, JOBS_PROJECTION);
    progress.begin('verify', builtTo);
    for await (const chunk of eventChunks(this.store, { fromSeq: 1, toSeq: builtTo }, VERIFY_CHUNK, signal, this.onInvalid)) {
      await this.verifier.checkEvents(this.shadow, chunk.fromSeq, chunk.toSeq, chunk.events);
      progress.update(chunk.toSeq);
    }
    await this.verifier.checkJobs(this.shadow);
    const verifyRate = progress.finish();
    // Events appended meanwhile are added before the lock is taken, so that little is left to do under it.
    await this.advance(builtTo + 1, await this.streamEnd());
    await this.shadow.query('ANALYZE jobs; ANALYZE job_events');
    if (signal.aborted) throw new InterruptedError();
    const { checkpoint, liveCheckpoint, underLock } = await this.swap();
    return { resumedAt, built, buildRate, verifyRate, tables: this.verifier.report(), checkpoint, liveCheckpoint, underLock };
  }

  private async build(fromSeq: number, toSeq: number): Promise<number> {
    const { batchSize, signal, progress, maxRate } = this.options;
    const started = Date.now();
    let applied = 0;
    for await (const chunk of eventChunks(this.store, { fromSeq, toSeq }, batchSize, signal, this.onInvalid)) {
      applied += (await applyEventBatch(this.shadow, JOBS_PROJECTION, chunk.events)).applied;
      progress.update(chunk.toSeq - fromSeq + 1);
      if (maxRate !== null) await pause(started + (applied / maxRate) * 1000 - Date.now(), signal);
    }
    return applied;
  }

  /** Applies and verifies `fromSeq..toSeq` in one go (the stream's newest events); returns how many. */
  private async advance(fromSeq: number, toSeq: number): Promise<number> {
    const touched: string[] = [];
    let applied = 0;
    for await (const chunk of eventChunks(this.store, { fromSeq, toSeq }, this.options.batchSize, this.options.signal, this.onInvalid)) {
      applied += (await applyEventBatch(this.shadow, JOBS_PROJECTION, chunk.events)).applied;
      await this.verifier.checkEvents(this.shadow, chunk.fromSeq, chunk.toSeq, chunk.events);
      touched.push(...ProjectionVerifier.jobIds(chunk.events));
    }
    await this.verifier.checkJobs(this.shadow, touched);
    return applied;
  }

  /** The swap waits for readers of the live tables; when that takes too long, it tries again. */
  private async swap(): Promise<{ checkpoint: number; liveCheckpoint: number; underLock: number }> {
    for (let attempt = 1; ; attempt++) {
      let underLock = 0;
      try {
        const swapped = await swapProjectionTables(this.live, {
          projection: JOBS_PROJECTION,
          catchUp: async (liveCheckpoint) => {
            const built = await readCheckpoint(this.shadow, JOBS_PROJECTION);
            if (liveCheckpoint > built) underLock = await this.advance(built + 1, liveCheckpoint);
            return readCheckpoint(this.shadow, JOBS_PROJECTION);
          },
        });
        return { ...swapped, underLock };
      } catch (error) {
        const lockTimeout = (error as { code?: string }).code === '55P03';
        if (!lockTimeout || attempt === SWAP_ATTEMPTS) throw error;
        this.options.note('the live tables stayed busy; trying the switch again');
      }
    }
  }

  private async streamEnd(): Promise<number> {
    return (await this.store.jsm.streams.info(this.store.names.jobsStream)).state.last_seq;
  }
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
