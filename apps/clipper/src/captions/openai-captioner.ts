import { z } from 'zod';
import { RetryableError } from '@jetjobs/worker-runtime';
import { postJson, type RemoteEndpoint } from '../remote/remote-endpoint';
import type { TokenPrices } from '../remote/usage-meter';
import { SHORTS_TITLE_MAX, type CaptionRequest, type Captioner, type Captions } from './captioner';
import { extractiveCaptions } from './local-captioner';
import { joinWords, truncateWords } from './text';

const completionSchema = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string().nullable() }) })).min(1),
  usage: z.object({ prompt_tokens: z.number().default(0), completion_tokens: z.number().default(0) }).optional(),
});

const captionsSchema = z.object({
  title: z.string().trim().min(1),
  video_description_for_tiktok: z.string().trim().min(1),
  video_description_for_instagram: z.string().trim().min(1),
  video_title_for_youtube_short: z.string().trim().min(1),
});

const SYSTEM_PROMPT = [
  'You write metadata for short vertical videos cut from a longer talk.',
  'Answer with one JSON object and nothing else, with the string fields: title (a catchy title, under 60 characters),',
  'video_description_for_tiktok (one or two sentences and 3 hashtags), video_description_for_instagram (two or three sentences',
  'and up to 5 hashtags), video_title_for_youtube_short (at most 100 characters). Use only what the transcript says;',
  'hashtags name its topics.',
].join(' ');

/**
 * An OpenAI-compatible `POST /chat/completions` with a JSON response, one call per clip, priced
 * per token from its `usage`. An answer that is not the expected JSON is logged and replaced by
 * the extractive captions: a clip is worth more with plain captions than a failed job.
 */
export class OpenAiCaptioner implements Captioner {
  constructor(
    private readonly endpoint: RemoteEndpoint,
    private readonly prices: TokenPrices,
  ) {}

  get description(): string {
    return `${this.endpoint.model} at ${new URL(this.endpoint.baseUrl).host}`;
  }

  async caption(request: CaptionRequest): Promise<Captions> {
    const transcript = joinWords(request.words) || '(no speech: describe it as a highlight of the video)';
    const body = {
      model: this.endpoint.model,
      response_format: { type: 'json_object' },
      messages: [
        { role: 'system', content: SYSTEM_PROMPT },
        { role: 'user', content: `Clip ${request.index}, from ${request.moment.start} s to ${request.moment.end} s.\nTranscript: ${transcript}` },
      ],
    };
    const completion = completionSchema.safeParse(await postJson(this.endpoint, '/chat/completions', body, request.signal, 'caption model'));
    if (!completion.success) throw new RetryableError(`The caption model answered in an unexpected shape: ${completion.error.issues[0]?.message}`, 'model_bad_response');
    const usage = completion.data.usage ?? { prompt_tokens: 0, completion_tokens: 0 };
    request.usage.addLlmCall({ promptTokens: usage.prompt_tokens, completionTokens: usage.completion_tokens }, this.prices);
    const captions = captionsSchema.safeParse(parseJson(completion.data.choices[0]?.message.content ?? ''));
    if (!captions.success) {
      await request.warn(`Caption model answer for clip ${request.index} was not the expected JSON; using extractive captions instead.`);
      return extractiveCaptions(request);
    }
    return { ...captions.data, video_title_for_youtube_short: truncateWords(captions.data.video_title_for_youtube_short, SHORTS_TITLE_MAX) };
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text.replace(/^```(?:json)?\s*|\s*```$/g, ''));
  } catch {
    return null;
  }
}
