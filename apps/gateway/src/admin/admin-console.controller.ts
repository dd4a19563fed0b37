import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, HttpCode, Inject, Post, Query, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import { kindSchema } from '@jetjobs/contracts';
import { toAdminJobJson, toJobJson } from '@jetjobs/dialects';
import { EventStore } from '@jetjobs/event-store';
import { Actor } from '../auth/actor.decorator';
import { AuthGuard } from '../auth/auth.guard';
import { RequireScopes } from '../auth/require-scopes.decorator';
import { consoleJobsQuerySchema, toConsoleJobsPayload } from '../console/console-requests';
import { JsonBodyGuard } from '../jobs/json-body.guard';
import { RegistryClient } from '../registry/registry-client';
import { bulkRedriveBodySchema, checkConfirmation, matchingFailures } from './admin-bulk-redrive';
import { toFailuresPayload } from './admin-failures';
import { readOperations } from './admin-operations';

const failureGroupsQuerySchema = z.strictObject({
  project: z.string().min(1).max(200).optional(),
  kind: kindSchema.optional(),
  since: z.iso.datetime({ offset: true }).optional(),
});

/**
 * The operator routes the console needs: every project's jobs, failures listed and grouped, redrive of all
 * failures matching a filter, and the operations view. Reads take `admin:read` (which `admin`
 * includes); the redrive takes `admin`.
 */
@Controller('v1/admin')
@UseGuards(AuthGuard)
export class AdminConsoleController {
  constructor(
    @Inject(EventStore) private readonly store: EventStore,
    private readonly registry: RegistryClient,
  ) {}

  @Get('jobs')
  @RequireScopes('admin:read')
  async jobs(@Query() raw: unknown) {
    const query = consoleJobsQuerySchema.parse(raw);
    const page = await this.registry.send('console-jobs', toConsoleJobsPayload(query, query.project ?? null));
    return { items: page.items.map((job) => ({ ...toJobJson(job), project_id: job.projectId })), next_cursor: page.nextCursor };
  }

  /** Failed jobs with their whole state: what `jetjobs failures` lists, without NATS access. */
  @Get('failures')
  @RequireScopes('admin:read')
  async failures(@Query() raw: unknown) {
    const page = await this.registry.send('failures', toFailuresPayload(raw));
    return { items: page.items.map(toAdminJobJson), next_cursor: page.nextCursor };
  }

  @Get('failure-groups')
  @RequireScopes('admin:read')
  async failureGroups(@Query() raw: unknown) {
    const query = failureGroupsQuerySchema.parse(raw);
    const { groups } = await this.registry.send('failure-groups', { projectId: query.project ?? null, kind: query.kind ?? null, since: query.since ?? null });
    return { groups: groups.map((g) => ({ kind: g.kind, error_code: g.code, count: g.count, last_failed_at: g.lastFailedAt })) };
  }

  /** Redrives one after another: each is one command on its own job, recorded with who and why. */
  @Post('redrive')
  @HttpCode(200)
  @UseGuards(JsonBodyGuard)
  @RequireScopes('admin')
  async redrive(@Actor() actor: Actor, @Body() raw: unknown) {
    const body = bulkRedriveBodySchema.parse(raw ?? {});
    const ids = await matchingFailures(this.registry, body.filter);
    if (body.dry_run === true) return { dry_run: true, matching: ids.length, job_ids: ids.slice(0, 20) };
    const reason = checkConfirmation(body, ids.length);
    const correlationId = randomUUID();
    const redriven: string[] = [];
    const refused: { job_id: string; error: string }[] = [];
    for (const jobId of ids) {
      try {
        await this.registry.send('redrive', { jobId, requestedBy: actor.subject, reason, correlationId });
        redriven.push(jobId);
      } catch (error) {
        refused.push({ job_id: jobId, error: error instanceof Error ? error.message : String(error) });
      }
    }
    return { dry_run: false, matching: ids.length, redriven, refused, correlation_id: correlationId };
  }

  @Get('operations')
  @RequireScopes('admin:read')
  operations() {
    return readOperations(this.store, this.registry);
  }
}
