'use strict'

// Request bodies as the AWS SDKs send them, checked before anything is stored.
//
// s3rver reads "aws-chunked" bodies only in their signed form without trailers and checks neither
// the chunk signatures nor any digest. The AWS SDK for Java 2.30+ and the AWS CLI send checksums as
// trailers ("STREAMING-UNSIGNED-PAYLOAD-TRAILER" and "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER",
// with `x-amz-trailer: x-amz-checksum-crc32`), which s3rver refuses. This module decodes all three
// chunked forms, verifies chunk and trailer signatures, the decoded length, and every digest the
// request carries (trailer checksums, `x-amz-checksum-*` headers, `Content-MD5`, a hex
// `x-amz-content-sha256`), and fails the stream with S3's error when one does not match.

const crypto = require('crypto')
const zlib = require('zlib')
const { Transform } = require('stream')
const S3Error = require('@20minutes/s3rver/lib/models/error')

const STREAMING = new Set([
  'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
  'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER',
  'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
])
const CONTENT_SHA256 = /^(UNSIGNED-PAYLOAD|STREAMING-(AWS4-HMAC-SHA256-PAYLOAD|AWS4-HMAC-SHA256-PAYLOAD-TRAILER|UNSIGNED-PAYLOAD-TRAILER)|[0-9A-Fa-f]{64})$/
const EMPTY_SHA256 = crypto.createHash('sha256').update('').digest('hex')
const MAX_LINE = 4096

/** Digests S3 checks, by the name of the header or trailer that carries them (base64 values). */
const CHECKSUMS = {
  'x-amz-checksum-crc32': () => crc32Hash(),
  'x-amz-checksum-sha1': () => crypto.createHash('sha1'),
  'x-amz-checksum-sha256': () => crypto.createHash('sha256'),
}
// CRC32C and CRC64NVME have no implementation in Node 20: accepted unchecked (see README).
const UNCHECKED = new Set(['x-amz-checksum-crc32c', 'x-amz-checksum-crc64nvme'])

function crc32Hash () {
  let crc = 0
  return {
    update (data) { crc = zlib.crc32(data, crc); return this },
    digest (encoding) {
      const out = Buffer.alloc(4)
      out.writeUInt32BE(crc >>> 0)
      return encoding ? out.toString(encoding) : out
    },
  }
}

/**
 * Decodes an aws-chunked body. `signing` is null for unsigned chunks, else { key, timestamp,
 * scope, seed } to verify each chunk's signature and the trailer's.
 */
class ChunkedDecoder extends Transform {
  constructor ({ signing, decodedLength, trailers }) {
    super()
    this.signing = signing
    this.previous = signing && signing.seed
    this.decodedLength = decodedLength
    this.expectedTrailers = trailers
    this.buf = Buffer.alloc(0)
    this.state = 'header'
    this.remaining = 0
    this.chunkHash = null
    this.chunkSignature = null
    this.total = 0
    this.trailerLines = []
    this.trailers = {}
  }

  _transform (data, encoding, callback) {
    this.buf = this.buf.length ? Buffer.concat([ this.buf, data ]) : data
    try {
      this.drain()
      callback()
    }
    catch (err) {
      callback(err)
    }
  }

  drain () {
    for (;;) {
      if (this.state === 'header' || this.state === 'trailer') {
        const end = this.buf.indexOf('\r\n')
        if (end < 0) {
          if (this.buf.length > MAX_LINE) throw incomplete()
          return
        }
        const line = this.buf.subarray(0, end).toString('latin1')
        this.buf = this.buf.subarray(end + 2)
        if (this.state === 'header') this.chunkHeader(line)
        else if (line === '') { this.finishTrailers(); this.state = 'done' }
        else this.trailerLines.push(line)
      }
      else if (this.state === 'data') {
        if (!this.buf.length) return
        const take = this.buf.subarray(0, this.remaining)
        this.buf = this.buf.subarray(take.length)
        this.remaining -= take.length
        this.total += take.length
        if (this.chunkHash) this.chunkHash.update(take)
        this.push(take)
        if (this.remaining === 0) this.state = 'dataEnd'
      }
      else if (this.state === 'dataEnd') {
        if (this.buf.length < 2) return
        if (this.buf[0] !== 0x0d || this.buf[1] !== 0x0a) throw incomplete()
        this.buf = this.buf.subarray(2)
        this.verifyChunk(this.chunkHash.digest('hex'))
        this.state = 'header'
      }
      else if (this.state === 'done') {
        if (this.buf.length) throw incomplete()
        return
      }
    }
  }

