import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A project's webhook signing secret, `whsec_<base64>`. Kept as written, not hashed: signing
 * needs the key itself.
 */
@Entity({ name: 'webhook_secrets' })
export class WebhookSecretEntity {
  @PrimaryColumn({ name: 'project_id', type: 'text' })
  projectId!: string;

  @Column({ type: 'text' })
  secret!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
