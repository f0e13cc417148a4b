'use strict'

// StreamSpecification on CreateTable and UpdateTable, which dynalite drops as an unknown member, and
// the end of the table's stream and TTL setting when the table is deleted. The stream itself lives in ../streams.js; DescribeTable
// shows StreamSpecification, LatestStreamArn and LatestStreamLabel because they are stored in the
// table description that dynalite returns as it is.

const createTableValidation = require('dynalite/validations/createTable')
const updateTableValidation = require('dynalite/validations/updateTable')
const { replaceModule, extensionsOf } = require('./modules')
const { VIEW_TYPES } = require('../streams')

const STREAM_SPECIFICATION = {
  type: 'FieldStruct<StreamSpecification>',
  children: {
    StreamEnabled: { type: 'Boolean', notNull: true },
    StreamViewType: { type: 'String', enum: VIEW_TYPES },
  },
}

createTableValidation.types.StreamSpecification = STREAM_SPECIFICATION
const createTableCustom = createTableValidation.custom
createTableValidation.custom = function (data, store) {
  return createTableCustom.call(this, data, store) || streamProblem(data, store)
}

updateTableValidation.types.StreamSpecification = STREAM_SPECIFICATION
const updateTableCustom = updateTableValidation.custom
updateTableValidation.custom = function (data, store) {
  const problem = updateTableCustom.call(this, data, store)
  // dynalite's "At least one of ..." check does not know StreamSpecification, which is enough alone.
  if (problem && data.StreamSpecification && /^At least one of/.test(problem)) return streamProblem(data, store)
  return problem || streamProblem(data, store)
}

function streamProblem (data, store) {
  const { streams } = extensionsOf(store)
  return streams ? streams.specificationProblem(data.StreamSpecification) : undefined
}

replaceModule('dynalite/actions/createTable', (createTable) => function (store, data, cb) {
  const { streams } = extensionsOf(store)
  const spec = data.StreamSpecification
  delete data.StreamSpecification
  if (!streams || !spec || !spec.StreamEnabled) return createTable(store, data, cb)
  // The description dynalite stores (now and again when the table turns ACTIVE) is `data` itself.
  let change
  try {
    change = streams.planChange(data, spec)
  }
  catch (err) {
    return cb(err)
  }
  createTable(store, data, (err, result) => {
    if (err) return cb(err)
    streams.applyChange(change).then(() => cb(null, result), cb)
  })
})

replaceModule('dynalite/actions/updateTable', (updateTable) => function (store, data, cb) {
  const { streams } = extensionsOf(store)
  const spec = data.StreamSpecification
  if (!streams || !spec) return updateTable(store, data, cb)
  // dynalite reads the table, changes it and stores it again (twice: now and when the update
  // finishes); changing the description it reads puts the stream into both.
  let change
  const reading = Object.create(store)
  reading.getTable = (name, checkStatus, callback) => store.getTable(name, checkStatus, (err, table) => {
    if (err) return callback(err)
    try {
      change = streams.planChange(table, spec)
    }
    catch (planError) {
      return callback(planError)
    }
    callback(null, table)
  })
  updateTable(reading, data, (err, result) => {
    if (err) return cb(err)
    streams.applyChange(change).then(() => cb(null, result), cb)
  })
})

replaceModule('dynalite/actions/deleteTable', (deleteTable) => function (store, data, cb) {
  const { streams, ttl } = extensionsOf(store)
  if (!streams) return deleteTable(store, data, cb)
  store.getTable(data.TableName, false, (err, table) => {
    if (err) return cb(err)
    deleteTable(store, data, (err, result) => {
      if (err) return cb(err)
      Promise.all([ streams.tableDeleted(table), ttl.tableDeleted(data.TableName) ]).then(() => cb(null, result), cb)
    })
  })
})


