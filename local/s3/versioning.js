'use strict'

// Bucket versioning, which s3rver lacks (it answers NotImplemented to ?versioning).
//
// s3rver keeps each bucket's current objects; this module keeps every version beside them, in a
// directory of its own: <root>/<bucket>/status.json ("Enabled" or "Suspended") and, per key,
// <root>/<bucket>/keys/<sha256 of the key>/index.json (the key and its versions, oldest first)
// with <versionId>.object, .metadata.json and .md5 for each version that is not a delete marker.
// Writes to one key are serialised, so the current object and the newest version always agree.

const crypto = require('crypto')
const path = require('path')
const { promises: fs, createReadStream } = require('fs')
const { AsyncLocalStorage } = require('async_hooks')
const S3Error = require('@20minutes/s3rver/lib/models/error')

const XMLNS = 'http://s3.amazonaws.com/doc/2006-03-01/'
const NULL_VERSION = 'null'
const FILES = [ 'object', 'metadata.json', 'object.md5' ]

/** What a write in this request created, for the response headers. */
const written = new AsyncLocalStorage()

class Versions {
  constructor (root, store) {
    this.root = root
    this.store = store
    this.locks = new Map()
    this.statuses = new Map()
  }

  bucketDir (bucket) { return path.join(this.root, bucket) }

  keyDir (bucket, key) {
    return path.join(this.root, bucket, 'keys', crypto.createHash('sha256').update(key).digest('hex'))
  }

  async status (bucket) {
    if (!this.statuses.has(bucket)) {
      const json = await readJson(path.join(this.bucketDir(bucket), 'status.json'))
      this.statuses.set(bucket, json ? json.status : undefined)
    }
    return this.statuses.get(bucket)
  }

  async setStatus (bucket, status) {
    await fs.mkdir(this.bucketDir(bucket), { recursive: true })
    await writeJson(path.join(this.bucketDir(bucket), 'status.json'), { status })
    this.statuses.set(bucket, status)
  }

  /** Runs fn with the key's lock held: one write (or version delete) per key at a time. */
  withKeyLock (bucket, key, fn) {
    const id = `${bucket}/${key}`
    const previous = this.locks.get(id) || Promise.resolve()
    const run = previous.then(fn, fn)
    const tail = run.catch(() => {})
    this.locks.set(id, tail)
    tail.then(() => { if (this.locks.get(id) === tail) this.locks.delete(id) })
    return run
  }

  async index (bucket, key) {
    return (await readJson(path.join(this.keyDir(bucket, key), 'index.json'))) || { key, versions: [] }
  }

  async saveIndex (bucket, key, index) {
    const dir = this.keyDir(bucket, key)
    if (!index.versions.length) return fs.rm(dir, { recursive: true, force: true })
    await fs.mkdir(dir, { recursive: true })
    await writeJson(path.join(dir, 'index.json'), index)
  }

  /**
   * An object written before versioning was enabled is the key's "null" version; it is kept
   * before the first versioned write or delete replaces it.
   */
  async baseline (bucket, key, index) {
    if (index.versions.length || !(await this.store.existsObject(bucket, key))) return
    index.versions.push(await this.snapshot(bucket, key, NULL_VERSION))
  }

  /** Copies the current object into the version store under `id`. */
  async snapshot (bucket, key, id) {
    const dir = this.keyDir(bucket, key)
    await fs.mkdir(dir, { recursive: true })
    for (const file of FILES) {
      await copyIfExists(this.store.getResourcePath(bucket, key, file), path.join(dir, `${id}.${file}`))
    }
    const metadata = await this.store.getMetadata(bucket, key)
    return {
      id,
      lastModified: new Date(metadata['last-modified']).toISOString(),
      etag: metadata.etag,
      size: Number(metadata['content-length']),
    }
  }

  async newId (bucket) {
    if ((await this.status(bucket)) !== 'Enabled') return NULL_VERSION
    // Sortable by time, then random; URL-safe like S3's own ids.
    return Date.now().toString(36).padStart(9, '0') + crypto.randomBytes(18).toString('base64url')
  }

  /** Drops an existing "null" version: a write while versioning is suspended replaces it. */
  async dropNull (bucket, key, index) {
    const at = index.versions.findIndex((v) => v.id === NULL_VERSION)
    if (at < 0) return
    await this.removeFiles(bucket, key, NULL_VERSION)
    index.versions.splice(at, 1)
  }

  async removeFiles (bucket, key, id) {
    const dir = this.keyDir(bucket, key)
    await Promise.all(FILES.map((file) => fs.rm(path.join(dir, `${id}.${file}`), { force: true })))
  }

