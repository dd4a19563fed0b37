import { CATEGORIES, isCategory, type Category } from '../verdict/categories';

/**
 * Per-frame score thresholds. nsfwjs's five probabilities sum to 1, so 0.5 means "the most
 * likely class by a clear margin"; suggestive (`sexy`) needs more to count since it is common in
 * ordinary footage. Remote backends' categories use the same scale.
 */
export const DEFAULT_THRESHOLDS: Readonly<Record<Category, number>> = {
  porn: 0.5,
  hentai: 0.5,
  sexy: 0.8,
  violence: 0.5,
  self_harm: 0.5,
  minors: 0.3,
};

/**
 * Parses `MODERATION_THRESHOLDS`, e.g. `porn=0.6,sexy=0.9`: the named categories' thresholds
 * replace the defaults.
 *
 * @throws Error naming each entry that is not `<category>=<number between 0 and 1>`.
 */
export function parseThresholds(text: string): Record<Category, number> {
  const thresholds = { ...DEFAULT_THRESHOLDS };
  const invalid: string[] = [];
  for (const entry of text.split(',').map((part) => part.trim()).filter(Boolean)) {
    const [name = '', value = ''] = entry.split('=').map((part) => part.trim());
    const threshold = Number(value);
    if (isCategory(name) && value !== '' && threshold >= 0 && threshold <= 1) thresholds[name] = threshold;
    else invalid.push(`"${entry}"`);
  }
  if (invalid.length > 0) throw new Error(`expected <category>=<0..1> with a category among ${CATEGORIES.join(', ')}; got ${invalid.join(', ')}`);
  return thresholds;
}
