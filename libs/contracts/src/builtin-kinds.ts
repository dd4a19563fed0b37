import { z } from 'zod';

/** The kinds jetjobs serves out of the box; teams add their own kinds with their own workers. */
export const BUILTIN_KINDS = { avf: 'avf', moderation: 'moderation', clipper: 'clipper' } as const;
export type BuiltinKind = (typeof BUILTIN_KINDS)[keyof typeof BUILTIN_KINDS];

/** A file in the namespace's media object store (an upload, a rendered clip, a thumbnail). */
export const mediaRefSchema = z.object({
  /** Object name in the media bucket, e.g. `uploads/<uuid>/<sanitised name>`. */
  object: z.string().min(1),
  filename: z.string().min(1),
  size: z.number().int().nonnegative(),
  contentType: z.string().min(1),
});
export type MediaRef = z.infer<typeof mediaRefSchema>;

/** Where a job's video comes from: an upload already in the object store, or a public URL. */
export const videoSourceSchema = z.union([
  z.object({ upload: mediaRefSchema }),
  z.object({ url: z.url({ protocol: /^https?$/ }) }),
]);
export type VideoSource = z.infer<typeof videoSourceSchema>;

/** Input of an `avf` job (forgery detection of an uploaded video). */
export const avfInputSchema = z.object({
  source: videoSourceSchema,
  sequenceLength: z.number().int().min(5).max(500).optional(),
});
export type AvfInput = z.infer<typeof avfInputSchema>;

/** Input of a `moderation` job. */
export const moderationInputSchema = z.object({ source: videoSourceSchema });
export type ModerationInput = z.infer<typeof moderationInputSchema>;

/** Input of a `clipper` job. */
export const clipperInputSchema = z.object({
  source: videoSourceSchema,
  aspect: z.enum(['vertical', 'original']).default('vertical'),
  burnCaptions: z.boolean().default(false),
});
export type ClipperInput = z.infer<typeof clipperInputSchema>;
