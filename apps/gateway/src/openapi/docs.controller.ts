import { dirname } from 'node:path';
import { Controller, Get, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CodedError } from '@jetjobs/contracts';
import { DOCS_ASSETS, DOCS_CSP, DOCS_HTML, DOCS_INIT_JS } from './docs-page';

const ASSET_ROOT = dirname(require.resolve('swagger-ui-dist/package.json'));

/** `GET /docs`: Swagger UI over `/openapi.json`, every file served from this gateway. */
@Controller('docs')
export class DocsController {
  @Get()
  page(@Res() response: Response): void {
    response.set('Content-Security-Policy', DOCS_CSP).type('html').send(DOCS_HTML);
  }

  @Get(':asset')
  asset(@Param('asset') name: string, @Res() response: Response): void {
    if (name === 'docs-init.js') {
      response.type('text/javascript; charset=utf-8').send(DOCS_INIT_JS);
      return;
    }
    // Only the listed files: a name from the URL never reaches the file system otherwise.
    const type = DOCS_ASSETS[name];
    if (type === undefined) throw new CodedError('not_found', `No documentation file ${name}`);
    response.type(type).sendFile(name, { root: ASSET_ROOT, maxAge: '1d' });
  }
}