  /** Wraps a store write of the current object (put, copy, multipart completion). */
  async write (bucket, key, doWrite) {
    if (!(await this.status(bucket))) return doWrite()
    return this.withKeyLock(bucket, key, async () => {
      const index = await this.index(bucket, key)
      await this.baseline(bucket, key, index)
      const result = await doWrite()
      const id = await this.newId(bucket)
      if (id === NULL_VERSION) await this.dropNull(bucket, key, index)
      index.versions.push(await this.snapshot(bucket, key, id))
      await this.saveIndex(bucket, key, index)
      const state = written.getStore()
      if (state) state.versionId = id
      return result
    })
  }

  /** DELETE without a version id on a versioned bucket: a delete marker becomes the latest. */
  async deleteCurrent (bucket, key) {
    return this.withKeyLock(bucket, key, async () => {
      const index = await this.index(bucket, key)
      await this.baseline(bucket, key, index)
      const id = await this.newId(bucket)
      if (id === NULL_VERSION) await this.dropNull(bucket, key, index)
      index.versions.push({ id, deleteMarker: true, lastModified: new Date().toISOString() })
      await this.saveIndex(bucket, key, index)
      await this.store.deleteObject(bucket, key)
      return id
    })
  }

  /** DELETE ?versionId: removes that version for good; the one before it becomes current. */
  async deleteVersion (bucket, key, id) {
    return this.withKeyLock(bucket, key, async () => {
      const index = await this.index(bucket, key)
      await this.baseline(bucket, key, index)
      const at = index.versions.findIndex((v) => v.id === id)
      if (at < 0) return null // S3 answers 204 for a version that does not exist
      const [ removed ] = index.versions.splice(at, 1)
      const wasLatest = at === index.versions.length
      if (wasLatest) {
        const latest = index.versions[index.versions.length - 1]
        if (latest && !latest.deleteMarker) await this.restore(bucket, key, latest.id)
        else await this.store.deleteObject(bucket, key)
      }
      await this.removeFiles(bucket, key, id)
      await this.saveIndex(bucket, key, index)
      return removed
    })
  }

  async restore (bucket, key, id) {
    const dir = this.keyDir(bucket, key)
    await fs.mkdir(path.dirname(this.store.getResourcePath(bucket, key, 'object')), { recursive: true })
    for (const file of FILES) {
      await copyIfExists(path.join(dir, `${id}.${file}`), this.store.getResourcePath(bucket, key, file))
    }
  }

  /** The key's latest version (a delete marker included), or a current object's "null" one. */
  async latest (bucket, key) {
    const index = await this.index(bucket, key)
    if (index.versions.length) return index.versions[index.versions.length - 1]
    return (await this.store.existsObject(bucket, key)) ? { id: NULL_VERSION } : undefined
  }

  async version (bucket, key, id) {
    const index = await this.index(bucket, key)
    const entry = index.versions.find((v) => v.id === id)
    if (entry || id !== NULL_VERSION || index.versions.length) return entry
    // Never written while versioned: the current object is the null version.
    if (!(await this.store.existsObject(bucket, key))) return undefined
    const metadata = await this.store.getMetadata(bucket, key)
    return { id, current: true, lastModified: new Date(metadata['last-modified']).toISOString(), etag: metadata.etag, size: Number(metadata['content-length']) }
  }

  async keys (bucket) {
    const dir = path.join(this.bucketDir(bucket), 'keys')
    const entries = await fs.readdir(dir).catch((err) => { if (err.code === 'ENOENT') return []; throw err })
    const indexes = await Promise.all(entries.map((e) => readJson(path.join(dir, e, 'index.json'))))
    return indexes.filter(Boolean)
  }

  async hasVersions (bucket) {
    return (await this.keys(bucket)).length > 0
  }

  async dropBucket (bucket) {
    await fs.rm(this.bucketDir(bucket), { recursive: true, force: true })
    this.statuses.delete(bucket)
  }

