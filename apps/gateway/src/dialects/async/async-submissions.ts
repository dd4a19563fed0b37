import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ZodError } from 'zod';
import { CodedError, type Actor } from '@jetjobs/contracts';
import { assertPublicHttpUrl } from '@jetjobs/url-safety';
import { GATEWAY_CONFIG, type GatewayConfig } from '../../config/gateway-config';
import { zodErrorMessage } from '../../errors/zod-error-message';
import { AsyncAliases } from './async-aliases';
import type { ServiceBodyJob } from './async-service-bodies';
import type { AsyncRoute, AsyncService } from './async-services';
import { JobViews } from '../../live-events/job-views';

/** Runs an async request on a built-in service: reads `data` as the route takes it, submits, aliases. */
@Injectable()
export class AsyncSubmissions {
  constructor(
    private readonly views: JobViews,
    private readonly aliases: AsyncAliases,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** @returns the short id of the new request. */
  async submit(actor: Actor, service: AsyncService, route: AsyncRoute, data: unknown): Promise<string> {
    const { input, webhookUrl } = await this.jobOf(service, route, data);
    const { job } = await this.views.submit({
      actor,
      kind: service.kind,
      input,
      webhookUrl,
      idempotencyKey: null,
      correlationId: randomUUID(),
    });
    return this.aliases.bind(actor.projectId, service.slug, job.id);
  }

  /** At a route that takes both, `data` with a `source` is the job input, anything else the service's body. */
  private async jobOf(service: AsyncService, route: AsyncRoute, data: unknown): Promise<ServiceBodyJob> {
    const reader = service.serviceBody;
    if (!reader || !route.serviceBody || (route.jobInput && hasSource(data))) return { input: await this.inputOf(service, data), webhookUrl: null };
    try {
      return await reader(data, this.config);
    } catch (error) {
      const orJobInput = route.jobInput ? '; or give the job input as data.source ({"source": {"url": "<public http(s) URL>"}})' : '';
      if (error instanceof ZodError) throw new CodedError('validation_failed', `${zodErrorMessage(prefixed(error))}${orJobInput}`);
      if (error instanceof CodedError) throw new CodedError(error.code, `data.${error.message}${orJobInput}`);
      throw error;
    }
  }

  private async inputOf(service: AsyncService, data: unknown): Promise<unknown> {
    const parsed = service.input.safeParse(data);
    if (!parsed.success) throw new CodedError('validation_failed', zodErrorMessage(prefixed(parsed.error)));
    const source = (parsed.data as { source?: { url?: string; upload?: unknown } }).source;
    // An upload reference names an object in the store, possibly another project's: this API has
    // no upload of its own, so videos come by URL only.
    if (source?.upload !== undefined) {
      throw new CodedError('validation_failed', 'data.source.upload: not accepted here; give the video as data.source.url (a public http or https URL)');
    }
    if (source?.url !== undefined) {
      try {
        await assertPublicHttpUrl(source.url, { allowlist: this.config.JETJOBS_SOURCE_URL_ALLOWLIST });
      } catch (error) {
        if (error instanceof CodedError) throw new CodedError(error.code, `data.source.url: ${error.message}`);
        throw error;
      }
    }
    return parsed.data;
  }
}

function hasSource(data: unknown): boolean {
  return typeof data === 'object' && data !== null && Object.hasOwn(data, 'source');
}

/** Issues about the input read as paths under `data`, the field the caller sent. */
function prefixed(error: ZodError): ZodError {
  return new ZodError(error.issues.map((issue) => ({ ...issue, path: ['data', ...issue.path] })));
}
