import jwt from 'jsonwebtoken';
import { CodedError } from '@jetjobs/contracts';

export interface VerifyTokenOptions {
  readonly secret: string;
  /** The clock, injectable so that expiry can be tested without waiting. */
  readonly now?: Date;
}

export interface VerifiedToken {
  readonly projectId: string;
  readonly scopes: Set<string>;
  readonly subject: string;
}

const unauthorized = (message: string): CodedError => new CodedError('unauthorized', message);

/**
 * Verifies an HS256 JWT and returns who it speaks for. Every failure is a `CodedError` with code
 * `unauthorized` and a message that names the problem but never the secret.
 */
export function verifyToken(token: string | undefined, options: VerifyTokenOptions): VerifiedToken {
  if (!token) throw unauthorized('Missing bearer token');
  checkHeader(token);
  const payload = verifySignature(token, options);
  if (typeof payload.exp !== 'number') throw unauthorized('Token has no expiry (exp claim is required)');
  const projectId = payload['project_id'];
  if (typeof projectId !== 'string' || projectId === '') {
    throw unauthorized('Token has no project_id claim');
  }
  return {
    projectId,
    scopes: new Set(parseScopes(payload['scope'])),
    subject: typeof payload.sub === 'string' && payload.sub !== '' ? payload.sub : projectId,
  };
}

/** Rejects `alg: none` and every other algorithm before any key is used (algorithm confusion). */
function checkHeader(token: string): void {
  const decoded = jwt.decode(token, { complete: true });
  if (!decoded || typeof decoded.payload !== 'object') throw unauthorized('Malformed token');
  const { alg } = decoded.header;
  if (alg !== 'HS256') {
    // The header is the caller's text: name it only when it looks like an algorithm name.
    const named = typeof alg === 'string' && /^[A-Za-z0-9]{1,10}$/.test(alg) ? ` "${alg}"` : '';
    throw unauthorized(`Token algorithm${named} is not accepted (only HS256)`);
  }
}

function verifySignature(token: string, options: VerifyTokenOptions): jwt.JwtPayload {
  const clockTimestamp = options.now ? Math.floor(options.now.getTime() / 1000) : undefined;
  try {
    const payload = jwt.verify(token, options.secret, { algorithms: ['HS256'], clockTimestamp });
    if (typeof payload === 'string') throw unauthorized('Malformed token: payload is not a JSON object');
    return payload;
  } catch (error) {
    throw translate(error);
  }
}

function translate(error: unknown): CodedError {
  if (error instanceof CodedError) return error;
  if (error instanceof jwt.TokenExpiredError) return unauthorized('Token expired');
  if (error instanceof jwt.NotBeforeError) return unauthorized('Token is not valid yet');
  if (error instanceof jwt.JsonWebTokenError) {
    if (error.message === 'invalid signature') return unauthorized('Bad token signature');
    return unauthorized('Malformed token');
  }
  return unauthorized('Token could not be verified');
}

/** `scope` is a space-separated string (RFC 8693); an array is tolerated for other issuers. */
function parseScopes(claim: unknown): string[] {
  if (typeof claim === 'string') return claim.split(' ').filter(Boolean);
  if (Array.isArray(claim)) return claim.filter((s): s is string => typeof s === 'string' && s !== '');
  return [];
}
