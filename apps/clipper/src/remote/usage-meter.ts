import type { CostAnalysis } from '../clip';

export interface TokenPrices {
  /** USD per million prompt tokens. */
  readonly inputPerMillion: number;
  /** USD per million completion tokens. */
  readonly outputPerMillion: number;
}

/**
 * What one job used: audio transcribed and language-model calls, priced from configuration with
 * the usage the remote services report. The local pipeline records seconds and no cost.
 */
export class UsageMeter {
  private transcribedSeconds = 0;
  private llmCalls = 0;
  private costUsd = 0;

  addTranscribedSeconds(seconds: number, usdPerMinute = 0): void {
    this.transcribedSeconds += seconds;
    this.costUsd += (seconds / 60) * usdPerMinute;
  }

  addLlmCall(usage: { promptTokens: number; completionTokens: number }, prices: TokenPrices): void {
    this.llmCalls += 1;
    this.costUsd += (usage.promptTokens * prices.inputPerMillion + usage.completionTokens * prices.outputPerMillion) / 1_000_000;
  }

  toCostAnalysis(): CostAnalysis {
    return {
      total_cost: Math.round(this.costUsd * 1e6) / 1e6,
      gemini_api_calls: this.llmCalls,
      whisper_duration_seconds: Math.round(this.transcribedSeconds * 100) / 100,
    };
  }
}
