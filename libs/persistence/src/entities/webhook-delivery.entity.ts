import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/**
 * One attempt at delivering a webhook. The attempts of one delivery share `id`, the Standard
 * Webhooks message id; the migration owns the partial index that allows one success per event.
 */
@Entity({ name: 'webhook_deliveries' })
@Unique('webhook_deliveries_event_attempt_key', ['jobId', 'eventVersion', 'attempt'])
@Index('webhook_deliveries_one_success_idx', { synchronize: false })
export class WebhookDeliveryEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @PrimaryColumn({ type: 'integer' })
  attempt!: number;

  @Column({ name: 'job_id', type: 'uuid' })
  jobId!: string;

  @Column({ name: 'project_id', type: 'text' })
  projectId!: string;

  @Column({ type: 'text' })
  url!: string;

  @Column({ name: 'event_type', type: 'text' })
  eventType!: string;

  @Column({ name: 'event_version', type: 'integer' })
  eventVersion!: number;

  @Column({ type: 'text' })
  state!: 'pending' | 'delivered' | 'failed';

  @Column({ name: 'status_code', type: 'integer', nullable: true })
  statusCode!: number | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ name: 'duration_ms', type: 'integer', nullable: true })
  durationMs!: number | null;

  @Column({ name: 'attempted_at', type: 'timestamptz' })
  attemptedAt!: Date;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt!: Date | null;
}
