'use strict'

/**
 * Replaces what `require(id)` returns from now on with `wrap(original)`. Modules that required `id`
 * earlier keep the original, so this must run before dynalite's index.js loads.
 */
function replaceModule (id, wrap) {
  const original = require(id)
  require.cache[require.resolve(id)].exports = wrap(original)
}

/** The Topgun extensions attached to a store by server.js (absent on the private stores of transactions). */
function extensionsOf (store) {
  return (store && store.topgun) || {}
}

module.exports = { replaceModule, extensionsOf }
