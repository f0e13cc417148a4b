'use strict'

// DynamoDB's rules for comparing attribute values ({S: ...}, {N: ...}, {L: [...]}, ...), shared by
// the condition/filter evaluation (patches/expressions.js) and the stream (which must not record a
// write that changes nothing).

const Big = require('big.js')

const SET_TYPES = new Set([ 'SS', 'NS', 'BS' ])

function typeOf (value) {
  return value == null ? null : Object.keys(value)[0]
}

/**
 * True when two attribute values are equal as DynamoDB sees them: same type, numbers by value,
 * binaries by their bytes, sets regardless of order, lists element by element, maps key by key.
 * A missing value (null/undefined) equals nothing, not even another missing value.
 */
function valuesEqual (a, b) {
  const type = typeOf(a)
  if (type == null || type !== typeOf(b)) return false
  const x = a[type], y = b[type]
  switch (type) {
  case 'S': return x === y
  case 'N': return new Big(x).eq(y)
  case 'B': return Buffer.from(x, 'base64').equals(Buffer.from(y, 'base64'))
  case 'BOOL': return x === y
  case 'NULL': return true
  case 'L': return x.length === y.length && x.every((element, i) => valuesEqual(element, y[i]))
  case 'M': return itemsEqual(x, y)
  default:
    if (!SET_TYPES.has(type) || x.length !== y.length) return false
    return x.every((element) => y.some((other) => valuesEqual({ [type[0]]: element }, { [type[0]]: other })))
  }
}

/** True when two items (attribute name -> value maps) hold the same attributes with equal values. */
function itemsEqual (a, b) {
  if (a == null || b == null) return a == null && b == null
  const names = Object.keys(a)
  return names.length === Object.keys(b).length &&
    names.every((name) => Object.prototype.hasOwnProperty.call(b, name) && valuesEqual(a[name], b[name]))
}

/**
 * Orders two scalar values of one type (S by code points of their UTF-8 bytes, N by value, B as
 * unsigned bytes): negative, zero or positive, or null when they cannot be ordered (a value is
 * missing, the types differ, or the type is not S, N or B).
 */
function order (a, b) {
  const type = typeOf(a)
  if (type == null || type !== typeOf(b)) return null
  const x = a[type], y = b[type]
  if (type === 'N') return new Big(x).cmp(y)
  if (type === 'S') return Buffer.compare(Buffer.from(x, 'utf8'), Buffer.from(y, 'utf8'))
  if (type === 'B') return Buffer.compare(Buffer.from(x, 'base64'), Buffer.from(y, 'base64'))
  return null
}

module.exports = { typeOf, valuesEqual, itemsEqual, order }
