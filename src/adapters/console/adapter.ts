// The console adapter: each line of standard input is a command as a member would type it in Slack.
//   /cert how much is the exam        the operator (leadership) runs a command
//   @alice /poll "Lunch?" "Yes" "No"   member "alice" (not leadership) runs it
//   /press 3                           presses control [3] shown in an earlier reply (also: @alice /press 3)
//   # a comment                        ignored; so are empty lines
// A command that opens a form on Slack or Discord (/announce, /poll with no arguments) asks its fields here one by
// one (form.ts): while a form is open, every line is its next answer ("cancel" stops it).
// At the end of input, in-flight work finishes and the bot exits 0.
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Adapter, AdapterDeps, AdapterStatus } from '../../core/adapter.js';
import type { Actor, Outlet, Surface } from '../../core/context.js';
import type { ActionRef, Message, MessageRef } from '../../core/message.js';
import { toMessage } from '../../core/message.js';
import { renderPlain } from '../../core/plain.js';
import { fileFolder } from './files.js';
import { type ConsoleForm, consoleForm } from './form.js';

const CHANNEL = 'console';
export const OPERATOR: Actor = { platform: 'console', id: 'operator', name: 'Operator', isLeader: true };

interface Control {
  ref: ActionRef;
  values: string[];
  source: MessageRef;
  /** An option of a select that takes several choices (at most `max`): presses add up (press again to drop one). */
  max?: number;
}

export interface ConsoleIo {
  input: Readable;
  output: Writable;
  interactive: boolean;
}

