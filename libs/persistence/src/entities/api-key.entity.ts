import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One API key: who it acts for, what it may do, and the hash of its secret. */
@Entity({ name: 'api_keys' })
// Declared for TypeORM's metadata only: the migration owns its definition (newest first).
@Index('api_keys_project_created_idx', { synchronize: false })
export class ApiKeyEntity {
  /** 16 hex digits, also the `<keyId>` part of `jj_<keyId>_<secret>`. */
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'project_id', type: 'text' })
  projectId!: string;

  @Column({ type: 'text', nullable: true })
  name!: string | null;

  @Column({ type: 'text' })
  prefix!: string;

  @Column({ type: 'text', array: true })
  scopes!: string[];

  /** Hex SHA-256 of the secret; compared in constant time by the verifier. */
  @Column({ name: 'secret_hash', type: 'text' })
  secretHash!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;
}
