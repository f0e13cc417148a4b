'use strict'

// DynamoDB Streams on top of a dynalite store: each table with an enabled StreamSpecification has
// one stream of one shard, and every change to one of its items (from any operation) becomes one
// record, written in the same LevelDB batch as the change itself, so that the records survive a
// restart with the data and a crash leaves neither a change without its record nor the reverse.
//
// Stream writes go through one queue: a record's sequence number is taken when its batch is written,
// and the next batch waits for it, so sequence numbers follow commit order and a reader never sees a
// record before an earlier one lands.
//
// LevelDB keys (dynalite's own are table~, item-<table>~, index-...~ and tag-<table>~):
//   streammeta~<stream arn>                  the stream: table, key schema, view type, shard, status
//   streamrec~<table>~<label>~<sequence>     one record { t: creation time in ms, r: the Record }
//   streamseq                                the last sequence number handed out

const crypto = require('crypto')
const db = require('dynalite/db')
const { itemsEqual } = require('./attributes')

const DYNAMODB = 'com.amazonaws.dynamodb.v20120810#'
const VIEW_TYPES = [ 'KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES' ]
// Sequence numbers are decimal strings of 21 to 40 digits in AWS; starting at 10^20 keeps them at
// 21 digits without leading zeros, so they order the same as strings and as numbers.
const SEQUENCE_BASE = 10n ** 20n
const MAX_RECORDS = 1000
const MAX_RESPONSE_BYTES = 1024 * 1024

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * @param store dynalite's store
 * @param options retentionMs (24 h: records older than this are trimmed), iteratorTtlMs (15 min: a
 *     shard iterator expires after it), now (the clock, in ms)
 */
