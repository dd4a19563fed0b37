import { CATEGORIES, NOT_ASSESSED, NSFW_PARTS, PROHIBITING, type Category, type CategoryValue } from './categories';
import { flaggedSegments, type FlaggedSegment, type PersistenceRule, type ScoredSample } from './flagged-segments';
import type { UnjudgedReason } from './frame-judgeability';

export interface VideoVerdict {
  readonly isProhibited: boolean;
  /** Every category, `nsfw` included: true, false, or `not_assessed`. */
  readonly categories: Readonly<Record<Category | 'nsfw', CategoryValue>>;
  /** Highest score seen per assessed category. */
  readonly maxScores: Partial<Record<Category, number>>;
  /** The flagged segments, at most `maxEvidence`, highest-scoring first kept, in time order. */
  readonly segments: readonly FlaggedSegment[];
  /** Sampled frames the model could not judge (dark, tiny, blurred), by reason. */
  readonly unjudged: { readonly frames: number; readonly reasons: Partial<Record<UnjudgedReason, number>> };
}

/**
 * Merges the per-frame scores of a whole video. Per category: OR across frames, but only over
 * runs that pass the persistence rule (`flaggedSegments`). A category is assessed when every
 * sample has a score for it; one the backend did not score on every sample is `not_assessed`,
 * never false, because "we did not look" must not read as "clean". Frames the model could not
 * judge (black, a sliver, no detail left) are left out, neither safe nor unsafe: their scores are
 * noise, and a run of flagged frames continues across them. Every frame unjudged: not assessed.
 */
export function videoVerdict(all: readonly ScoredSample[], rule: PersistenceRule, maxEvidence: number): VideoVerdict {
  const samples = all.filter((sample) => !sample.unjudged);
  const categories = {} as Record<Category | 'nsfw', CategoryValue>;
  const maxScores: Partial<Record<Category, number>> = {};
  const segments: FlaggedSegment[] = [];
  for (const category of CATEGORIES) {
    if (samples.length === 0 || !samples.every((sample) => sample.scores[category] !== undefined)) {
      categories[category] = NOT_ASSESSED;
      continue;
    }
    maxScores[category] = round(Math.max(...samples.map((sample) => sample.scores[category] ?? 0)));
    const found = flaggedSegments(samples, category, rule);
    categories[category] = found.length > 0;
    segments.push(...found);
  }
  categories.nsfw = anyOf(NSFW_PARTS.map((part) => categories[part]));
  const isProhibited = CATEGORIES.some((category) => PROHIBITING.has(category) && categories[category] === true);
  return { isProhibited, categories, maxScores, segments: strongest(segments, maxEvidence), unjudged: unjudgedCounts(all) };
}

function unjudgedCounts(samples: readonly ScoredSample[]): VideoVerdict['unjudged'] {
  const reasons: Partial<Record<UnjudgedReason, number>> = {};
  for (const { unjudged } of samples) if (unjudged) reasons[unjudged] = (reasons[unjudged] ?? 0) + 1;
  return { frames: Object.values(reasons).reduce((sum, n) => sum + n, 0), reasons };
}

/** True if any is true; false if some were assessed and none is true; else not assessed. */
function anyOf(values: readonly CategoryValue[]): CategoryValue {
  if (values.includes(true)) return true;
  return values.includes(false) ? false : NOT_ASSESSED;
}

function strongest(segments: readonly FlaggedSegment[], max: number): FlaggedSegment[] {
  return [...segments]
    .sort((a, b) => b.peak.score - a.peak.score)
    .slice(0, max)
    .sort((a, b) => a.start - b.start || a.category.localeCompare(b.category));
}

function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}
