import { defineCommand, defineLeaf } from '../src/core/command.js';

const about = defineLeaf({
  name: 'about',
  description: 'What this bot is and how to reach NIAPP leadership',
  options: {},
  async run(ctx) {
    await ctx.ephemeral({
      title: 'About the NIAPP bot',
      text: [
        'I am the community bot of the **NAMI Illinois Alliance of Peer Professionals** (NIAPP): certified peer-support and recovery specialists (CRSS, CPRS, CHW) across Illinois.',
        '- `/cert` answers certification questions, with the source and the date each fact was last checked.',
        '- Leadership uses me to announce trainings and events, and to run member polls whose results go to policy makers.',
        '',
        'To reach leadership, mention them in the main channel or write to them directly; [niapp.org](https://niapp.org) has the alliance\'s contacts.',
        'I am not a crisis service. In a crisis, call or text **988**.',
      ].join('\n'),
      footer: 'See /niapp privacy for what I store.',
    });
  },
});

const privacy = defineLeaf({
  name: 'privacy',
  description: 'What the bot stores about members, and what it never stores',
  options: {},
  async run(ctx) {
    await ctx.ephemeral({
      title: 'What the NIAPP bot stores',
      fields: [
        { name: 'Polls', value: 'One record per member and poll. In anonymous polls (the default) only a salted one-way hash of your id is kept, never the id itself; exports show no one\'s identity. Public polls say so on the poll.' },
        { name: 'Questions', value: 'Questions to /cert are not stored with your name. When the bot cannot answer, the question text alone is kept so leadership can improve the answers. Messages that mention a crisis are never stored.' },
        { name: 'Events and announcements', value: 'Who scheduled or changed an announcement (leadership), and who said they will attend an event, so reminders reach them.' },
        { name: 'Where', value: 'In the alliance\'s own database. Nothing is sent anywhere except to Slack and Discord to post the bot\'s messages.' },
      ],
    });
  },
});

export default defineCommand({
  name: 'niapp',
  description: 'About the NIAPP bot and your privacy',
  subcommands: [about, privacy],
  defaultSubcommand: 'about',
});
