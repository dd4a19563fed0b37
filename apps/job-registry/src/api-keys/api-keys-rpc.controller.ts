import { Controller, type Type } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  apiKeyCreatePayloadSchema,
  apiKeyRevokePayloadSchema,
  apiKeysPayloadSchema,
  apiKeyVerifyPayloadSchema,
  type Names,
} from '@jetjobs/contracts';
import { toReply } from '../rpc/to-reply';
import { ApiKeysService } from './api-keys.service';

/**
 * The API-key subjects, made per namespace like the registry's main RPC controller (subjects are
 * only known at start-up). A feature of its own, so it keeps to its own folder.
 */
export function apiKeysRpcController(names: Names): Type<unknown> {
  @Controller()
  class ApiKeysRpcController {
    constructor(private readonly apiKeys: ApiKeysService) {}

    @MessagePattern(names.command('api-key-create'))
    create(@Payload() payload: unknown) {
      return toReply(apiKeyCreatePayloadSchema, payload, (p) => this.apiKeys.create(p));
    }

    @MessagePattern(names.command('api-key-revoke'))
    revoke(@Payload() payload: unknown) {
      return toReply(apiKeyRevokePayloadSchema, payload, (p) => this.apiKeys.revoke(p));
    }

    @MessagePattern(names.query('api-keys'))
    list(@Payload() payload: unknown) {
      return toReply(apiKeysPayloadSchema, payload, (p) => this.apiKeys.list(p));
    }

    @MessagePattern(names.query('api-key-verify'))
    verify(@Payload() payload: unknown) {
      return toReply(apiKeyVerifyPayloadSchema, payload, (p) => this.apiKeys.verify(p));
    }
  }
  return ApiKeysRpcController;
}
