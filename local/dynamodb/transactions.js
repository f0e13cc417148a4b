'use strict'

// TransactWriteItems and TransactGetItems on top of a dynalite store.
//
// A transaction locks every item it touches (dynalite's per-table, per-key locks, the same ones
// PutItem/UpdateItem/DeleteItem take), always in one global order so that waiting transactions can
// never form a cycle. Under those locks it reads the items, evaluates every action, and only if all
// of them pass writes all items and index entries in a single LevelDB batch. Locks and idempotency
// tokens live in this process, which owns its LevelDB exclusively.
//
// Conflicts: by default a transaction waits for the locks it needs. With transactionConflicts, it
// behaves as DynamoDB does instead: a transaction that finds one of its items locked by another
// request is cancelled (TransactionConflict for that action), and a single-item write to an item a
// transaction holds fails with TransactionConflictException (patches/conflicts.js). Either way, tests
// can arm "the next N transactions touching this item conflict" (injectConflicts) and hold an item as
// a transaction in flight would (holdItem), through the TopgunLocal.* control targets.

const crypto = require('crypto')
const db = require('dynalite/db')
const putItem = require('dynalite/actions/putItem')
const updateItem = require('dynalite/actions/updateItem')
const deleteItem = require('dynalite/actions/deleteItem')
const { parseTransactWrite, parseTransactGet } = require('./requests')
const { prefixedOperations } = require('./streams')
const { emptyIndexUpdateInExpression } = require('./patches/items')

