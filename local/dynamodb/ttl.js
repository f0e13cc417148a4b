'use strict'

// Time to Live: UpdateTimeToLive / DescribeTimeToLive as DynamoDB answers them, and a sweeper that
// deletes expired items of tables with TTL enabled. DynamoDB deletes within about 48 hours of
// expiry; the sweeper runs every --ttlSweepMs (30 s by default).
//
// An item is expired when its TTL attribute is a Number (epoch seconds) in the past, but not more
// than five years in the past: DynamoDB leaves such items, and items whose attribute is another
// type, in place. A deletion takes the item's lock like any other write, checks the item again under
// it, and is one LevelDB batch with its index entries and its REMOVE stream record, whose
// userIdentity names DynamoDB itself as AWS writes it.
//
// LevelDB keys: ttl~<table> -> { AttributeName, Enabled, ChangedAt } (absent: never enabled).

const db = require('dynalite/db')
const { prefixedOperations } = require('./streams')

const FIVE_YEARS_S = 5 * 365 * 24 * 60 * 60
const TTL_IDENTITY = { PrincipalId: 'dynamodb.amazonaws.com', Type: 'Service' }

/**
 * @param store dynalite's store
 * @param streams the store's streams, which record the deletions
 * @param options sweepMs (30 s), transitionMs (how long ENABLING/DISABLING last; dynalite's
 *     updateTableMs), now (the clock, in ms)
 */
function createTimeToLive (store, streams, options = {}) {
  const sweepMs = options.sweepMs || 30 * 1000
  const transitionMs = options.transitionMs != null ? options.transitionMs : store.options.updateTableMs
  const now = options.now || Date.now
  const settings = new Map() // table name -> { AttributeName, Enabled, ChangedAt }
  let timer = null
  let sweeping = null

  async function init () {
    for await (const [ key, value ] of store.db.iterator({ gt: 'ttl~', lt: 'ttl~\xff' })) {
      settings.set(key.slice('ttl~'.length), value)
    }
    timer = setInterval(() => {
      if (!sweeping) sweeping = sweep().catch((err) => console.error('[ttl] sweep failed', err)).finally(() => { sweeping = null })
    }, sweepMs)
    timer.unref()
  }

  function close () {
    if (timer) clearInterval(timer)
  }

  function status (setting) {
    if (!setting) return 'DISABLED'
    const settled = now() - setting.ChangedAt >= transitionMs
    if (setting.Enabled) return settled ? 'ENABLED' : 'ENABLING'
    return settled ? 'DISABLED' : 'DISABLING'
  }

  async function describeTimeToLive (data) {
    await getTable(data.TableName)
    const setting = settings.get(data.TableName)
    const state = status(setting)
    const description = { TimeToLiveStatus: state }
    if (state !== 'DISABLED') description.AttributeName = setting.AttributeName
    return { TimeToLiveDescription: description }
  }

  async function updateTimeToLive (data) {
    const table = await getTable(data.TableName)
    if (table.TableStatus !== 'ACTIVE') {
      throw dynamoError('ResourceInUseException', 'Attempt to change a resource which is still in use: Table is being ' +
        table.TableStatus.toLowerCase() + ': ' + data.TableName)
    }
    const { Enabled: enable, AttributeName: name } = data.TimeToLiveSpecification
    const setting = settings.get(data.TableName)
    const state = status(setting)
    // DynamoDB also refuses a second change within an hour of the first; here a change waits only
    // for the previous one to settle.
    if (state === 'ENABLING' || state === 'DISABLING') {
      throw db.validationError('Time to live has been modified multiple times within a fixed interval')
    }
    if (enable && state === 'ENABLED') throw db.validationError('TimeToLive is already enabled')
    if (!enable && state === 'DISABLED') throw db.validationError('TimeToLive is already disabled')
    if (!enable && setting.AttributeName !== name) {
      throw db.validationError('TimeToLive is active on a different AttributeName: current AttributeName is ' + setting.AttributeName)
    }
    const changed = { AttributeName: name, Enabled: enable, ChangedAt: now() }
    await batch([ { type: 'put', key: 'ttl~' + data.TableName, value: changed } ])
    settings.set(data.TableName, changed)
    return { TimeToLiveSpecification: { Enabled: enable, AttributeName: name } }
  }

  /** DeleteTable: a table created again under the same name starts without TTL, as in DynamoDB. */
  async function tableDeleted (name) {
    if (!settings.has(name)) return
    await batch([ { type: 'del', key: 'ttl~' + name } ])
    settings.delete(name)
  }

  /** Deletes the expired items of every table with TTL enabled; resolves when done. */
  async function sweep () {
    const nowS = now() / 1000
    for (const [ name, setting ] of [ ...settings ]) {
      if (status(setting) !== 'ENABLED') continue
      let table
      try {
        table = await getTable(name)
      }
      catch {
        continue
      }
      const itemDb = store.getItemDb(name)
      const expired = []
      for await (const item of itemDb.createValueStream()) {
        if (isExpired(item, setting.AttributeName, nowS)) expired.push(db.createKey(item, table))
      }
      for (const key of expired) await expire(table, itemDb, key, setting.AttributeName, nowS)
    }
  }

  function expire (table, itemDb, key, attribute, nowS) {
    return new Promise((resolve, reject) => itemDb.lock(key, (release) => {
      const done = release((err) => err ? reject(err) : resolve())
      itemDb.get(key, (err, item) => {
        if (err) return done(err.name === 'NotFoundError' ? null : err)
        // Changed or deleted since the scan: only what is still expired under the lock goes.
        if (!item || !isExpired(item, attribute, nowS)) return done()
        const operations = prefixedOperations(store, itemDb, [ { type: 'del', key } ])
        for (const indexType of [ 'Local', 'Global' ]) {
          const { deletes } = db.getIndexActions(table[indexType + 'SecondaryIndexes'] || [], item, null, table)
          for (const { index, key: indexKey } of deletes) {
            operations.push(...prefixedOperations(store, store.getIndexDb(indexType, table.TableName, index), [ { type: 'del', key: indexKey } ]))
          }
        }
        streams.write(operations, [ { table, key, old: item, item: undefined, identity: TTL_IDENTITY } ]).then(() => done(), done)
      })
    }))
  }

  function getTable (name) {
    return new Promise((resolve, reject) => store.getTable(name, false, (err, table) => err ? reject(err) : resolve(table)))
  }

  function batch (operations) {
    return new Promise((resolve, reject) => store.db.batch(operations, (err) => err ? reject(err) : resolve()))
  }

  return { init, close, describeTimeToLive, updateTimeToLive, tableDeleted, sweep }
}

function isExpired (item, attribute, nowS) {
  const value = item[attribute]
  if (!value || value.N == null) return false
  const expiry = Number(value.N)
  return expiry < nowS && expiry >= nowS - FIVE_YEARS_S
}

function dynamoError (name, message) {
  const err = new Error(message)
  err.statusCode = 400
  err.body = { __type: 'com.amazonaws.dynamodb.v20120810#' + name, message }
  return err
}

module.exports = { createTimeToLive }