  chunkHeader (line) {
    const [ sizeHex, ...extensions ] = line.split(';')
    if (!/^[0-9a-fA-F]{1,16}$/.test(sizeHex)) throw incomplete()
    const size = parseInt(sizeHex, 16)
    this.chunkSignature = null
    for (const extension of extensions) {
      const [ name, value ] = extension.split('=')
      if (name === 'chunk-signature') this.chunkSignature = value
    }
    if (this.signing && !this.chunkSignature) throw incomplete()
    if (size === 0) {
      this.verifyChunk(EMPTY_SHA256)
      // Trailer lines (possibly none) and the empty line that ends the body follow.
      this.state = 'trailer'
      return
    }
    this.remaining = size
    this.chunkHash = crypto.createHash('sha256')
    this.state = 'data'
  }

  verifyChunk (payloadHash) {
    if (!this.signing) return
    const stringToSign = [ 'AWS4-HMAC-SHA256-PAYLOAD', this.signing.timestamp, this.signing.scope,
      this.previous, EMPTY_SHA256, payloadHash ].join('\n')
    const expected = hmacHex(this.signing.key, stringToSign)
    if (!safeEqual(expected, this.chunkSignature)) {
      throw new S3Error('SignatureDoesNotMatch',
        'The request signature we calculated does not match the signature you provided. Check your key and signing method.')
    }
    this.previous = expected
  }

  finishTrailers () {
    let trailerSignature
    const canonical = []
    for (const line of this.trailerLines) {
      const colon = line.indexOf(':')
      if (colon < 0) throw incomplete()
      const name = line.slice(0, colon).trim().toLowerCase()
      const value = line.slice(colon + 1).trim()
      if (name === 'x-amz-trailer-signature') trailerSignature = value
      else {
        this.trailers[name] = value
        canonical.push(`${name}:${value}\n`)
      }
    }
    for (const name of this.expectedTrailers) {
      if (!(name in this.trailers)) throw incomplete()
    }
    if (this.signing && this.expectedTrailers.length) {
      const stringToSign = [ 'AWS4-HMAC-SHA256-TRAILER', this.signing.timestamp, this.signing.scope,
        this.previous, crypto.createHash('sha256').update(canonical.join('')).digest('hex') ].join('\n')
      if (!safeEqual(hmacHex(this.signing.key, stringToSign), trailerSignature)) {
        throw new S3Error('SignatureDoesNotMatch',
          'The request signature we calculated does not match the signature you provided. Check your key and signing method.')
      }
    }
  }

  _flush (callback) {
    if (this.state !== 'done') return callback(incomplete())
    if (this.decodedLength !== undefined && this.total !== this.decodedLength) {
      return callback(new S3Error('IncompleteBody',
        'You did not provide the number of bytes specified by the Content-Length HTTP header'))
    }
    callback()
  }
}

/** Passes the body through and fails at its end if a digest it was sent with does not match. */
class DigestCheck extends Transform {
  /**
   * `expected`: [{ name, value, encoding, hash }] from the headers; `trailerSource`: the decoder
   * whose trailers name more digests once the body has been read (their values come last, so each
   * algorithm a trailer may name is computed).
   */
  constructor (expected, trailerSource) {
    super()
    this.expected = expected
    this.trailerSource = trailerSource
    this.trailerHashes = trailerSource
      ? Object.fromEntries(Object.entries(CHECKSUMS).map(([ name, make ]) => [ name, make() ]))
      : {}
  }

  _transform (data, encoding, callback) {
    for (const digest of this.expected) digest.hash.update(data)
    for (const hash of Object.values(this.trailerHashes)) hash.update(data)
    callback(null, data)
  }

  _flush (callback) {
    if (this.trailerSource) {
      for (const [ name, value ] of Object.entries(this.trailerSource.trailers)) {
        if (CHECKSUMS[name]) this.expected.push({ name, value, encoding: 'base64', hash: this.trailerHashes[name] })
        else if (!UNCHECKED.has(name)) return callback(new S3Error('InvalidRequest', `The trailer ${name} is not supported`))
      }
    }
    for (const { name, value, encoding, hash } of this.expected) {
      if (hash.digest(encoding) !== value) return callback(mismatch(name))
    }
    callback()
  }
}

