import { z } from 'zod';

/** What the dispatcher puts on the WORK stream: one item per job attempt. */
export const workItemSchema = z.object({
  jobId: z.uuid(),
  kind: z.string().min(1),
  attempt: z.number().int().positive(),
});
export type WorkItem = z.infer<typeof workItemSchema>;

/** The part of a max-deliveries advisory jetjobs reads (the rest is ignored). */
export const maxDeliveriesAdvisorySchema = z.object({
  stream: z.string(),
  consumer: z.string(),
  stream_seq: z.number().int().positive(),
  deliveries: z.number().int().positive(),
});
export type MaxDeliveriesAdvisory = z.infer<typeof maxDeliveriesAdvisorySchema>;
