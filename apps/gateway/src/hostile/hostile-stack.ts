import { Objm } from '@nats-io/obj';
import { headers as natsHeaders } from '@nats-io/transport-node';
import { mediaOwnerMetadata } from '@jetjobs/contracts';
import { jsonPost, startTestGateway, type TestGateway } from '../testing/test-gateway';
import { startTestRegistry, type TestRegistry } from '../testing/test-registry';
import { fileForm, mp4Bytes } from '../testing/video-fixtures';

/** Every scope there is, so that hostile requests get past authorisation to the input checks. */
export const ALL_SCOPES = ['job:read', 'job:write', 'avf:infer', 'clips:process', 'moderate:video', 'async:write', 'admin'];

/** A public address literal: accepted as a video URL without a DNS lookup. */
export const PUBLIC_VIDEO_URL = 'https://93.184.215.14/talk.mp4';

/** The clip every seeded clipper job has, stored where the clipper worker stores its clips. */
export const SEEDED_CLIP = 'clip_1.mp4';

/** One job of each API of a project, made through that API. */
export interface SeededJobs {
  readonly native: string;
  readonly avf: string;
  readonly clipper: string;
  readonly moderation: string;
  /** The async API's short id of a clipper request, and the job behind it. */
  readonly asyncId: string;
}

export interface HostileStack {
  readonly gw: TestGateway;
  readonly registry: TestRegistry;
  /** A token for the project with every scope. */
  token(projectId?: string): string;
  /** Submits one job through each API for the project. */
  seedJobs(projectId: string): Promise<SeededJobs>;
  close(): Promise<void>;
}

/** A gateway and the real registry in a fresh namespace. */
export async function startHostileStack(label: string, env: Record<string, string> = {}): Promise<HostileStack> {
  const gw = await startTestGateway(label, env);
  const registry = await startTestRegistry(gw.config.JETJOBS_NAMESPACE);
  const token = (projectId = 'project-a') => gw.token(ALL_SCOPES, projectId);
  const bodyOf = async (response: Response, status: number): Promise<Record<string, unknown>> => {
    const text = await response.text();
    if (response.status !== status) throw new Error(`seeding: expected ${status}, got ${response.status}: ${text}`);
    return JSON.parse(text) as Record<string, unknown>;
  };
  const seedJobs = async (projectId: string): Promise<SeededJobs> => {
    const as = token(projectId);
    const native = await bodyOf(await gw.request('/v1/jobs', jsonPost({ kind: 'echo', input: { message: projectId } }, as)), 202);
    const avf = await bodyOf(await gw.request('/api-gateway/avf/infer', { method: 'POST', body: fileForm(mp4Bytes(4096)), token: as }), 202);
    const clipper = await bodyOf(await gw.request('/api/process', jsonPost({ url: PUBLIC_VIDEO_URL }, as)), 200);
    const moderation = await bodyOf(await gw.request('/api/v1/moderate/video', jsonPost({ video_url: PUBLIC_VIDEO_URL }, as)), 202);
    const asyncRequest = await bodyOf(await gw.request('/api/v1/services/clipper/async', jsonPost({ data: { source: { url: PUBLIC_VIDEO_URL } } }, as)), 201);
    const clipperId = clipper['job_id'] as string;
    const bucket = await new Objm(gw.events.nc).open(gw.events.names.mediaBucket);
    const meta = natsHeaders();
    meta.set('Content-Type', 'video/mp4');
    const owner = mediaOwnerMetadata({ projectId, jobId: clipperId, purpose: 'output' });
    await bucket.putBlob({ name: `clips/${clipperId}/${SEEDED_CLIP}`, headers: meta, metadata: owner }, mp4Bytes(2048));
    return {
      native: native['id'] as string,
      avf: ((avf['data'] as { metadata: { request_id: string } }).metadata.request_id),
      clipper: clipperId,
      moderation: moderation['job_id'] as string,
      asyncId: asyncRequest['id'] as string,
    };
  };
  return {
    gw,
    registry,
    token,
    seedJobs,
    close: async () => {
      await gw.close();
      await registry.close();
    },
  };
}

/** Open file descriptors of this process, where the gateway under test runs. */
export async function openFds(): Promise<number> {
  const { readdir } = await import('node:fs/promises');
  return (await readdir('/proc/self/fd')).length;
}
