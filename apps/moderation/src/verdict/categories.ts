/**
 * The categories a moderation result reports. A backend assesses some of them; every other one is
 * reported as `not_assessed`, never as clean.
 */
export const CATEGORIES = ['porn', 'hentai', 'sexy', 'violence', 'self_harm', 'minors'] as const;
export type Category = (typeof CATEGORIES)[number];

/** Categories whose presence makes a video prohibited. `sexy` (suggestive) is reported only. */
export const PROHIBITING: ReadonlySet<Category> = new Set(['porn', 'hentai', 'violence', 'self_harm', 'minors']);

/** `nsfw` is derived: explicit sexual content of any kind. */
export const NSFW_PARTS: readonly Category[] = ['porn', 'hentai'];

export const NOT_ASSESSED = 'not_assessed';
export type CategoryValue = boolean | typeof NOT_ASSESSED;

/** Scores (0–1) of one sampled frame, for the categories its backend assessed. */
export type FrameScores = Partial<Record<Category, number>>;

export function isCategory(name: string): name is Category {
  return (CATEGORIES as readonly string[]).includes(name);
}
