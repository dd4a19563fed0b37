import { ConfigError } from '@jetjobs/config';
import { loadModerationConfig, moderationSettings } from './moderation-config';

const problemsOf = (env: NodeJS.ProcessEnv): readonly string[] => {
  try {
    loadModerationConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('moderation configuration', () => {
  it('defaults to the local model, 1 sample a second and the documented thresholds', () => {
    const settings = moderationSettings(loadModerationConfig({}));
    expect(settings.sampling).toEqual({ intervalS: 1, sceneThreshold: 0.1, minSceneS: 1 });
    expect(settings.rule).toEqual({ thresholds: { porn: 0.5, hentai: 0.5, sexy: 0.8, violence: 0.5, self_harm: 0.5, minors: 0.3 }, minIntervalSamples: 2 });
    expect(settings.download).toEqual({ allowlist: [], maxBytes: 300 * 1024 ** 2, timeoutMs: 300_000, idleTimeoutMs: 30_000 });
    expect(loadModerationConfig({}).MODERATION_BACKEND).toBe('local');
  });

  it('overrides single thresholds and parses the allowlist', () => {
    const config = loadModerationConfig({ MODERATION_THRESHOLDS: 'porn=0.7, sexy=0.95', JETJOBS_SOURCE_URL_ALLOWLIST: 'media.internal,10.0.0.0/8' });
    expect(config.MODERATION_THRESHOLDS).toMatchObject({ porn: 0.7, sexy: 0.95, hentai: 0.5 });
    expect(config.JETJOBS_SOURCE_URL_ALLOWLIST).toEqual(['media.internal', '10.0.0.0/8']);
  });

  it('names every bad variable at once, in words a person can act on', () => {
    const problems = problemsOf({ MODERATION_BACKEND: 'gpu', MODERATION_THRESHOLDS: 'porn=2,gore=0.5', MODERATION_SAMPLE_INTERVAL_S: '0' });
    expect(problems).toHaveLength(3);
    expect(problems.find((p) => p.startsWith('MODERATION_BACKEND'))).toMatch(/local|openai|kserve/);
    expect(problems.find((p) => p.startsWith('MODERATION_THRESHOLDS'))).toMatch(/"porn=2", "gore=0.5"/);
    expect(problems.find((p) => p.startsWith('MODERATION_SAMPLE_INTERVAL_S'))).toBeDefined();
  });

  it('requires the chosen remote backend to be described', () => {
    expect(problemsOf({ MODERATION_BACKEND: 'openai' })).toEqual([expect.stringMatching(/^MODERATION_OPENAI_URL: required when MODERATION_BACKEND=openai/)]);
    expect(problemsOf({ MODERATION_BACKEND: 'kserve', MODERATION_KSERVE_URL: 'ftp://x', MODERATION_PERSISTENCE: '0' })).toEqual([
      expect.stringMatching(/^MODERATION_PERSISTENCE: Too small/),
      expect.stringMatching(/^MODERATION_KSERVE_URL: an http\(s\) URL/),
      expect.stringMatching(/^MODERATION_KSERVE_MODEL: required/),
    ]);
    expect(problemsOf({ MODERATION_BACKEND: 'kserve', MODERATION_KSERVE_URL: 'http://127.0.0.1:9000' })).toEqual([
      expect.stringMatching(/^MODERATION_KSERVE_MODEL: required/),
    ]);
  });

  it('reads a blank URL as unset, as the other workers do (an env file writes NAME= to leave it out)', () => {
    expect(problemsOf({ MODERATION_OPENAI_URL: '', MODERATION_KSERVE_URL: '' })).toEqual([]);
    expect(problemsOf({ MODERATION_BACKEND: 'openai', MODERATION_OPENAI_URL: '' })).toEqual([expect.stringMatching(/^MODERATION_OPENAI_URL: required when MODERATION_BACKEND=openai/)]);
  });
});
