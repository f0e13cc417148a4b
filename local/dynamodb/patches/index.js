'use strict'

// Corrections and extensions to dynalite 4.0.0, applied when this module loads: before dynalite's
// own index.js, whose action table and batchWriteItem take the action modules as they are at that
// moment. Each patch replaces or wraps only the functions that are wrong or missing; see README.md
// ("Fixes to dynalite") for what each one changes and which test proves it.

const path = require('path')

if (require.cache[path.join(path.dirname(require.resolve('dynalite/package.json')), 'index.js')]) {
  throw new Error('local/dynamodb/patches must be loaded before dynalite')
}

require('./tables')
require('./conflicts')
require('./items')
require('./expressions')
