#!/usr/bin/env node
'use strict'

// What a stream costs a writer: PutItem throughput on a table without a stream and on one with a
// NEW_AND_OLD_IMAGES stream, against an in-memory server started for the run on a free loopback
// port.
//
//   node local/dynamodb/bench/streams.js [puts=2000] [concurrency=16] [rounds=3]

const http = require('http')
const path = require('path')
const { spawn } = require('child_process')

const [ puts = 2000, concurrency = 16, rounds = 3 ] = process.argv.slice(2).map(Number)

async function main () {
  const server = spawn(process.execPath, [ path.join(__dirname, '..', 'server.js'), '--port', '0', '--createTableMs', '10' ],
    { stdio: [ 'ignore', 'pipe', 'inherit' ] })
  try {
    const port = await new Promise((resolve, reject) => {
      server.stdout.on('data', (chunk) => {
        const match = /listening on http:\/\/[^:]+:(\d+)/.exec(String(chunk))
        if (match) resolve(Number(match[1]))
      })
      server.on('exit', (code) => reject(new Error('server exited with ' + code)))
    })
    const call = caller(port)
    await createTable(call, 'plain', false)
    await createTable(call, 'streamed', true)
    for (let round = 1; round <= rounds; round++) {
      const plain = await putMany(call, 'plain', round)
      const streamed = await putMany(call, 'streamed', round)
      console.log('round %d: %d PutItem, %d at a time: without a stream %d ms (%d/s), with one %d ms (%d/s)', round, puts,
        concurrency, Math.round(plain), Math.round(puts * 1000 / plain), Math.round(streamed), Math.round(puts * 1000 / streamed))
    }
  }
  finally {
    server.kill()
  }
}

function caller (port) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency })
  return (target, body) => new Promise((resolve, reject) => {
    const data = JSON.stringify(body)
    const request = http.request({
      host: '127.0.0.1', port, method: 'POST', path: '/', agent,
      headers: {
        'X-Amz-Target': 'DynamoDB_20120810.' + target,
        'Content-Type': 'application/x-amz-json-1.0',
        'Content-Length': Buffer.byteLength(data),
        Authorization: 'AWS4-HMAC-SHA256 Credential=local/20240101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
        'X-Amz-Date': '20240101T000000Z',
      },
    }, (response) => {
      let text = ''
      response.on('data', (chunk) => { text += chunk })
      response.on('end', () => response.statusCode === 200 ? resolve(JSON.parse(text)) : reject(new Error(text)))
    })
    request.on('error', reject)
    request.end(data)
  })
}

async function createTable (call, name, stream) {
  const table = {
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [ { AttributeName: 'PK', AttributeType: 'S' }, { AttributeName: 'SK', AttributeType: 'S' } ],
    KeySchema: [ { AttributeName: 'PK', KeyType: 'HASH' }, { AttributeName: 'SK', KeyType: 'RANGE' } ],
  }
  if (stream) table.StreamSpecification = { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' }
  await call('CreateTable', table)
  while ((await call('DescribeTable', { TableName: name })).Table.TableStatus !== 'ACTIVE') {
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

async function putMany (call, table, round) {
  let next = 0
  const start = process.hrtime.bigint()
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < puts) {
      const i = next++
      await call('PutItem', {
        TableName: table,
        Item: { PK: { S: 'ORG#' + (i % 50) }, SK: { S: 'ITEM#' + round + '-' + i }, n: { N: String(i) }, text: { S: 'x'.repeat(200) } },
      })
    }
  }))
  return Number(process.hrtime.bigint() - start) / 1e6
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
