import { clipperInputSchema } from '@jetjobs/contracts';
import { withTempDir } from '@jetjobs/media';
import { PermanentError, type JobHandler } from '@jetjobs/worker-runtime';
import { createCaptioner, createTranscriber } from './backends';
import type { ClipperConfig } from './clipper-config';
import { runClipperJob } from './clipper-job';
import type { StageListener } from './stage-clock';
import type { FileStore } from './storage/file-store';

export interface ClipperHandlerOptions {
  /** Where rendered clips and thumbnails go (default: the job context's media store). */
  readonly files?: FileStore;
  /** Told how long each stage took (the benchmark listens). */
  readonly onStage?: StageListener;
}

/**
 * The `clipper` kind: finds the most shareable 15–60 s moments of a video and renders each as a
 * clip with a title and captions. Everything a job writes lives in one temp directory, removed
 * however the job ends (completed, failed or cancelled).
 */
export function createClipperHandler(config: ClipperConfig, options: ClipperHandlerOptions = {}): JobHandler {
  const transcriber = createTranscriber(config);
  const captioner = createCaptioner(config);
  return async (context) => {
    const parsed = clipperInputSchema.safeParse(context.job.input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new PermanentError(`Invalid clipper input: ${issue?.path.join('.') || 'input'}: ${issue?.message}`, 'invalid_input');
    }
    const { aspect, burnCaptions } = parsed.data;
    await context.log(`Making ${aspect === 'vertical' ? 'vertical 9:16' : 'original-aspect'} clips${burnCaptions ? ' with burned-in captions' : ''}.`);
    return withTempDir('clipper', (dir) =>
      runClipperJob({
        context, input: parsed.data, dir, config, transcriber, captioner, onStage: options.onStage,
        files: options.files ?? ((name, file, type, owner) => context.media.upload(name, file, type, owner)),
      }),
    );
  };
}