function createStreams (store, options = {}) {
  const retentionMs = options.retentionMs || DAY_MS
  const iteratorTtlMs = options.iteratorTtlMs || 15 * 60 * 1000
  const now = options.now || Date.now
  const metas = new Map() // stream arn -> meta, mirrored in LevelDB
  let sequence = 0n
  let queue = Promise.resolve()
  let lastLabel = ''
  let trimTimer = null

  async function init () {
    sequence = BigInt(await getOrNull('streamseq') || 0)
    for await (const meta of store.db.values({ gt: 'streammeta~', lt: 'streammeta~\xff' })) {
      metas.set(meta.StreamArn, meta)
    }
    await trim()
    const every = Math.max(10, Math.min(60 * 1000, Math.floor(retentionMs / 10)))
    trimTimer = setInterval(() => trim().catch((err) => console.error('[streams] trim failed', err)), every)
    trimTimer.unref()
  }

  function close () {
    if (trimTimer) clearInterval(trimTimer)
  }

  function getOrNull (key) {
    return store.db.get(key).then((value) => value === undefined ? null : value, (err) => {
      if (err.code === 'LEVEL_NOT_FOUND' || err.notFound || err.name === 'NotFoundError') return null
      throw err
    })
  }

  // ---- writing ------------------------------------------------------------------------------------

  /**
   * Writes `operations` (prefixed LevelDB operations, see prefixedOperations) and one record per
   * change whose table has an enabled stream, atomically and in commit order. A change is
   * { table, key, old, item, identity? } (old or item undefined for an insert or a removal); a change
   * that leaves the item as it was makes no record.
   */
  function write (operations, changes) {
    const recorded = changes.filter((change) => streamOf(change.table) && !itemsEqual(change.old, change.item))
    if (!recorded.length) return batch(operations)
    return serially(() => {
      const records = recorded.map((change) => recordOperation(change, ++sequence))
      records.push({ type: 'put', key: 'streamseq', value: sequence.toString() })
      return batch(operations.concat(records))
    })
  }

  function batch (operations) {
    if (!operations.length) return Promise.resolve()
    return new Promise((resolve, reject) => store.db.batch(operations, (err) => err ? reject(err) : resolve()))
  }

  function streamOf (table) {
    const spec = table && table.StreamSpecification
    return spec && spec.StreamEnabled && table.LatestStreamArn ? metas.get(table.LatestStreamArn) : null
  }

  function recordOperation ({ table, old, item, identity }, seq) {
    const meta = streamOf(table)
    const view = meta.StreamViewType
    const source = item || old
    const keys = {}
    for (const { AttributeName } of table.KeySchema) keys[AttributeName] = source[AttributeName]
    const created = now()
    const dynamodb = { ApproximateCreationDateTime: Math.floor(created / 1000), Keys: keys }
    if (item && (view === 'NEW_IMAGE' || view === 'NEW_AND_OLD_IMAGES')) dynamodb.NewImage = item
    if (old && (view === 'OLD_IMAGE' || view === 'NEW_AND_OLD_IMAGES')) dynamodb.OldImage = old
    dynamodb.SequenceNumber = sequenceNumber(seq)
    dynamodb.SizeBytes = db.itemSize(keys) + (dynamodb.NewImage ? db.itemSize(dynamodb.NewImage) : 0) +
      (dynamodb.OldImage ? db.itemSize(dynamodb.OldImage) : 0)
    dynamodb.StreamViewType = view
    const record = {
      eventID: crypto.randomBytes(16).toString('hex'),
      eventName: !old ? 'INSERT' : !item ? 'REMOVE' : 'MODIFY',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: store.tableDb.awsRegion,
      dynamodb,
    }
    if (identity) record.userIdentity = identity
    return { type: 'put', key: recordKey(meta, seq), value: { t: created, r: record } }
  }

  /**
   * Wraps store.getItemDb so that PutItem, UpdateItem, DeleteItem and BatchWriteItem (which all write
   * through the per-table item store's put and del) record their changes.
   */
  function recordSingleItemWrites () {
    const getItemDb = store.getItemDb
    const wrapped = new WeakMap()
    store.getItemDb = (name) => {
      const itemDb = getItemDb(name)
      if (!wrapped.has(itemDb)) wrapped.set(itemDb, recordingItemDb(name, itemDb))
      return wrapped.get(itemDb)
    }
  }

  function recordingItemDb (name, itemDb) {
    const recording = Object.create(itemDb)
    const change = (key, operation, item, callback) => {
      store.getTable(name, false, (err, table) => {
        if (err || !streamOf(table)) return itemDb[operation.type](key, ...(item ? [ item ] : []), callback)
        itemDb.get(key, (err, old) => {
          if (err && err.name !== 'NotFoundError') return callback(err)
          const operations = prefixedOperations(store, itemDb, [ operation ])
          write(operations, [ { table, key, old: err ? undefined : old, item } ]).then(() => callback(), callback)
        })
      })
    }
    recording.put = (key, item, callback) => change(key, { type: 'put', key, value: item }, item, callback)
    recording.del = (key, callback) => change(key, { type: 'del', key }, undefined, callback)
    return recording
  }

  // ---- stream lifecycle -----------------------------------------------------------------------------

  /** Problems with a StreamSpecification as CreateTable/UpdateTable take it, or undefined. */
  function specificationProblem (spec) {
    if (spec && spec.StreamEnabled && !spec.StreamViewType) {
      return 'One or more parameter values were invalid: StreamViewType must be specified when StreamEnabled is true'
    }
    if (spec && !spec.StreamEnabled && spec.StreamViewType) {
      return 'One or more parameter values were invalid: StreamViewType cannot be specified when StreamEnabled is false'
    }
  }

  /** A new stream for `table` (a table description): its meta, not yet saved. */
  function newStream (table, viewType) {
    let label = new Date(now()).toISOString().slice(0, -1)
    // Two streams of one table within a millisecond would share an ARN.
    if (label <= lastLabel) label = new Date(Date.parse(lastLabel + 'Z') + 1).toISOString().slice(0, -1)
    lastLabel = label
    const tableArn = 'arn:aws:dynamodb:' + store.tableDb.awsRegion + ':' + store.tableDb.awsAccountId + ':table/' + table.TableName
    const created = now()
    return {
      StreamArn: tableArn + '/stream/' + label,
      StreamLabel: label,
      TableName: table.TableName,
      KeySchema: table.KeySchema,
      StreamViewType: viewType,
      CreationRequestDateTime: created / 1000,
      StreamStatus: 'ENABLED',
      ShardId: 'shardId-' + String(created).padStart(20, '0') + '-' + crypto.randomBytes(4).toString('hex'),
      StartingSequence: (sequence + 1n).toString(),
      EndingSequence: null,
      DisabledAt: null,
      TrimmedThrough: '0',
    }
  }

  /**
   * Applies `spec` (CreateTable's or UpdateTable's StreamSpecification) to the table description in
   * place and returns what to save once the table is saved, or throws the AWS error.
   */
  function planChange (table, spec) {
    const current = streamOf(table)
    if (spec.StreamEnabled) {
      if (current) {
        throw dynamoError('ResourceInUseException', 'Table already has an enabled stream: TableName: ' + table.TableName)
      }
      const meta = newStream(table, spec.StreamViewType)
      table.StreamSpecification = { StreamEnabled: true, StreamViewType: spec.StreamViewType }
      table.LatestStreamArn = meta.StreamArn
      table.LatestStreamLabel = meta.StreamLabel
      return { open: meta }
    }
    if (!current) {
      throw db.validationError('One or more parameter values were invalid: Table ' + table.TableName + ' has no enabled stream to disable')
    }
    table.StreamSpecification = { StreamEnabled: false }
    return { close: current }
  }

  /** Saves what planChange decided. */
  async function applyChange (change) {
    if (change.open) await saveMeta(change.open)
    if (change.close) await closeStream(change.close)
  }

  /** DeleteTable: the table's stream stops taking records and stays readable for the retention period. */
  async function tableDeleted (table) {
    const current = streamOf(table)
    if (current) await closeStream(current)
  }

  function closeStream (meta) {
    // Queued so that no record of this stream can be numbered after its shard's end.
    return serially(() => {
      const current = metas.get(meta.StreamArn) || meta
      return saveMeta({
        ...current,
        StreamStatus: 'DISABLED',
        EndingSequence: (sequence > BigInt(current.StartingSequence) ? sequence : BigInt(current.StartingSequence)).toString(),
        DisabledAt: now(),
      })
    })
  }

  async function saveMeta (meta) {
    await batch([ { type: 'put', key: 'streammeta~' + meta.StreamArn, value: meta } ])
    metas.set(meta.StreamArn, meta)
  }

  // Deletes records older than the retention period, and streams disabled for longer than it.
  // Queued like the writes, so that it never races a record or a stream's close.
  function trim () {
    return serially(async () => {
      const horizon = now() - retentionMs
      for (const arn of [ ...metas.keys() ]) {
        const meta = metas.get(arn)
        const prefix = recordPrefix(meta)
        const operations = []
        let trimmed = null
        for await (const [ key, value ] of store.db.iterator({ gt: prefix, lt: prefix + '\xff' })) {
          if (value.t >= horizon) break
          operations.push({ type: 'del', key })
          trimmed = value.r.dynamodb.SequenceNumber
        }
        const gone = meta.DisabledAt != null && meta.DisabledAt < horizon
        const kept = trimmed ? { ...meta, TrimmedThrough: sequenceValue(trimmed).toString() } : meta
        if (gone) operations.push({ type: 'del', key: 'streammeta~' + arn })
        else if (trimmed) operations.push({ type: 'put', key: 'streammeta~' + arn, value: kept })
        if (!operations.length) continue
        await batch(operations)
        if (gone) metas.delete(arn)
        else metas.set(arn, kept)
      }
    })
  }

  /** Runs `job` after every write and stream change queued before it. */
  function serially (job) {
    const run = queue.then(job)
    queue = run.catch(() => {})
    return run
  }

  // ---- the DynamoDB Streams API -----------------------------------------------------------------------

  function listStreams (data) {
    let streams = [ ...metas.values() ].sort((a, b) => a.CreationRequestDateTime - b.CreationRequestDateTime || compare(a.StreamArn, b.StreamArn))
    if (data.TableName != null) streams = streams.filter((meta) => meta.TableName === data.TableName)
    if (data.ExclusiveStartStreamArn != null) {
      const start = streams.findIndex((meta) => meta.StreamArn === data.ExclusiveStartStreamArn)
      streams = start < 0 ? [] : streams.slice(start + 1)
    }
    const limit = data.Limit || 100
    const result = { Streams: streams.slice(0, limit).map((meta) => ({ StreamArn: meta.StreamArn, TableName: meta.TableName, StreamLabel: meta.StreamLabel })) }
    if (streams.length > limit) result.LastEvaluatedStreamArn = result.Streams[limit - 1].StreamArn
    return result
  }

  function describeStream (data) {
    const meta = requireStream(data.StreamArn)
    const filter = data.ShardFilter
    // One shard that never splits: it has no children, and nothing follows it.
    const shards = (filter && filter.Type === 'CHILD_SHARDS') || data.ExclusiveStartShardId === meta.ShardId ? [] : [ shardOf(meta) ]
    return {
      StreamDescription: {
        StreamArn: meta.StreamArn,
        StreamLabel: meta.StreamLabel,
        StreamStatus: meta.StreamStatus,
        StreamViewType: meta.StreamViewType,
        CreationRequestDateTime: meta.CreationRequestDateTime,
        TableName: meta.TableName,
        KeySchema: meta.KeySchema,
        Shards: shards,
      },
    }
  }

  function shardOf (meta) {
    const range = { StartingSequenceNumber: sequenceNumber(BigInt(meta.StartingSequence)) }
    if (meta.EndingSequence != null) range.EndingSequenceNumber = sequenceNumber(BigInt(meta.EndingSequence))
    return { ShardId: meta.ShardId, SequenceNumberRange: range }
  }

  function getShardIterator (data) {
    const meta = requireStream(data.StreamArn)
    requireShard(meta, data.ShardId)
    const type = data.ShardIteratorType
    const start = BigInt(meta.StartingSequence)
    const trimmed = BigInt(meta.TrimmedThrough)
    const last = meta.EndingSequence != null ? BigInt(meta.EndingSequence) : sequence
    let after
    if (type === 'TRIM_HORIZON') after = trimmed > start - 1n ? trimmed : start - 1n
    else if (type === 'LATEST') after = last > start - 1n ? last : start - 1n
    else {
      if (data.SequenceNumber == null) {
        throw db.validationError('1 validation error detected: SequenceNumber must be provided for ShardIteratorType ' + type)
      }
      const requested = sequenceValue(data.SequenceNumber)
      if (requested == null || requested < start || requested > last) {
        throw db.validationError('Invalid SequenceNumber ' + data.SequenceNumber + ' for shard ' + meta.ShardId + ' of stream ' + meta.StreamArn)
      }
      after = type === 'AT_SEQUENCE_NUMBER' ? requested - 1n : requested
      if (after < trimmed) {
        throw dynamoError('TrimmedDataAccessException', 'The requested sequence number ' + data.SequenceNumber +
          ' is older than the trim horizon of shard ' + meta.ShardId + '; its records have been trimmed')
      }
    }
    return { ShardIterator: iterator(meta, after) }
  }

  async function getRecords (data) {
    const position = parseIterator(data.ShardIterator)
    const meta = metas.get(position.arn)
    if (!meta || meta.ShardId !== position.shard) {
      throw dynamoError('ResourceNotFoundException', 'Requested resource not found: Stream: ' + position.arn + ' not found')
    }
    const age = now() - position.issued
    if (age > iteratorTtlMs) {
      throw dynamoError('ExpiredIteratorException', 'Iterator expired. The iterator was created at time ' +
        new Date(position.issued).toUTCString() + ' while right now it is ' + new Date(now()).toUTCString() +
        '. The iterator is valid for ' + Math.round(iteratorTtlMs / 60000) + ' minutes.')
    }
    if (position.after < BigInt(meta.TrimmedThrough)) {
      throw dynamoError('TrimmedDataAccessException', 'The operation attempted to read past the oldest stream record in shard ' +
        meta.ShardId + ': the records after the iterator have been trimmed')
    }
    const limit = data.Limit || MAX_RECORDS
    const prefix = recordPrefix(meta)
    const records = []
    let size = 0, after = position.after, full = false
    for await (const value of store.db.values({ gt: prefix + digits(after), lt: prefix + '\xff', limit })) {
      size += value.r.dynamodb.SizeBytes
      if (records.length && size > MAX_RESPONSE_BYTES) {
        full = true
        break
      }
      records.push(value.r)
      after = sequenceValue(value.r.dynamodb.SequenceNumber)
    }
    const result = { Records: records }
    // A closed shard that has been read to its end has no next iterator.
    const drained = !full && records.length < limit
    if (!(meta.EndingSequence != null && drained)) result.NextShardIterator = iterator(meta, after)
    return result
  }

  function requireStream (arn) {
    const meta = metas.get(arn)
    if (!meta) throw dynamoError('ResourceNotFoundException', 'Requested resource not found: Stream: ' + arn + ' not found')
    return meta
  }

  function requireShard (meta, shardId) {
    if (shardId !== meta.ShardId) {
      throw dynamoError('ResourceNotFoundException', 'Requested resource not found: Shard: ' + shardId + ' in Stream: ' + meta.StreamArn + ' not found')
    }
  }

  function iterator (meta, after) {
    const position = { a: meta.StreamArn, s: meta.ShardId, p: after.toString(), t: now() }
    return Buffer.from(JSON.stringify(position)).toString('base64url')
  }

  function parseIterator (text) {
    try {
      const position = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'))
      if (typeof position.a === 'string' && typeof position.s === 'string' && /^\d+$/.test(position.p) && Number.isFinite(position.t)) {
        return { arn: position.a, shard: position.s, after: BigInt(position.p), issued: position.t }
      }
    }
    catch {
      // reported below
    }
    throw db.validationError('Invalid ShardIterator')
  }

  return {
    init,
    close,
    write,
    recordSingleItemWrites,
    specificationProblem,
    planChange,
    applyChange,
    tableDeleted,
    streamOf,
    api: { listStreams, describeStream, getShardIterator, getRecords },
  }
}

