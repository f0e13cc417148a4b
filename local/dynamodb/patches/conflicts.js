'use strict'

// In conflict mode (server.js --transactionConflicts), PutItem, UpdateItem and DeleteItem (also
// inside BatchWriteItem) refuse an item that a transaction holds with TransactionConflictException,
// as DynamoDB does, instead of waiting for the transaction's lock.

const db = require('dynalite/db')
const { replaceModule, extensionsOf } = require('./modules')

for (const name of [ 'putItem', 'updateItem', 'deleteItem' ]) {
  replaceModule('dynalite/actions/' + name, (action) => function (store, data, cb) {
    const { transactions } = extensionsOf(store)
    if (!transactions || !transactions.conflictMode) return action(store, data, cb)
    store.getTable(data.TableName, (err, table) => {
      // The action itself reports a missing table or a key that does not match the schema.
      if (err || (data.Item ? db.validateItem(data.Item, table) : db.validateKey(data.Key, table))) return action(store, data, cb)
      if (!transactions.isHeld(data.TableName, db.createKey(data.Item || data.Key, table))) return action(store, data, cb)
      const conflict = new Error('Transaction is ongoing for the item')
      conflict.statusCode = 400
      conflict.body = { __type: 'com.amazonaws.dynamodb.v20120810#TransactionConflictException', message: conflict.message }
      cb(conflict)
    })
  })
}
