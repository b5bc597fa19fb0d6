import { describe, expect, it } from 'vitest';
import { AuthorityUnavailableError } from '../../../electron/store/authority-store';
import { asAuthorityError, isConnectionFailure } from '../../../electron/store/postgres/pg-unavailable';

const TARGET = 'db.plant.local:5432/plant';
const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('telling a lost PostgreSQL from a rejected query', () => {
  it.each([
    ['a refused connection', withCode('connect ECONNREFUSED 10.0.0.5:5432', 'ECONNREFUSED'), 'connect ECONNREFUSED 10.0.0.5:5432'],
    ['an unknown host', withCode('getaddrinfo ENOTFOUND db.plant.local', 'ENOTFOUND'), 'getaddrinfo ENOTFOUND db.plant.local'],
    ['a dropped connection', new Error('Connection terminated unexpectedly'), 'Connection terminated unexpectedly'],
    ['a connect timeout', new Error('timeout exceeded when trying to connect'), 'timeout exceeded when trying to connect'],
    ['a server shutting down', withCode('terminating connection due to administrator command', '57P01'), 'terminating connection due to administrator command'],
    ['a server starting up', withCode('the database system is starting up', '57P03'), 'the database system is starting up'],
    ['a missing database', withCode('database "plant" does not exist', '3D000'), 'database "plant" does not exist'],
    ['refused credentials', withCode('password authentication failed for user "app"', '28P01'), 'password authentication failed for user "app"'],
    ['the statement timeout', withCode('canceling statement due to statement timeout', '57014'), 'canceling statement due to statement timeout'],
    ['a silent network (read timeout)', new Error('Query read timeout'), 'Query read timeout'],
  ])('%s → AuthorityUnavailableError naming the server', (_, error, reason) => {
    const translated = asAuthorityError(error, TARGET, '');
    expect(translated).toBeInstanceOf(AuthorityUnavailableError);
    expect((translated as Error).message).toBe(`PostgreSQL unreachable (${TARGET}): ${reason}`);
    expect((translated as Error).cause).toBe(error);
  });

  it('several addresses failing together (AggregateError, empty message) still name a reason', () => {
    const error = new AggregateError([withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED'), withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')], '');
    expect((asAuthorityError(error, TARGET, '') as Error).message).toBe(`PostgreSQL unreachable (${TARGET}): connect ECONNREFUSED ::1:5432`);
  });

  it('never repeats the password, even if a driver message contains it', () => {
    const error = new Error('Connection terminated: could not log in with s3cret-pw');
    expect((asAuthorityError(error, TARGET, 's3cret-pw') as Error).message).toBe(
      `PostgreSQL unreachable (${TARGET}): Connection terminated: could not log in with ***`,
    );
  });

  it.each([
    ['a unique violation', withCode('duplicate key value violates unique constraint "ux_mo_batch_slot"', '23505')],
    ['a syntax error', withCode('syntax error at or near "SELEC"', '42601')],
    ['a plain bug', new TypeError('row is undefined')],
  ])('%s is not a connection failure and passes through unchanged', (_, error) => {
    expect(isConnectionFailure(error)).toBe(false);
    expect(asAuthorityError(error, TARGET, '')).toBe(error);
  });

  it('an AuthorityUnavailableError is kept as it is', () => {
    const error = new AuthorityUnavailableError('PostgreSQL unreachable (x:1/y): gone');
    expect(asAuthorityError(error, TARGET, '')).toBe(error);
  });
});
