#!/usr/bin/env node
'use strict'

// S3 on this machine: @20minutes/s3rver with what the Topgun functions and tools need on top.
//
//   node local/s3/server.js --directory <dir> [--port 4568] [--host 127.0.0.1]
//        [--access-key local --secret-key local] [--exit-with-stdin]
//
// Objects live in <dir>/objects (s3rver's layout), versions in <dir>/versions. Added to s3rver:
// bucket versioning (./versioning.js), the AWS SDKs' chunked bodies with trailing checksums and the
// checking of every digest and chunk signature (./chunked.js), POST policy checking
// (./post-policy.js), atomic object writes, and private buckets: a request that is not signed
// with the configured key (header, presigned URL or POST policy) is AccessDenied, as on a bucket
// that blocks public access.

const path = require('path')
const crypto = require('crypto')
const { Readable } = require('stream')
const { parseArgs } = require('util')
const { promises: fs, mkdirSync } = require('fs')

// Replaced before s3rver loads its object controller, which takes the body parser at require time.
const v4 = require('@20minutes/s3rver/lib/signature/v4')
const chunked = require('./chunked')
const AWSAccount = require('@20minutes/s3rver/lib/models/account')
const S3Error = require('@20minutes/s3rver/lib/models/error')

function secretFor (accessKeyId) {
  const account = AWSAccount.registry.get(accessKeyId)
  if (!account) {
    throw new S3Error('InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', { AWSAccessKeyId: accessKeyId })
  }
  return account.accessKeys.get(accessKeyId)
}

const parseHeader = v4.parseHeader
v4.parseHeader = (headers) => {
  // s3rver's check knows neither trailer form; the value still goes into the signature as sent.
  const value = headers['x-amz-content-sha256']
  if (value && chunked.CONTENT_SHA256.test(value)) {
    return parseHeader({ ...headers, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' })
  }
  return parseHeader(headers)
}
v4.aws4SignatureBodyParser = (ctx) => chunked.bodyParser(ctx, secretFor)

const S3rver = require('@20minutes/s3rver')
const router = require('@20minutes/s3rver/lib/routes')
const { Versions, middleware: versioning } = require('./versioning')
const postPolicy = require('./post-policy')

/** Runs after s3rver's authentication: only signed requests reach a bucket. */
function privateBuckets () {
  return async function privateBucket (ctx, next) {
    if (ctx.method === 'OPTIONS' || ctx.state.account) return next()
    if (ctx.params.bucket && await postPolicy.verify(ctx, secretFor)) {
      ctx.state.account = AWSAccount.registry.get(ctx.state.postAccessKeyId)
      return next()
    }
    throw new S3Error('AccessDenied', 'Access Denied')
  }
}

/** Inserts middleware into s3rver's router right after its authentication layer. */
function afterAuthentication (middlewares) {
  const at = router.stack.findIndex((layer) => layer.stack.some((fn) => fn.name === 'authentication'))
  if (at < 0) throw new Error('s3rver changed: no authentication layer in its router')
  const before = router.stack.length
  for (const mw of middlewares) router.use('/:bucket?/:key*', mw)
  const added = router.stack.splice(before)
  router.stack.splice(at + 1, 0, ...added)
}

/** Writes each object to a temporary file renamed into place: a failed upload changes nothing. */
function atomicWrites (store) {
  const putContent = store.putContent.bind(store)
  store.putContent = async (file, content) => {
    const temp = `${file}.${crypto.randomBytes(6).toString('hex')}.upload`
    try {
      const result = await putContent(temp, Buffer.isBuffer(content) ? Readable.from([ content ]) : content)
      await fs.rename(temp, file)
      return result
    }
    catch (err) {
      await fs.rm(temp, { force: true })
      throw err
    }
  }
}

function versionedWrites (store, versions) {
  const putObject = store.putObject.bind(store)
  store.putObject = (object) => versions.write(object.bucket, object.key, () => putObject(object))
  const copyObject = store.copyObject.bind(store)
  store.copyObject = (srcBucket, srcKey, destBucket, destKey, metadata) =>
    versions.write(destBucket, destKey, () => copyObject(srcBucket, srcKey, destBucket, destKey, metadata))
}

function createServer ({ directory, host = '127.0.0.1', port = 4568, accessKey = 'local', secretKey = 'local', silent = false }) {
  const objects = path.join(directory, 'objects')
  mkdirSync(objects, { recursive: true })
  // Only the configured key signs: any other is InvalidAccessKeyId, as in S3.
  AWSAccount.DUMMY_ACCOUNT.revokeAccessKey('S3RVER')
  AWSAccount.DUMMY_ACCOUNT.createKeyPair(accessKey, secretKey)
  const server = new S3rver({ address: host, port, directory: objects, vhostBuckets: false, silent })
  const versions = new Versions(path.join(directory, 'versions'), server.store)
  atomicWrites(server.store)
  versionedWrites(server.store, versions)
  afterAuthentication([ privateBuckets(), versioning(versions) ])
  return server
}

function main () {
  const { values } = parseArgs({
    options: {
      directory: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '4568' },
      'access-key': { type: 'string', default: 'local' },
      'secret-key': { type: 'string', default: 'local' },
      'exit-with-stdin': { type: 'boolean', default: false },
      silent: { type: 'boolean', default: false },
    },
  })
  if (!values.directory) {
    console.error('usage: server.js --directory <dir> [--port 4568] [--host 127.0.0.1] [--access-key k --secret-key s] [--exit-with-stdin]')
    process.exit(2)
  }
  const server = createServer({
    directory: values.directory,
    host: values.host,
    port: Number(values.port),
    accessKey: values['access-key'],
    secretKey: values['secret-key'],
    silent: values.silent,
  })
  server.run().then(({ address, port }) => console.log('S3 listening on %s:%d', address, port), (err) => {
    console.error(err)
    process.exit(1)
  })
  if (values['exit-with-stdin']) {
    process.stdin.on('end', () => process.exit(0))
    process.stdin.resume()
  }
  process.on('SIGTERM', () => process.exit(0))
}

if (require.main === module) main()

module.exports = { createServer }
