// The console as a member meets it: lines piped into a real `npm start`, output read from its stdout.
import { describe, expect, it } from 'vitest';
import { runBot } from '../helpers/process.js';

describe('console (npm start)', () => {
  it('prints the command list for /help and exits 0 at the end of input', async () => {
    const r = await runBot(['/help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('NIAPP BOT COMMANDS');
    expect(r.stdout).toMatch(/\/help: List the commands/);
    expect(r.stdout).toMatch(/\/niapp: About the NIAPP bot/);
    expect(r.stderr).not.toMatch(/"level":50/); // no errors logged
  });

  it('plays several members from one script, ignoring comments and blank lines', async () => {
    const r = await runBot(['# a comment', '', '@alice /niapp privacy', '/niapp about']);
    expect(r.code).toBe(0);
    const blocks = r.stdout.split('» ').filter(Boolean);
    expect(blocks).toHaveLength(2);
    expect(blocks[0]).toMatch(/^to alice only\n {2}WHAT THE NIAPP BOT STORES/);
    expect(blocks[1]).toMatch(/^to Operator only\n {2}ABOUT THE NIAPP BOT/);
  });

  it('answers mistakes with what was wrong and how to say it right', async () => {
    const r = await runBot(['/help --verbose', '/nosuch', 'hello', '/press 42', '/help "unclosed']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('There is no option --verbose.');
    expect(r.stdout).toContain('Usage: /help ["command"]');
    expect(r.stdout).toContain('There is no command /nosuch. Type /help to see them all.');
    expect(r.stdout).toContain('Commands start with a slash, e.g. /help');
    expect(r.stdout).toContain('There is no control [42].');
    expect(r.stdout).toContain('A quote was opened but not closed.');
    expect(r.stdout).not.toMatch(/at .*\.ts:\d+/); // no stack trace
  });

  it('asks a form field by field from piped input: /poll with no arguments posts the poll; crisis words in a field save nothing', async () => {
    const r = await runBot(['@alice /poll', 'Which CEU topic next?', 'Ethics', 'Supervision', '', '', '', '@bob /poll', "i don't want to be alive anymore", '/poll list']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('» field 1 of 4: Question');
    expect(r.stdout).toMatch(/Poll \w+ is posted in/);
    expect(r.stdout).toContain('Which CEU topic next?\n  Anonymous');
    expect(r.stdout).toContain('YOU DO NOT HAVE TO GO THROUGH THIS ALONE');
    expect(r.stdout).toContain('Nothing you wrote here was saved or posted.');
    expect(r.stdout.match(/Poll \w+ is posted in/g)).toHaveLength(1);
    expect(r.stderr).not.toMatch(/"level":50/);
  });

  it('refuses to start on a malformed variable, naming it, with exit code 2', async () => {
    const r = await runBot(['/help'], { BOT_TIMEZONE: 'Central' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('BOT_TIMEZONE: must be an IANA time zone such as America/Chicago');
    expect(r.stdout).not.toContain('NIAPP BOT COMMANDS');
  });
});
