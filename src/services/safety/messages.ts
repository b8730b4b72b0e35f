// What a member sees when the net catches a message: help first, no judgement, no method details, ever.
// Four versions: for the writer or for someone helping another person, in English or in Spanish.
// Safe-messaging (988 / SAMHSA): lead with the people who can help now; say it privately; keep it short.
import type { Message } from '../../core/message.js';
import type { Verdict } from './detector.js';

export const CRISIS_LINES = {
  lifeline: '988',
  cares: '1-800-345-9049',
  warmLine: '1-866-359-7953',
};

const NOT_KEPT = { en: 'This message is only visible to you. Your words were not saved.', es: 'Solo tú ves este mensaje. Tus palabras no se guardaron.' };

function firstPerson(lang: 'en' | 'es'): Message {
  if (lang === 'es') {
    return {
      title: 'No tienes que pasar por esto solo/a',
      tone: 'danger',
      text: [
        'Parece que las cosas están muy difíciles ahora. Por favor, habla con alguien que puede ayudarte ahora mismo:',
        `- **Llama o envía un texto al ${CRISIS_LINES.lifeline}** (Línea de Prevención del Suicidio y Crisis), a cualquier hora. Marca 2 para español; también hay chat en línea.`,
        `- **Línea CARES ${CRISIS_LINES.cares}**: línea de crisis de Illinois, 24/7; puede enviar un equipo móvil de crisis.`,
        `- **Illinois Warm Line ${CRISIS_LINES.warmLine}**: compañeros con quienes hablar. _No_ es una línea de crisis, y su horario (lunes a viernes, 8am–5pm) puede haber cambiado.`,
        'Si crees que podrías actuar pronto, llama o envía un texto al 988 ahora mismo, o ve a la sala de emergencias más cercana.',
      ].join('\n'),
      footer: NOT_KEPT.es,
    };
  }
  return {
    title: 'You do not have to go through this alone',
    tone: 'danger',
    text: [
      'It sounds like things may be really hard right now. Please reach out to someone who can help now:',
      `- **Call or text ${CRISIS_LINES.lifeline}** (Suicide & Crisis Lifeline), any time, day or night. Online chat is also available.`,
      `- **CARES line ${CRISIS_LINES.cares}**: Illinois crisis line, 24/7; it can send a mobile crisis team.`,
      `- **Illinois Warm Line ${CRISIS_LINES.warmLine}**: peers to talk with when you are struggling. It is _not_ a crisis line, and its hours (listed as Monday–Friday, 8am–5pm) may have changed.`,
      'If you might act on these thoughts soon, call or text 988 right now, or go to the nearest emergency room.',
    ].join('\n'),
    footer: NOT_KEPT.en,
  };
}

function forHelpers(lang: 'en' | 'es'): Message {
  if (lang === 'es') {
    return {
      title: 'Cómo conseguir ayuda para esta persona ahora',
      tone: 'danger',
      text: [
        'Gracias por buscar ayuda para alguien. No tienes que manejar esto solo/a:',
        '- **Si hay peligro inmediato o una sobredosis, llama al 911.** Si tienes naloxona (Narcan) y sospechas opioides, úsala y quédate con la persona.',
        `- **Llama o envía un texto al ${CRISIS_LINES.lifeline}** _con_ la persona o _por_ ella: te ayudan a saber qué decir y qué hacer. Marca 2 para español.`,
        `- **Línea CARES ${CRISIS_LINES.cares}** (Illinois, 24/7): puede enviar un equipo móvil de crisis adonde está la persona.`,
        'Si puedes, quédate con la persona o mantente en contacto, y sigue el protocolo de crisis de tu agencia.',
      ].join('\n'),
      footer: NOT_KEPT.es,
    };
  }
  return {
    title: 'Getting help for them now',
    tone: 'danger',
    text: [
      'Thank you for reaching out for someone. You do not have to handle this alone:',
      '- **If they are in immediate danger or it may be an overdose, call 911.** If you have naloxone (Narcan) and opioids may be involved, use it and stay with them.',
      `- **Call or text ${CRISIS_LINES.lifeline}** _with_ them or _for_ them: the counselor helps you know what to say and do next.`,
      `- **CARES line ${CRISIS_LINES.cares}** (Illinois, 24/7): it can send a mobile crisis team to where the person is.`,
      'If you can, stay with them or stay in touch, and follow your agency\'s crisis protocol. Look after yourself too: the Illinois Warm Line ' +
        `${CRISIS_LINES.warmLine} has peers to talk with (not a crisis line; hours may have changed).`,
    ].join('\n'),
    footer: NOT_KEPT.en,
  };
}

/** The private answer shown first, before anything else, when a message sounds like a crisis. */
export function crisisMessage(v: Pick<Verdict, 'person' | 'lang'> = { person: 'first', lang: 'en' }): Message {
  return v.person === 'third' ? forHelpers(v.lang) : firstPerson(v.lang);
}

/** One line for answers that touch suicide, self-harm or overdose without being a crisis (a training, a service). */
export const REMINDER = 'If you or someone with you is in crisis: call or text 988 (CARES 1-800-345-9049 can send a mobile crisis team).';
