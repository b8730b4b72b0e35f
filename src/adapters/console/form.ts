// A form in the console, asked field by field (Slack and Discord show the same form as a modal): each field's
// label, hint and default; a required field asked again with what was wrong; "cancel" stops. Every answer passes
// the crisis guard first (registry.checkFormField), and the finished form goes through the same
// registry.submitForm as a Slack or Discord modal, so validation, guards and the handler are the platforms' own.
import type { Surface } from '../../core/context.js';
import type { Form, FormField } from '../../core/message.js';
import type { Registry } from '../../core/registry.js';

export type Write = (header: string, body: string) => void;

/** What ends a form early: typed on its own at any field. */
const CANCEL = /^\/?cancel$/i;

export interface ConsoleForm {
  /** Takes one line of input; resolves to true when the form is over (submitted, cancelled or flagged). */
  answer(line: string): Promise<boolean>;
  /** The interactive prompt while this form waits for input. */
  prompt(): string;
  /** The input ended before the last field. */
  abandon(): void;
}

export function consoleForm(form: Form, surface: Surface, registry: Registry, write: Write): ConsoleForm {
  const ref = { command: form.command, form: form.form, ...(form.state ? { state: form.state } : {}) };
  const who = `to ${surface.actor.name} only`;
  const values: Record<string, string> = {};
  /** Fields still to ask, in order (all at first; after a refused submission, those that were wrong). */
  let queue: FormField[] = [...form.fields];
  /** Lines of a paragraph field typed so far (an empty line ends it). */
  let lines: string[] = [];
  /** Answers given before a refused submission: offered again ("Press Enter to keep"). */
  const earlier: Record<string, string> = {};

  const required = (f: FormField) => f.required !== false;

  const kept = (f: FormField) => earlier[f.id] || f.value;

  const ask = () => {
    const f = queue[0]!;
    const n = form.fields.indexOf(f) + 1;
    const notes = [
      kept(f) ? `Press Enter to keep: ${kept(f)}` : required(f) ? 'Required.' : 'Optional: press Enter to leave it empty.',
      f.placeholder ? `For example: ${f.placeholder}` : '',
      f.style === 'paragraph' ? 'Several lines are fine: type each on its own line, then an empty line to finish.' : '',
      f.maxLength ? `Up to ${f.maxLength} characters.` : '',
    ];
    write(`field ${n} of ${form.fields.length}: ${f.label}`, notes.filter(Boolean).join('\n'));
  };

  const refuse = (f: FormField, problem: string) => {
    write(who, `${f.label}: ${problem} Type it again, or "cancel" to stop.`);
    ask();
  };

  /** Checks one finished answer; moves on, asks again, or ends the form. */
  async function settle(f: FormField, typed: string): Promise<boolean> {
    const value = typed.trim() === '' && kept(f) ? kept(f)! : typed;
    const checked = await registry.checkFormField(surface, ref, f.id, value);
    if (checked.flagged) return true;
    if (checked.error) return refuse(f, checked.error), false;
    if (required(f) && value.trim() === '') return refuse(f, 'This field is required.'), false;
    if (f.maxLength && value.length > f.maxLength) return refuse(f, `Use at most ${f.maxLength} characters (this has ${value.length}).`), false;
    values[f.id] = value;
    queue.shift();
    if (queue.length) return ask(), false;
    return submit();
  }

  async function submit(): Promise<boolean> {
    const result = await registry.submitForm(surface, ref, values);
    if (result.ok && result.outcome === 'refused') {
      // The command refused what was typed (its message says why): ask again, every answer kept for Enter.
      Object.assign(earlier, values);
      queue = [...form.fields];
      write(who, `"${form.title}" was not sent. Answer again — press Enter to keep an answer — or type "cancel" to stop.`);
      ask();
      return false;
    }
    if (result.ok) return true;
    // The whole form was refused (a rule across fields): say what, and ask those fields again.
    queue = form.fields.filter((f) => result.errors[f.id] !== undefined);
    if (!queue.length) return true;
    write(who, queue.map((f) => `${f.label}: ${result.errors[f.id]}`).join('\n'));
    ask();
    return false;
  }

  write(
    `form: ${form.title}`,
    `Answer ${form.fields.length === 1 ? 'the field' : `its ${form.fields.length} fields one at a time`}; type "cancel" to stop. Nothing is sent before the last answer (${form.submitLabel ?? 'Submit'}).`,
  );
  ask();

  return {
    async answer(line) {
      if (CANCEL.test(line.trim())) {
        write(who, `Cancelled "${form.title}": nothing was saved or posted.`);
        return true;
      }
      const f = queue[0]!;
      if (f.style !== 'paragraph') return settle(f, line);
      if (line.trim() !== '') {
        // Each line meets the crisis guard as it is typed, not only once the field is finished: a member who
        // writes a crisis line and then stops (or leaves) still gets the crisis message at once.
        const checked = await registry.checkFormField(surface, ref, f.id, line);
        if (checked.flagged) return true;
        lines.push(line);
        return false;
      }
      const typed = lines.join('\n');
      lines = [];
      return settle(f, typed);
    },
    prompt() {
      const f = queue[0]!;
      return f.style === 'paragraph' && lines.length ? '… ' : `${f.label}> `;
    },
    abandon() {
      write(who, `The input ended before "${form.title}" was finished, so nothing was saved or posted.`);
    },
  };
}
