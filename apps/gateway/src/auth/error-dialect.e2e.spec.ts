import { Controller, Get, Module, UseGuards, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { signToken } from '@jetjobs/auth';
import { CodedError } from '@jetjobs/contracts';
import { openTestEventStore, testNatsUrl, type TestEventStore } from '@jetjobs/testing';
import { loadGatewayConfig } from '../config/gateway-config';
import { GatewayModule } from '../gateway.module';
import { AuthGuard } from './auth.guard';
import { ErrorDialect } from './error-dialect';
import { RequireScopes } from './require-scopes.decorator';

const SECRET = 'error-dialect-test-secret-long-enough-for-hs256';

/** Routes shaped like the moderation API's, to see its wording on auth and validation errors. */
@Controller('probe/moderation')
@ErrorDialect('moderation')
@UseGuards(AuthGuard)
class ModerationProbeController {
  @Get('video')
  @RequireScopes('moderate:video')
  video() {
    return { ok: true };
  }

  @Get('invalid')
  @RequireScopes('job:read')
  invalid() {
    throw new CodedError('validation_failed', 'video_url: must be a public http(s) URL');
  }

  @Get('native')
  @ErrorDialect('native')
  @RequireScopes('moderate:video')
  native() {
    return { ok: true };
  }
}

@Controller('probe/plain')
@UseGuards(AuthGuard)
class PlainProbeController {
  @Get()
  @RequireScopes('moderate:video')
  plain() {
    return { ok: true };
  }
}

describe('@ErrorDialect', () => {
  let events: TestEventStore;
  let app: INestApplication;
  let url: string;
  beforeAll(async () => {
    events = await openTestEventStore('gwdialect');
    const config = loadGatewayConfig({ NATS_URL: testNatsUrl(), JETJOBS_NAMESPACE: events.names.namespace, JWT_SECRET: SECRET });
    @Module({ imports: [GatewayModule.forRoot(config)], controllers: [ModerationProbeController, PlainProbeController] })
    class ProbeModule {}
    app = await NestFactory.create(ProbeModule, { logger: ['error'] });
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });
  afterAll(async () => {
    await app.close();
    await events.dispose();
  });

  const token = (scopes: string[]) => signToken({ secret: SECRET, projectId: 'p1', scopes, ttlSeconds: 60 });
  const get = async (path: string, scopes?: string[]) => {
    const response = await fetch(`${url}${path}`, { headers: scopes ? { authorization: `Bearer ${token(scopes)}` } : {} });
    return { status: response.status, body: (await response.json()) as unknown };
  };

  it('words a missing scope as the moderation API does: 403 FORBIDDEN', async () => {
    expect(await get('/probe/moderation/video', ['job:read'])).toEqual({
      status: 403,
      body: { error: { code: 'FORBIDDEN', message: 'Token lacks the scope moderate:video' } },
    });
    expect(await get('/probe/moderation/video', ['moderate:video'])).toEqual({ status: 200, body: { ok: true } });
  });

  it('words every other error of those routes the same way, with the status of its code', async () => {
    expect(await get('/probe/moderation/video')).toEqual({ status: 401, body: { error: { code: 'UNAUTHORIZED', message: 'Missing bearer token' } } });
    expect(await get('/probe/moderation/invalid', ['job:read'])).toEqual({
      status: 400,
      body: { error: { code: 'INVALID_REQUEST', message: 'video_url: must be a public http(s) URL' } },
    });
  });

  it('lets a route override its controller, and leaves routes without a dialect native', async () => {
    const native = { status: 403, body: { error: { code: 'forbidden', message: 'Token lacks the scope moderate:video' } } };
    expect(await get('/probe/moderation/native', ['job:read'])).toEqual(native);
    expect(await get('/probe/plain', ['job:read'])).toEqual(native);
    expect(await get('/v1/jobs')).toMatchObject({ status: 401, body: { error: { code: 'unauthorized' } } });
  });
});
