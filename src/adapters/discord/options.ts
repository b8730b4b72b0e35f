// How a leaf's neutral options appear as Discord slash-command options, and how the values that come back
// are turned into the raw object the registry validates. A `strings` option (poll answers) has no Discord
// type: it becomes numbered string options (answer1 … answerN, the first `min` required) and is collected back.
import type { Leaf } from '../../core/command.js';
import { type OptionSpec, optionSpecs } from '../../core/options.js';

export const OPTIONS_MAX = 25;
/** Numbered options for a `strings` option without a max item count. */
export const STRINGS_DEFAULT_COUNT = 10;

export interface Slot {
  /** The Discord option name. */
  name: string;
  spec: OptionSpec;
  /** For `strings`: 1-based position of this slot in the array. */
  item?: number;
  required: boolean;
}

/** `answers` → `answer`, so that the numbered options read answer1, answer2 … */
const singular = (flag: string) => (flag.length > 3 && flag.endsWith('s') && !flag.endsWith('ss') ? flag.slice(0, -1) : flag);

/** The Discord options of a leaf in the order Discord requires (required ones first). */
export function slotsOf(leaf: Leaf): Slot[] {
  const specs = optionSpecs(leaf);
  const fixed = specs.filter((s) => s.kind !== 'strings').length;
  const slots: Slot[] = [];
  for (const spec of specs) {
    if (spec.kind !== 'strings') {
      slots.push({ name: spec.flag, spec, required: spec.required && spec.defaultValue === undefined });
      continue;
    }
    const room = OPTIONS_MAX - fixed - slots.filter((s) => s.item !== undefined).length;
    const count = Math.min(spec.max ?? STRINGS_DEFAULT_COUNT, room);
    const min = spec.required ? (spec.min ?? 1) : 0;
    for (let i = 1; i <= count; i++) slots.push({ name: `${singular(spec.flag)}${i}`, spec, item: i, required: i <= min });
  }
  return [...slots.filter((s) => s.required), ...slots.filter((s) => !s.required)];
}

/** Values as Discord sent them (name → value) → the raw options object for `registry.runOptions`. */
export function collectOptions(leaf: Leaf, given: ReadonlyArray<{ name: string; value?: unknown }>): Record<string, unknown> {
  const byName = new Map(given.map((o) => [o.name, o.value]));
  const raw: Record<string, unknown> = {};
  for (const slot of slotsOf(leaf).sort((a, b) => (a.item ?? 0) - (b.item ?? 0))) {
    const value = byName.get(slot.name);
    if (value === undefined) continue;
    if (slot.item === undefined) raw[slot.spec.key] = value;
    else raw[slot.spec.key] = [...((raw[slot.spec.key] as unknown[]) ?? []), value];
  }
  return raw;
}
