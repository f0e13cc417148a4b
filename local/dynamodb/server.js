#!/usr/bin/env node
'use strict'

// dynalite with what it lacks: TransactWriteItems and TransactGetItems, DynamoDB Streams, Time to
// Live (UpdateTimeToLive, DescribeTimeToLive, the deletion of expired items), and fixes to its
// expression evaluation and validation (./patches).
//
//   node local/dynamodb/server.js [--port 4567] [--host 127.0.0.1] [--path <dir>] [--exit-with-stdin]
//
// --path keeps the tables in a LevelDB under <dir> (in memory without it). --exit-with-stdin ends
// the server when its stdin closes, so a parent that dies without cleaning up does not leave it
// running. dynalite's --createTableMs/--deleteTableMs/--updateTableMs/--maxItemSizeKb pass through.
// See README.md for the other options.

// First: the patches must be in place before dynalite loads its action modules.
require('./patches')

const { parseArgs } = require('util')
const zlib = require('zlib')
const crypto = require('crypto')
const dynalite = require('dynalite')
const dynaliteDb = require('dynalite/db')
const { createTransactions } = require('./transactions')
const { createStreams } = require('./streams')
const { createTimeToLive } = require('./ttl')
const { parseStreamsRequest, parseTimeToLiveRequest } = require('./requests')

const MAX_REQUEST_BYTES = 16 * 1024 * 1024
const STREAMS_OPERATIONS = [ 'ListStreams', 'DescribeStream', 'GetShardIterator', 'GetRecords' ]

/**
 * Returns { server, store, start }: dynalite's unstarted http.Server with the added operations
 * routed here, the store they share, and start(), which opens the store and must complete before
 * the server listens.
 *
 * @param options dynalite's options plus streamRetentionMs, streamIteratorTtlMs, ttlSweepMs and
 *     transactionConflicts
 */
function createServer (options = {}) {
  // dynalite keeps its store private; catching it as it is created lets the extensions share the
  // same tables, items, indexes and per-item locks.
  let store
  const create = dynaliteDb.create
  dynaliteDb.create = (storeOptions) => (store = create(storeOptions))
  let server
  try {
    server = dynalite(options)
  }
  finally {
    dynaliteDb.create = create
  }

  const streams = createStreams(store, { retentionMs: options.streamRetentionMs, iteratorTtlMs: options.streamIteratorTtlMs })
  streams.recordSingleItemWrites()
  const transactions = createTransactions(store, streams, { transactionConflicts: options.transactionConflicts })
  const ttl = createTimeToLive(store, streams, { sweepMs: options.ttlSweepMs })
  store.topgun = { streams, transactions, ttl }

  const operations = {
    'DynamoDB_20120810.TransactWriteItems': (data) => transactions.transactWriteItems(data),
    'DynamoDB_20120810.TransactGetItems': (data) => transactions.transactGetItems(data),
    'DynamoDB_20120810.UpdateTimeToLive': (data) => ttl.updateTimeToLive(parseTimeToLiveRequest('UpdateTimeToLive', data)),
    'DynamoDB_20120810.DescribeTimeToLive': (data) => ttl.describeTimeToLive(parseTimeToLiveRequest('DescribeTimeToLive', data)),
  }
  // Test-only controls (not AWS operations, so not signed): see transactions.js.
  const controls = {
    'TopgunLocal.InjectTransactionConflicts': (data) => transactions.injectConflicts(data),
    'TopgunLocal.DescribeTransactionConflicts': (data) => transactions.describeConflicts(data),
    'TopgunLocal.HoldItem': (data) => transactions.holdItem(data),
  }
  for (const name of STREAMS_OPERATIONS) {
    const operation = streams.api[name[0].toLowerCase() + name.slice(1)]
    operations['DynamoDBStreams_20120810.' + name] = (data) => operation(parseStreamsRequest(name, data))
  }

  const [ dynaliteHandler ] = server.listeners('request')
  server.removeAllListeners('request')
  server.on('request', (req, res) => {
    const target = req.headers['x-amz-target']
    const operation = req.method === 'POST' && (operations[target] || controls[target])
    if (!operation) return dynaliteHandler(req, res)
    readBody(req, (err, body) => {
      if (err) return send(res, 413, { __type: 'com.amazon.coral.service#SerializationException' })
      handle(operation, req, body, res, !controls[target])
    })
  })

  async function start () {
    await store.db.open()
    await streams.init()
    await ttl.init()
  }
  server.on('close', () => {
    streams.close()
    ttl.close()
  })
  return { server, store, start }
}

