import type { Command } from '../command';
import { tokenCommand } from './token.command';

/** Every command the CLI knows, in the order its help lists them. */
export const COMMANDS: readonly Command[] = [tokenCommand];