  /** ListObjectVersions: keys in order, each key's versions newest first. */
  async list (bucket, { prefix = '', keyMarker = '', versionIdMarker = '', maxKeys = 1000 }) {
    const byKey = new Map((await this.keys(bucket)).map((index) => [ index.key, index.versions ]))
    const { objects } = await this.store.listObjects(bucket, { prefix })
    for (const object of objects) {
      if (!byKey.has(object.key)) {
        byKey.set(object.key, [ { id: NULL_VERSION, lastModified: object.lastModifiedDate.toISOString(), etag: object.metadata.etag, size: object.size } ])
      }
    }
    const rows = []
    for (const key of [ ...byKey.keys() ].filter((k) => k.startsWith(prefix)).sort()) {
      const versions = [ ...byKey.get(key) ].reverse()
      versions.forEach((v, i) => rows.push({ key, latest: i === 0, ...v }))
    }
    let start = 0
    if (keyMarker) {
      start = rows.findIndex((r) => r.key > keyMarker ||
        (r.key === keyMarker && versionIdMarker && seenAfter(rows, r, versionIdMarker)))
      if (start < 0) start = rows.length
    }
    const page = rows.slice(start, start + maxKeys)
    const truncated = start + maxKeys < rows.length
    return { rows: page, truncated, next: truncated ? page[page.length - 1] : null }
  }
}

// Rows of one key come newest first: a row is after the marker if the marker row precedes it.
function seenAfter (rows, row, versionIdMarker) {
  const marker = rows.findIndex((r) => r.key === row.key && r.id === versionIdMarker)
  return marker >= 0 && rows.indexOf(row) > marker
}

async function readJson (file) {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8'))
  }
  catch (err) {
    if (err.code === 'ENOENT') return undefined
    throw err
  }
}

async function writeJson (file, json) {
  const temp = `${file}.${crypto.randomBytes(6).toString('hex')}.tmp`
  await fs.writeFile(temp, JSON.stringify(json, null, 2))
  await fs.rename(temp, file)
}

async function copyIfExists (from, to) {
  try {
    await fs.copyFile(from, to)
  }
  catch (err) {
    if (err.code !== 'ENOENT') throw err
    await fs.rm(to, { force: true })
  }
}

