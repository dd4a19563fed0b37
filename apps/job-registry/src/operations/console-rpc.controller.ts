import { Controller, type Type } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { z } from 'zod';
import { consoleJobsPayloadSchema, failureGroupsPayloadSchema, type Names } from '@jetjobs/contracts';
import { toReply } from '../rpc/to-reply';
import { ConsoleQueriesService } from './console-queries.service';

/** The console's query subjects, made per namespace like the registry's other RPC controllers. */
export function consoleRpcController(names: Names): Type<unknown> {
  @Controller()
  class ConsoleRpcController {
    constructor(private readonly queries: ConsoleQueriesService) {}

    @MessagePattern(names.query('console-jobs'))
    jobs(@Payload() payload: unknown) {
      return toReply(consoleJobsPayloadSchema, payload, (p) => this.queries.jobs(p));
    }

    @MessagePattern(names.query('failure-groups'))
    failureGroups(@Payload() payload: unknown) {
      return toReply(failureGroupsPayloadSchema, payload, (p) => this.queries.failureGroups(p));
    }

    @MessagePattern(names.query('projection-status'))
    projectionStatus(@Payload() payload: unknown) {
      return toReply(z.object({}), payload, () => this.queries.projectionStatus());
    }
  }
  return ConsoleRpcController;
}
