'use strict'

// Shape checks for TransactWriteItems / TransactGetItems, built from dynalite's own type tables so
// that every nested Put/Update/Delete/ConditionCheck/Get is checked exactly like the single-item
// operation it mirrors, and errors name the nested path the way DynamoDB does
// (e.g. "Value null at 'transactItems.1.member.update.updateExpression' ...").

const db = require('dynalite/db')
const validations = require('dynalite/validations')
const putItem = require('dynalite/validations/putItem')
const updateItem = require('dynalite/validations/updateItem')
const deleteItem = require('dynalite/validations/deleteItem')
const getItem = require('dynalite/validations/getItem')
const describeTimeToLive = require('dynalite/validations/describeTimeToLive')

const MAX_ACTIONS = 100

const pick = (types, names) => Object.fromEntries(names.map((name) => [ name, types[name] ]))
const required = (type) => ({ ...type, notNull: true })

const conditionTypes = [ 'TableName', 'ConditionExpression', 'ExpressionAttributeNames', 'ExpressionAttributeValues' ]
const returnValuesOnConditionCheckFailure = { type: 'String', enum: [ 'ALL_OLD', 'NONE' ] }
const consumedCapacity = putItem.types.ReturnConsumedCapacity

// The request member of each transactional action, with the single-item validation whose
// custom checks (expression parsing, attribute values, item size) it reuses.
const WRITE_ACTIONS = {
  Put: {
    types: { ...pick(putItem.types, [ 'Item', ...conditionTypes ]), ReturnValuesOnConditionCheckFailure: returnValuesOnConditionCheckFailure },
    custom: putItem.custom,
  },
  Update: {
    types: {
      ...pick(updateItem.types, [ 'Key', ...conditionTypes ]),
      UpdateExpression: required(updateItem.types.UpdateExpression),
      ReturnValuesOnConditionCheckFailure: returnValuesOnConditionCheckFailure,
    },
    custom: updateItem.custom,
  },
  Delete: {
    types: { ...pick(deleteItem.types, [ 'Key', ...conditionTypes ]), ReturnValuesOnConditionCheckFailure: returnValuesOnConditionCheckFailure },
    custom: deleteItem.custom,
  },
  ConditionCheck: {
    types: {
      ...pick(deleteItem.types, [ 'Key', ...conditionTypes ]),
      ConditionExpression: required(deleteItem.types.ConditionExpression),
      ReturnValuesOnConditionCheckFailure: returnValuesOnConditionCheckFailure,
    },
    custom: deleteItem.custom,
  },
}

const GET_ACTIONS = {
  Get: {
    types: pick(getItem.types, [ 'Key', 'TableName', 'ProjectionExpression', 'ExpressionAttributeNames' ]),
    custom: getItem.custom,
  },
}

function requestTypes (actions, memberName, requiredAction) {
  const members = {}
  for (const [ name, action ] of Object.entries(actions)) {
    members[name] = { type: 'FieldStruct<' + name + '>', children: action.types }
    if (name === requiredAction) members[name].notNull = true
  }
  return {
    TransactItems: {
      type: 'List',
      notNull: true,
      lengthGreaterThanOrEqual: 1,
      lengthLessThanOrEqual: MAX_ACTIONS,
      children: { type: 'ValueStruct<' + memberName + '>', children: members },
    },
    ReturnConsumedCapacity: consumedCapacity,
  }
}

const WRITE_TYPES = {
  ...requestTypes(WRITE_ACTIONS, 'TransactWriteItem'),
  ClientRequestToken: { type: 'String', lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 36 },
  ReturnItemCollectionMetrics: putItem.types.ReturnItemCollectionMetrics,
}
const GET_TYPES = requestTypes(GET_ACTIONS, 'TransactGetItem', 'Get')

/**
 * Checks a TransactWriteItems body and returns its actions as
 * [{ type: 'Put'|'Update'|'Delete'|'ConditionCheck', data }], where data is shaped like the
 * matching single-item request (expressions parsed into _condition/_updates by dynalite).
 * Throws dynalite's SerializationException / ValidationException errors.
 */