function handle (operation, req, body, res, signed) {
  // As dynalite does for every other operation: the SDKs always sign, so an unsigned request is a bug.
  const authorization = req.headers.authorization || ''
  if (signed && !authorization.startsWith('AWS4-')) {
    return send(res, 400, {
      __type: 'com.amazon.coral.service#MissingAuthenticationTokenException',
      message: 'Request is missing Authentication Token',
    })
  }
  let data
  try {
    data = JSON.parse(body)
  }
  catch {
    return send(res, 400, { __type: 'com.amazon.coral.service#SerializationException' })
  }
  Promise.resolve()
    .then(() => operation(data))
    .then((result) => send(res, 200, result))
    .catch((err) => {
      if (err.statusCode) return send(res, err.statusCode, err.body)
      console.error('[dynamodb] internal error', err)
      send(res, 500, { __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: String(err.message) })
    })
}

function readBody (req, callback) {
  const chunks = []
  let length = 0
  req.on('data', (chunk) => {
    length += chunk.length
    if (length > MAX_REQUEST_BYTES) {
      req.removeAllListeners('data')
      req.resume()
      return callback(new Error('request too large'))
    }
    chunks.push(chunk)
  })
  req.on('end', () => length <= MAX_REQUEST_BYTES && callback(null, Buffer.concat(chunks).toString('utf8')))
}

function send (res, statusCode, data) {
  const body = Buffer.from(JSON.stringify(data), 'utf8')
  res.statusCode = statusCode
  res.setHeader('x-amzn-RequestId', crypto.randomBytes(39).toString('base64').toUpperCase().replace(/[+/]/g, '0'))
  // The AWS SDKs verify this checksum of the body when it is present, as DynamoDB always sends it.
  res.setHeader('x-amz-crc32', zlib.crc32(body))
  res.setHeader('Content-Type', 'application/x-amz-json-1.0')
  res.setHeader('Content-Length', body.length)
  res.end(body)
}

function main () {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4567' },
      host: { type: 'string', default: '127.0.0.1' },
      path: { type: 'string' },
      createTableMs: { type: 'string' },
      deleteTableMs: { type: 'string' },
      updateTableMs: { type: 'string' },
      maxItemSizeKb: { type: 'string' },
      streamRetentionMs: { type: 'string' },
      streamIteratorTtlMs: { type: 'string' },
      ttlSweepMs: { type: 'string' },
      transactionConflicts: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      'exit-with-stdin': { type: 'boolean', default: false },
    },
  })
  const number = (name) => {
    if (values[name] == null) return undefined
    const value = Number(values[name])
    if (!Number.isFinite(value) || value < 0) {
      console.error('--%s must be a number of at least 0: %s', name, values[name])
      process.exit(2)
    }
    return value
  }
  const { server, start } = createServer({
    path: values.path,
    createTableMs: number('createTableMs'),
    deleteTableMs: number('deleteTableMs'),
    updateTableMs: number('updateTableMs'),
    maxItemSizeKb: number('maxItemSizeKb'),
    streamRetentionMs: number('streamRetentionMs'),
    streamIteratorTtlMs: number('streamIteratorTtlMs'),
    ttlSweepMs: number('ttlSweepMs'),
    transactionConflicts: values.transactionConflicts,
    verbose: values.verbose,
  })
  // Opening before listening makes an unusable --path (say, one another server holds) end the
  // process at once instead of failing every request.
  start()
    .then(() => server.listen(Number(values.port), values.host, () => {
      const { port } = server.address()
      console.log('dynalite with transactions, streams and TTL listening on http://%s:%d', values.host, port)
    }))
    .catch((err) => {
      const reason = err.cause ? err.message + ': ' + err.cause.message : err.message
      console.error('Cannot open the database%s: %s', values.path ? ' at ' + values.path : '', reason)
      process.exit(1)
    })
  // Closing lets a LevelDB under --path flush; the timer bounds the wait for open connections.
  const stop = () => {
    server.close(() => process.exit(0))
    setTimeout(() => process.exit(0), 3000).unref()
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
  if (values['exit-with-stdin']) {
    process.stdin.on('end', stop)
    process.stdin.on('error', stop)
    process.stdin.resume()
  }
}

if (require.main === module) main()

module.exports = { createServer }
