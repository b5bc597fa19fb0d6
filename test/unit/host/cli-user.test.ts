import { describe, expect, it } from 'vitest';
import { osUser } from '../../../electron/engine/people/os-user';
import { takeUser } from '../../../electron/host/cli/cli-user';

describe('--user on every CLI command', () => {
  it('is taken out wherever it stands, in both spellings; the command gets the rest in order', () => {
    expect(takeUser(['--once', '--user', 'Sari', '--json'])).toEqual({ user: 'Sari', named: true, rest: ['--once', '--json'] });
    expect(takeUser(['resolve', '--user=Budi Santoso', 'withdraw'])).toEqual({ user: 'Budi Santoso', named: true, rest: ['resolve', 'withdraw'] });
  });

  it('defaults to the OS user, which a filter must not mistake for a name given', () => {
    expect(takeUser(['--once'])).toEqual({ user: osUser(), named: false, rest: ['--once'] });
  });

  it('leaves everything after -- to the command', () => {
    expect(takeUser(['--user', 'ops', '--', '--user', 'x'])).toEqual({ user: 'ops', named: true, rest: ['--', '--user', 'x'] });
  });

  it('refuses a missing or blank name', () => {
    expect(() => takeUser(['--user'])).toThrow('--user needs a name');
    expect(() => takeUser(['--user', '--json'])).toThrow('--user needs a name');
    expect(() => takeUser(['--user=  '])).toThrow('--user: name who runs the command');
    expect(() => takeUser(['--user=a\u0007b'])).toThrow('--user: no control characters');
  });
});
