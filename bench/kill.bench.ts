// A vote burst through the Slack receiver of a real bot process, killed with SIGKILL with 600 clicks in flight,
// then restarted: how many acknowledged votes are missing (goal 0), and how many clicks were acked, confirmed
// and told to retry. The same run as test/faults/kill-in-flight.test.ts, as a figure.
import { startSlackStandIn } from '../test/standins/slack.js';
import { tempDb, type RunningBot } from '../test/helpers/process.js';
import { botEnv, voteBurstUnderKill } from '../test/faults/vote-burst.js';
import type { Row, Section } from './harness.js';

export const killSection: Section = {
  title: 'Vote burst through the Slack receiver under kill -9',
  async run(): Promise<Row[]> {
    const slack = await startSlackStandIn();
    const running: RunningBot[] = [];
    try {
      const r = await voteBurstUnderKill(slack, await botEnv(slack, tempDb()), running, { total: 2000, inFlight: 600, killAt: 1200 });
      const note = '2,000 clicks, 600 in flight, SIGKILL at the 1,200th';
      return [
        { name: 'acknowledged votes missing after restart', value: r.lost.length, unit: 'votes', goal: '0', note },
        { name: 'clicks acknowledged (HTTP 200) before the kill', value: r.acked.size, unit: 'clicks', note },
        { name: 'clicks told "did not go through, try again"', value: r.refused.size, unit: 'clicks', note },
        { name: 'votes in the tally after restart', value: r.inTally.size, unit: 'votes', note },
      ];
    } finally {
      for (const b of running) b.kill();
      await slack.close();
    }
  },
};
