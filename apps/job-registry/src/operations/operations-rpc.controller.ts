import { Controller, type Type } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { failuresPayloadSchema, redrivePayloadSchema, type Names } from '@jetjobs/contracts';
import { toReply } from '../rpc/to-reply';
import { OperationsService } from './operations.service';

/** The operator subjects, made per namespace like the registry's main RPC controller. */
export function operationsRpcController(names: Names): Type<unknown> {
  @Controller()
  class OperationsRpcController {
    constructor(private readonly operations: OperationsService) {}

    @MessagePattern(names.query('failures'))
    failures(@Payload() payload: unknown) {
      return toReply(failuresPayloadSchema, payload, (p) => this.operations.failures(p));
    }

    @MessagePattern(names.command('redrive'))
    redrive(@Payload() payload: unknown) {
      return toReply(redrivePayloadSchema, payload, (p) => this.operations.redrive(p));
    }
  }
  return OperationsRpcController;
}
