import { SCOPES } from '@jetjobs/auth';
import type { Command } from '../command';
import { parseOptions } from '../parse-options';
import { EXIT_OK, UsageError } from '../usage-error';
import { DEFAULT_TTL, signCliToken } from './token.command';

const NAME = 'jetjobs console-url';
const LOCAL_GATEWAY = 'http://127.0.0.1:8080';

const options = {
  project: { type: 'string' },
  scope: { type: 'string' },
  ttl: { type: 'string' },
  gateway: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const consoleUrlCommand: Command = {
  name: 'console-url',
  summary: 'print a console sign-in link whose token travels in the URL fragment',
  help: `Usage: ${NAME} --project <id> [--scope "<scopes>"] [--ttl <duration>] [--gateway <url>]

Prints <gateway>/console/#token=<jwt> and nothing else, for opening the console locally:
  xdg-open "$(npm run -s cli -- console-url --project p1)"

The token sits in the fragment (after #), which browsers never send to a server and the console
removes from the address bar as soon as it has read it. It is signed like \`jetjobs token\`.

Options:
  --project <id>     project the token acts for (required)
  --scope "<list>"   space-separated scopes (default: every scope but admin)
                     known: ${SCOPES.join(' ')}
                     admin or admin:read opens the operator pages: name them only for operators
  --ttl <duration>   lifetime: 30s, 15m, 1h, 2d, 1w or seconds (default: ${DEFAULT_TTL})
  --gateway <url>    the gateway (else $JETJOBS_GATEWAY, else ${LOCAL_GATEWAY})
  -h, --help         show this help

Secret: JWT_SECRET when set, else the development secret in $JETJOBS_DATA_DIR/jwt-secret
(default <repo>/.data/jwt-secret), which the locally started services use too.`,

  run(args, io) {
    const values = parseOptions(NAME, args, options);
    if (values.help) {
      io.stdout(`${this.help}\n`);
      return EXIT_OK;
    }
    const token = signCliToken(NAME, values, io);
    const gateway = parseGateway(values.gateway ?? (io.env['JETJOBS_GATEWAY'] || LOCAL_GATEWAY));
    // `/console/` (not `/console`) so the link needs no redirect before the page reads the fragment.
    io.stdout(`${gateway}/console/#token=${encodeURIComponent(token)}\n`);
    return EXIT_OK;
  },
};

/** Only the origin and any path prefix: a query or fragment of its own would garble the link. */
function parseGateway(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`${NAME}: --gateway: not a URL: ${text}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`${NAME}: --gateway: not an http(s) URL: ${text}`);
  }
  if (url.search || url.hash) throw new UsageError(`${NAME}: --gateway: no query or fragment: ${text}`);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
