import { Controller, Get } from '@nestjs/common';
import type { OpenApiDocument } from './openapi-area';
import { buildOpenApiDocument } from './openapi-document';

/** Serves the merged OpenAPI 3.1 document; built once, since it only changes with the code. */
@Controller()
export class OpenApiController {
  private readonly document: OpenApiDocument = buildOpenApiDocument();

  @Get('openapi.json')
  openApi(): OpenApiDocument {
    return this.document;
  }
}
