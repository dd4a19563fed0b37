import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { JobEventOf, JobView } from '@jetjobs/contracts';
import { EventStore } from '@jetjobs/event-store';
import { fold, isAbsent } from '@jetjobs/job-domain';
import { claimWebhookAttempt, ensureWebhookSecret, finishWebhookAttempt, latestWebhookAttempt } from '@jetjobs/persistence';
import { DATA_SOURCE } from '../database/database.providers';
import { webhookBodyFor } from './webhook-bodies';
import type { WebhookSettings } from './webhook-config';
import { nextWebhookStep } from './webhook-next-step';
import { attemptOutcome, interruptedOutcome } from './webhook-outcome';
import { RegistryMetrics } from '../metrics/registry-metrics';
import { WebhookSender } from './webhook-sender';
import { WEBHOOK_SETTINGS } from './webhook-settings.provider';
import { newWebhookSecret, signWebhook } from './webhook-signature';

export type TerminalEvent = JobEventOf<'JobCompleted'> | JobEventOf<'JobFailed'> | JobEventOf<'JobCancelled'>;

// Beyond the request timeout: time to record the outcome before a claim counts as abandoned.
const RECORD_GRACE_MS = 5_000;

/**
 * Delivers one terminal event to its job's webhook, one attempt per call. Everything it knows
 * comes from the attempt rows and the stream, so redeliveries and replicas agree on what to do.
 */
@Injectable()
export class WebhookDeliverer {
  constructor(
    private readonly store: EventStore,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(WEBHOOK_SETTINGS) private readonly settings: WebhookSettings,
    private readonly sender: WebhookSender,
    private readonly metrics: RegistryMetrics,
  ) {}

  /** Resolves to how long to wait before handling the event again, or null when it is settled. */
  async handle(event: TerminalEvent): Promise<number | null> {
    if (!(await this.hasWebhook(event))) return null;
    const { jobId, version } = event.metadata;
    const now = new Date();
    const latest = await latestWebhookAttempt(this.dataSource, jobId, version);
    const step = nextWebhookStep(latest, now, { maxAttempts: this.settings.maxAttempts, inFlightMs: this.settings.timeoutMs + RECORD_GRACE_MS });
    switch (step.type) {
      case 'done':
        return null;
      case 'wait':
        return step.delayMs;
      case 'give-up':
        await finishWebhookAttempt(this.dataSource, step.interrupted.id, step.interrupted.attempt, interruptedOutcome(null));
        return null;
      case 'send':
        if (step.interrupted) {
          await finishWebhookAttempt(this.dataSource, step.interrupted.id, step.interrupted.attempt, interruptedOutcome(now));
        }
        return this.attempt(event, step.attempt);
    }
  }

  private async attempt(event: TerminalEvent, attempt: number): Promise<number | null> {
    const job = await this.jobAt(event);
    if (job === null || job.webhookUrl === null) return null;
    const id = event.metadata.eventId;
    const secret = await ensureWebhookSecret(this.dataSource, job.projectId, newWebhookSecret());
    const body = JSON.stringify(webhookBodyFor(job));
    const attemptedAt = new Date();
    const claim = { id, jobId: job.id, projectId: job.projectId, url: job.webhookUrl, eventType: event.type, eventVersion: event.metadata.version, attempt, attemptedAt };
    // Lost the claim: another consumer is sending this very attempt; look again once it is done.
    if (!(await claimWebhookAttempt(this.dataSource, claim))) return this.settings.timeoutMs + RECORD_GRACE_MS;
    const headers = signWebhook(secret, id, Math.floor(attemptedAt.getTime() / 1000), body);
    const result = await this.sender.send(job.webhookUrl, headers, body);
    const finishedAt = new Date();
    const outcome = attemptOutcome(result, attempt, this.settings, finishedAt);
    await finishWebhookAttempt(this.dataSource, id, attempt, outcome);
    this.metrics.webhookDeliveries.inc({ outcome: WEBHOOK_OUTCOME_LABELS[outcome.state] });
    return outcome.nextAttemptAt === null ? null : Math.max(0, outcome.nextAttemptAt.getTime() - finishedAt.getTime());
  }

  /**
   * Most jobs have no webhook, and every terminal event passes here. The URL is fixed at
   * submission, so the job's first event answers with one direct read of the stream: no
   * database query, and no waiting for the projection to catch up.
   */
  async hasWebhook(event: TerminalEvent): Promise<boolean> {
    const first = await this.store.firstEvent(event.metadata.kind, event.metadata.jobId);
    return first?.event.type === 'JobSubmitted' && first.event.data.webhookUrl !== null;
  }

  /** The job as it was when the event happened: every retry renders the same body. */
  private async jobAt(event: TerminalEvent): Promise<JobView | null> {
    const loaded = await this.store.load(event.metadata.jobId);
    const state = fold(loaded.events.map((stored) => stored.event).filter((e) => e.metadata.version <= event.metadata.version));
    return isAbsent(state) ? null : state;
  }
}

/** An attempt's outcome as a metric label: delivered, or failed with another attempt to come, or given up. */
const WEBHOOK_OUTCOME_LABELS = { delivered: 'delivered', pending: 'retrying', failed: 'gave_up' } as const;
