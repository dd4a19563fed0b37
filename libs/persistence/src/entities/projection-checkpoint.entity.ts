import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from './bigint.transformer';

/** How far a named projection has read the JOBS stream, written with the rows it produced. */
@Entity({ name: 'projection_checkpoints' })
export class ProjectionCheckpointEntity {
  @PrimaryColumn({ type: 'text' })
  name!: string;

  @Column({ name: 'last_seq', type: 'bigint', transformer: bigintTransformer })
  lastSeq!: number;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