function mismatch (name) {
  if (name === 'x-amz-content-sha256') {
    return new S3Error('XAmzContentSHA256Mismatch',
      "The provided 'x-amz-content-sha256' header does not match what was computed.")
  }
  if (name === 'content-md5') {
    return new S3Error('BadDigest', 'The Content-MD5 you specified did not match what we received.')
  }
  const algorithm = name.slice('x-amz-checksum-'.length).toUpperCase()
  return new S3Error('BadDigest', `The ${algorithm} you specified did not match the calculated checksum.`)
}

function incomplete () {
  return new S3Error('IncompleteBody', 'The request body terminated unexpectedly')
}

function hmacHex (key, data) {
  return crypto.createHmac('sha256', key).update(data, 'utf8').digest('hex')
}

function safeEqual (a, b) {
  return typeof b === 'string' && a.length === b.length &&
    crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b))
}

/** The SigV4 signing key for a secret, a date (yyyymmdd), region and service. */
function signingKey (secret, date, region, service) {
  const kDate = crypto.createHmac('sha256', 'AWS4' + secret).update(date).digest()
  const kRegion = crypto.createHmac('sha256', kDate).update(region).digest()
  const kService = crypto.createHmac('sha256', kRegion).update(service).digest()
  return crypto.createHmac('sha256', kService).update('aws4_request').digest()
}

/**
 * Replaces s3rver's aws4SignatureBodyParser: sets ctx.request.body to the decoded, checked body
 * and removes the transfer-only `aws-chunked` content encoding, which S3 does not store.
 */
function bodyParser (ctx, secretFor) {
  const contentSha256 = ctx.get('x-amz-content-sha256')
  const headers = ctx.headers
  const expected = []
  let source = ctx.req
  let decoder = null
  if (STREAMING.has(contentSha256)) {
    const trailers = (headers['x-amz-trailer'] || '').split(',').map((t) => t.trim().toLowerCase()).filter(Boolean)
    const decodedLength = headers['x-amz-decoded-content-length'] === undefined
      ? undefined : Number(headers['x-amz-decoded-content-length'])
    if (decodedLength !== undefined && !Number.isSafeInteger(decodedLength)) {
      throw new S3Error('MissingContentLength', 'You must provide the Content-Length HTTP header.')
    }
    let signing = null
    if (contentSha256 !== 'STREAMING-UNSIGNED-PAYLOAD-TRAILER') {
      signing = signingFromHeader(headers.authorization, headers['x-amz-date'], secretFor)
    }
    decoder = new ChunkedDecoder({ signing, decodedLength, trailers })
    source = ctx.req.pipe(decoder)
    ctx.req.on('error', (err) => decoder.destroy(err))
    decoder.on('error', () => {})
    const encodings = (headers['content-encoding'] || '').split(',').map((e) => e.trim())
      .filter((e) => e && e !== 'aws-chunked')
    if (encodings.length) headers['content-encoding'] = encodings.join(',')
    else delete headers['content-encoding']
    delete headers['x-amz-decoded-content-length']
    delete headers['x-amz-trailer']
  }
  else if (/^[0-9A-Fa-f]{64}$/.test(contentSha256)) {
    expected.push({ name: 'x-amz-content-sha256', value: contentSha256.toLowerCase(), encoding: 'hex', hash: crypto.createHash('sha256') })
  }
  if (headers['content-md5']) {
    expected.push({ name: 'content-md5', value: headers['content-md5'], encoding: 'base64', hash: crypto.createHash('md5') })
  }
  for (const name of Object.keys(CHECKSUMS)) {
    if (headers[name]) expected.push({ name, value: headers[name], encoding: 'base64', hash: CHECKSUMS[name]() })
  }
  const check = new DigestCheck(expected, decoder)
  source.on('error', (err) => check.destroy(err))
  // A small body can be read and found bad before s3rver starts consuming it; the error stays on
  // the stream (stream.errored) and fails s3rver's pipeline when it does.
  check.on('error', () => {})
  ctx.request.body = source.pipe(check)
}

function signingFromHeader (authorization, timestamp, secretFor) {
  const match = /Credential=([^/,\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request\s*,\s*SignedHeaders=[^,]+,\s*Signature=([0-9a-f]{64})/
    .exec(authorization || '')
  if (!match) {
    throw new S3Error('AuthorizationHeaderMalformed', 'The authorization header is malformed.')
  }
  const [ , accessKeyId, date, region, service, seed ] = match
  const secret = secretFor(accessKeyId)
  return {
    key: signingKey(secret, date, region, service),
    timestamp,
    scope: `${date}/${region}/${service}/aws4_request`,
    seed,
  }
}

module.exports = { bodyParser, signingKey, CONTENT_SHA256, safeEqual, hmacHex }
