'use strict'

// How conditions and filters are evaluated (ConditionExpression, FilterExpression, and the legacy
// Expected / QueryFilter / ScanFilter). dynalite 4.0.0's own evaluation:
//   - throws, and so ends the whole process, on `a IN (b, :v)` when `b` is missing;
//   - never finds two lists or two maps equal (it compares them by object identity);
//   - takes two missing attributes as equal (`a = b` true), and `a <= b`, `a >= b` true with both
//     missing, while `a <> b` is false;
//   - takes a false boolean for a missing attribute in IN and attribute_type;
//   - compares binary values as UTF-8 text in begins_with and contains, where DynamoDB compares
//     unsigned bytes;
//   - lets the first false condition decide ConditionalOperator OR;
//   - ignores ReturnValuesOnConditionCheckFailure on PutItem, UpdateItem and DeleteItem.
// DynamoDB's rules, as its documentation and tests run against it state them: a comparison with a
// missing operand is false, except `<>`, which is true (a missing value equals nothing, not even
// another missing value); equality is by type and value, sets in any order, lists and maps element
// by element.
//
// The replacements below go on dynalite's db module, whose functions the actions call through the
// module; queryTable (Query and Scan) calls dynalite's own filter internally, so its wrapper hands it
// no filter and applies the filter, the projection and Select itself.

const db = require('dynalite/db')
const validations = {
  putItem: require('dynalite/validations/putItem'),
  updateItem: require('dynalite/validations/updateItem'),
  deleteItem: require('dynalite/validations/deleteItem'),
}
const { typeOf, valuesEqual, order } = require('../attributes')

const originalCompare = db.compare
const originalQueryTable = db.queryTable

function compare (comparison, value, operands) {
  if (!Array.isArray(operands)) operands = [ operands ]
  const operand = operands[0]
  const ordered = (accept) => {
    const result = order(value, operand)
    return result != null && accept(result)
  }
  switch (comparison) {
  case 'EQ': case '=': return valuesEqual(value, operand)
  case 'NE': case '<>': return !valuesEqual(value, operand)
  case 'LT': case '<': return ordered((c) => c < 0)
  case 'LE': case '<=': return ordered((c) => c <= 0)
  case 'GT': case '>': return ordered((c) => c > 0)
  case 'GE': case '>=': return ordered((c) => c >= 0)
  case 'BETWEEN': case 'between': {
    const low = order(value, operands[0]), high = order(value, operands[1])
    return low != null && high != null && low >= 0 && high <= 0
  }
  case 'IN': case 'in': return value != null && operands.some((candidate) => valuesEqual(value, candidate))
  case 'NOT_NULL': case 'attribute_exists': return value != null
  case 'NULL': case 'attribute_not_exists': return value == null
  case 'attribute_type': return value != null && operand != null && operand.S === typeOf(value)
  case 'BEGINS_WITH': case 'begins_with': return beginsWith(value, operand)
  case 'CONTAINS': case 'contains': return contains(value, operand)
  case 'NOT_CONTAINS': return !contains(value, operand)
  default: return originalCompare(comparison, value, operands)
  }
}

function beginsWith (value, prefix) {
  const type = typeOf(value)
  if (type == null || type !== typeOf(prefix)) return false
  if (type === 'S') return value.S.startsWith(prefix.S)
  if (type === 'B') {
    const bytes = Buffer.from(value.B, 'base64'), start = Buffer.from(prefix.B, 'base64')
    return bytes.length >= start.length && bytes.subarray(0, start.length).equals(start)
  }
  return false
}

function contains (value, operand) {
  const type = typeOf(value), operandType = typeOf(operand)
  if (type == null || operandType == null) return false
  if (type === 'S' && operandType === 'S') return value.S.includes(operand.S)
  if (type === 'B' && operandType === 'B') return Buffer.from(value.B, 'base64').includes(Buffer.from(operand.B, 'base64'))
  if (type === 'SS' || type === 'NS' || type === 'BS') {
    return type[0] === operandType && value[type].some((element) => valuesEqual({ [operandType]: element }, operand))
  }
  if (type === 'L') return value.L.some((element) => valuesEqual(element, operand))
  return false
}

