import { z } from 'zod';
import { defineCommand, defineLeaf } from '../src/core/command.js';
import { UserError } from '../src/core/errors.js';
import { leaderOnly } from '../src/core/guards.js';

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
        { name: 'Polls', value: 'In anonymous polls (the default) your vote is kept sealed, under a keyed one-way hash of your id, never the id itself; when the poll closes only the counts are kept. Exports show no one\'s identity. Public polls say so on the poll.' },
        { name: 'Linked accounts', value: 'Only if you use `/niapp link`: that your Slack and Discord accounts belong together (both ids), so polls count you once. Votes never carry these ids.' },
        { name: 'Questions', value: 'Questions to /cert are not stored with your name. When the bot cannot answer, the question text alone is kept so leadership can improve the answers (at most 20 of yours in 30 days). Messages that mention a crisis are never stored.' },
        { name: 'Events and announcements', value: 'Who scheduled or changed an announcement (leadership), and who said they will attend an event, so reminders reach them.' },
        { name: 'Where', value: 'In the alliance\'s own database. Nothing is sent anywhere except to Slack and Discord to post the bot\'s messages.' },
      ],
    });
  },
});

const link = defineLeaf({
  name: 'link',
  description: 'Link your Slack and Discord accounts, so that you vote once across both',
  options: { code: z.string().trim().min(4).max(20).optional().describe('The code shown on your other account') },
  positional: ['code'],
  examples: ['/niapp link', '/niapp link K7Q2MXPA'],
  async run(ctx, { code }) {
    const identity = ctx.services.identity;
    if (!code) {
      const fresh = await identity.newCode(ctx.actor);
      await ctx.ephemeral({
        title: 'Link your accounts',
        text: `On your account on the other platform, type \`/niapp link ${fresh}\` within 10 minutes. Then polls count you once, whichever platform you vote from. Keep this code to yourself.`,
      });
      return;
    }
    const person = await identity.redeem(ctx.actor, code);
    await ctx.ephemeral({ text: `Linked: ${person.accounts.length} accounts now count as one member in polls.`, tone: 'success' });
  },
});

const dashboard = defineLeaf({
  name: 'dashboard',
  description: 'Leadership: a private, one-time link to the web dashboard',
  options: {},
  guards: [leaderOnly],
  async run(ctx) {
    const web = ctx.services.dashboard;
    if (!web) {
      throw new UserError('dashboard.off', 'The dashboard is not turned on for this bot. Whoever runs the bot can turn it on with DASHBOARD_PORT and DASHBOARD_URL (see the README, "Dashboard").');
    }
    const link = await web.signInLink(ctx.actor);
    await ctx.ephemeral({
      title: 'Your dashboard sign-in link',
      text: `${link}\nOpen it in your browser: it works once, within 10 minutes, and keeps you signed in for 8 hours. Keep it to yourself.`,
      tone: 'info',
    });
  },
});

export default defineCommand({
  name: 'niapp',
  description: 'About the NIAPP bot and your privacy',
  subcommands: [about, privacy, link, dashboard],
  defaultSubcommand: 'about',
});