function parseTransactWrite (body, store) {
  const data = validations.checkTypes(body, WRITE_TYPES)
  validations.checkValidations(data, WRITE_TYPES, null, store)
  return {
    clientRequestToken: data.ClientRequestToken,
    actions: data.TransactItems.map((member) => parseAction(member, WRITE_ACTIONS, store,
      'TransactItems can only contain one of Check, Put, Update or Delete')),
  }
}

/** Like parseTransactWrite, for TransactGetItems: [{ type: 'Get', data }]. */
function parseTransactGet (body, store) {
  const data = validations.checkTypes(body, GET_TYPES)
  validations.checkValidations(data, GET_TYPES, null, store)
  return { actions: data.TransactItems.map((member) => parseAction(member, GET_ACTIONS, store)) }
}

function parseAction (member, actions, store, notExactlyOne) {
  const types = Object.keys(member)
  if (types.length !== 1) throw db.validationError(notExactlyOne)
  const type = types[0], data = member[type]
  const msg = actions[type].custom(data, store)
  if (msg) throw db.validationError(msg)
  return { type, data }
}

module.exports = { parseTransactWrite, parseTransactGet }

// The DynamoDB Streams API's request members, with AWS's length limits.
const STREAM_ARN = { type: 'String', lengthGreaterThanOrEqual: 37, lengthLessThanOrEqual: 1024 }
const SHARD_ID = { type: 'String', lengthGreaterThanOrEqual: 28, lengthLessThanOrEqual: 65 }
const STREAMS_TYPES = {
  ListStreams: {
    TableName: { type: 'String', lengthGreaterThanOrEqual: 3, lengthLessThanOrEqual: 255, regex: '[a-zA-Z0-9_.-]+' },
    Limit: { type: 'Integer', greaterThanOrEqual: 1, lessThanOrEqual: 100 },
    ExclusiveStartStreamArn: STREAM_ARN,
  },
  DescribeStream: {
    StreamArn: required(STREAM_ARN),
    Limit: { type: 'Integer', greaterThanOrEqual: 1, lessThanOrEqual: 100 },
    ExclusiveStartShardId: SHARD_ID,
    ShardFilter: {
      type: 'FieldStruct<ShardFilter>',
      children: { Type: { type: 'String', enum: [ 'CHILD_SHARDS' ] }, ShardId: SHARD_ID },
    },
  },
  GetShardIterator: {
    StreamArn: required(STREAM_ARN),
    ShardId: required(SHARD_ID),
    ShardIteratorType: { type: 'String', notNull: true, enum: [ 'TRIM_HORIZON', 'LATEST', 'AT_SEQUENCE_NUMBER', 'AFTER_SEQUENCE_NUMBER' ] },
    SequenceNumber: { type: 'String', lengthGreaterThanOrEqual: 21, lengthLessThanOrEqual: 40 },
  },
  GetRecords: {
    ShardIterator: { type: 'String', notNull: true, lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 2048 },
    Limit: { type: 'Integer', greaterThanOrEqual: 1, lessThanOrEqual: 1000 },
  },
}

/** Checks a DynamoDB Streams request as AWS does and returns it; throws the AWS error. */
function parseStreamsRequest (operation, body) {
  const types = STREAMS_TYPES[operation]
  const data = validations.checkTypes(body, types)
  validations.checkValidations(data, types)
  return data
}

module.exports.parseStreamsRequest = parseStreamsRequest

const TIME_TO_LIVE_TYPES = {
  DescribeTimeToLive: describeTimeToLive.types,
  UpdateTimeToLive: {
    TableName: describeTimeToLive.types.TableName,
    TimeToLiveSpecification: {
      type: 'FieldStruct<TimeToLiveSpecification>',
      notNull: true,
      children: {
        Enabled: { type: 'Boolean', notNull: true },
        AttributeName: { type: 'String', notNull: true, lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 255 },
      },
    },
  },
}

/** Checks an UpdateTimeToLive or DescribeTimeToLive request as DynamoDB does and returns it. */
function parseTimeToLiveRequest (operation, body) {
  const types = TIME_TO_LIVE_TYPES[operation]
  const data = validations.checkTypes(body, types)
  validations.checkValidations(data, types)
  return data
}

module.exports.parseTimeToLiveRequest = parseTimeToLiveRequest
