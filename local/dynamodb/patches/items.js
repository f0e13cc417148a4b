'use strict'

// Items and keys, where dynalite 4.0.0 accepts what DynamoDB refuses or writes what DynamoDB does
// not:
//   - an empty string (or empty binary) as the key attribute of a secondary index, in PutItem,
//     BatchWriteItem, TransactWriteItems' Put, or as the value an UpdateItem gives it: DynamoDB
//     refuses it with a ValidationException naming the index and attribute;
//   - an empty string in a table key is refused with DynamoDB's wording ("are not valid"), not
//     dynalite's ("were invalid");
//   - an UpdateItem whose actions only REMOVE or DELETE, on a key with no item, creates an item of
//     the key alone; DynamoDB leaves the key without an item.

const db = require('dynalite/db')
const { replaceModule } = require('./modules')

const validateItem = db.validateItem
const validateKey = db.validateKey
const updateIndexes = db.updateIndexes

/** The ValidationException for an item giving a secondary index key an empty value, or null. */
function emptyIndexKeyProblem (item, table) {
  return db.traverseIndexes(table, (attr, type, index) => {
    const value = item[attr]
    if (value && isEmpty(value)) {
      return db.validationError('One or more parameter values are not valid. A value specified for a secondary index key is not supported. ' +
        'The AttributeValue for a key attribute cannot contain an empty ' + kind(value) + ' value. IndexName: ' + index.IndexName + ', IndexKey: ' + attr)
    }
  }) || null
}

/** The ValidationException for an update that sets a secondary index key to an empty value, or null. */
function emptyIndexUpdateProblem (item, table) {
  return db.traverseIndexes(table, (attr) => {
    const value = item[attr]
    if (value && isEmpty(value)) return emptyUpdateError(value)
  }) || null
}

/** Like emptyIndexUpdateProblem, from an UpdateExpression's literal values, before any item is read. */
function emptyIndexUpdateInExpression (updates, table) {
  if (!updates) return null
  const indexKeys = new Set()
  db.traverseIndexes(table, (attr) => { indexKeys.add(attr) })
  for (const section of updates.sections) {
    const value = section.val
    const literal = value && !Array.isArray(value) && value.type == null
    if (section.type === 'set' && section.path.length === 1 && indexKeys.has(section.path[0]) && literal && isEmpty(value)) {
      return emptyUpdateError(value)
    }
  }
  return null
}

function emptyUpdateError (value) {
  return db.validationError('One or more parameter values are not valid. The update expression attempted to update a secondary index key ' +
    'to a value that is not supported. The AttributeValue for a key attribute cannot contain an empty ' + kind(value) + ' value.')
}

function isEmpty (value) {
  return value.S === '' || value.B === ''
}

function kind (value) {
  return value.S === '' ? 'string' : 'binary'
}

db.validateItem = function (item, table) {
  return validateItem(item, table) || emptyIndexKeyProblem(item, table)
}

db.validateKey = function (key, table, keySchema) {
  const err = validateKey(key, table, keySchema)
  const wrongWording = 'One or more parameter values were invalid: The AttributeValue for a key attribute cannot contain an empty'
  if (err && err.body && err.body.message.startsWith(wrongWording)) {
    return db.validationError(err.body.message.replace('One or more parameter values were invalid:', 'One or more parameter values are not valid.'))
  }
  return err
}

// UpdateItem (also inside a transaction) computes the new item, then updates the indexes, then
// stores it: refusing here refuses before anything is written.
db.updateIndexes = function (store, table, existingItem, item, cb) {
  const problem = item && emptyIndexUpdateProblem(item, table)
  if (problem) return cb(problem)
  updateIndexes(store, table, existingItem, item, cb)
}

replaceModule('dynalite/actions/updateItem', (updateItem) => function (store, data, cb) {
  if (!removesOnly(data)) return updateItem(store, data, cb)
  // With nothing to remove from, such an update leaves the key without an item: what dynalite would
  // write (the key alone, its index entries) is dropped.
  let existed = true
  const keeping = Object.create(store)
  keeping.getItemDb = (name) => {
    const itemDb = store.getItemDb(name)
    const guarded = Object.create(itemDb)
    // (A missing item is a NotFoundError, or no error and no item, depending on the LevelDB.)
    guarded.get = (key, callback) => itemDb.get(key, (err, item) => {
      existed = !err && item != null
      callback(err, item)
    })
    guarded.put = (key, item, callback) => existed ? itemDb.put(key, item, callback) : callback()
    return guarded
  }
  keeping.getIndexDb = (...args) => {
    const indexDb = store.getIndexDb(...args)
    const guarded = Object.create(indexDb)
    guarded.put = (key, value, callback) => existed ? indexDb.put(key, value, callback) : callback()
    return guarded
  }
  updateItem(keeping, data, (err, result) => {
    if (!err && !existed && result) delete result.Attributes
    cb(err, result)
  })
})

function removesOnly (data) {
  if (data._updates) return data._updates.sections.every((section) => section.type === 'remove' || section.type === 'delete')
  const updates = Object.values(data.AttributeUpdates || {})
  return updates.length > 0 && updates.every((update) => update.Action === 'DELETE')
}

module.exports = { emptyIndexKeyProblem, emptyIndexUpdateInExpression }
