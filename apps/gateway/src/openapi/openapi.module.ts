import { Module } from '@nestjs/common';
import { DocsController } from './docs.controller';
import { OpenApiController } from './openapi.controller';

/** `GET /openapi.json` and the `/docs` page; both public, like the health probes. */
@Module({ controllers: [OpenApiController, DocsController] })
export class OpenApiModule {}