export function createConsoleAdapter(deps: AdapterDeps, io: ConsoleIo = defaultIo()): Adapter {
  const { registry, services } = deps;
  const files = fileFolder(deps.config.BOT_FILES_DIR);
  const controls = new Map<number, Control>();
  let nextControl = 1;
  let nextMessage = 1;
  let status: AdapterStatus = 'disconnected';
  let closing = false;
  let rl: ReturnType<typeof createInterface> | undefined;
  /** The form being asked field by field, if any: every line goes to it until it is over. */
  let form: ConsoleForm | undefined;

  const write = (header: string, body: string) => {
    const indented = body.split('\n').map((line) => `  ${line}`).join('\n');
    io.output.write(`» ${header}\n${indented}\n`);
  };

  /** Renders a message, numbering its controls so that `/press N` can press them. */
  const show = (header: string, msg: Message, source: MessageRef) => {
    const body = renderPlain(msg, {
      control: (label, control) => {
        const n = nextControl++;
        const ref = 'action' in control ? control.action : { ...msg.select!.action };
        const values = 'action' in control ? [] : [control.value];
        const max = 'action' in control ? 1 : (msg.select!.max ?? 1);
        controls.set(n, { ref, values, source, ...(max > 1 ? { max } : {}) });
        return `[${n}] ${label}`;
      },
      file: (a) => `(file: ${files.save(a)}${msg.image?.filename === a.filename ? `; image: ${msg.image.alt}` : ''})`,
    });
    write(header, body);
    if (msg.select && (msg.select.max ?? 1) > 1) write('how to choose', `Press options one at a time (each press adds one; press it again to drop it), or several at once: /press 3 5 6 (at most ${msg.select.max}).`);
  };

  /** The choices a member has pressed so far on one multi-choice select (by member, message and select). */
  const picked = new Map<string, string[]>();
  /** /press 3, or /press 3 5 6 for several options of one select. */
  async function press(actor: Actor, numbers: string[]): Promise<void> {
    const chosen = numbers.map((n) => ({ n, control: controls.get(Number(n)) }));
    const missing = chosen.find((c) => !c.control);
    if (missing || !chosen.length) return write(`to ${actor.name} only`, `There is no control [${missing?.n ?? ''}]. Press one of the numbers shown in brackets.`);
    const first = chosen[0]!.control!;
    if (!first.max) {
      // Buttons (a multi-choice poll of a few options toggles one per click): several at once are clicks in turn.
      for (const { control } of chosen) await registry.runAction(surfaceFor(actor, control!.source), control!.ref, control!.values);
      return;
    }
    const key = `${actor.id}|${first.source.messageId}|${JSON.stringify(first.ref)}`;
    let values = picked.get(key) ?? [];
    for (const { control } of chosen) {
      const [value] = control!.values;
      if (value === undefined) continue;
      values = values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
    }
    if (values.length > first.max) {
      return write(`to ${actor.name} only`, `You can pick at most ${first.max} options, so nothing changed. Press one of your choices again to drop it, then pick another.`);
    }
    picked.set(key, values);
    await registry.runAction(surfaceFor(actor, first.source), first.ref, values);
  }

  const newRef = (channelId: string): MessageRef => ({ platform: 'console', channelId, messageId: `m${nextMessage++}` });

  const outlet: Outlet = {
    platform: 'console',
    announceChannel: CHANNEL,
    async post(channelId, msg) {
      const ref = newRef(channelId);
      show(`posted in #${channelId} (${ref.messageId})`, msg, ref);
      return ref;
    },
    async update(ref, msg) {
      show(`updated ${ref.messageId} in #${ref.channelId}`, msg, ref);
    },
    async dm(userId, msg) {
      show(`direct message to ${userId}`, msg, newRef(`dm-${userId}`));
      return true;
    },
    async canPost() {
      return true;
    },
  };

  const surfaceFor = (actor: Actor, source?: MessageRef): Surface => ({
    actor,
    where: { platform: 'console', channelId: CHANNEL },
    async reply(m) {
      const ref = newRef(CHANNEL);
      show(`in #${CHANNEL} (${ref.messageId})`, toMessage(m), ref);
      return ref;
    },
    async ephemeral(m) {
      show(`to ${actor.name} only`, toMessage(m), newRef(`private-${actor.id}`));
    },
    async defer() {},
    async openForm(f) {
      if (form) return false;
      form = consoleForm(f, surfaceFor(actor, source), registry, write);
      return true;
    },
    source,
    updateSource: source ? (m) => outlet.update(source, m) : undefined,
  });

  async function handle(line: string): Promise<void> {
    if (form) {
      const open = form;
      if (await open.answer(line)) form = undefined;
      return;
    }
    let text = line.trim();
    if (!text || text.startsWith('#')) return;
    let actor = OPERATOR;
    const as = /^@([\w.-]{1,32})\s+(.*)$/.exec(text);
    if (as) {
      actor = { platform: 'console', id: as[1]!, name: as[1]!, isLeader: false };
      text = as[2]!.trim();
    }
    if (!text.startsWith('/')) {
      write(`to ${actor.name} only`, 'Commands start with a slash, e.g. /help');
      return;
    }
    const [word = '', ...rest] = text.slice(1).split(/\s+/);
    const args = text.slice(1 + word.length).trim();
    if (word === 'press') return press(actor, rest);
    if (word === 'exit' || word === 'quit') {
      rl?.close();
      return;
    }
    return void (await registry.runText(surfaceFor(actor), word.toLowerCase(), args));
  }

  return {
    platform: 'console',
    status: () => status,
    leaders: { isLeader: async (userId) => userId === OPERATOR.id },
    async start() {
      services.outlets.add(outlet);
      status = 'connected';
      rl = createInterface({ input: io.input, terminal: false });
      if (io.interactive) io.output.write('NIAPP bot console. Type /help, or Ctrl-D to quit.\nniapp> ');
      void (async () => {
        for await (const line of rl!) {
          await handle(line);
          if (io.interactive && !closing) io.output.write(form ? form.prompt() : 'niapp> ');
        }
        form?.abandon();
        form = undefined;
        await registry.drain();
        deps.onEnd();
      })();
    },
    async stop() {
      closing = true;
      status = 'disconnected';
      services.outlets.remove('console');
      rl?.close();
    },
  };
}

function defaultIo(): ConsoleIo {
  return { input: process.stdin, output: process.stdout, interactive: Boolean(process.stdin.isTTY) };
}
