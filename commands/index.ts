// Every command the bot has, listed explicitly: adding a command is one file plus one line here.
import type { CommandDef } from '../src/core/command.js';
import help from './help.js';
import niapp from './niapp.js';

export const commands: CommandDef[] = [help, niapp];
