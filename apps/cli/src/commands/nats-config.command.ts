import { BUILTIN_KINDS, names } from '@jetjobs/contracts';
import { deploymentRoles, inboxPrefixOf, natsServerAuthorization, passwordVariable } from '@jetjobs/event-store';
import type { Command } from '../command';
import { parseOptions } from '../parse-options';
import { EXIT_OK, UsageError } from '../usage-error';

const NAME = 'jetjobs nats-config';
const DEFAULT_KINDS = ['echo', ...Object.values(BUILTIN_KINDS)];

const options = {
  namespace: { type: 'string' },
  kinds: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const natsConfigCommand: Command = {
  name: 'nats-config',
  summary: 'print the nats-server users of a deployment, each with least-privilege permissions',
  help: `Usage: ${NAME} [--namespace <ns>] [--kinds <kind,kind>]

Prints the authorization block of a nats-server configuration: one user per service
(registry, gateway, one per worker kind) and an operator user for the CLI, each
allowed only what it needs. Workers may use their kind's work consumer, their kind's
job subjects and the media bucket, never <ns>.cmd.* or <ns>.q.*; only the registry and
operators may create or change streams.

Passwords are read by nats-server from its environment: ${passwordVariable('gateway')} and so on.
Each service then runs with NATS_USER=<its user>, NATS_PASSWORD=<its password>,
NATS_INBOX_PREFIX=_INBOX_<its user> (e.g. ${inboxPrefixOf('worker-echo')}) and, except the registry,
JETJOBS_MANAGE_STREAMS=false. deploy/nats/users.conf is this output for the defaults.

Options:
  --namespace <ns>     the platform's JETJOBS_NAMESPACE (default: $JETJOBS_NAMESPACE or jetjobs)
  --kinds <list>       worker kinds, comma-separated (default: ${DEFAULT_KINDS.join(',')})
  -h, --help           show this help`,

  run(args, io) {
    const values = parseOptions(NAME, args, options);
    if (values.help) {
      io.stdout(`${this.help}\n`);
      return EXIT_OK;
    }
    const kinds = values.kinds ? values.kinds.split(',').map((kind) => kind.trim()).filter(Boolean) : DEFAULT_KINDS;
    try {
      const namespaceNames = names(values.namespace || io.env['JETJOBS_NAMESPACE'] || 'jetjobs');
      kinds.forEach((kind) => namespaceNames.workConsumer(kind));
      io.stdout(natsServerAuthorization(namespaceNames, deploymentRoles(kinds), (role) => `$${passwordVariable(role)}`));
    } catch (error) {
      throw new UsageError(`${NAME}: ${error instanceof Error ? error.message : String(error)}`);
    }
    return EXIT_OK;
  },
};
