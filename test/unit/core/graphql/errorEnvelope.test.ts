import assert from 'node:assert/strict';
import { readApiErrors } from '../../../../src/core/graphql/errorEnvelope';

const CID = '0123456789abcdef0123456789abcdef';

describe('readApiErrors: every error envelope read the same way', () => {
  it('errors[] with extensions: message, extensions.code, extensions.correlation_id and path', () => {
    const json = { data: { pipe: null }, errors: [{ message: 'Permission denied', locations: [{ line: 1, column: 3 }], path: ['pipe'], extensions: { code: 'PERMISSION_DENIED', correlation_id: CID } }] };
    assert.deepEqual(readApiErrors(200, json), [{ message: 'Permission denied', code: 'PERMISSION_DENIED', correlationId: CID, path: ['pipe'] }]);
  });

  it('graphql-ruby camelCase codes are read as they are', () => {
    const json = { errors: [{ message: "Argument 'title' on InputObject 'CreateCardInput' is required.", extensions: { code: 'missingRequiredInputObjectAttribute' } }] };
    assert.deepEqual(readApiErrors(200, json), [{ message: "Argument 'title' on InputObject 'CreateCardInput' is required.", code: 'missingRequiredInputObjectAttribute' }]);
  });

  it('the older envelope: a numeric code and a type on each error, or on the answer itself', () => {
    const inErrors = { data: null, errors: [{ message: 'Something went wrong', locations: [{ line: 17, column: 25 }], code: 30000, type: 'ExecutionError' }] };
    assert.deepEqual(readApiErrors(200, inErrors), [{ message: 'Something went wrong', code: '30000 ExecutionError' }]);
    const onTop = { message: 'Something went wrong', code: 30000, type: 'ExecutionError', correlation_id: CID };
    assert.deepEqual(readApiErrors(200, onTop), [{ message: 'Something went wrong', code: '30000 ExecutionError', correlationId: CID }]);
  });

  it('{"error": {"message", "details": {"code", "correlation_id"}}}', () => {
    const json = { error: { message: 'Invalid input', details: { code: 'INVALID_INPUT', correlation_id: CID } } };
    assert.deepEqual(readApiErrors(200, json), [{ message: 'Invalid input', code: 'INVALID_INPUT', correlationId: CID }]);
    assert.deepEqual(readApiErrors(400, json), [{ message: 'Invalid input', code: 'INVALID_INPUT', correlationId: CID }], 'its own code wins over the status');
  });

  it('a mutation payload with success: false', () => {
    assert.deepEqual(readApiErrors(200, { data: { deleteCard: { success: false, clientMutationId: null } } }), [{ message: 'deleteCard answered success: false', path: ['deleteCard'] }]);
    assert.deepEqual(readApiErrors(200, { data: { deleteCard: { success: true } } }), []);
  });

  it('a mutation payload with error_details {object_name, object_key, messages}, as a list or one object', () => {
    const details = { object_name: 'Card', object_key: '1001', messages: ['Amount must be greater than 0', 'Item is too long'] };
    const expected = [{ message: 'updateFieldsValues: Card 1001: Amount must be greater than 0; Item is too long', path: ['updateFieldsValues'] }];
    assert.deepEqual(readApiErrors(200, { data: { updateFieldsValues: { success: false, error_details: [details] } } }), expected, 'success: false is not counted twice');
    assert.deepEqual(readApiErrors(200, { data: { updateFieldsValues: { error_details: details } } }), expected);
    assert.deepEqual(readApiErrors(200, { data: { updateFieldsValues: { success: true, error_details: [] } } }), []);
  });

  it("a mutation payload's own errors [{index, message}] (inviteMembers)", () => {
    const json = { data: { inviteMembers: { users: [], errors: [{ index: 0, message: 'Invalid role_name "owner"' }] } } };
    assert.deepEqual(readApiErrors(200, json), [{ message: 'inviteMembers, item 0: Invalid role_name "owner"', path: ['inviteMembers'] }]);
    assert.deepEqual(readApiErrors(200, { data: { inviteMembers: { users: [{ id: '1' }], errors: [] } } }), []);
  });

  it('the 401 {"errors": [{"title", "detail"}]}: title and detail, with the status as the code', () => {
    const json = { errors: [{ title: 'Unauthorized', detail: 'You are not authorized to access this page' }] };
    assert.deepEqual(readApiErrors(401, json), [{ message: 'Unauthorized: You are not authorized to access this page', code: 'HTTP 401' }]);
  });

  it("OAuth's 401 {\"error\": \"invalid_token\"}: the word is the code", () => {
    assert.deepEqual(readApiErrors(401, { error: 'invalid_token' }), [{ message: 'invalid_token', code: 'invalid_token' }]);
    assert.deepEqual(readApiErrors(401, { error: 'invalid_token', error_description: 'The access token expired' }), [{ message: 'The access token expired', code: 'invalid_token' }]);
  });

  it('HTTP 404 with a Rails-style body, 422 with errors[], 5xx with errors[] and with an HTML page', () => {
    assert.deepEqual(readApiErrors(404, { status: 404, error: 'Not Found' }), [{ message: 'Not Found', code: 'HTTP 404' }]);
    const unprocessable = { errors: [{ message: 'Validation failed', extensions: { code: 'RECORD_INVALID', correlation_id: CID } }] };
    assert.deepEqual(readApiErrors(422, unprocessable), [{ message: 'Validation failed', code: 'RECORD_INVALID', correlationId: CID }]);
    const serverError = { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR', correlation_id: CID } }] };
    assert.deepEqual(readApiErrors(500, serverError), [{ message: 'Internal server error', code: 'INTERNAL_SERVER_ERROR', correlationId: CID }]);
    assert.deepEqual(readApiErrors(502, undefined), [{ message: 'Bad Gateway: the body carries no error message', code: 'HTTP 502' }]);
    assert.deepEqual(readApiErrors(599, {}), [{ message: 'Error: the body carries no error message', code: 'HTTP 599' }]);
  });

  it('a correlation id beside the message rather than in extensions is read too', () => {
    assert.deepEqual(readApiErrors(200, { errors: [{ message: 'x', correlation_id: CID }] }), [{ message: 'x', correlationId: CID }]);
  });

  it('a path that is not a list of field names and indexes is left out, the error kept', () => {
    assert.deepEqual(readApiErrors(200, { errors: [{ message: 'x', path: [null, { a: 1 }] }, { message: 'y', path: 'pipe' }] }), [{ message: 'x' }, { message: 'y' }]);
  });

  it('an error with nothing readable is shown as its JSON', () => {
    assert.deepEqual(readApiErrors(200, { errors: [{ weird: true }] }), [{ message: '{"weird":true}' }]);
  });

  it('finds nothing in a clean answer or a 2xx body that is not an error', () => {
    for (const json of [undefined, null, 'text', [], { data: {} }, { data: { me: { id: '1' } } }, { errors: 'no' }, { errors: [] }]) assert.deepEqual(readApiErrors(200, json), [], JSON.stringify(json));
  });
});
