import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';

/**
 * A long-running consumer loop owned by a Nest provider: started once the app is up, restarted
 * with a pause when it fails (a server restart, a deleted consumer), stopped and awaited on
 * shutdown so that no batch is cut in half.
 */
export abstract class BackgroundLoop implements OnApplicationBootstrap, OnApplicationShutdown {
  protected readonly logger = new Logger(this.constructor.name);
  private readonly controller = new AbortController();
  private running: Promise<void> | null = null;

  /** Runs until `signal` aborts; returning early or throwing makes the loop start it again. */
  protected abstract run(signal: AbortSignal): Promise<void>;

  onApplicationBootstrap(): void {
    this.running = this.loop(this.controller.signal);
  }

  async onApplicationShutdown(): Promise<void> {
    this.controller.abort();
    await this.running;
  }

  private async loop(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        await this.run(signal);
      } catch (error) {
        if (signal.aborted) break;
        this.logger.error(`stopped: ${error instanceof Error ? error.message : String(error)}; restarting`);
      }
      if (!signal.aborted) await pause(1_000, signal);
    }
  }
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}