function resolve (argument, item) {
  if (Array.isArray(argument)) return db.mapPath(argument, item)
  if (argument.type === 'function' && argument.name === 'size') return sizeOf(resolve(argument.args[0], item))
  return argument
}

function sizeOf (value) {
  switch (typeOf(value)) {
  case 'S': return { N: String(value.S.length) }
  case 'B': return { N: String(Buffer.from(value.B, 'base64').length) }
  case 'SS': case 'NS': case 'BS': case 'L': return { N: String(value[typeOf(value)].length) }
  case 'M': return { N: String(Object.keys(value.M).length) }
  default: return null
  }
}

function matchesExprFilter (item, expression) {
  switch (expression.type) {
  case 'and': return matchesExprFilter(item, expression.args[0]) && matchesExprFilter(item, expression.args[1])
  case 'or': return matchesExprFilter(item, expression.args[0]) || matchesExprFilter(item, expression.args[1])
  case 'not': return !matchesExprFilter(item, expression.args[0])
  default: {
    const values = expression.args.map((argument) => resolve(argument, item))
    return compare(expression.type === 'function' ? expression.name : expression.type, values[0], values.slice(1))
  }
  }
}

function matchesFilter (item, filter, conditionalOperator) {
  const results = Object.keys(filter).map((name) => {
    const condition = filter[name]
    const comparison = condition.Exists != null ? (condition.Exists ? 'NOT_NULL' : 'NULL') : condition.ComparisonOperator || 'EQ'
    return compare(comparison, item[name], condition.AttributeValueList || condition.Value)
  })
  return conditionalOperator === 'OR' ? results.some(Boolean) : results.every(Boolean)
}

function checkConditional (data, existingItem) {
  const item = existingItem || {}
  let passes = true
  if (data._condition) passes = matchesExprFilter(item, data._condition.expression)
  else if (data.Expected) passes = matchesFilter(item, data.Expected, data.ConditionalOperator)
  if (passes) return null
  const err = new Error('The conditional request failed')
  err.statusCode = 400
  err.body = { __type: 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException', message: err.message }
  // As DynamoDB does for single-item writes that ask for it (transactions put it in their reason).
  if (existingItem && data.ReturnValuesOnConditionCheckFailure === 'ALL_OLD') err.body.Item = existingItem
  return err
}

function queryTable (store, table, data, opts, isLocal, fetchFromItemDb, startKeyNames, cb) {
  const unfiltered = {
    ...data,
    _filter: undefined,
    QueryFilter: undefined,
    ScanFilter: undefined,
    _projection: undefined,
    AttributesToGet: undefined,
    Select: undefined,
  }
  originalQueryTable(store, table, unfiltered, opts, isLocal, fetchFromItemDb, startKeyNames, (err, result) => {
    if (err) return cb(err)
    let items = result.Items
    const legacyFilter = data.QueryFilter || data.ScanFilter
    if (data._filter) items = items.filter((item) => matchesExprFilter(item, data._filter.expression))
    else if (legacyFilter) items = items.filter((item) => matchesFilter(item, legacyFilter, data.ConditionalOperator))
    const paths = data._projection ? data._projection.paths : data.AttributesToGet
    if (paths) items = items.map((item) => db.mapPaths(paths, item))
    result.Count = items.length
    if (data.Select === 'COUNT') delete result.Items
    else result.Items = items
    cb(null, result)
  })
}

db.compare = compare
db.matchesExprFilter = matchesExprFilter
db.matchesFilter = matchesFilter
db.checkConditional = checkConditional
db.queryTable = queryTable

// dynalite drops ReturnValuesOnConditionCheckFailure from PutItem, UpdateItem and DeleteItem as an
// unknown member; declaring it keeps it for checkConditional.
for (const validation of Object.values(validations)) {
  validation.types.ReturnValuesOnConditionCheckFailure = { type: 'String', enum: [ 'ALL_OLD', 'NONE' ] }
}

module.exports = { compare, matchesExprFilter }