/**
 * The operations `subDb` (one of dynalite's per-table stores, which only prefix keys and forward to
 * the main database's batch) would send for `operations`, so that they can join a larger batch.
 */
function prefixedOperations (store, subDb, operations) {
  const captured = []
  const batch = store.db.batch
  store.db.batch = (prefixed) => { captured.push(...prefixed) }
  try {
    subDb.batch(operations)
  }
  finally {
    store.db.batch = batch
  }
  // Guards the hook against a dynalite upgrade that stops forwarding synchronously.
  if (captured.length !== operations.length) throw new Error('dynalite sub-stores no longer forward batches to db.batch')
  return captured
}

function recordPrefix (meta) {
  return 'streamrec~' + meta.TableName + '~' + meta.StreamLabel + '~'
}

function recordKey (meta, seq) {
  return recordPrefix(meta) + digits(seq)
}

function digits (seq) {
  return seq.toString().padStart(40, '0')
}

function sequenceNumber (seq) {
  return (SEQUENCE_BASE + seq).toString()
}

function sequenceValue (text) {
  if (typeof text !== 'string' || !/^\d{21,40}$/.test(text)) return null
  const value = BigInt(text) - SEQUENCE_BASE
  return value < 0n ? null : value
}

function dynamoError (name, message) {
  const err = new Error(message)
  err.statusCode = 400
  err.body = { __type: DYNAMODB + name, message }
  return err
}

function compare (a, b) {
  return a < b ? -1 : a > b ? 1 : 0
}

module.exports = { createStreams, prefixedOperations, dynamoError, VIEW_TYPES }