async function readBody (ctx, limit = 64 * 1024) {
  const chunks = []
  let size = 0
  for await (const chunk of ctx.req) {
    size += chunk.length
    if (size > limit) throw new S3Error('MaxMessageLengthExceeded', 'Your request was too big.')
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/**
 * The versioning operations, run after s3rver's authentication: GET/PUT ?versioning, GET
 * ?versions, GET/HEAD/DELETE ?versionId, DELETE on a versioned bucket, and the version id of
 * every write and read. Everything else goes on to s3rver.
 */
function middleware (versions) {
  return async function versioning (ctx, next) {
    const { bucket, key } = ctx.params
    if (!bucket) return next()
    if (!key) return bucketLevel(ctx, next, versions, bucket)
    const status = await versions.status(bucket)
    if ('versionId' in ctx.query && [ 'GET', 'HEAD', 'DELETE' ].includes(ctx.method)) {
      await requireBucket(ctx, bucket)
      return ctx.method === 'DELETE'
        ? deleteVersion(ctx, versions, bucket, key)
        : getVersion(ctx, versions, bucket, key, ctx.query.versionId)
    }
    if (!status) return next()
    if (ctx.method === 'DELETE' && Object.keys(ctx.query).every((q) => q.startsWith('x-amz-') || q.startsWith('X-Amz-'))) {
      await requireBucket(ctx, bucket)
      const id = await versions.deleteCurrent(bucket, key)
      ctx.set('x-amz-delete-marker', 'true')
      ctx.set('x-amz-version-id', id)
      ctx.status = 204
      return
    }
    if (ctx.method === 'GET' || ctx.method === 'HEAD') {
      const latest = await versions.latest(bucket, key)
      if (latest && latest.deleteMarker) ctx.set('x-amz-delete-marker', 'true')
      if (latest) ctx.set('x-amz-version-id', latest.id)
      return next()
    }
    const state = {}
    await written.run(state, next)
    if (state.versionId) ctx.set('x-amz-version-id', state.versionId)
  }
}

async function bucketLevel (ctx, next, versions, bucket) {
  if ('versioning' in ctx.query && (ctx.method === 'GET' || ctx.method === 'PUT')) {
    await requireBucket(ctx, bucket)
    if (ctx.method === 'GET') {
      const status = await versions.status(bucket)
      ctx.body = { VersioningConfiguration: { '@': { xmlns: XMLNS }, ...(status ? { Status: status } : {}) } }
      return
    }
    const xml = await readBody(ctx)
    const match = /<VersioningConfiguration\b[^>]*>[\s\S]*?<Status>\s*(Enabled|Suspended)\s*<\/Status>[\s\S]*<\/VersioningConfiguration>/.exec(xml)
    if (!match) {
      throw new S3Error('MalformedXML',
        'The XML you provided was not well-formed or did not validate against our published schema')
    }
    await versions.setStatus(bucket, match[1])
    ctx.body = ''
    return
  }
  if ('versions' in ctx.query && ctx.method === 'GET') {
    await requireBucket(ctx, bucket)
    return listVersions(ctx, versions, bucket)
  }
  if (ctx.method === 'DELETE' && Object.keys(ctx.query).length === 0) {
    await requireBucket(ctx, bucket)
    if (await versions.hasVersions(bucket)) {
      throw new S3Error('BucketNotEmpty', 'The bucket you tried to delete is not empty. You must delete all versions in the bucket.', { BucketName: bucket })
    }
    await next()
    if (ctx.status === 204) await versions.dropBucket(bucket)
    return
  }
  return next()
}

async function requireBucket (ctx, bucket) {
  if (!(await ctx.store.getBucket(bucket))) {
    throw new S3Error('NoSuchBucket', 'The specified bucket does not exist', { BucketName: bucket })
  }
}

async function getVersion (ctx, versions, bucket, key, id) {
  const entry = await versions.version(bucket, key, id)
  if (!entry) {
    throw new S3Error('NoSuchVersion', 'The specified version does not exist.', { Key: key, VersionId: id })
  }
  ctx.set('x-amz-version-id', id)
  if (entry.deleteMarker) {
    ctx.set('x-amz-delete-marker', 'true')
    throw new S3Error('MethodNotAllowed', 'The specified method is not allowed against this resource.', { Method: ctx.method, ResourceType: 'DeleteMarker' })
  }
  const dir = versions.keyDir(bucket, key)
  const objectFile = entry.current ? ctx.store.getResourcePath(bucket, key, 'object') : path.join(dir, `${id}.object`)
  const metadataFile = entry.current ? ctx.store.getResourcePath(bucket, key, 'metadata.json') : path.join(dir, `${id}.metadata.json`)
  const metadata = (await readJson(metadataFile)) || {}
  for (const [ name, value ] of Object.entries(metadata)) ctx.set(name, value)
  ctx.set('ETag', entry.etag)
  ctx.set('Last-Modified', new Date(entry.lastModified).toUTCString())
  ctx.set('Accept-Ranges', 'bytes')
  ctx.status = 200
  ctx.length = entry.size
  if (ctx.method === 'GET') ctx.body = createReadStream(objectFile)
}

async function deleteVersion (ctx, versions, bucket, key) {
  const id = ctx.query.versionId
  const removed = await versions.deleteVersion(bucket, key, id)
  ctx.set('x-amz-version-id', id)
  if (removed && removed.deleteMarker) ctx.set('x-amz-delete-marker', 'true')
  ctx.status = 204
}

async function listVersions (ctx, versions, bucket) {
  const maxKeys = ctx.query['max-keys'] === undefined ? 1000 : Number(ctx.query['max-keys'])
  if (!Number.isInteger(maxKeys) || maxKeys < 0) {
    throw new S3Error('InvalidArgument', 'Provided max-keys not an integer or within integer range', { ArgumentName: 'max-keys', ArgumentValue: ctx.query['max-keys'] })
  }
  const prefix = ctx.query.prefix || ''
  const keyMarker = ctx.query['key-marker'] || ''
  const versionIdMarker = ctx.query['version-id-marker'] || ''
  const { rows, truncated, next } = await versions.list(bucket, { prefix, keyMarker, versionIdMarker, maxKeys: Math.min(maxKeys, 1000) })
  const owner = { ID: '123456789000', DisplayName: 'S3rver' }
  const version = (r) => ({ Key: r.key, VersionId: r.id, IsLatest: r.latest, LastModified: r.lastModified, ETag: r.etag, Size: r.size, Owner: owner, StorageClass: 'STANDARD' })
  const marker = (r) => ({ Key: r.key, VersionId: r.id, IsLatest: r.latest, LastModified: r.lastModified, Owner: owner })
  ctx.body = {
    ListVersionsResult: {
      '@': { xmlns: XMLNS },
      Name: bucket,
      Prefix: prefix,
      KeyMarker: keyMarker,
      VersionIdMarker: versionIdMarker,
      ...(next ? { NextKeyMarker: next.key, NextVersionIdMarker: next.id } : {}),
      MaxKeys: maxKeys,
      IsTruncated: truncated,
      Version: rows.filter((r) => !r.deleteMarker).map(version),
      DeleteMarker: rows.filter((r) => r.deleteMarker).map(marker),
    },
  }
}

module.exports = { Versions, middleware }
