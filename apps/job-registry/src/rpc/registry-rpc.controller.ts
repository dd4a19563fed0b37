import { Controller, type Type } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { z } from 'zod';
import {
  eventsAfterPayloadSchema,
  getJobPayloadSchema,
  jobCommandPayloadSchema,
  listJobsPayloadSchema,
  submitJobPayloadSchema,
  type Names,
} from '@jetjobs/contracts';
import { JobCommandsService } from '../commands/job-commands.service';
import { JobQueriesService } from '../queries/job-queries.service';
import { toReply } from './to-reply';

/**
 * The registry's request/reply surface. Subjects carry the namespace, which is only known at
 * start-up, so the controller class is made per namespace rather than decorated statically.
 */
export function registryRpcController(names: Names): Type<unknown> {
  @Controller()
  class RegistryRpcController {
    constructor(
      private readonly commands: JobCommandsService,
      private readonly queries: JobQueriesService,
    ) {}

    @MessagePattern(names.command('submit'))
    submit(@Payload() payload: unknown) {
      return toReply(submitJobPayloadSchema, payload, (p) => this.commands.submit(p));
    }

    @MessagePattern(names.command('cancel'))
    cancel(@Payload() payload: unknown) {
      return toReply(jobCommandPayloadSchema, payload, (p) => this.commands.cancel(p));
    }

    @MessagePattern(names.command('retry'))
    retry(@Payload() payload: unknown) {
      return toReply(jobCommandPayloadSchema, payload, (p) => this.commands.retry(p));
    }

    @MessagePattern(names.query('job'))
    job(@Payload() payload: unknown) {
      return toReply(getJobPayloadSchema, payload, (p) => this.queries.job(p));
    }

    @MessagePattern(names.query('jobs'))
    jobs(@Payload() payload: unknown) {
      return toReply(listJobsPayloadSchema, payload, (p) => this.queries.list(p));
    }

    @MessagePattern(names.query('events'))
    events(@Payload() payload: unknown) {
      return toReply(eventsAfterPayloadSchema, payload, (p) => this.queries.events(p));
    }

    @MessagePattern(names.query('health'))
    health(@Payload() payload: unknown) {
      return toReply(z.unknown(), payload, async () => ({ status: 'ok' as const }));
    }
  }
  return RegistryRpcController;
}
