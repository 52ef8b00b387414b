import assert from 'node:assert/strict';
import { GraphQLRequestError, OriginHeldError } from '../../../../src/core/graphql/graphqlRunner';
import { type AnsweredRunInput, namesVariableOrId, reportAnsweredRun, reportUnansweredRun } from '../../../../src/core/requests/runReport';

const CORRELATION = '0123456789abcdef0123456789abcdef';
const DENIED = { message: 'Permission denied', code: 'PERMISSION_DENIED', correlationId: CORRELATION, path: ['pipe'] };
const INVITE_ADVICE = {
  text: 'PERMISSION_DENIED: the service account "bot" is probably not a member of pipe 404, or the ID is wrong (Pipefy answers the same to both). A pipe admin adds the account with inviteMembers.',
  brief: '"bot" is probably not a member of pipe 404, or the ID is wrong.',
  invite: { pipeId: '404', email: 'bot@example.com' },
};

function answered(overrides: Omit<Partial<AnsweredRunInput>, 'response'> & { response?: Partial<AnsweredRunInput['response']> } = {}) {
  return reportAnsweredRun({
    operationLabel: 'Pipe',
    advice: [],
    variables: {},
    hasVariablesFile: false,
    ...overrides,
    response: { status: 200, durationMs: 12, sizeBytes: 100, errors: [], retriedAfter401: false, pacedMs: 0, ...overrides.response },
  });
}

describe('reporting a run that got an answer', () => {
  it('a clean answer: an information notice with status, time and size, no buttons, and an ok history entry', () => {
    const report = answered();
    assert.equal(report.notice.text, 'Pipefy: Pipe · 200 OK · 12 ms · 100 B');
    assert.equal(report.notice.level, 'information');
    assert.deepEqual(report.notice.actions, []);
    assert.equal(report.clean, true);
    assert.deepEqual(report.record, { outcome: 'ok', status: 200, durationMs: 12, sizeBytes: 100, errorCount: 0, errors: [], message: undefined });
    assert.deepEqual(report.log, [{ level: 'info', text: 'Pipe: 200 OK · 12 ms · 100 B.' }]);
  });

  it('GraphQL errors on a 200: the notice leads with the error (message, code), then the advice in brief; the view has the correlation id', () => {
    const report = answered({ response: { errors: [DENIED] }, advice: [INVITE_ADVICE], variables: { id: '404' }, hasVariablesFile: true });
    assert.equal(report.notice.text, `Pipefy: Pipe · Permission denied (PERMISSION_DENIED) · ${INVITE_ADVICE.brief}`);
    assert.equal(report.notice.level, 'warning');
    // Three buttons at most: a fourth would be cut off. The response view is open beside anyway.
    assert.deepEqual(report.notice.actions, ['addToPipe', 'writeInvite', 'openVariables']);
    assert.deepEqual(report.notice.invite, INVITE_ADVICE.invite);
    assert.equal(report.record.outcome, 'graphql_errors');
    assert.deepEqual(report.record.errors, [{ message: 'Permission denied', code: 'PERMISSION_DENIED', correlationId: CORRELATION }]);
    // The log and the command's result keep the status first, as before.
    assert.match(report.summary, /^200 OK · 12 ms · 100 B · 1 GraphQL error: Permission denied/);
  });

  it('a refusal that another account (a pipe\'s admin) would pass offers to run it as another account, first', () => {
    const runAsAdmin = {
      text: 'Only the organization\'s admins and the pipe\'s admins may add members: run this request as a service account that administers pipe 2, or check the ID.',
      brief: 'Only admins of pipe 2 may add members: run it as one (Run as…).',
      runAsAnother: true as const,
    };
    const report = answered({ operationLabel: 'InviteMembers', response: { errors: [DENIED] }, advice: [runAsAdmin] });
    assert.deepEqual(report.notice.actions, ['runAsAnother', 'showResponse']);
    assert.deepEqual(answered({ response: { errors: [DENIED] }, advice: [INVITE_ADVICE] }).notice.actions.includes('runAsAnother'), false);
  });

  it('counts several errors, and offers no Open Variables when there is no variables file', () => {
    const report = answered({ response: { errors: [DENIED, { ...DENIED, message: 'Other' }] }, variables: { id: '404' } });
    assert.equal(report.notice.text, 'Pipefy: Pipe · Permission denied (PERMISSION_DENIED) and 1 more error');
    assert.match(report.summary, /^200 OK · 12 ms · 100 B · 2 GraphQL errors: Permission denied \(PERMISSION_DENIED, correlation_id [^)]+\); Other /);
    assert.deepEqual(report.notice.actions, ['showResponse']);
  });

  it('a failed HTTP status leads with the status, which names the failure; lockout and truncation follow', () => {
    const report = answered({
      response: { status: 429, errors: [{ message: 'Too many requests', code: 'TOO_MANY_REQUESTS' }], problem: { code: 'rate_limited', message: 'The API rate limit was hit (429).', hint: 'Wait.' } },
      lockout: 'Requests are held until 10:05.',
    });
    // A fault of the endpoint itself says what happened and what to do, whole, rather than its errors[].
    assert.equal(report.notice.text, 'Pipefy: Pipe · 429 Too Many Requests · The API rate limit was hit (429). Wait. · Requests are held until 10:05.');
    assert.equal(report.record.outcome, 'http_error');
    assert.deepEqual(report.log.at(-1), { level: 'warn', text: 'Pipe: Requests are held until 10:05.' });
    // A bare failed status: its errors[] lead; with none to say more, the problem does.
    const unprocessable = { code: 'http_error' as const, message: 'The API answered 422.', hint: 'See the response body for details.' };
    const invalid = answered({ response: { status: 422, errors: [{ message: 'Title is too long', code: 'RECORD_INVALID' }], problem: unprocessable } });
    assert.equal(invalid.notice.text, 'Pipefy: Pipe · 422 Unprocessable Entity · Title is too long (RECORD_INVALID)');
    assert.equal(answered({ response: { status: 422, problem: unprocessable } }).notice.text, 'Pipefy: Pipe · 422 Unprocessable Entity · The API answered 422.');
  });

  it("a long error message is cut in the notice, which stays within three lines; the record keeps it whole", () => {
    const long = { message: `Required fields are missing: ${Array.from({ length: 12 }, (_, i) => `Field ${i} (field_${i})`).join(', ')}`, code: 'RECORD_INVALID', correlationId: CORRELATION };
    const report = answered({ response: { errors: [long] } });
    assert.match(report.notice.text, /^Pipefy: Pipe · Required fields are missing: Field 0 \(field_0\), Field 1 \(field_1\), Fi… \(RECORD_INVALID\)$/);
    assert.equal(report.record.errors?.[0].message, long.message);
  });

  it('logs a retry after a 401 and the time spent waiting for the rate-limit window', () => {
    const report = answered({ response: { retriedAfter401: true, pacedMs: 250 } });
    assert.match(report.log[0].text, /refused \(401\), so the request was sent again with a newer token\.$/);
    assert.equal(report.log[1].text, 'Pipe: waited 250 ms for room in the rate-limit window before it was sent.');
  });
});