const DYNAMODB = 'com.amazonaws.dynamodb.v20120810#'
const IDEMPOTENCY_WINDOW_MS = 10 * 60 * 1000
const CONFLICT = { Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' }
// "The aggregate size of the items in the transaction cannot exceed 4 MB."
const MAX_TRANSACTION_BYTES = 4 * 1024 * 1024
const MAX_HOLD_MS = 60 * 1000
const SINGLE_ITEM_ACTIONS = { Put: putItem, Update: updateItem, Delete: deleteItem }

/**
 * @param store dynalite's store
 * @param streams the store's streams (./streams), which every write goes through
 * @param options transactionConflicts: cancel on a locked item instead of waiting for it
 */
function createTransactions (store, streams, options = {}) {
  const conflictMode = Boolean(options.transactionConflicts)
  // ClientRequestToken -> { fingerprint, expiresAt } (expiresAt null while the transaction runs).
  const tokens = new Map()
  // Item id (see itemId) -> how many of the next transactions touching it are cancelled.
  const armed = new Map()
  // Item id -> how many transactions (or holds) hold its lock right now.
  const held = new Map()

  async function transactWriteItems (body) {
    const fingerprint = fingerprintOf(body)
    const request = parseTransactWrite(body, store)
    const size = request.actions.reduce((sum, action) => sum + actionSize(action), 0)
    if (size > MAX_TRANSACTION_BYTES) throw db.validationError('Transaction request cannot be larger than 4 MB')
    const targets = await resolveTargets(request.actions)
    cancelInvalid(targets)
    const token = request.clientRequestToken
    if (token == null) {
      await commit(targets)
      return {}
    }

    forgetExpiredTokens(Date.now())
    const previous = tokens.get(token)
    if (previous && previous.fingerprint !== fingerprint) {
      throw dynamoError('IdempotentParameterMismatchException',
        'The request uses the same client token as a previous, but non-identical request.')
    }
    if (previous && previous.expiresAt == null) {
      throw dynamoError('TransactionInProgressException', 'The transaction with the given request token is already in progress.')
    }
    // A replay of a transaction that succeeded within the window succeeds without applying again.
    if (previous) return {}

    tokens.set(token, { fingerprint, expiresAt: null })
    try {
      await commit(targets)
    }
    catch (err) {
      // Only a committed transaction claims its token; a cancelled one may be retried with it.
      tokens.delete(token)
      throw err
    }
    // Re-inserted so that the map stays in completion order, which is expiry order.
    tokens.delete(token)
    tokens.set(token, { fingerprint, expiresAt: Date.now() + IDEMPOTENCY_WINDOW_MS })
    return {}
  }

  function forgetExpiredTokens (now) {
    for (const [ token, entry ] of tokens) {
      if (entry.expiresAt == null) continue
      if (entry.expiresAt > now) break
      tokens.delete(token)
    }
  }

  async function commit (targets) {
    const unlock = await lock(targets, true)
    try {
      const outcomes = []
      for (const target of targets) {
        const existing = await readItem(target)
        outcomes.push({ target, existing, ...await evaluate(target, existing) })
      }
      if (outcomes.some((outcome) => outcome.reason)) throw cancellation(outcomes)
      await writeAtomically(outcomes.filter((outcome) => outcome.target.type !== 'ConditionCheck'))
    }
    finally {
      unlock()
    }
  }

  // Runs dynalite's own single-item action against a store that holds just this item and records
  // the write instead of doing it. That keeps condition checks, UpdateExpression application
  // (SET/REMOVE/ADD/DELETE, names and values) and size limits identical to PutItem/UpdateItem/
  // DeleteItem, and leaves the real store untouched until every action of the transaction passed.
  function evaluate (target, existing) {
    if (target.type === 'ConditionCheck') {
      return Promise.resolve(failureOf(db.checkConditional(target.data, existing), target, existing))
    }
    return new Promise((resolve, reject) => {
      let item = existing
      const itemDb = {
        lock: (key, locked) => locked((callback) => callback),
        get: (key, callback) => callback(null, existing && structuredClone(existing)),
        put: (key, newItem, callback) => { item = newItem; callback() },
        del: (key, callback) => { item = undefined; callback() },
      }
      const noIndexes = { put: (key, value, callback) => callback(), del: (key, callback) => callback() }
      const itemStore = {
        options: store.options,
        getTable: (name, callback) => callback(null, target.table),
        getItemDb: () => itemDb,
        getIndexDb: () => noIndexes,
      }
      SINGLE_ITEM_ACTIONS[target.type](itemStore, target.data, (err) => {
        if (!err) return resolve({ item })
        const failure = failureOf(err, target, existing)
        return failure ? resolve(failure) : reject(err)
      })
    })
  }

  // Dynalite keeps every table and index as a key prefix of one LevelDB; collecting the prefixed
  // operations of every item and index write turns the transaction into one batch (with its stream
  // records), so a failed write (or a crash, with --path) leaves all of the transaction or none of it.
  async function writeAtomically (outcomes) {
    const operations = []
    const changes = []
    for (const { target, existing, item } of outcomes) {
      const { table } = target
      const itemDb = store.getItemDb(table.TableName)
      operations.push(...prefixedOperations(store, itemDb,
        [ item ? { type: 'put', key: target.key, value: item } : { type: 'del', key: target.key } ]))
      for (const indexType of [ 'Local', 'Global' ]) {
        const { puts, deletes } = db.getIndexActions(table[indexType + 'SecondaryIndexes'] || [], existing, item, table)
        for (const { index, key } of deletes) {
          operations.push(...prefixedOperations(store, store.getIndexDb(indexType, table.TableName, index), [ { type: 'del', key } ]))
        }
        for (const put of puts) {
          operations.push(...prefixedOperations(store, store.getIndexDb(indexType, table.TableName, put.index),
            [ { type: 'put', key: put.key, value: put.item } ]))
        }
      }
      changes.push({ table, key: target.key, old: existing, item })
    }
    await streams.write(operations, changes)
  }

  async function transactGetItems (body) {
    const request = parseTransactGet(body, store)
    const targets = await resolveTargets(request.actions)
    cancelInvalid(targets)
    const unlock = await lock(targets, false)
    try {
      const responses = []
      for (const target of targets) {
        const item = await readItem(target)
        const projection = target.data._projection
        if (!item) responses.push({})
        else responses.push({ Item: projection ? db.mapPaths(projection.paths, item) : item })
      }
      return { Responses: responses }
    }
    finally {
      unlock()
    }
  }

  // Loads each action's table, checks its key or item against the schema and computes dynalite's
  // item key. As in DynamoDB, a problem the request shows by itself (an empty key value, an update of
  // a key attribute, two actions on one item) rejects the whole request, while a key or item that
  // does not fit the table's schema (a missing or wrongly typed key attribute, a wrongly typed index
  // key) cancels the transaction with a ValidationError reason for that action.
  async function resolveTargets (actions) {
    const tables = new Map()
    for (const { data } of actions) {
      if (!tables.has(data.TableName)) tables.set(data.TableName, await getTable(data.TableName))
    }
    const seen = new Set()
    return actions.map(({ type, data }) => {
      const table = tables.get(data.TableName)
      const schemaError = type === 'Put' ? db.validateItem(data.Item, table) : db.validateKey(data.Key, table)
      if (schemaError && !isRequestLevel(schemaError)) return { type, data, table, problem: validationReason(schemaError) }
      const invalid = schemaError ||
        (type === 'Update' ? emptyIndexUpdateInExpression(data._updates, table) || db.validateUpdates(null, data._updates, table) : null) ||
        (type === 'Get' ? db.validateKeyPaths((data._projection || {}).nestedPaths, table) : null)
      if (invalid && !isRequestLevel(invalid)) return { type, data, table, problem: validationReason(invalid) }
      if (invalid) throw invalid
      const key = db.createKey(type === 'Put' ? data.Item : data.Key, table)
      const id = JSON.stringify([ data.TableName, key ])
      if (seen.has(id)) throw db.validationError('Transaction request cannot include multiple operations on one item')
      seen.add(id)
      return { type, data, table, key }
    })
  }

  // Throws the cancellation for targets whose key or item does not fit their table.
  function cancelInvalid (targets) {
    if (targets.some((target) => target.problem)) {
      throw cancellation(targets.map((target) => target.problem ? { reason: target.problem } : {}))
    }
  }

  // Takes the locks of every target, or cancels the transaction with TransactionConflict for the
  // targets armed to conflict or (in conflict mode) locked by another request. A writing
  // transaction's items count as held, which single-item writes then conflict with.
  async function lock (targets, writing) {
    const conflicts = targets.map((target) => consumeArmed(target))
    if (conflictMode && !conflicts.some(Boolean)) {
      targets.forEach((target, i) => { conflicts[i] = lockOf(target).isLocked(target.key) })
    }
    if (conflicts.some(Boolean)) throw cancellation(conflicts.map((conflict) => conflict ? { reason: CONFLICT } : {}))
    const release = conflictMode ? lockFree(targets) : await lockAll(targets)
    const ids = writing ? targets.map(itemIdOf) : []
    ids.forEach((id) => held.set(id, (held.get(id) || 0) + 1))
    return () => {
      ids.forEach((id) => held.get(id) > 1 ? held.set(id, held.get(id) - 1) : held.delete(id))
      release()
    }
  }

  function consumeArmed (target) {
    const id = itemIdOf(target)
    const remaining = armed.get(id)
    if (!remaining) return false
    if (remaining > 1) armed.set(id, remaining - 1)
    else armed.delete(id)
    return true
  }

  // Per-key locks taken one at a time in (table, key) order: every transaction climbs the same
  // order, and single-item operations hold one key only, so no cycle of waiters can form.
  async function lockAll (targets) {
    const releases = []
    for (const target of ordered(targets)) {
      releases.push(await new Promise((resolve) => lockOf(target)(target.key, (release) => resolve(release()))))
    }
    return () => releases.forEach((release) => release())
  }

  // Locks that were just found free, taken in this same turn of the event loop: the lock library
  // grants a free lock synchronously, so nothing can take one of them in between.
  function lockFree (targets) {
    const releases = []
    for (const target of ordered(targets)) lockOf(target)(target.key, (release) => releases.push(release()))
    if (releases.length !== targets.length) throw new Error('a lock found free was not granted at once')
    return () => releases.forEach((release) => release())
  }

  function ordered (targets) {
    return [ ...targets ].sort((a, b) => compare(a.table.TableName, b.table.TableName) || compare(a.key, b.key))
  }

  function lockOf (target) {
    return store.getItemDb(target.table.TableName).lock
  }

  /** Whether a transaction (or a hold) has the item locked, for single-item writes in conflict mode. */
  function isHeld (tableName, key) {
    return held.has(JSON.stringify([ tableName, key ]))
  }

  // ---- the TopgunLocal.* control targets, for tests --------------------------------------------------

  /** { TableName, Key, Count }: the next Count transactions that touch the item are cancelled for it. */
  async function injectConflicts (data) {
    const target = await controlTarget(data)
    if (!Number.isInteger(data.Count) || data.Count < 0 || data.Count > 1000) {
      throw db.validationError('Count must be an integer from 0 to 1000')
    }
    const id = itemIdOf(target)
    if (data.Count) armed.set(id, data.Count)
    else armed.delete(id)
    return { Remaining: data.Count }
  }

  /** { TableName, Key }: how many armed conflicts of the item are left. */
  async function describeConflicts (data) {
    return { Remaining: armed.get(itemIdOf(await controlTarget(data))) || 0 }
  }

  /**
   * { TableName, Key, DurationMs }: takes the item's lock (waiting for it, as a transaction does) and
   * keeps it for DurationMs, as a transaction in flight would; answers once the lock is taken.
   */
  async function holdItem (data) {
    const target = await controlTarget(data)
    if (!Number.isInteger(data.DurationMs) || data.DurationMs < 1 || data.DurationMs > MAX_HOLD_MS) {
      throw db.validationError('DurationMs must be an integer from 1 to ' + MAX_HOLD_MS)
    }
    const release = await lockAll([ target ])
    const id = itemIdOf(target)
    held.set(id, (held.get(id) || 0) + 1)
    setTimeout(() => {
      held.get(id) > 1 ? held.set(id, held.get(id) - 1) : held.delete(id)
      release()
    }, data.DurationMs)
    return {}
  }

  async function controlTarget (data) {
    if (!data || typeof data.TableName !== 'string' || !data.Key || typeof data.Key !== 'object') {
      throw db.validationError('TableName and Key are required')
    }
    const table = await getTable(data.TableName)
    const invalid = db.validateKey(data.Key, table)
    if (invalid) throw invalid
    return { table, key: db.createKey(data.Key, table) }
  }

  function getTable (name) {
    return new Promise((resolve, reject) => store.getTable(name, (err, table) => err ? reject(err) : resolve(table)))
  }

  function readItem (target) {
    return new Promise((resolve, reject) => store.getItemDb(target.table.TableName).get(target.key, (err, item) => {
      if (err && err.name !== 'NotFoundError') return reject(err)
      resolve(err ? undefined : item)
    }))
  }

  return { transactWriteItems, transactGetItems, isHeld, conflictMode, injectConflicts, describeConflicts, holdItem }
}

// What an action brings into the transaction by DynamoDB's item-size rules: a Put's item; the key
// and expression values of the others.
function actionSize ({ type, data }) {
  if (type === 'Put') return db.itemSize(data.Item)
  return db.itemSize(data.Key) + (data.ExpressionAttributeValues ? db.itemSize(data.ExpressionAttributeValues) : 0)
}

// Problems DynamoDB finds in the request alone, before the transaction runs: these reject it.
function isRequestLevel (err) {
  return !/^(The provided key element does not match the schema|One or more parameter values were invalid: (Missing the key|Type mismatch for))/
    .test(err.body.message)
}

function validationReason (err) {
  return { Code: 'ValidationError', Message: err.body.message }
}

function itemIdOf (target) {
  return JSON.stringify([ target.table.TableName, target.key ])
}

// The reason an action cancels the transaction, or null when err is not one (then it is a fault).
function failureOf (err, target, existing) {
  if (!err) return {}
  const type = err.body && err.body.__type
  if (type === DYNAMODB + 'ConditionalCheckFailedException') {
    const reason = { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' }
    if (existing && target.data.ReturnValuesOnConditionCheckFailure === 'ALL_OLD') reason.Item = existing
    return { reason }
  }
  if (type && type.endsWith('#ValidationException')) {
    return { reason: { Code: 'ValidationError', Message: err.body.message } }
  }
  return null
}

function cancellation (outcomes) {
  const reasons = outcomes.map((outcome) => outcome.reason || { Code: 'None' })
  const err = dynamoError('TransactionCanceledException',
    'Transaction cancelled, please refer cancellation reasons for specific reasons [' +
    reasons.map((reason) => reason.Code).join(', ') + ']')
  // DynamoDB spells this exception's message with a capital M; the SDKs read either.
  err.body = { __type: err.body.__type, CancellationReasons: reasons, Message: err.body.message }
  return err
}

function dynamoError (name, message) {
  const err = new Error(message)
  err.statusCode = 400
  err.body = { __type: DYNAMODB + name, message }
  return err
}

// Identifies "the same request" for ClientRequestToken replays: the body without its token,
// independent of key order.
function fingerprintOf (body) {
  const { ClientRequestToken, ...rest } = body || {}
  return crypto.createHash('sha256').update(canonicalJson(rest)).digest('hex')
}

function canonicalJson (value) {
  if (Array.isArray(value)) return '[' + value.map(canonicalJson).join(',') + ']'
  if (value && typeof value === 'object') {
    return '{' + Object.keys(value).sort().map((key) => JSON.stringify(key) + ':' + canonicalJson(value[key])).join(',') + '}'
  }
  return JSON.stringify(value)
}

function compare (a, b) {
  return a < b ? -1 : a > b ? 1 : 0
}

module.exports = { createTransactions }
