'use strict'

// Browser uploads with a POST policy (S3's "POST Object" with Signature Version 4), which s3rver
// accepts without looking at the policy or the signature. The form is read once here, checked as S3
// checks it, then handed to s3rver unchanged.
//
// Checked: the x-amz-algorithm/credential/date/signature fields, the signature over the base64
// policy, the policy's expiration, every condition (exact match, "eq", "starts-with",
// "content-length-range"), and that every form field is named by a condition.

const { Readable } = require('stream')
const busboy = require('busboy')
const S3Error = require('@20minutes/s3rver/lib/models/error')
const { signingKey, safeEqual, hmacHex } = require('./chunked')

const MAX_FORM_BYTES = 64 * 1024 * 1024
// Fields S3 leaves out of the policy check.
const UNCHECKED_FIELDS = new Set([ 'x-amz-signature', 'file', 'policy' ])

function readForm (ctx) {
  return new Promise((resolve, reject) => {
    const chunks = []
    let size = 0
    ctx.req.on('data', (chunk) => {
      size += chunk.length
      if (size > MAX_FORM_BYTES) {
        ctx.req.destroy()
        reject(new S3Error('MaxPostPreDataLengthExceededError', 'Your POST request fields preceeding the upload file was too large.'))
      }
      else chunks.push(chunk)
    })
    ctx.req.on('error', reject)
    ctx.req.on('end', () => resolve(Buffer.concat(chunks)))
  })
}

function parseForm (headers, body) {
  return new Promise((resolve, reject) => {
    const fields = {}
    let fileSize
    let bb
    try {
      bb = busboy({ headers })
    }
    catch {
      return reject(new S3Error('MalformedPOSTRequest', 'The body of your POST request is not well-formed multipart/form-data.'))
    }
    bb.on('field', (name, value) => {
      const lower = name.toLowerCase()
      if (lower === 'file') {
        if (fileSize === undefined) fileSize = Buffer.byteLength(value)
      }
      else if (fileSize === undefined && !(lower in fields)) fields[lower] = value
    })
    bb.on('file', (name, stream) => {
      if (name.toLowerCase() !== 'file' || fileSize !== undefined) return stream.resume()
      let size = 0
      stream.on('data', (d) => { size += d.length })
      stream.on('end', () => { fileSize = size })
    })
    bb.on('error', () => reject(new S3Error('MalformedPOSTRequest', 'The body of your POST request is not well-formed multipart/form-data.')))
    bb.on('close', () => resolve({ fields, fileSize }))
    bb.end(body)
  })
}

function denied (message) {
  return new S3Error('AccessDenied', `Invalid according to Policy: ${message}`)
}

function check (bucket, fields, fileSize, secretFor, now) {
  for (const name of [ 'policy', 'x-amz-signature', 'x-amz-credential', 'x-amz-date', 'x-amz-algorithm' ]) {
    if (!(name in fields)) {
      throw new S3Error('AccessDenied', `Bucket POST must contain a field named '${name}'.  If it is specified, please check the order of the fields.`)
    }
  }
  if (fields['x-amz-algorithm'] !== 'AWS4-HMAC-SHA256') {
    throw new S3Error('InvalidArgument', 'The x-amz-algorithm field must be AWS4-HMAC-SHA256.', { ArgumentName: 'x-amz-algorithm', ArgumentValue: fields['x-amz-algorithm'] })
  }
  const credential = /^([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request$/.exec(fields['x-amz-credential'])
  if (!credential) {
    throw new S3Error('InvalidArgument', 'The x-amz-credential field is malformed.', { ArgumentName: 'x-amz-credential', ArgumentValue: fields['x-amz-credential'] })
  }
  const [ , accessKeyId, date, region, service ] = credential
  const secret = secretFor(accessKeyId)
  const expected = hmacHex(signingKey(secret, date, region, service), fields.policy)
  if (!safeEqual(expected, fields['x-amz-signature'])) {
    throw new S3Error('SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.')
  }

  let policy
  try {
    policy = JSON.parse(Buffer.from(fields.policy, 'base64').toString('utf8'))
  }
  catch {
    throw new S3Error('InvalidPolicyDocument', 'Invalid Policy: Invalid JSON.')
  }
  const expiration = Date.parse(policy && policy.expiration)
  if (Number.isNaN(expiration) || !Array.isArray(policy.conditions)) {
    throw new S3Error('InvalidPolicyDocument', 'Invalid Policy: the policy needs an expiration and a conditions array.')
  }
  if (now >= expiration) throw denied('Policy expired.')

  const values = { ...fields, bucket }
  const named = new Set()
  for (const condition of policy.conditions) {
    if (Array.isArray(condition) && condition[0] === 'content-length-range') {
      const [ , min, max ] = condition
      if (fileSize > max) throw new S3Error('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', { ProposedSize: fileSize, MaxSizeAllowed: max })
      if (fileSize < min) throw new S3Error('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size', { ProposedSize: fileSize, MinSizeAllowed: min })
      continue
    }
    let operator, name, value
    if (Array.isArray(condition) && condition.length === 3 && typeof condition[1] === 'string' && condition[1].startsWith('$')) {
      [ operator, name, value ] = [ String(condition[0]).toLowerCase(), condition[1].slice(1).toLowerCase(), condition[2] ]
    }
    else if (condition && typeof condition === 'object' && !Array.isArray(condition) && Object.keys(condition).length === 1) {
      const [ [ key, v ] ] = Object.entries(condition)
      ;[ operator, name, value ] = [ 'eq', key.toLowerCase(), v ]
    }
    else {
      throw new S3Error('InvalidPolicyDocument', `Invalid Policy: Invalid Condition: ${JSON.stringify(condition)}`)
    }
    named.add(name)
    const actual = values[name] === undefined ? '' : values[name]
    const ok = operator === 'eq' ? actual === value
      : operator === 'starts-with' ? actual.startsWith(value)
        : null
    if (ok === null) throw new S3Error('InvalidPolicyDocument', `Invalid Policy: Invalid Condition: ${JSON.stringify(condition)}`)
    if (!ok) throw denied(`Policy Condition failed: ${JSON.stringify(condition)}`)
  }
  const extra = Object.keys(fields).filter((name) =>
    !UNCHECKED_FIELDS.has(name) && !name.startsWith('x-ignore-') && !named.has(name))
  if (extra.length) throw denied(`Extra input fields: ${extra.join(', ')}`)
}

/**
 * For POST /<bucket> with a multipart form: checks the policy, then lets s3rver store the file
 * from the same bytes. Returns false when the request is not a form upload.
 */
async function verify (ctx, secretFor, now = Date.now()) {
  if (ctx.method !== 'POST' || ctx.params.key || Object.keys(ctx.query).length || !ctx.is('multipart/form-data')) return false
  const body = await readForm(ctx)
  const { fields, fileSize } = await parseForm(ctx.headers, body)
  ctx.state.postAccessKeyId = (fields['x-amz-credential'] || '').split('/')[0]
  if (fileSize === undefined) {
    throw new S3Error('InvalidArgument', 'POST requires exactly one file upload per request.', { ArgumentName: 'file', ArgumentValue: 0 })
  }
  check(ctx.params.bucket, fields, fileSize, secretFor, now)
  // s3rver reads the form from ctx.req.
  ctx.req = Readable.from([ body ])
  return true
}

module.exports = { verify }
