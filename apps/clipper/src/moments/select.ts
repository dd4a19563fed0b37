export interface Moment {
  readonly start: number;
  readonly end: number;
  readonly score: number;
}

/**
 * The best moments first, none overlapping: repeatedly takes the highest-scoring window that
 * does not overlap one already taken (ties: the earlier one).
 */
export function selectMoments(candidates: readonly Moment[], maxClips: number): Moment[] {
  const ranked = [...candidates].sort((x, y) => y.score - x.score || x.start - y.start || x.end - y.end);
  const picked: Moment[] = [];
  for (const candidate of ranked) {
    if (picked.length >= maxClips) break;
    if (picked.every((p) => candidate.end <= p.start || candidate.start >= p.end)) picked.push(candidate);
  }
  return picked;
}
