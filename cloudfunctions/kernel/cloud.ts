import * as cloud from 'wx-server-sdk'

export type Cloud = typeof cloud

let initialised = false

/**
 * The SDK, initialised once per container for the environment the function runs in
 * (`DYNAMIC_CURRENT_ENV`), so the same bundle works in every environment it is deployed to.
 */
export function getCloud(): Cloud {
  if (!initialised) {
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
    initialised = true
  }
  return cloud
}
