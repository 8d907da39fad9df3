#!/usr/bin/env node
'use strict'
const { runCli, USAGE } = require('../cli')

runCli(process.argv.slice(2)).catch((err) => {
  console.error(`[devcloud] ${err && err.message ? err.message : err}`)
  if (err && err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') console.error(USAGE)
  process.exit(1)
})
