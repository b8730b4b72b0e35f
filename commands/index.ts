// Every command the bot has, listed explicitly: adding a command is one file plus one line here.
import type { CommandDef } from '../src/core/command.js';
import announce from './announce.js';
import cert from './cert.js';
import event from './event.js';
import help from './help.js';
import niapp from './niapp.js';
import poll from './poll.js';

export const commands: CommandDef[] = [help, niapp, cert, poll, announce, event];