describe('whether an error points at the variables', () => {
  it('a variable named in the message, as Pipefy and graphql-js write it', () => {
    assert.ok(namesVariableOrId({ message: 'Variable $pipeId of type ID! was provided invalid value' }, {}));
    assert.ok(namesVariableOrId({ message: 'Variable "$id" of required type "ID!" was not provided.' }, {}));
  });

  it('a field that holds an ID, or an ID the run sent', () => {
    assert.ok(namesVariableOrId({ message: 'Invalid input: pipe_id must be a number' }, {}));
    assert.ok(namesVariableOrId({ message: 'Pipe 404 was not found' }, { id: '404' }));
    assert.ok(!namesVariableOrId({ message: 'Card 4041 was archived' }, { id: '404' }));
  });

  it("PERMISSION_DENIED or a missing resource on a run that sent variables: Pipefy's answer to a wrong ID", () => {
    assert.ok(namesVariableOrId({ message: 'Permission denied', code: 'PERMISSION_DENIED' }, { id: '301' }));
    assert.ok(!namesVariableOrId({ message: 'Permission denied', code: 'PERMISSION_DENIED' }, {}));
  });

  it('not an error about something else', () => {
    assert.ok(!namesVariableOrId({ message: 'Invalid credentials' }, { id: '301' }));
    assert.ok(!namesVariableOrId({ message: 'Something went wrong', code: '30000 ExecutionError' }, { id: '301' }));
  });
});

describe('reporting a run that got no answer', () => {
  it('an origin that is not allowed: refused, not sent, and said so', () => {
    const report = reportUnansweredRun('Me', new GraphQLRequestError('origin_not_allowed', 'The token is not sent to https://evil.test.', 'Add it to pipefy.allowedApiOrigins.'));
    assert.deepEqual(report, {
      kind: 'failed',
      record: { outcome: 'refused', message: 'The token is not sent to https://evil.test.' },
      message: 'Me was not sent: The token is not sent to https://evil.test. Add it to pipefy.allowedApiOrigins.',
      sendAnyway: false,
    });
  });

  it('held after a 429: refused, with Send Anyway offered', () => {
    const report = reportUnansweredRun('Me', new OriginHeldError({ origin: 'https://api.pipefy.com', since: 0, until: 60_000, source: 'assumed' }, 0));
    assert.equal(report.kind, 'failed');
    assert.equal(report.record.outcome, 'refused');
    assert.ok(report.kind === 'failed' && report.sendAnyway && /^Me was not sent: /.test(report.message));
  });

  it('a timeout failed; a cancelled run and a failure of another kind go to their own handling', () => {
    const timeout = reportUnansweredRun('Me', new GraphQLRequestError('timeout', 'No answer in 30 s.', 'Try again.'));
    assert.deepEqual(timeout, { kind: 'failed', record: { outcome: 'failed', message: 'No answer in 30 s.' }, message: 'Me failed: No answer in 30 s. Try again.', sendAnyway: false });
    assert.equal(reportUnansweredRun('Me', new GraphQLRequestError('cancelled', 'The request was cancelled.', '')).kind, 'cancelled');
    assert.deepEqual(reportUnansweredRun('Me', new Error('token refused')), { kind: 'other', record: { outcome: 'failed', message: 'token refused' } });
  });
});
