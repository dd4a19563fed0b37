import type { Command } from '../command';
import { parseOptions } from '../parse-options';
import { queryRegistry, registryTarget } from '../registry-request';
import { EXIT_OK, UsageError } from '../usage-error';

const NAME = 'jetjobs webhook-secret';

const options = {
  project: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const webhookSecretCommand: Command = {
  name: 'webhook-secret',
  summary: "print a project's webhook signing secret (made on first use)",
  help: `Usage: ${NAME} --project <id>

Prints the secret (whsec_<base64>) that signs the project's webhooks, and nothing else:
  SECRET=$(npm run -s cli -- webhook-secret --project p1)
The project gets one on first use: from this command or from its first webhook.
Receivers verify the webhook-signature header with it (Standard Webhooks; see README).

Options:
  --project <id>   the project (required)
  -h, --help       show this help

Asks job-registry over NATS: NATS_URL (default nats://127.0.0.1:4222) and
JETJOBS_NAMESPACE (default jetjobs) must name the running platform.`,

  async run(args, io) {
    const values = parseOptions(NAME, args, options);
    if (values.help) {
      io.stdout(`${this.help}\n`);
      return EXIT_OK;
    }
    if (!values.project) throw new UsageError(`${NAME}: --project <id> is required (see: ${NAME} --help)`);
    const { secret } = await queryRegistry(registryTarget(io.env), 'webhook-secret', { projectId: values.project });
    io.stdout(`${secret}\n`);
    return EXIT_OK;
  },
};
