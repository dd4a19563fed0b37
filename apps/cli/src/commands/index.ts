import type { Command } from '../command';
import { apiKeyCommand } from './api-key.command';
import { completionCommand } from './completion.command';
import { consoleUrlCommand } from './console-url.command';
import { contextCommand } from './context.command';
import { eventsCommand } from './events.command';
import { failuresCommand } from './failures.command';
import { historyCommand } from './history.command';
import { jobsCommand } from './jobs.command';
import { natsConfigCommand } from './nats-config.command';
import { projectionsCommand } from './projections.command';
import { redriveCommand } from './redrive.command';
import { streamsCommand } from './streams.command';
import { tokenCommand } from './token.command';
import { watchCommand } from './watch.command';
import { webhookSecretCommand } from './webhook-secret.command';

/** Every command the CLI knows, in the order its help lists them. */
export const COMMANDS: readonly Command[] = [jobsCommand, contextCommand, tokenCommand, consoleUrlCommand, apiKeyCommand, webhookSecretCommand,
  eventsCommand, historyCommand, watchCommand, failuresCommand, redriveCommand, projectionsCommand, streamsCommand, natsConfigCommand,
  completionCommand(() => COMMANDS)];
